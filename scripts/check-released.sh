#!/usr/bin/env bash
# Fails when Cargo.lock pins a pre-release crate (a version with a `-` suffix such as
# `0.10.0-rc.20`; `+` build metadata does not count): the crates this workspace ships are
# built from released versions only.
#   scripts/check-released.sh [LOCKFILE]
set -euo pipefail
lock=${1:-"$(dirname "$0")/../Cargo.lock"}
found=$(awk '
  /^\[\[package\]\]/ { name = "" }
  /^name = / { gsub(/"/, "", $3); name = $3 }
  /^version = / {
    gsub(/"/, "", $3); v = $3; sub(/\+.*/, "", v)   # build metadata is no pre-release
    if (v ~ /-/) print name " " $3
  }
' "$lock")
if [ -n "$found" ]; then
  echo "pre-release crates in $lock (use released versions):" >&2
  echo "$found" | sed 's/^/  /' >&2
  exit 1
fi
echo "released crates only: $(grep -c '^\[\[package\]\]' "$lock") packages in $(basename "$lock")"
