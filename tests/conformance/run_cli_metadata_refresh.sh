#!/usr/bin/env bash
# `trustmeta metadata refresh | entity | list` against a loopback HTTP server
# (metadata_server.py): a first fetch, a 304, a newer sequence number signed by xmlsec1
# here, an older one (refused, then accepted with --force), the same sequence with other
# bytes, a tampered copy, a connection dropped half-way (with and without a
# Content-Length), a refused connection, an HTTP error; after each refusal the held copy
# must still be the one before and still verify. Then entity and list outputs, exactly.
# Prints "cli-metadata-refresh: N passed, M failed".
set -u
here=$(cd "$(dirname "$0")" && pwd); repo=$(cd "$here/../.." && pwd)
bin=${TRUSTMETA_BIN:-$repo/target/debug/trustmeta}
d=$repo/tests/data/metadata
PKI=$repo/tests/data/xmldsig-gen/pki
MD="urn:oasis:names:tc:SAML:2.0:metadata"
work=$(mktemp -d); srv=""
trap '[ -n "$srv" ] && kill "$srv" 2>/dev/null; rm -rf "$work"' EXIT
pass=0; fail=0
ok() { pass=$((pass+1)); }
ko() { fail=$((fail+1)); echo "FAIL $*"; }
expect() { # name want got
  if [ "$2" = "$3" ]; then ok; else ko "$1: expected [$2], got [$3]"; fi
}
A=2026-06-01T00:00:00Z
S=$work/state
www=$work/www; mkdir -p "$www"

# Variants of the committed template, signed here: sequence 37 (with one more entity,
# whose entityID needs escaping), 37 again with other bytes, 35 (older) and 38.
variant() { # out sequence creationInstant validUntil extra-entity(0/1)
  python3 - "$d/templates/aggregate.xml" "$work/$1.tmpl.xml" "$2" "$3" "$4" "$5" <<'PY'
import sys
src, out, seq, created, until, extra = sys.argv[1:]
t = open(src).read()
t = t.replace("urn:etoegang:1.13:metadata:P:36", "urn:etoegang:1.13:metadata:P:" + seq)
t = t.replace('creationInstant="2026-05-28T12:00:00Z"', 'creationInstant="%s"' % created)
t = t.replace('validUntil="2026-07-01T00:00:00Z"', 'validUntil="%s"' % until)
if extra == "1":
    anchor = '<md:EntitiesDescriptor Name="urn:etoegang:role:Dienstverleners">'
    t = t.replace(anchor, anchor + '\n    <md:EntityDescriptor entityID="urn:test:a&amp;b"><md:SPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"><md:KeyDescriptor><ds:KeyInfo><ds:X509Data><ds:X509Certificate>MIIB</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor><md:AssertionConsumerService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://sp2.example.nl/acs?a=1&amp;b=2" index="3"/></md:SPSSODescriptor></md:EntityDescriptor><!-- <md:EntityDescriptor entityID="urn:test:ghost"><md:IDPSSODescriptor/></md:EntityDescriptor> -->')
if extra == "2":
    # A nested group that binds its own prefix for the metadata namespace.
    anchor = '<md:EntitiesDescriptor Name="urn:etoegang:role:Dienstverleners">'
    t = t.replace(anchor, anchor + '\n    <md:EntitiesDescriptor Name="urn:test:nested" xmlns:n="urn:oasis:names:tc:SAML:2.0:metadata"><n:EntityDescriptor entityID="urn:test:nested-sp"><n:SPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"><n:AssertionConsumerService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://nested.example.nl/acs" index="0"/></n:SPSSODescriptor></n:EntityDescriptor></md:EntitiesDescriptor>')
open(out, "w").write(t)
PY
  xmlsec1 --sign --id-attr:ID "$MD:EntitiesDescriptor" --privkey-pem "$PKI/leaf-rsa2048.key,$PKI/leaf-rsa2048.pem" \
    --output "$work/$1.xml" "$work/$1.tmpl.xml" 2>/dev/null || ko "xmlsec1 could not sign $1"
}
variant seq37 37 2026-05-29T12:00:00Z 2026-07-01T00:00:00Z 1
variant seq37b 37 2026-05-29T12:00:00Z 2026-07-02T00:00:00Z 1
variant seq35 35 2026-05-27T12:00:00Z 2026-07-01T00:00:00Z 0
variant seq38 38 2026-05-30T12:00:00Z 2026-07-01T00:00:00Z 1
variant seq39 39 2026-05-31T12:00:00Z 2026-07-01T00:00:00Z 2
# A tampered 38: one character of an organization name changed after signing.
python3 -c "
import sys; b=open(sys.argv[1],'rb').read().replace(b'Org urn:etoegang:KR', b'Org urn:etoegang:KX', 1); open(sys.argv[2],'wb').write(b)" \
  "$work/seq38.xml" "$work/seq38-tampered.xml"
