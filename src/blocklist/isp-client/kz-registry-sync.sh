#!/bin/sh
# kz-registry-sync: the reference ISP client of the kz-crypto-registry blocklist.
#
# Fetches the latest signed manifest, verifies it with a locally pinned Ed25519 public key, refuses a rollback, a
# frozen (expired) manifest, a forked history and a tampered file, then installs one format of the blocklist
# atomically, runs an optional reload command, and only then records what it applied. A resolver far behind catches
# up over several runs: each run walks at most MAX_MANIFESTS links of the hash chain and keeps the verified part.
# POSIX sh; needs curl (7.66 or later, for Retry-After), openssl (1.1.1 or later, for -rawin), sha256sum and the
# POSIX tools.
#
# Exit codes: 0 installed, nothing to do, or catching up (part of the chain verified and kept, nothing installed
# yet); 1 refused (nothing installed, the applied state unchanged); 2 usage; 3 could not fetch, write, install or
# reload (the applied state unchanged: the next run tries again).

set -u
umask 022

PROG=kz-registry-sync
MANIFEST_TYPE='kz-crypto-registry/blocklist-manifest'

usage() {
  cat <<EOF
Usage: $PROG [-u BASE_URL] [-f FORMAT] [-o TARGET] [-s STATE_DIR] [-k KEYS_DIR] [-r RELOAD_COMMAND]
                        [-n COUNT] [-l FACILITY]

Installs the registry's latest signed blocklist publication, in one format, at TARGET.

  -u BASE_URL   the registry, e.g. https://registry.example.kz       (env KZR_BASE_URL)
  -f FORMAT     rpz, unbound, dnsmasq, hosts, domains, ip, cidr, urls, csv, ndjson
                                                     (env KZR_FORMAT; default rpz)
  -o TARGET     the file to install, e.g. /var/lib/bind/kz-crypto-registry.rpz; its directory must be
                writable by the user the job runs as                   (env KZR_TARGET)
  -s STATE_DIR  where the applied serial and manifest hash, the lock and a catch-up's progress are kept;
                it must be writable by the user the job runs as
                                   (env KZR_STATE_DIR; default /var/lib/kz-registry-sync)
  -k KEYS_DIR   pinned public keys, one PEM file per key id: KEYS_DIR/<keyId>.pem
                                   (env KZR_KEYS_DIR; default /etc/kz-registry-sync/keys)
  -r COMMAND    run after installing, e.g. 'rndc reload kz-crypto-registry.rpz'
                or 'unbound-control reload'              (env KZR_RELOAD)
  -n COUNT      at most COUNT manifests of the chain fetched in one run; a longer gap is walked over
                several runs, each resuming where the last stopped     (env KZR_MAX_MANIFESTS; default 100)
  -l FACILITY   also log each outcome with logger to FACILITY (e.g. daemon): refusals and failures at
                priority err, an install at notice, catching up at info, nothing to do at debug
                                                                       (env KZR_SYSLOG)
  -h            this help

Refuses (exit 1, nothing installed): a bad signature or a key that is not pinned, a serial lower than the one
applied (rollback), an expired manifest (freeze), a history that does not descend from the applied manifest
(fork), a file whose size or SHA-256 differs from the manifest (tamper).
Exit 0: installed, the applied serial is still the latest, or catching up (the next run continues).
Exit 3: fetching, writing, installing or reloading failed. Requests answered 429 or 503 are retried as their
Retry-After says, for at most 60 seconds a request.
EOF
}

BASE_URL=${KZR_BASE_URL:-}
FORMAT=${KZR_FORMAT:-rpz}
TARGET=${KZR_TARGET:-}
STATE_DIR=${KZR_STATE_DIR:-/var/lib/kz-registry-sync}
KEYS_DIR=${KZR_KEYS_DIR:-/etc/kz-registry-sync/keys}
RELOAD=${KZR_RELOAD:-}
MAX_MANIFESTS=${KZR_MAX_MANIFESTS:-100}
SYSLOG=${KZR_SYSLOG:-}

