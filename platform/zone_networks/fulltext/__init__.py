"""The full-text engine: the search index table and matching, ranking and snippets on SQLite and PostgreSQL.

A low layer (it knows networks, for who may see what, and nothing above):
features keep their entries in step through search/ (the top layer), and may
filter their own lists with `fulltext.engine.matching_ids`.
"""
