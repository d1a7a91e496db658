#!/usr/bin/env bash
# Runs every case of smp-cases.tsv through `trustmeta smp verify --json` and every row of
# smp-names.tsv through `trustmeta smp name`, and prints "cli-smp: N passed, M failed";
# then every case of smp-redirects.tsv through `trustmeta smp verify --json FIRST
# --redirect-target TARGET`, and prints "cli-smp-redirects: N passed, M failed".
set -u
here=$(cd "$(dirname "$0")" && pwd); repo=$(cd "$here/../.." && pwd)
bin=${TRUSTMETA_BIN:-$repo/target/debug/trustmeta}
shared=${TRUSTMETA_SHARED:-$repo/../shared}
res() { case "$1" in shared/*) echo "$shared/${1#shared/}";; *) echo "$repo/$1";; esac; }
pass=0; fail=0
while IFS=$'\t' read -r id file trust inter at opts participant document process profile expect endpoints; do
  [ "$id" = id ] && continue
  args=(smp verify --json --at "$at" --participant "$participant" --document "$document")
  [ "$process" != - ] && args+=(--process "$process")
  [ "$profile" != - ] && args+=(--transport-profile "$profile")
  IFS=, read -ra ts <<<"$trust"; for t in "${ts[@]}"; do args+=(--trust "$(res "$t")"); done
  if [ "$inter" != - ]; then IFS=, read -ra is <<<"$inter"; for i in "${is[@]}"; do args+=(--intermediate "$(res "$i")"); done; fi
  IFS=, read -ra os <<<"$opts"; for o in "${os[@]}"; do case "$o" in allow_sha1) args+=(--allow-sha1);; min_rsa_bits=*) args+=(--min-rsa-bits "${o#*=}");; owner=*) args+=(--owner-trust "$(res "${o#*=}")");; esac; done
  want=$expect; [ "$expect" = ok ] && want="ok $endpoints"
  out=$("$bin" "${args[@]}" "$(res "$file")" 2>&1)
  # The record's outcome, then its owner signatures' when --owner-trust checked them.
  got=$(printf '%s' "$out" | python3 -c '
import json, sys
d = json.load(sys.stdin)
o = d.get("owner_signatures")
if not d["valid"]: print(d["error"]["code"])
elif o is not None and not o["valid"]: print(o["error"]["code"])
else: print("ok %d" % len(d["endpoints"]))' 2>/dev/null || echo "crash")
  if [ "$got" = "$want" ]; then pass=$((pass+1)); else fail=$((fail+1)); echo "FAIL $id: expected $want, got $got"; fi
done < "$here/smp-cases.tsv"
while IFS=$'\t' read -r participant zone kind name; do
  [ "$participant" = participant ] && continue
  args=(smp name "$participant" --zone "$zone"); [ "$kind" = cname ] && args+=(--cname)
  got=$("$bin" "${args[@]}" 2>&1)
  if [ "$got" = "$name" ]; then pass=$((pass+1)); else fail=$((fail+1)); echo "FAIL name $participant $zone $kind: expected $name, got $got"; fi
done < "$here/smp-names.tsv"
echo "cli-smp: $pass passed, $fail failed"
smp_pass=$pass; smp_fail=$fail; pass=0; fail=0
while IFS=$'\t' read -r id first target trust inter at opts participant document process profile expect endpoints; do
  [ "$id" = id ] && continue
  args=(smp verify --json --at "$at" --participant "$participant" --document "$document" --redirect-target "$(res "$target")")
  [ "$process" != - ] && args+=(--process "$process")
  [ "$profile" != - ] && args+=(--transport-profile "$profile")
  IFS=, read -ra ts <<<"$trust"; for t in "${ts[@]}"; do args+=(--trust "$(res "$t")"); done
  if [ "$inter" != - ]; then IFS=, read -ra is <<<"$inter"; for i in "${is[@]}"; do args+=(--intermediate "$(res "$i")"); done; fi
  IFS=, read -ra os <<<"$opts"; for o in "${os[@]}"; do case "$o" in allow_sha1) args+=(--allow-sha1);; min_rsa_bits=*) args+=(--min-rsa-bits "${o#*=}");; esac; done
  want=$expect; [ "$expect" = ok ] && want="ok $endpoints"
  out=$("$bin" "${args[@]}" "$(res "$first")" 2>&1)
  got=$(printf '%s' "$out" | python3 -c 'import json,sys; d=json.load(sys.stdin); print("ok %d" % len(d["endpoints"]) if d["valid"] else d["error"]["code"])' 2>/dev/null || echo "crash")
  if [ "$got" = "$want" ]; then pass=$((pass+1)); else fail=$((fail+1)); echo "FAIL $id: expected $want, got $got"; fi
done < "$here/smp-redirects.tsv"
echo "cli-smp-redirects: $pass passed, $fail failed"
[ "$smp_fail" -eq 0 ] && [ "$fail" -eq 0 ]