cmp -s "$work/seq38.xml" "$work/seq38-tampered.xml" && ko "the tampered copy is unchanged"

python3 "$here/metadata_server.py" "$www" & srv=$!
for _ in $(seq 100); do [ -f "$www/port" ] && break; sleep 0.05; done
port=$(cat "$www/port" 2>/dev/null) || { ko "the HTTP server did not start"; echo "cli-metadata-refresh: $pass passed, $fail failed"; exit 1; }
url=http://127.0.0.1:$port

serve() { cp "$1" "$www/agg.xml"; }
refresh() { # want-exit want-summary args... (summary: status, sequence or error code)
  local want=$1 summary=$2; shift 2
  local out status got
  out=$("$bin" metadata refresh --json --trust "${TRUST:-$d/signed/signer.pem}" --state "$S" --profile etoegang --at $A "$@" 2>"$work/stderr"); status=$?
  got=$(printf '%s' "$out" | python3 -c '
import json, sys
d = json.load(sys.stdin)
s = d.get("status")
if s == "updated":
    print("updated", d["etoegang"]["sequence"], d["entities"])
elif s == "unchanged":
    print("unchanged", d["reason"])
elif s in ("rejected", "failed"):
    print(s, d["error"]["code"])
else:
    print("error", d["error"]["code"])' 2>/dev/null || echo crash)
  if [ "$status" = "$want" ] && [ "$got" = "$summary" ]; then ok; else ko "refresh $*: expected exit $want / $summary, got exit $status / $got"; fi
}
held() { # the sequence number of the held copy, verified again from scratch
  "$bin" metadata verify --json --trust "$d/signed/signer.pem" --profile etoegang --at $A "$S/metadata.xml" 2>/dev/null |
    python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["etoegang"]["sequence"] if d["valid"] else d["error"]["code"])' 2>/dev/null || echo none
}
leftovers() { ls -A "$S" | grep -v -x -e metadata.xml -e metadata.previous.xml -e state.json -e index.tsv -e .lock | tr '\n' ' '; }

# 1. First fetch.
serve "$d/signed/aggregate.xml"
refresh 0 "updated 36 7" --source "$url/agg.xml"
expect "first: held copy" 36 "$(held)"
cmp -s "$S/metadata.xml" "$d/signed/aggregate.xml" && ok || ko "first: metadata.xml differs from what was served"
[ ! -e "$S/metadata.previous.xml" ] && ok || ko "first: a previous copy appeared"
etag=\"$(sha256sum "$d/signed/aggregate.xml" | cut -d' ' -f1)\"
expect "state.json" "$etag|Thu, 28 May 2026 12:00:00 GMT|$(sha256sum "$d/signed/aggregate.xml" | cut -d' ' -f1)|36|2026-06-01T00:00:00Z" \
  "$(python3 -c 'import json,sys; s=json.load(open(sys.argv[1])); print("|".join(str(x) for x in (s["etag"], s["last_modified"], s["sha256"], s["summary"]["etoegang"]["sequence"], s["verified_at"])))' "$S/state.json")"
expect "no progress bar when stderr is not a terminal" "" "$(cat "$work/stderr")"

# 2. Unchanged: the conditional GET gets a 304; a local copy of the same bytes is identical.
refresh 0 "unchanged the server answered 304 Not Modified" --source "$url/agg.xml"
expect "conditional GET sent the ETag" "/agg.xml $etag" "$(tail -n 1 "$www/requests.log")"
refresh 3 "unchanged the copy fetched is identical to the one held" --source "$d/signed/aggregate.xml" --exit-unchanged 3

# 3. A newer sequence number.
serve "$work/seq37.xml"
refresh 0 "updated 37 8" --source "$url/agg.xml"
expect "newer: held copy" 37 "$(held)"
cmp -s "$S/metadata.previous.xml" "$d/signed/aggregate.xml" && ok || ko "newer: metadata.previous.xml is not the sequence 36 copy"

# 4. An older one: refused, then taken with --force, then the newer one again.
serve "$work/seq35.xml"
refresh 1 "rejected refresh.not_newer" --source "$url/agg.xml"
expect "older: held copy" 37 "$(held)"
refresh 0 "updated 35 7" --source "$url/agg.xml" --force
expect "older forced: held copy" 35 "$(held)"
serve "$work/seq37.xml"
refresh 0 "updated 37 8" --source "$url/agg.xml"

# 5. The same sequence number with other bytes: refused.
serve "$work/seq37b.xml"
refresh 1 "rejected refresh.not_newer" --source "$url/agg.xml"
cmp -s "$S/metadata.xml" "$work/seq37.xml" && ok || ko "same sequence: the held copy changed"