while getopts 'u:f:o:s:k:r:n:l:h' opt; do
  case $opt in
    u) BASE_URL=$OPTARG ;;
    f) FORMAT=$OPTARG ;;
    o) TARGET=$OPTARG ;;
    s) STATE_DIR=$OPTARG ;;
    k) KEYS_DIR=$OPTARG ;;
    r) RELOAD=$OPTARG ;;
    n) MAX_MANIFESTS=$OPTARG ;;
    l) SYSLOG=$OPTARG ;;
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
printf '%s\n' "$MAX_MANIFESTS" | grep -Eq '^[1-9][0-9]{0,5}$' || usage_error "not a number of manifests from 1 to 999999: $MAX_MANIFESTS"
if [ -n "$SYSLOG" ]; then
  printf '%s\n' "$SYSLOG" | grep -Eq '^(auth|authpriv|cron|daemon|ftp|lpr|mail|news|syslog|user|uucp|local[0-7])$' ||
    usage_error "not a syslog facility: $SYSLOG"
fi
BASE_URL=${BASE_URL%/}

WORK=
LOCK=
cleanup() {
  [ -z "$WORK" ] || rm -rf "$WORK"
  [ -z "$LOCK" ] || rm -rf "$LOCK"
}
trap cleanup EXIT

# Every outcome is one line: a refusal or a failure on stderr, anything else on stdout; with -l, also to syslog (the
# tag names the program, so the line goes without it). A refusal or a failure exits; the EXIT trap cleans up.
log() {
  [ -z "$SYSLOG" ] || logger -t "$PROG" -p "$SYSLOG.$1" -- "$2" >/dev/null 2>&1 || true
}
say() {
  printf '%s: %s\n' "$PROG" "$2"
  log "$1" "$2"
}
refuse() {
  printf '%s: refused: %s\n' "$PROG" "$1" >&2
  log err "refused: $1"
  exit 1
}
fail() {
  keep_progress
  printf '%s: failed: %s\n' "$PROG" "$1" >&2
  log err "failed: $1"
  exit 3
}
# Set once a chain walk has verified something worth keeping for the next run (step 4).
keep_progress() { :; }
trap 'fail "interrupted by a signal; the next run tries again (and resumes a chain walk from what this one verified)"' HUP INT TERM

# What the job's user must be able to write and read, checked before any request, with what to do about it.
user=$(id -un 2>/dev/null || id -u)
group=$(id -gn 2>/dev/null || id -g)
if [ ! -d "$STATE_DIR" ]; then
  mkdir -p "$STATE_DIR" 2>/dev/null ||
    fail "cannot create the state directory $STATE_DIR as user $user: create it owned by that user (as root: install -d -o $user -g $group $STATE_DIR)"
fi
if [ ! -w "$STATE_DIR" ] || [ ! -x "$STATE_DIR" ]; then
  fail "the state directory $STATE_DIR is not writable by user $user, which this job runs as: make it that user's (as root: chown $user:$group $STATE_DIR)"
fi
if [ ! -d "$KEYS_DIR" ] || [ ! -r "$KEYS_DIR" ] || [ ! -x "$KEYS_DIR" ]; then
  fail "cannot read the keys directory $KEYS_DIR as user $user: create it, readable by that user, and pin the registry's keys in it (as root: install -d -m 755 $KEYS_DIR)"
fi
target_dir=$(dirname "$TARGET")
[ -d "$target_dir" ] || fail "the target's directory $target_dir does not exist"
if [ ! -w "$target_dir" ] || [ ! -x "$target_dir" ]; then
  fail "the target's directory $target_dir is not writable by user $user: the file is written beside the target and renamed over it, so choose a target in a directory that user may write and the resolver reads (Debian: /var/lib/bind for BIND, /var/lib/unbound for Unbound)"
fi

# One run at a time: a lock directory holding the pid of its owner; a lock left by a dead run is taken over (ps, not
# only kill -0, which cannot signal another user's live process).
LOCK_DIR=$STATE_DIR/lock
if ! mkdir "$LOCK_DIR" 2>/dev/null; then
  owner=$(cat "$LOCK_DIR/pid" 2>/dev/null || true)
  if [ -n "$owner" ] && { kill -0 "$owner" 2>/dev/null || ps -p "$owner" >/dev/null 2>&1; }; then
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

