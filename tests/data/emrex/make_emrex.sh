#!/usr/bin/env bash
# Builds the EMREX test cases in this folder: ELMO files signed by xmlsec1 with the test PKI
# of ../xmldsig-gen/pki (the "NCP" is leaf-rsa2048), their gzip+base64 form-field encodings,
# and EMREG lists in the messy shapes real registries publish (make_emreg.py).
#
#   bash make_emrex.sh
#
# Needs: xmlsec1 (OpenSSL backend), openssl, gzip, base64, python3. RSA signatures come out
# identical on every run. Cases and expectations: README.md and expected.tsv.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
pki=../xmldsig-gen/pki
mkdir -p signed
ncp="$pki/leaf-rsa2048.key,$pki/leaf-rsa2048.pem"
attacker="$pki/attacker-rsa2048.key,$pki/attacker-rsa2048.pem"
root_sig=(--node-xpath "/*/*[local-name()='Signature']")

sign() { # template key output
  xmlsec1 --sign --privkey-pem "$2" "${root_sig[@]}" --output "signed/$3" "templates/$1"
}

sign v1-rsa-sha256.xml "$ncp" v1-rsa-sha256.xml
sign old-ns-rsa-sha1.xml "$ncp" old-ns-rsa-sha1.xml
sign nested-dsig.xml "$ncp" nested-dsig.xml
sign c14n-transform.xml "$ncp" c14n-transform.xml
sign v1-rsa-sha256.xml "$attacker" attacker-signed.xml
sign no-learner.xml "$ncp" no-learner.xml

# KeyInfo carries the attacker's certificate, the signature is the NCP's: KeyInfo is outside
# what the enveloped Reference covers, so the signature stays valid; only the pinned NCP
# certificate may count.
attacker_b64=$(grep -v -- '-----' "$pki/attacker-rsa2048.pem" | tr -d '\n')
python3 - "$attacker_b64" <<'PY'
import re, sys
s = open("signed/v1-rsa-sha256.xml").read()
s2 = re.sub(r"<ds:X509Certificate>[^<]*</ds:X509Certificate>",
            "<ds:X509Certificate>" + sys.argv[1] + "</ds:X509Certificate>", s, count=1)
assert s2 != s
open("signed/keyinfo-foreign-cert.xml", "w").write(s2)
# The learner changed after signing.
t = s.replace("<familyName>Nordmann</familyName>", "<familyName>Mallory</familyName>")
assert t != s
open("signed/tampered-learner.xml", "w").write(t)
PY

# Check what must verify does, with the NCP certificate as the only key (KeyInfo ignored).
for f in v1-rsa-sha256 old-ns-rsa-sha1 nested-dsig keyinfo-foreign-cert no-learner; do
  xmlsec1 --verify --enabled-key-data rsa --pubkey-cert-pem "$pki/leaf-rsa2048.pem" \
    "${root_sig[@]}" "signed/$f.xml" >/dev/null 2>&1 || { echo "$f does not verify"; exit 1; }
done

# Form-field encodings: gzip + base64 (as NCPs send it), and plain base64 with line breaks.
gzip -9nc signed/v1-rsa-sha256.xml | base64 -w 76 > signed/v1-rsa-sha256.xml.gz.b64
base64 -w 64 signed/v1-rsa-sha256.xml > signed/v1-rsa-sha256.xml.b64
# A gzip bomb: 64 MiB of spaces in a ~64 KiB field (over the 16 MiB default cap).
head -c 67108864 /dev/zero | tr '\0' ' ' | gzip -9nc | base64 -w 76 > signed/bomb.gz.b64

python3 make_emreg.py
echo "ok"
