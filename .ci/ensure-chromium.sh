#!/bin/sh
# The browser tests (test/browser) drive Debian's chromium through playwright-core; no browser is ever downloaded by
# npm. Installs the package when it is missing: as root with apt-get (CI runs as root on a fresh Debian machine),
# otherwise it says what to run. CHROMIUM_PATH overrides where the binary is looked for.
set -eu
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$CHROMIUM" ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "ensure-chromium: $CHROMIUM is missing and this is not root: run 'sudo apt-get update && sudo apt-get install -y chromium'" >&2
  exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-chromium: $CHROMIUM is missing and there is no apt-get: install Chromium and set CHROMIUM_PATH" >&2
  exit 1
fi
echo "ensure-chromium: installing Debian's chromium (for test/browser)" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium >/dev/null
"$CHROMIUM" --version >&2
