#!/usr/bin/env bash
# Writes encrypted SAML responses (XML Encryption 1.0/1.1) into xmlsec1/, encrypted with
# xmlsec1 to the relying party's keys in keys/ (see make_keys.sh) and signed by the
# identity provider with the test PKI of ../../xmldsig-gen/pki, plus the attack variants
# built from them. README.md beside this script lists every file and what it must give;
# tests/conformance/saml-encrypted-cases.tsv holds the same as a table.
#
#   bash make_encrypted.sh [OUT_DIR]     (default: this directory's xmlsec1/)
#
# Messages follow ../make_signed.sh: IdP https://idp.example.org/, SP entity ID
# https://sp.example.org/metadata, ACS https://sp.example.org/acs, request _req-4711,
# valid 2026-06-01T09:59:00Z..10:05:00Z, NameID ross@octolabs.io.
#
# xmlsec1 1.2.37 has no xmlenc11#rsa-oaep and accepts only SHA-1 as the OAEP digest, so
# the two cases that need them get their EncryptedKey from `openssl pkeyutl` and their
# content from xmlsec1 with the same (known) session key. Every output is checked here:
# xmlsec1 --decrypt gives back the NameID, xmlsec1 --verify accepts each signature that
# must hold and rejects each that must not, and the openssl-made keys are unwrapped with
# openssl again. Encryption is randomised: a re-run gives other bytes, the same meaning.
#
# Needs: xmlsec1 (OpenSSL backend), openssl, python3.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here/xmlsec1}
PKI=$here/../../xmldsig-gen/pki
KEYS=$here/keys
mkdir -p "$out"
out=$(cd "$out" && pwd)
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT

EXC="http://www.w3.org/2001/10/xml-exc-c14n#"
RSA_SHA256="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"
SHA256="http://www.w3.org/2001/04/xmlenc#sha256"
SHA1="http://www.w3.org/2000/09/xmldsig#sha1"
SAMLP="urn:oasis:names:tc:SAML:2.0:protocol"
SAML="urn:oasis:names:tc:SAML:2.0:assertion"
DS="http://www.w3.org/2000/09/xmldsig#"
XENC="http://www.w3.org/2001/04/xmlenc#"
XENC11="http://www.w3.org/2009/xmlenc11#"
AES128_GCM="${XENC11}aes128-gcm"
AES256_GCM="${XENC11}aes256-gcm"
AES256_CBC="${XENC}aes256-cbc"
TDES_CBC="${XENC}tripledes-cbc"
OAEP_MGF1P="${XENC}rsa-oaep-mgf1p"
OAEP11="${XENC11}rsa-oaep"
RSA15="${XENC}rsa-1_5"

# --- message shapes, as in ../make_signed.sh -------------------------------------------
sig() { # id-ref method digest
  echo "<ds:Signature xmlns:ds=\"$DS\"><ds:SignedInfo><ds:CanonicalizationMethod Algorithm=\"$EXC\"/><ds:SignatureMethod Algorithm=\"$2\"/><ds:Reference URI=\"#$1\"><ds:Transforms><ds:Transform Algorithm=\"http://www.w3.org/2000/09/xmldsig#enveloped-signature\"/><ds:Transform Algorithm=\"$EXC\"/></ds:Transforms><ds:DigestMethod Algorithm=\"$3\"/><ds:DigestValue/></ds:Reference></ds:SignedInfo><ds:SignatureValue/><ds:KeyInfo><ds:X509Data/></ds:KeyInfo></ds:Signature>"
}

# assertion ID SIGNATURE-XML ATTRIBUTES-XML AUTHN-CONTEXT EXTRA-NS
assertion() {
  cat <<EOF
<saml:Assertion xmlns:saml="$SAML"$5 ID="$1" IssueInstant="2026-06-01T10:00:00Z" Version="2.0"><saml:Issuer>https://idp.example.org/</saml:Issuer>$2<saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:2.0:nameid-format:persistent" NameQualifier="https://idp.example.org/" SPNameQualifier="https://sp.example.org/metadata">ross@octolabs.io</saml:NameID><saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData InResponseTo="_req-4711" NotOnOrAfter="2026-06-01T10:05:00Z" Recipient="https://sp.example.org/acs"/></saml:SubjectConfirmation></saml:Subject><saml:Conditions NotBefore="2026-06-01T09:59:00Z" NotOnOrAfter="2026-06-01T10:05:00Z"><saml:AudienceRestriction><saml:Audience>https://sp.example.org/metadata</saml:Audience></saml:AudienceRestriction><saml:OneTimeUse/></saml:Conditions><saml:AuthnStatement AuthnInstant="2026-06-01T09:59:30Z" SessionIndex="_session-1"><saml:AuthnContext>$4</saml:AuthnContext></saml:AuthnStatement><saml:AttributeStatement>$3</saml:AttributeStatement></saml:Assertion>
EOF
}