# 6. A tampered copy: refused, the held copy still verifies.
serve "$work/seq38-tampered.xml"
refresh 1 "rejected dsig.digest_mismatch" --source "$url/agg.xml"
expect "tampered: held copy" 37 "$(held)"
refresh 1 "rejected dsig.digest_mismatch" --source "$url/agg.xml" --force
expect "tampered forced: held copy" 37 "$(held)"
TRUST=$PKI/leaf-rsa3072.pem refresh 1 "rejected pki.untrusted_signer" --source "$work/seq38.xml"
expect "other key: held copy" 37 "$(held)"
expect "no leftovers after refusals" "" "$(leftovers)"

# 7. Broken transfers and servers: exit 2, lookup.http_failure (Content-Length known,
# refused connection, HTTP error, a missing file) or 1 (no Content-Length: the truncated document reaches the verifier).
serve "$work/seq38.xml"
refresh 2 "failed lookup.http_failure" --source "$url/drop/agg.xml"
expect "dropped: held copy" 37 "$(held)"
refresh 1 "rejected xml.malformed" --source "$url/nolen/agg.xml"
expect "truncated: held copy" 37 "$(held)"
refresh 2 "failed lookup.http_failure" --source "$url/status/500"
refresh 2 "failed lookup.http_failure" --source "http://127.0.0.1:1/agg.xml"
refresh 2 "failed lookup.http_failure" --source "$work/does-not-exist.xml"
expect "dropped: held copy at the end" 37 "$(held)"
expect "no leftovers after failures" "" "$(leftovers)"
# And a good one still goes through afterwards.
refresh 0 "updated 38 8" --source "$url/agg.xml"

