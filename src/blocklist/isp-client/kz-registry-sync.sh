#!/bin/sh
# kz-registry-sync: the reference ISP client of the kz-crypto-registry blocklist.
#
# Fetches the latest signed manifest, verifies it with a locally pinned Ed25519 public key, refuses a rollback, a
# frozen (expired) manifest, a forked history and a tampered file, then installs one format of the blocklist
# atomically, runs an optional reload command, and only then records what it applied.
# POSIX sh; needs curl, openssl (1.1.1 or later, for -rawin), sha256sum and the POSIX tools.
#
# Exit codes: 0 installed or nothing to do; 1 refused (nothing installed, state unchanged); 2 usage;
# 3 could not fetch, install or reload (state unchanged: the next run tries again).

set -u
umask 022

PROG=kz-registry-sync
MANIFEST_TYPE='kz-crypto-registry/blocklist-manifest'

usage() {
  cat <<EOF
Usage: $PROG [-u BASE_URL] [-f FORMAT] [-o TARGET] [-s STATE_DIR] [-k KEYS_DIR] [-r RELOAD_COMMAND]

Installs the registry's latest signed blocklist publication, in one format, at TARGET.

  -u BASE_URL   the registry, e.g. https://registry.example.kz       (env KZR_BASE_URL)
  -f FORMAT     rpz, unbound, dnsmasq, hosts, domains, ip, cidr, urls, csv, ndjson
                                                     (env KZR_FORMAT; default rpz)
  -o TARGET     the file to install, e.g. /etc/bind/kz-registry.rpz  (env KZR_TARGET)
  -s STATE_DIR  where the applied serial and manifest hash are kept
                                   (env KZR_STATE_DIR; default /var/lib/kz-registry-sync)
  -k KEYS_DIR   pinned public keys, one PEM file per key id: KEYS_DIR/<keyId>.pem
                                   (env KZR_KEYS_DIR; default /etc/kz-registry-sync/keys)
  -r COMMAND    run after installing, e.g. 'rndc reload kz-crypto-registry.rpz'
                or 'unbound-control reload'              (env KZR_RELOAD)
  -h            this help

Refuses (exit 1, nothing installed): a bad signature or a key that is not pinned, a serial lower than the one
applied (rollback), an expired manifest (freeze), a history that does not descend from the applied manifest
(fork), a file whose size or SHA-256 differs from the manifest (tamper).
Exit 0: installed, or the applied serial is still the latest. Exit 3: fetching, installing or reloading failed.
EOF
}

BASE_URL=${KZR_BASE_URL:-}
FORMAT=${KZR_FORMAT:-rpz}
TARGET=${KZR_TARGET:-}
STATE_DIR=${KZR_STATE_DIR:-/var/lib/kz-registry-sync}
KEYS_DIR=${KZR_KEYS_DIR:-/etc/kz-registry-sync/keys}
RELOAD=${KZR_RELOAD:-}

while getopts 'u:f:o:s:k:r:h' opt; do
  case $opt in
    u) BASE_URL=$OPTARG ;;
    f) FORMAT=$OPTARG ;;
    o) TARGET=$OPTARG ;;
    s) STATE_DIR=$OPTARG ;;
    k) KEYS_DIR=$OPTARG ;;
    r) RELOAD=$OPTARG ;;
    h) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))

usage_error() {
  printf '%s: %s (see %s -h)\n' "$PROG" "$1" "$PROG" >&2
  exit 2
}

