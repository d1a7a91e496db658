#!/usr/bin/env bash
# Remakes the key files in this directory from the test PKI's leaf keys with openssl:
# the forms a caller may give by mistake (private keys, PEM and DER) and the DER public
# key that a trust store accepts. Run from anywhere; openssl 3 is assumed.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
pki=$here/../xmldsig-gen/pki
cd "$here"
openssl pkcs8 -topk8 -nocrypt -in "$pki/leaf-rsa2048.key" -outform DER -out rsa-pkcs8.der
openssl rsa -in "$pki/leaf-rsa2048.key" -traditional -outform DER -out rsa-pkcs1.der 2>/dev/null
openssl rsa -in "$pki/leaf-rsa2048.key" -traditional -out rsa-pkcs1.pem 2>/dev/null
openssl ec -in "$pki/leaf-p256.key" -outform DER -out p256-sec1.der 2>/dev/null
openssl ec -in "$pki/leaf-p256.key" -out p256-sec1.pem 2>/dev/null
openssl pkcs8 -topk8 -passout pass:secret -in "$pki/leaf-rsa2048.key" -out rsa-encrypted.pem
openssl x509 -in "$pki/leaf-rsa2048.pem" -pubkey -noout | openssl pkey -pubin -outform DER -out rsa-spki.der
openssl x509 -in "$pki/leaf-rsa2048.pem" -outform DER -out rsa-cert.der
openssl x509 -in "$pki/attacker-rsa2048.pem" -pubkey -noout | openssl pkey -pubin -outform DER -out attacker-spki.der