# 8. entity and list on the held copy (sequence 38).
out=$("$bin" metadata entity urn:etoegang:AD:00000001000000000000:entities:1 --state "$S"); status=$?
want="entity:    urn:etoegang:AD:00000001000000000000:entities:1
group:     urn:etoegang:role:Authenticatiediensten
roles:     IDPSSODescriptor
etoegang:  AD (acts as AD)
name:      urn:etoegang:AD:00000001000000000000:entities:1 & co [nl]
org:       Org urn:etoegang:AD:00000001000000000000:entities:1
endpoint:  IDPSSODescriptor SingleSignOnService urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST https://idp.example.nl/sso
signing:   sha256 $(openssl x509 -in "$PKI/leaf-p256.pem" -outform DER | sha256sum | cut -d' ' -f1)
category:  http://refeds.org/category/research-and-scholarship
contact:   mailto:ops@example.nl"
expect "entity text" "0|$want" "$status|$out"
out=$("$bin" metadata entity 'urn:test:a&b' --state "$S" --json | python3 -c '
import json, sys
d = json.load(sys.stdin)
e = d["endpoints"][0]
print(d["found"], d["entity_id"], d["group"], d["roles"], e["kind"], e["location"], e["index"],
      d["signing_certificates"], d["encryption_certificates"],
      d["display_names"], d["organization_name"], d["contact_emails"])')
expect "entity json, escaped entityID" "True urn:test:a&b urn:etoegang:role:Dienstverleners ['SPSSODescriptor'] AssertionConsumerService https://sp2.example.nl/acs?a=1&b=2 3 ['MIIB'] ['MIIB'] [] None []" "$out"
"$bin" metadata entity 'urn:test:a&amp;b' --state "$S" >/dev/null; expect "the escaped spelling is not the entityID" 1 $?
"$bin" metadata entity urn:test:ghost --state "$S" >/dev/null; expect "an entity in a comment is not found" 1 $?
out=$("$bin" metadata entity urn:etoegang:AD:00000001000000000000:entities:1 --state "$S" --json |
  python3 -c 'import base64,hashlib,json,sys; d=json.load(sys.stdin); print(len(d["signing_certificates"]), hashlib.sha256(base64.b64decode(d["signing_certificates"][0])).hexdigest(), d["encryption_certificates"], d["display_names"])')
expect "entity json" "1 $(openssl x509 -in "$PKI/leaf-p256.pem" -outform DER | sha256sum | cut -d' ' -f1) [] [{'lang': 'nl', 'text': 'urn:etoegang:AD:00000001000000000000:entities:1 & co'}]" "$out"

out=$("$bin" metadata entity urn:etoegang:KR:00000003000000000000:entities:1 --state "$S" --json |
  python3 -c 'import json,sys; d=json.load(sys.stdin); c=d["contacts"]; print(len(c), c[0]["contact_type"], c[0]["emails"], c[0]["telephones"], d["registration_authority"], d["etoegang_role"], d["validated_as"])')
expect "entity json, contacts" "1 technical ['mailto:ops@example.nl'] [] None KR ['KR']" "$out"

expect "list" "urn:etoegang:AD:00000001000000000000:entities:1	urn:etoegang:role:Authenticatiediensten	IDPSSODescriptor
urn:etoegang:AD:00000001000000000001:entities:2	urn:etoegang:role:Authenticatiediensten	IDPSSODescriptor
urn:etoegang:MR:00000002000000000000:entities:1	urn:etoegang:role:Machtigingenregisters	AttributeAuthorityDescriptor
urn:etoegang:KR:00000003000000000000:entities:1	urn:etoegang:role:Koppelregisters	AttributeAuthorityDescriptor
urn:etoegang:IS:00000004000000000000:entities:eidas-berichtenservice	urn:etoegang:role:Interstelseldiensten	IDPSSODescriptor
urn:etoegang:HM:00000005000000000000:entities:1	urn:etoegang:role:Herkenningsmakelaars	IDPSSODescriptor
urn:test:a&b	urn:etoegang:role:Dienstverleners	SPSSODescriptor
urn:etoegang:DV:00000006000000000000:entities:1	urn:etoegang:role:Dienstverleners	SPSSODescriptor" "$("$bin" metadata list --state "$S")"
expect "list --role sp" "urn:test:a&b urn:etoegang:DV:00000006000000000000:entities:1" \
  "$("$bin" metadata list --role sp --state "$S" --json | python3 -c 'import json,sys; print(" ".join(e["entity_id"] for e in json.load(sys.stdin)["entities"]))')"
expect "list --role idp" 4 "$("$bin" metadata list --role idp --state "$S" | wc -l)"
expect "list --role aa" 2 "$("$bin" metadata list --role aa --state "$S" | wc -l)"
# eToegang roles: the eIDAS-berichtenservice is validated as AD and as MR too.
ids() { "$bin" metadata list --role "$1" --state "$S" --json | python3 -c 'import json,sys; print(" ".join(e["entity_id"].split(":")[2] + "/" + e["etoegang_role"] + "/" + "+".join(e["validated_as"]) for e in json.load(sys.stdin)["entities"]))'; }
expect "list --role ad" "AD/AD/AD AD/AD/AD IS/EB/EB+AD+MR" "$(ids ad)"
expect "list --role mr" "MR/MR/MR IS/EB/EB+AD+MR" "$(ids mr)"
expect "list --role eb" "IS/EB/EB+AD+MR" "$(ids EB)"
expect "list --role hm" "HM/HM/HM" "$(ids hm)"
expect "list --role dv" "a&b/DV/DV DV/DV/DV" "$(ids dv)"
out=$("$bin" metadata entity urn:etoegang:IS:00000004000000000000:entities:eidas-berichtenservice --state "$S" | grep '^etoegang:')
expect "entity text, eToegang role" "etoegang:  EB (acts as EB AD MR)" "$out"
"$bin" metadata list --role nonsense --state "$S" >/dev/null 2>&1; expect "list --role nonsense" 2 $?
"$bin" metadata list --state "$work/empty" >/dev/null 2>&1; expect "list without a state" 2 $?
# A reader that has gone away (`| head`): the list ends quietly with the SIGPIPE status.
{ sleep 0.3; "$bin" metadata list --state "$S" 2>"$work/pipe.err"; echo $? >"$work/pipe.status"; } | true
expect "closed stdout: status 141, nothing on stderr" "141|" "$(cat "$work/pipe.status")|$(cat "$work/pipe.err")"
# An index that no longer matches the held copy (another file of the same size put in
# its place) is refused, not trusted; the original moved back is accepted again.
mv "$S/metadata.xml" "$work/cur.xml"
cp "$work/seq37.xml" "$S/metadata.xml"
expect "same size" "$(stat -c %s "$work/cur.xml")" "$(stat -c %s "$S/metadata.xml")"
"$bin" metadata entity 'urn:test:a&b' --state "$S" >/dev/null 2>&1; expect "stale index" 2 $?
mv "$work/cur.xml" "$S/metadata.xml"
"$bin" metadata entity 'urn:test:a&b' --state "$S" >/dev/null 2>&1; expect "index matches again" 0 $?

# 9. A nested group binding its own prefix: the entity is read with that binding.
serve "$work/seq39.xml"
refresh 0 "updated 39 8" --source "$url/agg.xml"
out=$("$bin" metadata entity urn:test:nested-sp --state "$S" --json | python3 -c '
import json, sys
d = json.load(sys.stdin)
print(d["group"], d["roles"], d["endpoints"][0]["location"], d["etoegang_role"])')
expect "entity in a nested group" "urn:test:nested ['SPSSODescriptor'] https://nested.example.nl/acs None" "$out"
expect "list shows the nested group" "urn:test:nested-sp	urn:test:nested	SPSSODescriptor" \
  "$("$bin" metadata list --state "$S" | grep nested-sp)"

echo "cli-metadata-refresh: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