[ $# -eq 0 ] || usage_error "unexpected argument: $1"
[ -n "$BASE_URL" ] || usage_error 'no base URL: give -u or KZR_BASE_URL'
[ -n "$TARGET" ] || usage_error 'no target file: give -o or KZR_TARGET'
printf '%s\n' "$FORMAT" | grep -Eq '^[a-z0-9-]{1,32}$' || usage_error "not a format name: $FORMAT"
BASE_URL=${BASE_URL%/}

WORK=
LOCK=
cleanup() {
  [ -z "$WORK" ] || rm -rf "$WORK"
  [ -z "$LOCK" ] || rm -rf "$LOCK"
}
trap cleanup EXIT
trap 'exit 3' HUP INT TERM

# Every refusal and failure is one line on stderr; the EXIT trap cleans up.
refuse() {
  printf '%s: refused: %s\n' "$PROG" "$1" >&2
  exit 1
}
fail() {
  printf '%s: failed: %s\n' "$PROG" "$1" >&2
  exit 3
}

mkdir -p "$STATE_DIR" || fail "cannot create the state directory $STATE_DIR"

# One run at a time: a lock directory holding the pid of its owner; a lock left by a dead run is taken over.
LOCK_DIR=$STATE_DIR/lock
if ! mkdir "$LOCK_DIR" 2>/dev/null; then
  owner=$(cat "$LOCK_DIR/pid" 2>/dev/null || true)
  if [ -n "$owner" ] && kill -0 "$owner" 2>/dev/null; then
    fail "another run (process $owner) holds $LOCK_DIR"
  fi
  rm -rf "$LOCK_DIR"
  mkdir "$LOCK_DIR" 2>/dev/null || fail "cannot take the lock $LOCK_DIR"
fi
LOCK=$LOCK_DIR
echo $$ > "$LOCK_DIR/pid"

WORK=$STATE_DIR/work.$$
rm -rf "$WORK"
mkdir "$WORK" || fail "cannot create $WORK"

# fetch PATH FILE: the registry's PATH into FILE, decoded (hashes are over the decoded bytes).
fetch() {
  curl -fsS --compressed --max-time "${KZR_TIMEOUT:-300}" -o "$2" "$BASE_URL$1" 2>"$WORK/curl.err" ||
    fail "cannot fetch $BASE_URL$1: $(tr '\n' ' ' < "$WORK/curl.err" | sed 's/ *$//')"
}

sha256_of() {
  sha256sum < "$1" | sed 's/ .*//'
}

size_of() {
  wc -c < "$1" | tr -d ' '
}

# The manifest is RFC 8785 canonical JSON with flat top-level keys. top FILE: the top level without the `files` list
# (the only `}]` in a manifest closes it); field TEXT KEY: a number, null or plain string value of KEY in TEXT.
top() {
  sed 's/"files":\[.*}\],//' "$1"
}
field() {
  printf '%s\n' "$1" | sed -n "s/.*\"$2\":\"\{0,1\}\([^\",}]*\)\"\{0,1\}[,}].*/\1/p"
}

# Fields read from a manifest are checked against what they may be before they are used.
matches() {
  printf '%s\n' "$1" | grep -Eq "^$2\$"
}

HEX64='[0-9a-f]{64}'
SERIAL='(0|[1-9][0-9]{0,17})'

# 1. The latest manifest, and the signature of its serial (immutable, so it cannot change between the two fetches).
fetch /v1/blocklist/latest/manifest.json "$WORK/manifest.json"
head=$(top "$WORK/manifest.json")
serial=$(field "$head" serial)
key_id=$(field "$head" keyId)
matches "$serial" "$SERIAL" || refuse "malformed manifest: no serial in $BASE_URL/v1/blocklist/latest/manifest.json"
matches "$key_id" '[A-Za-z0-9_-]{1,64}' || refuse "malformed manifest: no keyId in the manifest of serial $serial"
fetch "/v1/blocklist/$serial/manifest.json.sig" "$WORK/manifest.json.sig"

# 2. The signature, by a pinned key: nothing else in the manifest is trusted before this.
key_file=$KEYS_DIR/$key_id.pem
[ -r "$key_file" ] || refuse "unknown key: the manifest of serial $serial is signed by key $key_id, which is not pinned in $KEYS_DIR"
openssl pkeyutl -verify -pubin -inkey "$key_file" -rawin -in "$WORK/manifest.json" -sigfile "$WORK/manifest.json.sig" >/dev/null 2>&1 ||
  refuse "bad signature: the manifest of serial $serial does not verify with the pinned key $key_id"

manifest_sha=$(sha256_of "$WORK/manifest.json")
if [ "$(field "$head" type)" != "$MANIFEST_TYPE" ] || [ "$(field "$head" version)" != 1 ]; then
  refuse "malformed manifest: serial $serial is not a $MANIFEST_TYPE of version 1"
fi

# 3. Freeze: a manifest past its expiry is refused even when its serial is the one applied, so monitoring sees it.
expires=$(field "$head" expiresAt)
matches "$expires" '[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z' || refuse "malformed manifest: no expiresAt in serial $serial"
now=$(date -u +%Y-%m-%dT%H:%M:%SZ)
if awk -v e="$expires" -v n="$now" 'BEGIN { exit !(e < n) }'; then
  refuse "freeze: the manifest of serial $serial expired at $expires"
fi

# 4. Rollback and fork, against what was applied last.
applied_serial=
applied_sha=
if [ -f "$STATE_DIR/applied" ]; then
  applied_serial=$(sed -n 's/^serial=//p' "$STATE_DIR/applied")
  applied_sha=$(sed -n 's/^manifestSha256=//p' "$STATE_DIR/applied")
  if ! matches "$applied_serial" "$SERIAL" || ! matches "$applied_sha" "$HEX64"; then
    fail "$STATE_DIR/applied is damaged: restore it, or delete it to trust the next manifest as new"
  fi
fi

if [ -n "$applied_serial" ]; then
  if [ "$serial" -lt "$applied_serial" ]; then
    refuse "rollback: the latest manifest has serial $serial, lower than the applied serial $applied_serial"
  fi
  if [ "$serial" -eq "$applied_serial" ]; then
    [ "$manifest_sha" = "$applied_sha" ] ||
      refuse "fork: the manifest of serial $serial differs from the one applied (SHA-256 $manifest_sha, applied $applied_sha)"
    echo "$PROG: serial $serial is applied and still the latest; nothing to do"
    exit 0
  fi
  # Walk the hash chain back from the new manifest to the applied serial: each manifest names its predecessor's
  # serial and SHA-256, so the intermediate manifests need no signature of their own.
  current=$WORK/manifest.json
  current_serial=$serial
  while :; do
    link=$(top "$current")
    previous=$(field "$link" previousSerial)
    previous_sha=$(field "$link" previousManifestSha256)
    if [ "$previous" = null ] || ! matches "$previous" "$SERIAL" || [ "$previous" -lt "$applied_serial" ] || [ "$previous" -ge "$current_serial" ]; then
      refuse "fork: the history of serial $serial does not pass through the applied serial $applied_serial (serial $current_serial follows ${previous:-nothing})"
    fi
    matches "$previous_sha" "$HEX64" || refuse "malformed manifest: serial $current_serial has no previousManifestSha256"
    if [ "$previous" -eq "$applied_serial" ]; then
      [ "$previous_sha" = "$applied_sha" ] ||
        refuse "fork: serial $current_serial descends from a manifest of serial $applied_serial other than the one applied (SHA-256 $previous_sha, applied $applied_sha)"
      break
    fi
    fetch "/v1/blocklist/$previous/manifest.json" "$WORK/chain.json"
    [ "$(sha256_of "$WORK/chain.json")" = "$previous_sha" ] ||
      refuse "fork: the manifest served for serial $previous is not the one serial $current_serial names (SHA-256 $(sha256_of "$WORK/chain.json"), named $previous_sha)"
    [ "$(field "$(top "$WORK/chain.json")" serial)" = "$previous" ] || refuse "fork: the manifest served for serial $previous names another serial"
    mv -f "$WORK/chain.json" "$WORK/link.json"
    current=$WORK/link.json
    current_serial=$previous
  done
fi

# 5. The file of the chosen format, checked against the manifest before anything is installed.
entry=$(awk '{ gsub(/\},\{/, "}\n{"); print }' "$WORK/manifest.json" | grep "\"format\":\"$FORMAT\"" | sed 's/.*{//; s/}.*//')
[ -n "$entry" ] || refuse "unknown format: the manifest of serial $serial has no $FORMAT file"
name=$(field "{$entry}" name)
url=$(field "{$entry}" url)
sha=$(field "{$entry}" sha256)
size=$(field "{$entry}" size)
if ! matches "$url" "/v1/blocklist/$serial/[A-Za-z0-9._-]+" || ! matches "$sha" "$HEX64" || ! matches "$size" '[0-9]{1,18}'; then
  refuse "malformed manifest: the $FORMAT entry of serial $serial"
fi
fetch "$url" "$WORK/file"
got_size=$(size_of "$WORK/file")
[ "$got_size" = "$size" ] || refuse "tamper: $name of serial $serial has $got_size bytes, the manifest says $size"
got_sha=$(sha256_of "$WORK/file")
[ "$got_sha" = "$sha" ] || refuse "tamper: $name of serial $serial has SHA-256 $got_sha, the manifest says $sha"

# 6. Install atomically: written beside the target (same file system), then renamed over it.
target_dir=$(dirname "$TARGET")
[ -d "$target_dir" ] || fail "the target's directory $target_dir does not exist"
staged=$TARGET.kzr-new.$$
cp "$WORK/file" "$staged" 2>/dev/null || { rm -f "$staged"; fail "cannot write $staged"; }
mv -f "$staged" "$TARGET" || { rm -f "$staged"; fail "cannot rename $staged to $TARGET"; }

if [ -n "$RELOAD" ]; then
  sh -c "$RELOAD" >"$WORK/reload.out" 2>&1 ||
    fail "installed serial $serial at $TARGET, but the reload command failed ($RELOAD: $(tr '\n' ' ' < "$WORK/reload.out" | sed 's/ *$//')); the next run installs and reloads again"
fi

# 7. Only now is the serial recorded (with the manifest, for the next run's fork check), in one rename.
if ! { cp "$WORK/manifest.json" "$STATE_DIR/manifest.json.new" &&
  mv -f "$STATE_DIR/manifest.json.new" "$STATE_DIR/manifest.json" &&
  printf 'serial=%s\nmanifestSha256=%s\n' "$serial" "$manifest_sha" > "$STATE_DIR/applied.new" &&
  mv -f "$STATE_DIR/applied.new" "$STATE_DIR/applied"; }; then
  fail "installed serial $serial at $TARGET but cannot record it in $STATE_DIR"
fi
echo "$PROG: installed serial $serial ($FORMAT, $size bytes) at $TARGET"
