#!/usr/bin/env bash
# Trusted lists through the command line:
#   1. every case of tsl-cases.tsv through `trustmeta tsl verify --json`;
#   2. tests/data/tsl/make_signed.sh, re-run into a temporary directory, must reproduce
#      the committed signed lists byte for byte (xmlsec1 signs them independently);
#   3. `trustmeta tsl to-smp` in both formats: every record validates against the
#      schema in tests/data/tsl/schema (and a record with its Certificate removed does
#      not), and, wrapped in SignedServiceMetadata and signed by xmlsec1, verifies with
#      `trustmeta smp verify` for the participant and document it names, with the
#      endpoint count and the certificate it carries.
# Prints "cli-tsl: N passed, M failed"; exits non-zero if anything failed.
set -u
here=$(cd "$(dirname "$0")" && pwd); repo=$(cd "$here/../.." && pwd)
bin=${TRUSTMETA_BIN:-$repo/target/debug/trustmeta}
shared=${TRUSTMETA_SHARED:-$repo/../shared}
res() { case "$1" in shared/*) echo "$shared/${1#shared/}";; *) echo "$repo/$1";; esac; }
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
pass=0; fail=0
ok() { pass=$((pass+1)); }
ko() { fail=$((fail+1)); echo "FAIL $*"; }

# 1. Verification cases.
while IFS=$'\t' read -r id file trust inter at opts expect; do
  [ "$id" = id ] && continue
  args=(tsl verify --json --at "$at")
  IFS=, read -ra ts <<<"$trust"; for t in "${ts[@]}"; do args+=(--trust "$(res "$t")"); done
  if [ "$inter" != - ]; then IFS=, read -ra is <<<"$inter"; for i in "${is[@]}"; do args+=(--intermediate "$(res "$i")"); done; fi
  IFS=, read -ra os <<<"$opts"; for o in "${os[@]}"; do case "$o" in allow_sha1) args+=(--allow-sha1);; min_rsa_bits=*) args+=(--min-rsa-bits "${o#*=}");; esac; done
  out=$("$bin" "${args[@]}" "$(res "$file")" 2>&1); status=$?
  got=$(printf '%s' "$out" | python3 -c 'import json,sys; d=json.load(sys.stdin); print("ok %s %d" % (d["territory"], d["sequence_number"]) if d["valid"] else d["error"]["code"])' 2>/dev/null || echo "crash")
  want_status=1; case "$expect" in ok*) want_status=0;; esac
  if [ "$got" = "$expect" ] && [ "$status" = "$want_status" ]; then ok; else ko "$id: expected $expect (exit $want_status), got $got (exit $status)"; fi
done < "$here/tsl-cases.tsv"

# 2. The generator reproduces the committed signatures.
if bash "$repo/tests/data/tsl/make_signed.sh" "$work/gen" >/dev/null 2>"$work/gen.err"; then
  for f in "$repo"/tests/data/tsl/signed/*; do
    if cmp -s "$f" "$work/gen/signed/$(basename "$f")"; then ok; else ko "make_signed.sh does not reproduce $(basename "$f")"; fi
  done
else
  ko "make_signed.sh failed: $(tail -3 "$work/gen.err")"
fi

# 3. to-smp, schema, signed round trip.
PKI=$repo/tests/data/xmldsig-gen/pki
list=$repo/tests/data/tsl/signed/ncp-configuration-xx.xml
AT=2026-06-01T00:00:00Z
sigtmpl='<Signature xmlns="http://www.w3.org/2000/09/xmldsig#"><SignedInfo><CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/><SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/><Reference URI=""><Transforms><Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/><Transform Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/></Transforms><DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><DigestValue/></Reference></SignedInfo><SignatureValue/><KeyInfo><X509Data/></KeyInfo></Signature>'
for format in oasis-smp1 busdox; do
  out=$work/$format
  json=$("$bin" tsl to-smp --json --at "$AT" --trust "$PKI/root.pem" --intermediate "$PKI/intermediate.pem" \
    --format "$format" --out "$out" "$list" 2>&1); status=$?
  n=$(printf '%s' "$json" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["records"]))' 2>/dev/null || echo 0)
  if [ "$status" = 0 ] && [ "$n" = 8 ]; then ok; else ko "$format: to-smp exit $status, $n records: $json"; fi
  case $format in
    oasis-smp1) xsd=$repo/tests/data/tsl/schema/oasis-smp-1.0.xsd; ns=http://docs.oasis-open.org/bdxr/ns/SMP/2016/05 ;;
    busdox) xsd=$repo/tests/data/tsl/schema/busdox-smp-1.0.xsd; ns=http://busdox.org/serviceMetadata/publishing/1.0/ ;;
  esac
  while IFS=$'\t' read -r file participant document endpoints; do
    name=$(basename "$file" .xml)
    if xmllint --noout --schema "$xsd" "$file" 2>"$work/xsd.err"; then ok; else ko "$format $name: schema: $(tail -2 "$work/xsd.err")"; fi
    python3 - "$file" "$ns" "$sigtmpl" > "$work/$name.tmpl.xml" <<'PY'
import sys
body = open(sys.argv[1]).read().split("?>", 1)[1].strip()
print('<?xml version="1.0" encoding="UTF-8"?>\n<SignedServiceMetadata xmlns="%s">%s%s</SignedServiceMetadata>' % (sys.argv[2], body, sys.argv[3]))
PY
    if xmlsec1 --sign --privkey-pem "$PKI/leaf-rsa2048.key,$PKI/leaf-rsa2048.pem,$PKI/intermediate.pem" \
        --output "$work/$name.signed.xml" "$work/$name.tmpl.xml" 2>"$work/sign.err"; then
      got=$("$bin" smp verify --json --at "$AT" --trust "$PKI/root.pem" \
        --participant "ehealth-actorid-qns::$participant" --document "ehealth-resid-qns::$document" \
        "$work/$name.signed.xml" | python3 -c 'import json,sys; d=json.load(sys.stdin); print("ok %d" % len(d["endpoints"]) if d["valid"] else d["error"]["code"])' 2>/dev/null || echo crash)
      if [ "$got" = "ok $endpoints" ]; then ok; else ko "$format $name: smp verify: expected ok $endpoints, got $got"; fi
    else
      ko "$format $name: xmlsec1 --sign: $(tail -2 "$work/sign.err")"
    fi
  done < <(printf '%s' "$json" | python3 -c 'import json,sys
for r in json.load(sys.stdin)["records"]: print("\t".join([r["file"], r["participant"], r["document"], str(r["endpoints"])]))')
  # The schema check can fail: a record without its Certificate does not validate.
  one=$(ls "$out"/*.xml | head -1)
  sed 's#<Certificate>[^<]*</Certificate>##' "$one" > "$work/no-cert.xml"
  if xmllint --noout --schema "$xsd" "$work/no-cert.xml" 2>/dev/null; then ko "$format: a record without Certificate validates"; else ok; fi
done

# A list that is not an OpenNCP configuration list has no mapping, and nothing is written.
"$bin" tsl to-smp --at "$AT" --trust "$PKI/leaf-rsa2048.pem" --out "$work/generic" \
  "$repo/tests/data/tsl/signed/generic-list.xml" >/dev/null 2>&1; status=$?
if [ "$status" = 1 ] && [ ! -e "$work/generic" ]; then ok; else ko "generic list: to-smp exit $status or wrote files"; fi
# A tampered list is rejected and nothing is written.
sed 's#ncp-a.health.xx.example/order#evil.example/order#' "$list" > "$work/tampered.xml"
"$bin" tsl to-smp --at "$AT" --trust "$PKI/leaf-rsa2048.pem" --out "$work/tampered" "$work/tampered.xml" >/dev/null 2>&1; status=$?
if [ "$status" = 1 ] && [ ! -e "$work/tampered" ]; then ok; else ko "tampered list: to-smp exit $status or wrote files"; fi
# Usage errors exit 2.
"$bin" tsl to-smp --at "$AT" --trust "$PKI/leaf-rsa2048.pem" --format peppol --out "$work/x" "$list" >/dev/null 2>&1; status=$?
if [ "$status" = 2 ]; then ok; else ko "unknown --format: exit $status"; fi

echo "cli-tsl: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
