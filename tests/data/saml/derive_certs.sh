#!/usr/bin/env bash
# Writes derived/*.pem: the certificates that ../shared/vectors/saml (and one eIDAS
# vector) name by fingerprint or carry only inside another document (crewjam's IdP
# metadata, the KeyInfo of a python3-saml and a ruby-saml response, of the STORK
# request), each checked against the SHA-1 fingerprint SOURCES.md gives, where it gives
# one, before it is written.
#
#   bash derive_certs.sh [SHARED_DIR]      (default: ../../../../shared)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
shared=${1:-${TRUSTMETA_SHARED:-$here/../../../../shared}}
v=$shared/vectors/saml
mkdir -p "$here/derived"
python3 - "$v" "$here/derived" <<'PY'
import base64, hashlib, re, sys
v, out = sys.argv[1], sys.argv[2]
def text(path):
    b = open(f"{v}/{path}", "rb").read()
    if path.endswith((".base64", "_response")):
        b = base64.b64decode(b)
    return b.decode("utf-8", "replace")
# (derived file, source, SHA-1 fingerprint prefix from SOURCES.md)
rows = [
    ("crewjam-onelogin.pem", "crewjam-saml/testdata/TestSPCanHandleOneloginResponse_IDPMetadata", "ef69ae37"),
    ("crewjam-signed-assertions.pem", "crewjam-saml/testdata/TestServiceProviderCanHandleSignedAssertionsResponse_IDPMetadata", "5614657a"),
    ("crewjam-google.pem", "crewjam-saml/testdata/TestSPRejectsInjectedComment_IDPMetadata", "177779ad"),
    ("python3-saml-settings10.pem", "python3-saml/tests/data/responses/response_without_reference_uri.xml.base64", "657302a5e11a4794a1e50a705988d66c9377575d"),
    ("ruby-saml-starfield.pem", "ruby-saml/test/responses/starfield_response.xml.base64", "8dba538ea3b6f9f1696cbbd9d8bd41b3ac4f9d4d"),
    # SOURCES gives no fingerprint: "signature INVALID with its embedded key".
    ("eidas-node145-stork-request-keyinfo.pem", "../eidas/eidas-eu-mock/node145-stork-AuthnRequest.xml", ""),
]
for name, src, fp in rows:
    found = None
    for c in re.findall(r"X509Certificate>\s*([^<]*)<", text(src)):
        der = base64.b64decode(re.sub(r"\s", "", c))
        if der and hashlib.sha1(der).hexdigest().startswith(fp):
            found = der
            break
    if found is None:
        sys.exit(f"derive_certs: no certificate with fingerprint {fp} in {src}")
    b64 = base64.b64encode(found).decode()
    with open(f"{out}/{name}", "w") as f:
        f.write("-----BEGIN CERTIFICATE-----\n")
        f.write("\n".join(b64[i:i + 64] for i in range(0, len(b64), 64)))
        f.write("\n-----END CERTIFICATE-----\n")
    print(f"derive_certs: {name} ({hashlib.sha1(found).hexdigest()}) from {src}")
PY
