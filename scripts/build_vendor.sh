#!/bin/sh
# Copy the front-end files the app serves from node_modules into static/vendor/ (git-ignored).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
vendor="$root/static/vendor"
govuk="$root/node_modules/govuk-frontend/dist/govuk"
rm -rf "$vendor.tmp"
mkdir -p "$vendor.tmp/govuk" "$vendor.tmp/socket.io" "$vendor.tmp/chart.js"
cp "$govuk/govuk-frontend.min.css" "$govuk/govuk-frontend.min.js" "$vendor.tmp/govuk/"
cp -R "$govuk/assets" "$vendor.tmp/govuk/assets"
cp "$root/node_modules/socket.io-client/dist/socket.io.min.js" "$vendor.tmp/socket.io/"
cp "$root/node_modules/chart.js/dist/chart.umd.min.js" "$vendor.tmp/chart.js/"
rm -rf "$vendor"
mv "$vendor.tmp" "$vendor"
