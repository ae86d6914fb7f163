#!/bin/sh
# Install the Debian packages the test suite runs as separate programs, when missing:
#   sh scripts/system_packages.sh COMMAND:PACKAGE ...   e.g. chromium:chromium redis-server:redis-server
# The browser tests drive `chromium`; the live tests start their own `redis-server`
# (on a free port, in a temporary folder: nothing runs on a fixed port). Neither kind
# of test skips when its program is missing, so `make test` and .ci/run install them
# first. Installing needs root (apt-get); anyone else is told what to install.
set -eu

missing=""
for pair in "$@"; do
    command=${pair%%:*}
    package=${pair#*:}
    command -v "$command" >/dev/null 2>&1 || missing="$missing $package"
done
[ -n "$missing" ] || exit 0

if [ "$(id -u)" -ne 0 ]; then
    echo "The tests need these Debian packages, and installing them needs root:" >&2
    echo "    apt-get install$missing" >&2
    exit 1
fi

echo "Installing$missing"
export DEBIAN_FRONTEND=noninteractive
log=$(mktemp "${TMPDIR:-/tmp}/zn-apt.XXXXXX")
trap 'rm -f "$log"' EXIT
apt_get() { apt-get -o DPkg::Lock::Timeout=300 -o Acquire::Retries=3 "$@"; }
# shellcheck disable=SC2086 # one word per package
if ! apt_get install -y -q $missing >"$log" 2>&1; then
    # The package lists may be missing or stale on a fresh machine: refresh them once.
    apt_get update -q >"$log" 2>&1 || { tail -n 30 "$log" >&2; exit 1; }
    # shellcheck disable=SC2086
    apt_get install -y -q $missing >>"$log" 2>&1 || { tail -n 30 "$log" >&2; exit 1; }
fi
