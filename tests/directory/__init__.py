"""Tests of the member directory and profiles."""
