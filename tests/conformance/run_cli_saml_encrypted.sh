#!/usr/bin/env bash
# Runs every row of an encrypted-response table (default saml-encrypted-cases.tsv; the
# manifest tests/producers/run.sh writes has the same columns) through
# `trustmeta saml verify-response --json --decrypt-key …`, or `trustmeta saml decrypt
# --json` for `decrypt_only` rows, and prints "LABEL: N passed, M failed".
#
#   tests/conformance/run_cli_saml_encrypted.sh [TABLE [LABEL]]
set -u
here=$(cd "$(dirname "$0")" && pwd); repo=$(cd "$here/../.." && pwd)
bin=${TRUSTMETA_BIN:-$repo/target/debug/trustmeta}
shared=${TRUSTMETA_SHARED:-$repo/../shared}
table=${1:-$here/saml-encrypted-cases.tsv}
label=${2:-cli-saml-encrypted}
res() {
  case "$1" in
    shared/*) echo "$shared/${1#shared/}" ;;
    /*) echo "$1" ;;
    *) echo "$repo/$1" ;;
  esac
}
pass=0; fail=0
while IFS=$'\t' read -r id file trust at audience acs request_id keys opts expect; do
  case "$id" in id|'#'*|'') continue ;; esac
  decrypt_only=0
  case ",$opts," in *,decrypt_only,*) decrypt_only=1 ;; esac
  if [ "$decrypt_only" = 1 ]; then
    args=(saml decrypt --json)
  else
    args=(saml verify-response --json --at "$at" --audience "$audience" --acs "$acs")
    [ "$request_id" != - ] && args+=(--request-id "$request_id")
    IFS=, read -ra ts <<<"$trust"; for t in "${ts[@]}"; do args+=(--trust "$(res "$t")"); done
  fi
  if [ "$keys" != - ]; then IFS=, read -ra ks <<<"$keys"; for k in "${ks[@]}"; do args+=(--decrypt-key "$(res "$k")"); done; fi
  IFS=, read -ra os <<<"$opts"
  for o in "${os[@]}"; do
    case "$o" in
      allow_legacy_encryption) args+=(--allow-legacy-encryption) ;;
      allow_sha1) args+=(--allow-sha1) ;;
      min_rsa_bits=*) args+=(--min-rsa-bits "${o#*=}") ;;
      profile=*) args+=(--profile "${o#*=}") ;;
      signed=*) args+=(--signed "${o#*=}") ;;
    esac
  done
  out=$("$bin" "${args[@]}" "$(res "$file")" 2>&1); status=$?
  got=$(printf '%s' "$out" | python3 -c '
import json, re, sys
d = json.load(sys.stdin)
if not d["valid"]:
    print(d["error"]["code"])
elif "name_id" in d:
    print("ok " + (d["name_id"] or "-"))
else:
    m = re.search(r"NameID[^>]*>\s*([^<]*?)\s*<", d["xml"])
    print("ok " + (m.group(1) if m else "-"))' 2>/dev/null || echo "crash")
  want_status=1; case "$expect" in ok*) want_status=0 ;; esac
  # A key the CLI cannot read is a usage error (exit 2); no row expects one.
  if [ "$got" = "$expect" ] && [ "$status" = "$want_status" ]; then pass=$((pass+1)); else fail=$((fail+1)); echo "FAIL $id: expected $expect (exit $want_status), got $got (exit $status)"; fi
done < "$table"
echo "$label: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