# response ID RESPONSE-SIGNATURE ASSERTION-XML [STATUS-XML]
response() {
  local status=${4:-<samlp:Status><samlp:StatusCode Value=\"urn:oasis:names:tc:SAML:2.0:status:Success\"/></samlp:Status>}
  cat <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<samlp:Response xmlns:samlp="$SAMLP" xmlns:saml="$SAML" Destination="https://sp.example.org/acs" ID="$1" InResponseTo="_req-4711" IssueInstant="2026-06-01T10:00:00Z" Version="2.0"><saml:Issuer>https://idp.example.org/</saml:Issuer>$2$status$3</samlp:Response>
EOF
}

ATTRS='<saml:Attribute Name="urn:oid:2.5.4.42" FriendlyName="givenName" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:uri"><saml:AttributeValue>Ross</saml:AttributeValue></saml:Attribute><saml:Attribute Name="urn:oid:1.3.6.1.4.1.5923.1.1.1.7" FriendlyName="eduPersonEntitlement"><saml:AttributeValue>urn:example:admin</saml:AttributeValue><saml:AttributeValue>urn:example:staff</saml:AttributeValue></saml:Attribute>'
PWD_CTX='<saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef>'

# --- XML Encryption templates ----------------------------------------------------------
# ek KEY-TRANSPORT-ALG METHOD-CHILDREN RECIPIENT-KEYINFO [ATTRS] [TAIL]: an EncryptedKey
# template; RECIPIENT-KEYINFO is the whole ds:KeyInfo (or empty for none).
ek() {
  echo "<xenc:EncryptedKey${4:+ $4}><xenc:EncryptionMethod Algorithm=\"$1\">$2</xenc:EncryptionMethod>$3<xenc:CipherData><xenc:CipherValue/></xenc:CipherData>${5:-}</xenc:EncryptedKey>"
}
# ed CONTENT-ALG KEYINFO-CHILDREN [ATTRS]: an EncryptedData template for one element.
ed() {
  echo "<xenc:EncryptedData xmlns:xenc=\"$XENC\" xmlns:ds=\"$DS\"${3:+ $3} Type=\"${XENC}Element\"><xenc:EncryptionMethod Algorithm=\"$1\"/><ds:KeyInfo>$2</ds:KeyInfo><xenc:CipherData><xenc:CipherValue/></xenc:CipherData></xenc:EncryptedData>"
}
DIGEST_SHA1="<ds:DigestMethod Algorithm=\"$SHA1\"/>"
X509='<ds:KeyInfo><ds:X509Data/></ds:KeyInfo>'

IDS=(--id-attr:ID "$SAMLP:Response" --id-attr:ID "$SAML:Assertion")
IDP_KEY=(--privkey-pem "$PKI/leaf-rsa2048.key,$PKI/leaf-rsa2048.pem")
SP_PUB=(--pubkey-cert-pem "$KEYS/sp-rsa.pem")
SP_PRIV=(--privkey-pem "$KEYS/sp-rsa.key.pem,$KEYS/sp-rsa.pem")

fail() { echo "make_encrypted: $*" >&2; exit 1; }
strip_decl() { sed '1{/^<?xml/d}' "$1"; }

# signed_assertion ID KEY [ATTRS]: an Assertion signed by KEY (a name in the PKI), written to
# $W/ID.xml without its XML declaration.
signed_assertion() {
  local id=$1 key=$2 attrs=${3:-$ATTRS}
  assertion "$id" "$(sig "$id" "$RSA_SHA256" "$SHA256")" "$attrs" "$PWD_CTX" "" > "$W/$id.tmpl.xml"
  xmlsec1 --sign "${IDS[@]}" --privkey-pem "$PKI/$key.key,$PKI/$key.pem" \
    --output "$W/$id.signed.xml" "$W/$id.tmpl.xml"
  xmlsec1 --verify "${IDS[@]}" --pubkey-cert-pem "$PKI/$key.pem" "$W/$id.signed.xml" >/dev/null 2>&1 ||
    fail "assertion $id signed by $key does not verify with xmlsec1"
  strip_decl "$W/$id.signed.xml" > "$W/$id.xml"
}
plain_assertion() { # ID [ATTRS]
  assertion "$1" "" "${2:-$ATTRS}" "$PWD_CTX" "" > "$W/$1.xml"
}

# encrypt_node DOC XPATH TEMPLATE-XML OUT xmlsec1-key-args...: replaces the node with the
# template's EncryptedData.
encrypt_node() {
  local doc=$1 xp=$2 tmpl=$3 dst=$4
  shift 4
  printf '%s\n' "$tmpl" > "$W/tmpl.xml"
  xmlsec1 --encrypt "$@" --xml-data "$doc" --node-xpath "$xp" --output "$dst" "$W/tmpl.xml" \
    2>"$W/xmlsec.err" || { cat "$W/xmlsec.err" >&2; fail "xmlsec1 --encrypt failed for $dst"; }
}
ASSERTION_XP="//*[local-name()='EncryptedAssertion']/*[local-name()='Assertion']"

sign_response() { # IN OUT
  xmlsec1 --sign "${IDS[@]}" "${IDP_KEY[@]}" --output "$2" "$1"
}

# --- checks ---------------------------------------------------------------------------
verify_response() { # FILE: the Response signature holds (for the IdP's certificate)
  xmlsec1 --verify "${IDS[@]}" --pubkey-cert-pem "$PKI/leaf-rsa2048.pem" \
    --node-xpath "/*[local-name()='Response']/*[local-name()='Signature']" "$1" >/dev/null 2>&1 ||
    fail "$(basename "$1"): the Response signature does not verify with xmlsec1"
}
verify_response_broken() { # FILE: the Response signature must not hold
  if xmlsec1 --verify "${IDS[@]}" --pubkey-cert-pem "$PKI/leaf-rsa2048.pem" \
    --node-xpath "/*[local-name()='Response']/*[local-name()='Signature']" "$1" >/dev/null 2>&1; then
    fail "$(basename "$1"): the Response signature still verifies, the attack edit did not take"
  fi
}
# decrypts FILE with xmlsec1 (extra key arguments after it, default sp-rsa) into $W/dec.xml
# and checks the NameID; when ASSERTION_SIGNER is set, the decrypted assertion's signature
# must verify with that PKI certificate.
decrypt_check() {
  local f=$1
  shift
  [ $# -gt 0 ] || set -- "${SP_PRIV[@]}"
  xmlsec1 --decrypt "$@" --output "$W/dec.xml" "$f" >/dev/null 2>"$W/xmlsec.err" ||
    { cat "$W/xmlsec.err" >&2; fail "$(basename "$f"): xmlsec1 --decrypt failed"; }
  grep -q '>ross@octolabs.io</saml:NameID>' "$W/dec.xml" ||
    fail "$(basename "$f"): the decrypted document lacks NameID ross@octolabs.io"
  if [ -n "${ASSERTION_SIGNER:-}" ]; then
    xmlsec1 --verify "${IDS[@]}" --pubkey-cert-pem "$PKI/$ASSERTION_SIGNER.pem" \
      --node-xpath "//*[local-name()='Assertion']/*[local-name()='Signature']" "$W/dec.xml" >/dev/null 2>&1 ||
      fail "$(basename "$f"): the decrypted assertion's signature does not verify with xmlsec1"
  fi
}
decrypt_fails() { # FILE key-args...: xmlsec1 must not decrypt it
  local f=$1
  shift
  if xmlsec1 --decrypt "$@" --output "$W/dec.xml" "$f" >/dev/null 2>&1; then
    fail "$(basename "$f"): xmlsec1 decrypts it, but it must not decrypt"
  fi
}
done_file() { echo "make_encrypted: $1 ($2)"; }

# encrypted_response OUT RESP-ID RESP-SIGNED(yes|no) ASSERTION-ID TEMPLATE [key args...]:
# the assertion in $W/ASSERTION-ID.xml, wrapped in EncryptedAssertion, encrypted with
# TEMPLATE (default key arguments: sp-rsa's certificate, a fresh AES-256 session key).
encrypted_response() {
  local dst=$1 rid=$2 rsigned=$3 aid=$4 tmpl=$5 rsig=""
  shift 5
  [ $# -gt 0 ] || set -- "${SP_PUB[@]}" --session-key aes-256
  [ "$rsigned" = yes ] && rsig=$(sig "$rid" "$RSA_SHA256" "$SHA256")
  response "$rid" "$rsig" "<saml:EncryptedAssertion>$(cat "$W/$aid.xml")</saml:EncryptedAssertion>" > "$W/resp.xml"
  encrypt_node "$W/resp.xml" "$ASSERTION_XP" "$tmpl" "$W/resp-enc.xml" "$@"
  if [ "$rsigned" = yes ]; then
    sign_response "$W/resp-enc.xml" "$dst"
    verify_response "$dst"
  else
    cp "$W/resp-enc.xml" "$dst"
  fi
}

GCM256_X509=$(ed "$AES256_GCM" "$(ek "$OAEP_MGF1P" "$DIGEST_SHA1" "$X509")")

# === valid messages =====================================================================

# rsa-oaep-mgf1p (SHA-1) + AES-256-GCM; the assertion signed, then encrypted, then the
# Response signed over the EncryptedAssertion: the usual Shibboleth-style shape.
signed_assertion _enc-assert-1 leaf-rsa2048
encrypted_response "$out/oaep-mgf1p-sha1_aes256-gcm_both-signed.xml" _enc-resp-1 yes _enc-assert-1 "$GCM256_X509"
ASSERTION_SIGNER=leaf-rsa2048 decrypt_check "$out/oaep-mgf1p-sha1_aes256-gcm_both-signed.xml"
done_file oaep-mgf1p-sha1_aes256-gcm_both-signed.xml "xmlsec1"

# openssl_ek OUT-XML SESSION-KEY-FILE ALG METHOD-CHILDREN MD MGF1-MD: an EncryptedKey to
# sp-rsa made with openssl pkeyutl, for the OAEP parameters xmlsec1 1.2.37 refuses.
openssl_ek() {
  local dst=$1 sess=$2 alg=$3 children=$4 md=$5 mgf=$6 cert
  openssl x509 -in "$KEYS/sp-rsa.pem" -pubkey -noout > "$W/sp-rsa.pub.pem"
  openssl pkeyutl -encrypt -pubin -inkey "$W/sp-rsa.pub.pem" -pkeyopt rsa_padding_mode:oaep \
    -pkeyopt "rsa_oaep_md:$md" -pkeyopt "rsa_mgf1_md:$mgf" -in "$sess" -out "$W/ek.bin"
  openssl pkeyutl -decrypt -inkey "$KEYS/sp-rsa.key.pem" -pkeyopt rsa_padding_mode:oaep \
    -pkeyopt "rsa_oaep_md:$md" -pkeyopt "rsa_mgf1_md:$mgf" -in "$W/ek.bin" | cmp -s - "$sess" ||
    fail "openssl does not unwrap its own OAEP ($md/$mgf) key"
  cert=$(openssl x509 -in "$KEYS/sp-rsa.pem" -outform DER | base64 -w 64)
  printf '<xenc:EncryptedKey><xenc:EncryptionMethod Algorithm="%s">%s</xenc:EncryptionMethod><ds:KeyInfo><ds:X509Data>\n<ds:X509Certificate>%s\n</ds:X509Certificate>\n</ds:X509Data></ds:KeyInfo><xenc:CipherData><xenc:CipherValue>%s</xenc:CipherValue></xenc:CipherData></xenc:EncryptedKey>' \
    "$alg" "$children" "$cert" "$(base64 -w 64 "$W/ek.bin")" > "$dst"
}
# replace_keyname FILE XML-FILE: puts the XML in place of the <ds:KeyName>session</ds:KeyName>
# that the content encryption used to find the known session key.
replace_keyname() {
  python3 - "$1" "$2" <<'PY'
import sys
path, repl = sys.argv[1], open(sys.argv[2]).read()
s = open(path).read()
marker = "<ds:KeyName>session</ds:KeyName>"
assert s.count(marker) == 1, "session KeyName marker not found once"
open(path, "w").write(s.replace(marker, repl))
PY
}
# known_key_response OUT RESP-ID RESP-SIGNED AID CONTENT-ALG BITS ALG CHILDREN MD MGF: content
# by xmlsec1 under a known session key, the EncryptedKey by openssl; the Response signed
# after the EncryptedKey is in place.
known_key_response() {
  local dst=$1 rid=$2 rsigned=$3 aid=$4 calg=$5 bits=$6
  openssl rand $((bits / 8)) > "$W/session.bin"
  encrypted_response "$W/known.xml" "$rid" no "$aid" "$(ed "$calg" "<ds:KeyName>session</ds:KeyName>")" \
    --aeskey:session "$W/session.bin"
  # xmlsec1 itself, with the session key, decrypts the content it made
  decrypt_check "$W/known.xml" --aeskey:session "$W/session.bin"
  openssl_ek "$W/ek.xml" "$W/session.bin" "$7" "$8" "$9" "${10}"
  replace_keyname "$W/known.xml" "$W/ek.xml"
  if [ "$rsigned" = yes ]; then
    # the signature template goes after the Issuer, as response() puts it
    python3 - "$W/known.xml" "$(sig "$rid" "$RSA_SHA256" "$SHA256")" <<'PY'
import sys
s = open(sys.argv[1]).read()
i = s.index("</saml:Issuer>") + len("</saml:Issuer>")
open(sys.argv[1], "w").write(s[:i] + sys.argv[2] + s[i:])
PY
    sign_response "$W/known.xml" "$dst"
    verify_response "$dst"
  else
    cp "$W/known.xml" "$dst"
  fi
}

# rsa-oaep-mgf1p with DigestMethod SHA-256 (MGF1 stays SHA-1, as the URI says) +
# AES-128-GCM; only the Response signed.
plain_assertion _enc-assert-2
known_key_response "$out/oaep-mgf1p-sha256_aes128-gcm_response-signed.xml" _enc-resp-2 yes _enc-assert-2 \
  "$AES128_GCM" 128 "$OAEP_MGF1P" "<ds:DigestMethod Algorithm=\"$SHA256\"/>" sha256 sha1
done_file oaep-mgf1p-sha256_aes128-gcm_response-signed.xml "openssl OAEP + xmlsec1 content"

# xmlenc11#rsa-oaep with SHA-256 and MGF1-SHA-256 + AES-256-GCM; only the Assertion signed.
signed_assertion _enc-assert-3 leaf-rsa2048
known_key_response "$out/rsa-oaep-mgf1sha256_aes256-gcm_assertion-signed.xml" _enc-resp-3 no _enc-assert-3 \
  "$AES256_GCM" 256 "$OAEP11" "<ds:DigestMethod Algorithm=\"$SHA256\"/><xenc11:MGF xmlns:xenc11=\"$XENC11\" Algorithm=\"${XENC11}mgf1sha256\"/>" sha256 sha256
done_file rsa-oaep-mgf1sha256_aes256-gcm_assertion-signed.xml "openssl OAEP + xmlsec1 content"

# Legacy content encryption (CBC modes), the Response signed: valid only with the switch.
plain_assertion _enc-assert-4
encrypted_response "$out/oaep-mgf1p_aes256-cbc_response-signed.xml" _enc-resp-4 yes _enc-assert-4 \
  "$(ed "$AES256_CBC" "$(ek "$OAEP_MGF1P" "$DIGEST_SHA1" "$X509")")"
decrypt_check "$out/oaep-mgf1p_aes256-cbc_response-signed.xml"
done_file oaep-mgf1p_aes256-cbc_response-signed.xml xmlsec1

plain_assertion _enc-assert-5
encrypted_response "$out/oaep-mgf1p_tripledes-cbc_response-signed.xml" _enc-resp-5 yes _enc-assert-5 \
  "$(ed "$TDES_CBC" "$(ek "$OAEP_MGF1P" "$DIGEST_SHA1" "$X509")")" "${SP_PUB[@]}" --session-key des-192
decrypt_check "$out/oaep-mgf1p_tripledes-cbc_response-signed.xml"
done_file oaep-mgf1p_tripledes-cbc_response-signed.xml xmlsec1

# RSA PKCS#1 v1.5 key transport (Bleichenbacher-prone): refused whatever the content.
plain_assertion _enc-assert-6
encrypted_response "$out/rsa-1_5_aes256-gcm_response-signed.xml" _enc-resp-6 yes _enc-assert-6 \
  "$(ed "$AES256_GCM" "$(ek "$RSA15" "" "$X509")")"
decrypt_check "$out/rsa-1_5_aes256-gcm_response-signed.xml"
done_file rsa-1_5_aes256-gcm_response-signed.xml xmlsec1

# EncryptedID and EncryptedAttribute inside a plaintext Assertion, which is signed after
# they are encrypted (so the signature covers the ciphertext). The encrypted element gets
# its own xmlns:saml: xmlsec1 serialises the element without its in-scope namespaces.
encrypt_inside_assertion() { # AID ELEMENT-START WRAPPER XPATH
  local aid=$1 start=$2 wrapper=$3 xp=$4
  assertion "$aid" "$(sig "$aid" "$RSA_SHA256" "$SHA256")" "$ATTRS" "$PWD_CTX" "" > "$W/$aid.tmpl.xml"
  python3 - "$W/$aid.tmpl.xml" "$start" "$wrapper" "$SAML" <<'PY'
import sys
path, start, wrapper, ns = sys.argv[1:]
s = open(path).read()
i = s.index(start)
name = start[1:].split(" ")[0]
j = s.index("</" + name + ">", i) + len(name) + 3
elem = s[i:j].replace(start, start.replace(" ", ' xmlns:saml="%s" ' % ns, 1), 1)
open(path, "w").write(s[:i] + "<%s>%s</%s>" % (wrapper, elem, wrapper) + s[j:])
PY
  encrypt_node "$W/$aid.tmpl.xml" "$xp" "$GCM256_X509" "$W/$aid.enc.xml" "${SP_PUB[@]}" --session-key aes-256
  xmlsec1 --sign "${IDS[@]}" "${IDP_KEY[@]}" --output "$W/$aid.signed.xml" "$W/$aid.enc.xml"
  strip_decl "$W/$aid.signed.xml" > "$W/$aid.xml"
}
encrypt_inside_assertion _enc-assert-7 '<saml:NameID ' saml:EncryptedID \
  "//*[local-name()='EncryptedID']/*[local-name()='NameID']"
response _enc-resp-7 "" "$(cat "$W/_enc-assert-7.xml")" > "$out/encrypted-id_assertion-signed.xml"
xmlsec1 --verify "${IDS[@]}" --pubkey-cert-pem "$PKI/leaf-rsa2048.pem" "$out/encrypted-id_assertion-signed.xml" >/dev/null 2>&1 ||
  fail "encrypted-id_assertion-signed.xml: the assertion signature over the EncryptedID does not verify"
grep -q 'ross@octolabs.io' "$out/encrypted-id_assertion-signed.xml" && fail "encrypted-id: the NameID is still readable"
decrypt_check "$out/encrypted-id_assertion-signed.xml"
done_file encrypted-id_assertion-signed.xml xmlsec1

encrypt_inside_assertion _enc-assert-8 '<saml:Attribute Name="urn:oid:2.5.4.42" ' saml:EncryptedAttribute \
  "//*[local-name()='EncryptedAttribute']/*[local-name()='Attribute']"
response _enc-resp-8 "" "$(cat "$W/_enc-assert-8.xml")" > "$out/encrypted-attribute_assertion-signed.xml"
xmlsec1 --verify "${IDS[@]}" --pubkey-cert-pem "$PKI/leaf-rsa2048.pem" "$out/encrypted-attribute_assertion-signed.xml" >/dev/null 2>&1 ||
  fail "encrypted-attribute_assertion-signed.xml: the assertion signature does not verify"
xmlsec1 --decrypt "${SP_PRIV[@]}" --output "$W/dec.xml" "$out/encrypted-attribute_assertion-signed.xml" >/dev/null 2>&1 &&
  grep -q 'FriendlyName="givenName"[^>]*><saml:AttributeValue>Ross<' "$W/dec.xml" ||
  fail "encrypted-attribute_assertion-signed.xml: xmlsec1 does not give back the givenName attribute"
done_file encrypted-attribute_assertion-signed.xml xmlsec1

# The EncryptedKey beside the EncryptedData inside the EncryptedAssertion, found through
# RetrievalMethod; the session key is known for a moment only so that xmlsec1 can write the
# EncryptedKey in the EncryptedData's KeyInfo, from where it is moved out.
signed_assertion _enc-assert-9 leaf-rsa2048
openssl rand 32 > "$W/session.bin"
encrypted_response "$W/sib.xml" _enc-resp-9 no _enc-assert-9 \
  "$(ed "$AES256_GCM" "<ds:KeyName>session</ds:KeyName>$(ek "$OAEP_MGF1P" "$DIGEST_SHA1" "$X509" 'Id="_ek-9"' '<xenc:ReferenceList><xenc:DataReference URI="#_ed-9"/></xenc:ReferenceList>')" 'Id="_ed-9"')" \
  --aeskey:session "$W/session.bin" "${SP_PUB[@]}"
python3 - "$W/sib.xml" "$SAML" "$DS" "$XENC" <<'PY'
import re, sys
path, saml, ds, xenc = sys.argv[1:]
s = open(path).read()
ek = re.search(r"<xenc:EncryptedKey .*?</xenc:EncryptedKey>", s, re.S).group(0)
s = s.replace(ek, "").replace("<ds:KeyName>session</ds:KeyName>",
    '<ds:RetrievalMethod Type="%sEncryptedKey" URI="#_ek-9"/>' % xenc)
ek = ek.replace("<xenc:EncryptedKey ", '<xenc:EncryptedKey xmlns:xenc="%s" xmlns:ds="%s" ' % (xenc, ds), 1)
s = s.replace("</xenc:EncryptedData></saml:EncryptedAssertion>", "</xenc:EncryptedData>" + ek + "</saml:EncryptedAssertion>")
assert ek in s
i = s.index("</saml:Issuer>") + len("</saml:Issuer>")
open(path, "w").write(s[:i] + "@SIG@" + s[i:])
PY
sed -i "s|@SIG@|$(sig _enc-resp-9 "$RSA_SHA256" "$SHA256")|" "$W/sib.xml"
sign_response "$W/sib.xml" "$out/sibling-encrypted-key_both-signed.xml"
verify_response "$out/sibling-encrypted-key_both-signed.xml"
ASSERTION_SIGNER=leaf-rsa2048 decrypt_check "$out/sibling-encrypted-key_both-signed.xml" \
  --id-attr:Id "${XENC}:EncryptedKey" "${SP_PRIV[@]}"
done_file sibling-encrypted-key_both-signed.xml "xmlsec1 (EncryptedKey moved)"

# How the EncryptedKey names its recipient: a KeyName only, or nothing at all.
plain_assertion _enc-assert-10
encrypted_response "$out/recipient-keyname_response-signed.xml" _enc-resp-10 yes _enc-assert-10 \
  "$(ed "$AES256_GCM" "$(ek "$OAEP_MGF1P" "$DIGEST_SHA1" '<ds:KeyInfo><ds:KeyName>sp.example.org encryption</ds:KeyName></ds:KeyInfo>')")" \
  --pubkey-cert-pem:"sp.example.org encryption" "$KEYS/sp-rsa.pem" --session-key aes-256
decrypt_check "$out/recipient-keyname_response-signed.xml" --privkey-pem:"sp.example.org encryption" "$KEYS/sp-rsa.key.pem"
done_file recipient-keyname_response-signed.xml xmlsec1

plain_assertion _enc-assert-11
encrypted_response "$out/recipient-no-keyinfo_response-signed.xml" _enc-resp-11 yes _enc-assert-11 \
  "$(ed "$AES256_GCM" "$(ek "$OAEP_MGF1P" "$DIGEST_SHA1" "")")"
decrypt_check "$out/recipient-no-keyinfo_response-signed.xml"
done_file recipient-no-keyinfo_response-signed.xml xmlsec1

# Encrypted to a key the relying party does not hold (other-rsa), named by KeyName (so
# a decryptor has to try its keys and fail) and by its certificate (nothing to try).
plain_assertion _enc-assert-12
encrypted_response "$out/other-recipient-keyname_response-signed.xml" _enc-resp-12 yes _enc-assert-12 \
  "$(ed "$AES256_GCM" "$(ek "$OAEP_MGF1P" "$DIGEST_SHA1" '<ds:KeyInfo><ds:KeyName>other.example.net encryption</ds:KeyName></ds:KeyInfo>')")" \
  --pubkey-cert-pem:"other.example.net encryption" "$KEYS/other-rsa.pem" --session-key aes-256
decrypt_check "$out/other-recipient-keyname_response-signed.xml" --privkey-pem "$KEYS/other-rsa.key.pem"
decrypt_fails "$out/other-recipient-keyname_response-signed.xml" --privkey-pem "$KEYS/sp-rsa.key.pem"
done_file other-recipient-keyname_response-signed.xml xmlsec1

plain_assertion _enc-assert-13
encrypted_response "$out/other-recipient-x509_response-signed.xml" _enc-resp-13 yes _enc-assert-13 \
  "$GCM256_X509" --pubkey-cert-pem "$KEYS/other-rsa.pem" --session-key aes-256
decrypt_check "$out/other-recipient-x509_response-signed.xml" --privkey-pem "$KEYS/other-rsa.key.pem,$KEYS/other-rsa.pem"
decrypt_fails "$out/other-recipient-x509_response-signed.xml" "${SP_PRIV[@]}"
done_file other-recipient-x509_response-signed.xml xmlsec1

# AES-256-CBC, only the Assertion signed: the base of the padding variants below, whose
# session key must be known to write chosen paddings.
signed_assertion _enc-assert-14 leaf-rsa2048
openssl rand 32 > "$W/cbc-session.bin"
encrypted_response "$W/cbc.xml" _enc-resp-14 no _enc-assert-14 \
  "$(ed "$AES256_CBC" "<ds:KeyName>session</ds:KeyName>$(ek "$OAEP_MGF1P" "$DIGEST_SHA1" "$X509")")" \
  --aeskey:session "$W/cbc-session.bin" "${SP_PUB[@]}"
sed 's|<ds:KeyName>session</ds:KeyName>||' "$W/cbc.xml" > "$out/oaep-mgf1p_aes256-cbc_assertion-signed.xml"
ASSERTION_SIGNER=leaf-rsa2048 decrypt_check "$out/oaep-mgf1p_aes256-cbc_assertion-signed.xml"
done_file oaep-mgf1p_aes256-cbc_assertion-signed.xml "xmlsec1 (session key kept for the padding variants)"

# === attacks ============================================================================

# Two EncryptedAssertions, both from the IdP; built before the Response is signed.
signed_assertion _enc-assert-15a leaf-rsa2048
signed_assertion _enc-assert-15b leaf-rsa2048
response _enc-resp-15 "$(sig _enc-resp-15 "$RSA_SHA256" "$SHA256")" \
  "<saml:EncryptedAssertion>$(cat "$W/_enc-assert-15a.xml")</saml:EncryptedAssertion><saml:EncryptedAssertion>$(cat "$W/_enc-assert-15b.xml")</saml:EncryptedAssertion>" > "$W/two.xml"
encrypt_node "$W/two.xml" "($ASSERTION_XP)[1]" "$GCM256_X509" "$W/two-1.xml" "${SP_PUB[@]}" --session-key aes-256
encrypt_node "$W/two-1.xml" "$ASSERTION_XP" "$GCM256_X509" "$W/two-2.xml" "${SP_PUB[@]}" --session-key aes-256
[ "$(grep -o '<xenc:EncryptedData' "$W/two-2.xml" | wc -l)" = 2 ] || fail "two-encrypted: not two EncryptedData"
sign_response "$W/two-2.xml" "$out/attack_two-encrypted-assertions.xml"
verify_response "$out/attack_two-encrypted-assertions.xml"
done_file attack_two-encrypted-assertions.xml "xmlsec1, built before signing"

# A plaintext signed Assertion beside an EncryptedAssertion; built before signing.
signed_assertion _enc-assert-16a leaf-rsa2048
signed_assertion _enc-assert-16b leaf-rsa2048
response _enc-resp-16 "$(sig _enc-resp-16 "$RSA_SHA256" "$SHA256")" \
  "$(cat "$W/_enc-assert-16a.xml")<saml:EncryptedAssertion>$(cat "$W/_enc-assert-16b.xml")</saml:EncryptedAssertion>" > "$W/mixed.xml"
encrypt_node "$W/mixed.xml" "$ASSERTION_XP" "$GCM256_X509" "$W/mixed-enc.xml" "${SP_PUB[@]}" --session-key aes-256
grep -q 'ID="_enc-assert-16a"' "$W/mixed-enc.xml" || fail "plaintext-beside-encrypted: the plaintext assertion is gone"
sign_response "$W/mixed-enc.xml" "$out/attack_plaintext-beside-encrypted.xml"
verify_response "$out/attack_plaintext-beside-encrypted.xml"
done_file attack_plaintext-beside-encrypted.xml "xmlsec1, built before signing"

# The encrypted assertion's ID equals the Response's: only visible after decryption;
# built before signing (both signatures hold; xmlsec1 itself refuses the decrypted
# document's assertion signature for the duplicate ID, so that one is checked before).
signed_assertion _enc-resp-17 leaf-rsa2048
encrypted_response "$out/attack_decrypted-id-equals-response-id.xml" _enc-resp-17 yes _enc-resp-17 "$GCM256_X509"
decrypt_check "$out/attack_decrypted-id-equals-response-id.xml"
done_file attack_decrypted-id-equals-response-id.xml "xmlsec1, built before signing"

# Signature wrapping: the IdP's signed EncryptedAssertion moved into samlp:Extensions and
# an attacker's EncryptedAssertion (encrypted to the SP, its assertion signed by the
# attacker's key, or not signed) put in its place; edited after signing.
wrap() { # DST ATTACKER-ASSERTION-ID
  local dst=$1 aid=$2
  encrypted_response "$W/evil.xml" _evil-resp no "$aid" "$GCM256_X509"
  python3 - "$out/oaep-mgf1p-sha1_aes256-gcm_both-signed.xml" "$W/evil.xml" "$dst" <<'PY'
import re, sys
good, evil, dst = sys.argv[1:]
g = open(good).read()
e = open(evil).read()
pat = re.compile(r"<saml:EncryptedAssertion>.*?</saml:EncryptedAssertion>", re.S)
orig = pat.search(g).group(0)
forged = pat.search(e).group(0)
g = g.replace(orig, forged)
i = g.index("</ds:Signature>") + len("</ds:Signature>")
g = g[:i] + "<samlp:Extensions>" + orig + "</samlp:Extensions>" + g[i:]
open(dst, "w").write(g)
PY
  verify_response_broken "$dst"
}
signed_assertion _evil-assert-18 attacker-rsa2048
wrap "$out/attack_wrapping-attacker-signed.xml" _evil-assert-18
done_file attack_wrapping-attacker-signed.xml "xmlsec1, edited after signing"
plain_assertion _evil-assert-19
wrap "$out/attack_wrapping-attacker-unsigned.xml" _evil-assert-19
done_file attack_wrapping-attacker-unsigned.xml "xmlsec1, edited after signing"

# CBC padding: the last plaintext byte (the padding length) set to 0, 17 and 255 by
# re-encrypting the last block under the known session key; only the last ciphertext
# block changes. The Response is unsigned, so a verifier reaches decryption.
for pad in 0 17 255; do
  python3 - "$out/oaep-mgf1p_aes256-cbc_assertion-signed.xml" "$W/cbc-session.bin" "$pad" \
    "$out/attack_cbc-padding-$pad.xml" <<'PY'
import base64, re, subprocess, sys
src, keyfile, pad, dst = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
s = open(src).read()
cvs = list(re.finditer(r"<xenc:CipherValue>([^<]*)</xenc:CipherValue>", s))
content = cvs[-1]  # the EncryptedData's, after the EncryptedKey's
raw = base64.b64decode("".join(content.group(1).split()))
key = open(keyfile, "rb").read().hex()
iv, ct = raw[:16], raw[16:]
def aes(mode, data):
    args = ["openssl", "enc", "-aes-256-cbc", "-K", key, "-iv", iv.hex(), "-nopad"]
    if mode == "d":
        args.insert(2, "-d")
    return subprocess.run(args, input=data, capture_output=True, check=True).stdout
pt = aes("d", ct)
assert 1 <= pt[-1] <= 16, "the original padding is not valid"
forged = aes("e", pt[:-1] + bytes([pad]))
assert forged[:-16] == ct[:-16] and forged[-16:] != ct[-16:]
b64 = base64.b64encode(iv + forged).decode()
b64 = "\n".join(b64[i:i + 64] for i in range(0, len(b64), 64))
open(dst, "w").write(s[:content.start(1)] + b64 + s[content.end(1):])
PY
  decrypt_fails "$out/attack_cbc-padding-$pad.xml" "${SP_PRIV[@]}"
  done_file "attack_cbc-padding-$pad.xml" "xmlsec1 + openssl enc, edited after encrypting"
done

# The message offers its own recipient key (the attacker's): as ds:KeyValue or as
# ds:X509Certificate, with the content really encrypted to that key. The assertion is the
# IdP's, replayed.
signed_assertion _enc-assert-20 leaf-rsa2048
encrypted_response "$out/attack_recipient-keyvalue-attacker.xml" _enc-resp-20 no _enc-assert-20 \
  "$(ed "$AES256_GCM" "$(ek "$OAEP_MGF1P" "$DIGEST_SHA1" '<ds:KeyInfo><ds:KeyValue/></ds:KeyInfo>')")" \
  --pubkey-cert-pem "$PKI/attacker-rsa2048.pem" --session-key aes-256
grep -q '<ds:Modulus>' "$out/attack_recipient-keyvalue-attacker.xml" || fail "keyvalue-attacker: no RSAKeyValue written"
# (xmlsec1 itself would take the message's RSAKeyValue as the key to decrypt with, and
# fail, unless key-value is disabled: the very confusion this file tests)
decrypt_check "$out/attack_recipient-keyvalue-attacker.xml" --enabled-key-data enc-key --privkey-pem "$PKI/attacker-rsa2048.key"
decrypt_fails "$out/attack_recipient-keyvalue-attacker.xml" "${SP_PRIV[@]}"
done_file attack_recipient-keyvalue-attacker.xml xmlsec1
signed_assertion _enc-assert-21 leaf-rsa2048
encrypted_response "$out/attack_recipient-x509-attacker.xml" _enc-resp-21 no _enc-assert-21 \
  "$GCM256_X509" --pubkey-cert-pem "$PKI/attacker-rsa2048.pem" --session-key aes-256
decrypt_check "$out/attack_recipient-x509-attacker.xml" --privkey-pem "$PKI/attacker-rsa2048.key,$PKI/attacker-rsa2048.pem"
decrypt_fails "$out/attack_recipient-x509-attacker.xml" "${SP_PRIV[@]}"
done_file attack_recipient-x509-attacker.xml xmlsec1

# A plaintext over 1 MiB (an AttributeValue of 1,100,000 characters), properly signed and
# encrypted, the Response signed too.
BIG="<saml:Attribute Name=\"urn:example:padding\" NameFormat=\"urn:oasis:names:tc:SAML:2.0:attrname-format:uri\"><saml:AttributeValue>$(head -c 1100000 /dev/zero | tr '\0' 'A')</saml:AttributeValue></saml:Attribute>"
signed_assertion _enc-assert-22 leaf-rsa2048 "$ATTRS$BIG"
[ "$(wc -c < "$W/_enc-assert-22.xml")" -gt 1048576 ] || fail "over-1mib: the assertion is not over 1 MiB"
encrypted_response "$out/attack_plaintext-over-1mib.xml" _enc-resp-22 yes _enc-assert-22 "$GCM256_X509"
ASSERTION_SIGNER=leaf-rsa2048 decrypt_check "$out/attack_plaintext-over-1mib.xml"
done_file attack_plaintext-over-1mib.xml "xmlsec1 ($(wc -c < "$W/_enc-assert-22.xml") bytes of plaintext)"

echo "make_encrypted: $(ls "$out" | wc -l) files in $out, every one checked with xmlsec1"
