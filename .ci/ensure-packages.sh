#!/bin/sh
# The tests drive real Debian programs: chromium (test/browser, through playwright-core; npm never downloads a
# browser), BIND, Unbound and dnsmasq (the blocklist's resolver formats are loaded by the resolvers themselves), dig,
# openssl, curl, shellcheck (the reference ISP client is held to POSIX sh) and redis-server (rate limits shared by
# replicas). Installs whatever is missing, with one apt-get update: as root with apt-get (CI runs as root on a fresh
# Debian machine), otherwise it says what to run.
# CHROMIUM_PATH overrides where chromium is looked for.
#
# The daemons (named, unbound, redis-server) are never started by the install: the tests start their own on free loopback ports, and a named or
# unbound left listening on port 53 would only get in the way. Where no policy-rc.d says so already, one that refuses
# every start is put in place for the install and removed after it.
set -eu

# binary:package, one per line; a binary is looked for on PATH and in the sbin folders (a non-root PATH lacks them).
WANTED="
${CHROMIUM_PATH:-chromium}:chromium
named:bind9
named-checkzone:bind9-utils
dig:bind9-dnsutils
unbound-checkconf:unbound
dnsmasq:dnsmasq-base
openssl:openssl
curl:curl
shellcheck:shellcheck
redis-server:redis-server
"

found() {
  case "$1" in
    /*) [ -x "$1" ] ;;
    *) command -v "$1" >/dev/null 2>&1 || [ -x "/usr/sbin/$1" ] || [ -x "/sbin/$1" ] ;;
  esac
}

missing=""
for pair in $WANTED; do
  binary="${pair%:*}"
  package="${pair##*:}"
  if ! found "$binary"; then
    missing="$missing $package"
  fi
done
if [ -z "$missing" ]; then
  exit 0
fi
missing="${missing# }"

if [ "$(id -u)" -ne 0 ]; then
  echo "ensure-packages: missing $missing and this is not root: run 'sudo apt-get update && sudo apt-get install -y --no-install-recommends $missing'" >&2
  exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-packages: missing $missing and there is no apt-get: install them (and set CHROMIUM_PATH for chromium)" >&2
  exit 1
fi

echo "ensure-packages: installing Debian's $missing (for the tests)" >&2
POLICY=/usr/sbin/policy-rc.d
placed_policy=""
if [ ! -e "$POLICY" ]; then
  printf '#!/bin/sh\n# ensure-packages: no daemon starts while the test packages install.\nexit 101\n' >"$POLICY"
  chmod 755 "$POLICY"
  placed_policy=yes
fi
restore_policy() {
  if [ -n "$placed_policy" ]; then rm -f "$POLICY"; fi
}
trap restore_policy EXIT
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086 # one word per package
apt-get install -y -qq --no-install-recommends $missing >/dev/null

for pair in $WANTED; do
  binary="${pair%:*}"
  if ! found "$binary"; then
    echo "ensure-packages: $binary is still missing after installing ${pair##*:}" >&2
    exit 1
  fi
done
echo "ensure-packages: installed $missing" >&2