# fetch PATH FILE: the registry's PATH into FILE, decoded (hashes are over the decoded bytes). A 408, 429, 5xx or a
# timeout is retried up to 3 times, after the Retry-After the server sends (else 1, 2, 4 s), within 60 s a request:
# a longer Retry-After fails the run at once, and the next run (with what this one verified) tries again.
fetch() {
  curl -fsS --compressed --retry 3 --retry-max-time 60 --max-time "${KZR_TIMEOUT:-300}" -o "$2" "$BASE_URL$1" 2>"$WORK/curl.err" ||
    fail "cannot fetch $BASE_URL$1: $(tail -n 1 "$WORK/curl.err")"
}

# The chain walk runs these once per manifest, hundreds of times when catching up: each forks as little as it can.
sha256_of() {
  set -- "$(sha256sum < "$1")"
  printf '%s\n' "${1%% *}"
}

size_of() {
  wc -c < "$1" | tr -d ' '
}

# The manifest is RFC 8785 canonical JSON with flat top-level keys. value FILE KEY: a number, null or plain string
# value of KEY at the top level of FILE, read without the `files` list (the only `}]` in a manifest closes it).
value() {
  sed -n "s/\"files\":\[.*}\],//; s/.*\"$2\":\"\{0,1\}\([^\",}]*\)\"\{0,1\}[,}].*/\1/p" "$1"
}

