#!/usr/bin/env bash
# Runs every case of cases.tsv through the `trustmeta` CLI and prints "N passed, M failed".
# Options: allow_sha1, allow_stale_crl, min_rsa_bits=N and crl=PATH (repeatable: --crl);
# an unknown one fails its case.
set -u
here=$(cd "$(dirname "$0")" && pwd); repo=$(cd "$here/../.." && pwd)
bin=${TRUSTMETA_BIN:-$repo/target/debug/trustmeta}
shared=${TRUSTMETA_SHARED:-$repo/../shared}
res() { case "$1" in shared/*) echo "$shared/${1#shared/}";; *) echo "$repo/$1";; esac; }
pass=0; fail=0
while IFS=$'\t' read -r id file trust inter at opts expect; do
  [ "$id" = id ] && continue
  args=(verify --json --at "$at")
  IFS=, read -ra ts <<<"$trust"; for t in "${ts[@]}"; do args+=(--trust "$(res "$t")"); done
  if [ "$inter" != - ]; then IFS=, read -ra is <<<"$inter"; for i in "${is[@]}"; do args+=(--intermediate "$(res "$i")"); done; fi
  bad=
  IFS=, read -ra os <<<"$opts"; for o in "${os[@]}"; do case "$o" in -) ;; allow_sha1) args+=(--allow-sha1);; allow_stale_crl) args+=(--allow-stale-crl);; crl=?*) args+=(--crl "$(res "${o#crl=}")");; min_rsa_bits=*) args+=(--min-rsa-bits "${o#*=}");; *) bad=$o;; esac; done
  if [ -n "$bad" ]; then fail=$((fail+1)); echo "FAIL $id: unknown option $bad"; continue; fi
  out=$("$bin" "${args[@]}" "$(res "$file")" 2>&1)
  got=$(printf '%s' "$out" | python3 -c 'import json,sys; d=json.load(sys.stdin); print("ok" if d["valid"] else d["error"]["code"])' 2>/dev/null || echo "crash")
  if [ "$got" = "$expect" ]; then pass=$((pass+1)); else fail=$((fail+1)); echo "FAIL $id: expected $expect, got $got"; fi
done < "$here/cases.tsv"
echo "cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
