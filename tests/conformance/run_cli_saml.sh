#!/usr/bin/env bash
# Runs every case of saml-cases.tsv through `trustmeta saml verify-response --json` or
# `trustmeta saml verify-request --json` and prints "cli-saml: N passed, M failed";
# then the HTTP-Redirect request of tests/data/saml/signed/redirect-request.query, intact
# and with its RelayState changed.
set -u
here=$(cd "$(dirname "$0")" && pwd); repo=$(cd "$here/../.." && pwd)
bin=${TRUSTMETA_BIN:-$repo/target/debug/trustmeta}
shared=${TRUSTMETA_SHARED:-$repo/../shared}
gen=${TRUSTMETA_SAML_GEN:-}
res() {
  case "$1" in
    shared/*) echo "$shared/${1#shared/}" ;;
    tests/data/saml/signed/*) if [ -n "$gen" ]; then echo "$gen/signed/${1#tests/data/saml/signed/}"; else echo "$repo/$1"; fi ;;
    *) echo "$repo/$1" ;;
  esac
}
pass=0; fail=0
while IFS=$'\t' read -r id kind file enc trust at audience acs request_id opts expect; do
  case "$id" in id|'#'*|'') continue ;; esac
  case "$kind" in
    response) args=(saml verify-response --json --at "$at" --audience "$audience" --acs "$acs")
              [ "$request_id" != - ] && args+=(--request-id "$request_id") ;;
    request) args=(saml verify-request --json --at "$at") ;;
  esac
  [ "$enc" = b64 ] && args+=(--base64)
  IFS=, read -ra ts <<<"$trust"
  for t in "${ts[@]}"; do
    case "${t%%:*}" in cert|pem) args+=(--trust "$(res "${t#*:}")") ;; key) args+=(--trust-key "$(res "${t#*:}")") ;; esac
  done
  IFS=, read -ra os <<<"$opts"
  for o in "${os[@]}"; do
    case "$o" in
      allow_sha1) args+=(--allow-sha1) ;;
      min_rsa_bits=*) args+=(--min-rsa-bits "${o#*=}") ;;
      profile=*) args+=(--profile "${o#*=}") ;;
      signed=*) args+=(--signed "${o#*=}") ;;
      skew=*) args+=(--skew "${o#*=}") ;;
      max_age=*) args+=(--max-age "${o#*=}") ;;
      destination=*) args+=(--destination "${o#*=}") ;;
    esac
  done
  out=$("$bin" "${args[@]}" "$(res "$file")" 2>&1); status=$?
  got=$(printf '%s' "$out" | python3 -c '
import json, sys
d = json.load(sys.stdin)
if d["valid"]:
    print("ok " + (d.get("name_id") or "-") if "name_id" in d else "ok " + d["id"])
else:
    print(d["error"]["code"])' 2>/dev/null || echo "crash")
  want_status=1; case "$expect" in ok*) want_status=0 ;; esac
  if [ "$got" = "$expect" ] && [ "$status" = "$want_status" ]; then pass=$((pass+1)); else fail=$((fail+1)); echo "FAIL $id: expected $expect (exit $want_status), got $got (exit $status)"; fi
done < "$here/saml-cases.tsv"

query=$(res tests/data/saml/signed/redirect-request.query)
key=$repo/tests/data/xmldsig-gen/pki/leaf-rsa2048.pem
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
got=$("$bin" saml verify-request --json --redirect --trust "$key" --at 2026-06-01T10:01:00Z "$query" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["id"], d["relay_state"]) if d["valid"] else print(d["error"]["code"])')
if [ "$got" = "_eidas-req-1 state/42" ]; then pass=$((pass+1)); else fail=$((fail+1)); echo "FAIL redirect: got $got"; fi
sed 's/RelayState=state%2F42/RelayState=state%2F43/' "$query" > "$work/tampered.query"
got=$("$bin" saml verify-request --json --redirect --trust "$key" --at 2026-06-01T10:01:00Z "$work/tampered.query" | python3 -c 'import json,sys; d=json.load(sys.stdin); print("ok" if d["valid"] else d["error"]["code"])')
if [ "$got" = "crypto.bad_signature" ]; then pass=$((pass+1)); else fail=$((fail+1)); echo "FAIL redirect tampered: got $got"; fi
echo "cli-saml: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