# Fields read from a manifest are checked against what they may be before they are used.
matches() {
  printf '%s\n' "$1" | grep -Eq "^$2\$"
}
is_serial() {
  case $1 in '' | *[!0-9]* | 0?*) return 1 ;; esac
  [ ${#1} -le 18 ]
}
is_sha256() {
  case $1 in *[!0-9a-f]*) return 1 ;; esac
  [ ${#1} -eq 64 ]
}

# 1. The latest manifest, and the signature of its serial (immutable, so it cannot change between the two fetches).
fetch /v1/blocklist/latest/manifest.json "$WORK/manifest.json"
serial=$(value "$WORK/manifest.json" serial)
key_id=$(value "$WORK/manifest.json" keyId)
is_serial "$serial" || refuse "malformed manifest: no serial in $BASE_URL/v1/blocklist/latest/manifest.json"
matches "$key_id" '[A-Za-z0-9_-]{1,64}' || refuse "malformed manifest: no keyId in the manifest of serial $serial"
fetch "/v1/blocklist/$serial/manifest.json.sig" "$WORK/manifest.json.sig"

# 2. The signature, by a pinned key: nothing else in the manifest is trusted before this.
key_file=$KEYS_DIR/$key_id.pem
if [ ! -r "$key_file" ]; then
  [ ! -e "$key_file" ] || fail "cannot read the pinned key $key_file as user $user: make it readable (as root: chmod 644 $key_file)"
  refuse "unknown key: the manifest of serial $serial is signed by key $key_id, which is not pinned in $KEYS_DIR"
fi
openssl pkeyutl -verify -pubin -inkey "$key_file" -rawin -in "$WORK/manifest.json" -sigfile "$WORK/manifest.json.sig" >/dev/null 2>&1 ||
  refuse "bad signature: the manifest of serial $serial does not verify with the pinned key $key_id"

manifest_sha=$(sha256_of "$WORK/manifest.json")
if [ "$(value "$WORK/manifest.json" type)" != "$MANIFEST_TYPE" ] || [ "$(value "$WORK/manifest.json" version)" != 1 ]; then
  refuse "malformed manifest: serial $serial is not a $MANIFEST_TYPE of version 1"
fi

# 3. Freeze: a manifest past its expiry is refused even when its serial is the one applied, so monitoring sees it.
expires=$(value "$WORK/manifest.json" expiresAt)
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
  if ! is_serial "$applied_serial" || ! is_sha256 "$applied_sha"; then
    fail "$STATE_DIR/applied is damaged: restore it, or delete it to trust the next manifest as new"
  fi
fi

# What an earlier run verified of a walk it could not finish: that the manifest of serial `target` (signed by a pinned
# key, unexpired then) descends through hash links from the manifest of serial `reached` (its bytes in progress.json,
# whose own predecessor link is the next to follow). Anything inconsistent is only lost work: it is dropped.
PROGRESS=$STATE_DIR/progress
progress_target=
progress_target_sha=
progress_reached=
progress_reached_sha=
if [ -n "$applied_serial" ] && [ -f "$PROGRESS" ]; then
  progress_target=$(sed -n 's/^target=//p' "$PROGRESS")
  progress_target_sha=$(sed -n 's/^targetSha256=//p' "$PROGRESS")
  progress_reached=$(sed -n 's/^reached=//p' "$PROGRESS")
  progress_reached_sha=$(sed -n 's/^reachedSha256=//p' "$PROGRESS")
  if is_serial "$progress_target" && is_sha256 "$progress_target_sha" &&
    is_serial "$progress_reached" && is_sha256 "$progress_reached_sha" &&
    [ "$progress_reached" -gt "$applied_serial" ] && [ "$progress_target" -ge "$progress_reached" ] &&
    cp "$PROGRESS.json" "$WORK/progress.json" 2>/dev/null &&
    [ "$(sha256_of "$WORK/progress.json")" = "$progress_reached_sha" ] &&
    [ "$(value "$WORK/progress.json" serial)" = "$progress_reached" ]; then
    :
  else
    rm -f "$PROGRESS" "$PROGRESS.json"
    progress_target=
  fi
else
  rm -f "$PROGRESS" "$PROGRESS.json"
fi

if [ -n "$applied_serial" ]; then
  if [ "$serial" -lt "$applied_serial" ]; then
    refuse "rollback: the latest manifest has serial $serial, lower than the applied serial $applied_serial"
  fi
  if [ -n "$progress_target" ] && [ "$serial" -lt "$progress_target" ]; then
    refuse "rollback: the latest manifest has serial $serial, lower than serial $progress_target, which an earlier run verified (recorded in $PROGRESS)"
  fi
  if [ "$serial" -eq "$applied_serial" ]; then
    [ "$manifest_sha" = "$applied_sha" ] ||
      refuse "fork: the manifest of serial $serial differs from the one applied (SHA-256 $manifest_sha, applied $applied_sha)"
    say debug "serial $serial is applied and still the latest; nothing to do"
    exit 0
  fi
  # Walk the hash chain back from the new manifest to the applied serial: each manifest names its predecessor's
  # serial and SHA-256, so the intermediate manifests need no signature of their own. The part an earlier run
  # verified is skipped, at most MAX_MANIFESTS are fetched, and a walk that stops short keeps what it verified.
  current=$WORK/manifest.json
  current_serial=$serial
  current_sha=$manifest_sha
  fetched=0
  joined=
  save_progress() {
    { cp "$current" "$PROGRESS.json.new" && mv -f "$PROGRESS.json.new" "$PROGRESS.json" &&
      printf 'target=%s\ntargetSha256=%s\nreached=%s\nreachedSha256=%s\n' "$serial" "$manifest_sha" "$current_serial" "$current_sha" > "$PROGRESS.new" &&
      mv -f "$PROGRESS.new" "$PROGRESS"; } 2>/dev/null
  }
  # On a failure: kept once the walk has gone below the new manifest, unless an earlier run's progress it has not
  # yet met is worth more (the new part above it is then walked again, which is short).
  keep_progress() {
    if [ "$current_serial" -lt "$serial" ] && { [ -z "$progress_target" ] || [ -n "$joined" ]; }; then
      save_progress || true
    fi
  }
  while :; do
    if [ -n "$progress_target" ] && [ -z "$joined" ] && [ "$current_serial" -eq "$progress_target" ]; then
      [ "$current_sha" = "$progress_target_sha" ] ||
        refuse "fork: the manifest of serial $current_serial in the history of serial $serial differs from the one an earlier run verified (SHA-256 $current_sha, verified $progress_target_sha; recorded in $PROGRESS)"
      current=$WORK/progress.json
      current_serial=$progress_reached
      current_sha=$progress_reached_sha
      joined=1
    fi
    previous=$(value "$current" previousSerial)
    previous_sha=$(value "$current" previousManifestSha256)
    if ! is_serial "$previous" || [ "$previous" -lt "$applied_serial" ] || [ "$previous" -ge "$current_serial" ]; then
      refuse "fork: the history of serial $serial does not pass through the applied serial $applied_serial (serial $current_serial follows ${previous:-nothing})"
    fi
    is_sha256 "$previous_sha" || refuse "malformed manifest: serial $current_serial has no previousManifestSha256"
    if [ -n "$progress_target" ] && [ -z "$joined" ] && [ "$previous" -lt "$progress_target" ]; then
      refuse "fork: the history of serial $serial skips serial $progress_target, which an earlier run verified (serial $current_serial follows $previous; recorded in $PROGRESS)"
    fi
    if [ "$previous" -eq "$applied_serial" ]; then
      [ "$previous_sha" = "$applied_sha" ] ||
        refuse "fork: serial $current_serial descends from a manifest of serial $applied_serial other than the one applied (SHA-256 $previous_sha, applied $applied_sha)"
      break
    fi
    if [ "$fetched" -ge "$MAX_MANIFESTS" ]; then
      save_progress || fail "cannot record the progress of the chain walk in $STATE_DIR"
      say info "catching up: verified the history of serial $serial back to serial $current_serial ($fetched manifests this run, at most $MAX_MANIFESTS); the next run continues from there"
      exit 0
    fi
    # Into one of two files in turn: the one it follows stays as it is until this one is verified.
    next=$WORK/chain.$((fetched % 2)).json
    fetch "/v1/blocklist/$previous/manifest.json" "$next"
    fetched=$((fetched + 1))
    got=$(sha256_of "$next")
    [ "$got" = "$previous_sha" ] ||
      refuse "fork: the manifest served for serial $previous is not the one serial $current_serial names (SHA-256 $got, named $previous_sha)"
    [ "$(value "$next" serial)" = "$previous" ] || refuse "fork: the manifest served for serial $previous names another serial"
    current=$next
    current_serial=$previous
    current_sha=$previous_sha
  done
  # The chain is verified: a failure from here on has nothing more to keep than the next run can walk again.
  keep_progress() { :; }
fi

# 5. The file of the chosen format, checked against the manifest before anything is installed.
awk '{ gsub(/\},\{/, "}\n{"); print }' "$WORK/manifest.json" | grep "\"format\":\"$FORMAT\"" | sed 's/.*{/{/; s/}.*/}/' > "$WORK/entry"
[ -s "$WORK/entry" ] || refuse "unknown format: the manifest of serial $serial has no $FORMAT file"
name=$(value "$WORK/entry" name)
url=$(value "$WORK/entry" url)
sha=$(value "$WORK/entry" sha256)
size=$(value "$WORK/entry" size)
if ! matches "$url" "/v1/blocklist/$serial/[A-Za-z0-9._-]+" || ! is_sha256 "$sha" || ! is_serial "$size"; then
  refuse "malformed manifest: the $FORMAT entry of serial $serial"
fi
fetch "$url" "$WORK/file"
got_size=$(size_of "$WORK/file")
[ "$got_size" = "$size" ] || refuse "tamper: $name of serial $serial has $got_size bytes, the manifest says $size"
got_sha=$(sha256_of "$WORK/file")
[ "$got_sha" = "$sha" ] || refuse "tamper: $name of serial $serial has SHA-256 $got_sha, the manifest says $sha"

# 6. Install atomically: written beside the target (same file system), then renamed over it.
staged=$TARGET.kzr-new.$$
cp "$WORK/file" "$staged" 2>/dev/null || { rm -f "$staged"; fail "cannot write $staged"; }
mv -f "$staged" "$TARGET" || { rm -f "$staged"; fail "cannot rename $staged to $TARGET"; }

if [ -n "$RELOAD" ]; then
  sh -c "$RELOAD" >"$WORK/reload.out" 2>&1 ||
    fail "installed serial $serial at $TARGET, but the reload command failed ($RELOAD: $(tr '\n' ' ' < "$WORK/reload.out" | sed 's/ *$//')); the next run installs and reloads again"
fi

# 7. Only now is the serial recorded (with the manifest, for the next run's fork check), in one rename; a catch-up's
# progress has served its purpose.
if ! { cp "$WORK/manifest.json" "$STATE_DIR/manifest.json.new" &&
  mv -f "$STATE_DIR/manifest.json.new" "$STATE_DIR/manifest.json" &&
  printf 'serial=%s\nmanifestSha256=%s\n' "$serial" "$manifest_sha" > "$STATE_DIR/applied.new" &&
  mv -f "$STATE_DIR/applied.new" "$STATE_DIR/applied"; }; then
  fail "installed serial $serial at $TARGET but cannot record it in $STATE_DIR"
fi
rm -f "$PROGRESS" "$PROGRESS.json"
say notice "installed serial $serial ($FORMAT, $size bytes) at $TARGET"
