#!/usr/bin/env bash
# Writes the relying party's decryption keys for the encrypted SAML test messages into
# keys/: unencrypted PKCS#8 PEM private keys and self-signed certificates (valid
# 2025-01-01..2045-01-01) that identity providers encrypt to and that name the recipient
# in ds:X509Data. other-rsa is a key the relying party does not hold, for the
# "encrypted to someone else" cases.
#
#   bash make_keys.sh [OUT_DIR]     (default: this directory's keys/)
#
# The keys are committed and every encrypted message depends on them: a re-run only adds
# the keys that are missing (delete one to make it anew, then re-run make_encrypted.sh,
# make_ecdh.py and tests/producers/run.sh).
# Needs: openssl. `openssl ca -selfsign` is used because `req -x509` of OpenSSL 3.0
# cannot set a start date, and a certificate starting today would not yet be valid at
# the messages' instant (2026-06-01).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here/keys}
mkdir -p "$out"
out=$(cd "$out" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/db"
touch "$work/db/index"
cat > "$work/ca.cnf" <<CNF
[ca]
default_ca = selfsigned
[selfsigned]
database = $work/db/index
new_certs_dir = $work/db
serial = $work/db/serial
default_md = sha256
policy = anything
copy_extensions = none
x509_extensions = encryption
unique_subject = no
[anything]
commonName = supplied
organizationName = optional
[encryption]
basicConstraints = critical,CA:false
keyUsage = critical,keyEncipherment,keyAgreement,dataEncipherment
subjectKeyIdentifier = hash
CNF

key() { # name subject genpkey-options...
  local name=$1 subject=$2
  shift 2
  # Keys already made stay: every committed message depends on them.
  if [ -e "$out/$name.key.pem" ]; then return; fi
  openssl genpkey "$@" -out "$out/$name.key.pem" 2>/dev/null
  openssl req -new -key "$out/$name.key.pem" -subj "$subject" -out "$work/$name.csr"
  openssl rand -hex 16 > "$work/db/serial"
  openssl ca -batch -config "$work/ca.cnf" -selfsign -keyfile "$out/$name.key.pem" \
    -in "$work/$name.csr" -startdate 20250101000000Z -enddate 20450101000000Z -notext \
    -out "$out/$name.pem" 2>/dev/null
  openssl x509 -in "$out/$name.pem" -noout -checkend 0 >/dev/null
  echo "make_keys: $name.key.pem, $name.pem"
}

key sp-rsa "/O=Example SP/CN=sp.example.org encryption RSA 3072" \
  -algorithm RSA -pkeyopt rsa_keygen_bits:3072
key sp-ec-p256 "/O=Example SP/CN=sp.example.org encryption P-256" \
  -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -pkeyopt ec_param_enc:named_curve
key sp-ec-p384 "/O=Example SP/CN=sp.example.org encryption P-384" \
  -algorithm EC -pkeyopt ec_paramgen_curve:P-384 -pkeyopt ec_param_enc:named_curve
key sp-ec-bp256 "/O=Example SP/CN=sp.example.org encryption brainpoolP256r1" \
  -algorithm EC -pkeyopt ec_paramgen_curve:brainpoolP256r1 -pkeyopt ec_param_enc:named_curve
key sp-ec-p521 "/O=Example SP/CN=sp.example.org encryption P-521" \
  -algorithm EC -pkeyopt ec_paramgen_curve:P-521 -pkeyopt ec_param_enc:named_curve
key sp-ec-bp384 "/O=Example SP/CN=sp.example.org encryption brainpoolP384r1" \
  -algorithm EC -pkeyopt ec_paramgen_curve:brainpoolP384r1 -pkeyopt ec_param_enc:named_curve
key sp-ec-bp512 "/O=Example SP/CN=sp.example.org encryption brainpoolP512r1" \
  -algorithm EC -pkeyopt ec_paramgen_curve:brainpoolP512r1 -pkeyopt ec_param_enc:named_curve
key other-rsa "/O=Other/CN=other.example.net encryption RSA 3072" \
  -algorithm RSA -pkeyopt rsa_keygen_bits:3072
