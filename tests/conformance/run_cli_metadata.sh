#!/usr/bin/env bash
# `trustmeta metadata verify` on our xmlsec1-signed eToegang-style aggregates (in memory)
# and on a large aggregate built from it (streamed): results, exit codes and --json
# fields; tests/data/metadata/make_signed.sh must reproduce the committed signatures.
# Prints "cli-metadata: N passed, M failed".
set -u
here=$(cd "$(dirname "$0")" && pwd); repo=$(cd "$here/../.." && pwd)
bin=${TRUSTMETA_BIN:-$repo/target/debug/trustmeta}
d=$repo/tests/data/metadata/signed
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
pass=0; fail=0
ok() { pass=$((pass+1)); }
ko() { fail=$((fail+1)); echo "FAIL $*"; }
check() { # name want-exit want-summary args...
  local name=$1 want=$2 summary=$3; shift 3
  local out status got
  out=$("$bin" metadata verify --json "$@" 2>&1); status=$?
  got=$(printf '%s' "$out" | python3 -c '
import json, sys
d = json.load(sys.stdin)
if d["valid"]:
    e = d["etoegang"]
    print("ok %s %d %s %s" % (d["root"], d["entities"], e["sequence"] if e else "-", "streamed" if d["streamed"] else "memory"))
else:
    print(d["error"]["code"])' 2>/dev/null || echo crash)
  if [ "$status" = "$want" ] && [ "$got" = "$summary" ]; then ok; else ko "$name: expected exit $want / $summary, got exit $status / $got"; fi
}
A=2026-06-01T00:00:00Z
check etoegang-aggregate 0 "ok EntitiesDescriptor 7 36 memory" --trust "$d/signer.pem" --profile etoegang --at $A "$d/aggregate.xml"
check uri-empty 0 "ok EntitiesDescriptor 7 36 memory" --trust "$d/signer.pem" --profile etoegang --at $A "$d/aggregate-uri-empty.xml"
check expired 1 "metadata.expired" --trust "$d/signer.pem" --at 2026-07-01T00:00:00Z "$d/aggregate.xml"
check missing-group-generic 0 "ok EntitiesDescriptor 6 36 memory" --trust "$d/signer.pem" --at $A "$d/etoegang-missing-group.xml"
check missing-group-etoegang 1 "metadata.profile" --trust "$d/signer.pem" --profile etoegang --at $A "$d/etoegang-missing-group.xml"
check bad-name-etoegang 1 "metadata.profile" --trust "$d/signer.pem" --profile etoegang --at $A "$d/etoegang-bad-name.xml"
check signature-last 1 "dsig.malformed" --trust "$d/signer.pem" --at $A "$d/aggregate-signature-last.xml"
check other-key 1 "pki.untrusted_signer" --trust "$repo/tests/data/xmldsig-gen/pki/leaf-rsa3072.pem" --at $A "$d/aggregate.xml"
"$bin" metadata verify --trust "$d/signer.pem" --profile nonsense "$d/aggregate.xml" >/dev/null 2>&1
[ $? = 2 ] && ok || ko "unknown --profile must exit 2"

# A large aggregate (over the 4 MiB streaming threshold), signed by xmlsec1: streamed,
# and a one-byte change deep inside is caught.
python3 - "$d/../templates/aggregate.xml" "$work/big.tmpl.xml" <<'PY'
import sys
t = open(sys.argv[1]).read()
start = t.index("<md:EntitiesDescriptor Name=\"urn:etoegang:role:Dienstverleners\">")
end = t.index("</md:EntitiesDescriptor>", start) + len("</md:EntitiesDescriptor>")
group = t[start:end]
entity = group[group.index("<md:EntityDescriptor"):group.rindex("</md:EntityDescriptor>") + len("</md:EntityDescriptor>")]
many = "".join(entity.replace(":entities:1\"", ":entities:%d\"" % i) for i in range(1, 2001))
big = group.replace(entity, many)
open(sys.argv[2], "w").write(t[:start] + big + t[end:])
PY
PKI=$repo/tests/data/xmldsig-gen/pki
xmlsec1 --sign --id-attr:ID urn:oasis:names:tc:SAML:2.0:metadata:EntitiesDescriptor \
  --privkey-pem "$PKI/leaf-rsa2048.key,$PKI/leaf-rsa2048.pem" --output "$work/big.xml" "$work/big.tmpl.xml" 2>/dev/null \
  || ko "xmlsec1 could not sign the large aggregate"
size=$(stat -c %s "$work/big.xml")
[ "$size" -gt 4194304 ] && ok || ko "the large aggregate is only $size bytes"
check large-streamed 0 "ok EntitiesDescriptor 2006 36 streamed" --trust "$d/signer.pem" --profile etoegang --at $A "$work/big.xml"
python3 -c "
import sys; b=bytearray(open(sys.argv[1],'rb').read()); i=len(b)*2//3; i=b.index(b'Org ',i)+4; b[i]=ord('X') if b[i]!=ord('X') else ord('Y'); open(sys.argv[2],'wb').write(b)" "$work/big.xml" "$work/big-changed.xml"
check large-changed 1 "dsig.digest_mismatch" --trust "$d/signer.pem" --at $A "$work/big-changed.xml"

# The generator reproduces the committed signatures.
if bash "$repo/tests/data/metadata/make_signed.sh" "$work/gen" >/dev/null 2>&1; then
  for f in "$d"/*.xml; do
    cmp -s "$f" "$work/gen/signed/$(basename "$f")" && ok || ko "make_signed.sh does not reproduce $(basename "$f")"
  done
else
  ko "make_signed.sh failed"
fi
echo "cli-metadata: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
