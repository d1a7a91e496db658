#!/usr/bin/env bash
# Regenerates the dup-* OCSP fixtures of this folder: responses with more than one
# SingleResponse, about one certificate or about two. A CA of its own (make.sh's CA key is
# not kept), two leaves, responses from a live `openssl ocsp` responder on loopback, and
# one response edited with edit_der.py and re-signed with `openssl dgst`. Certificates and
# responses last ten years, as in make.sh (see README.md).
#   tests/data/ocsp/make-duplicates.sh
set -euo pipefail
cd "$(dirname "$0")"
work=$(mktemp -d); trap 'kill "${pid:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT
printf '[leaf]\nbasicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\n' > "$work/ext.cnf"
q() { openssl "$@" >/dev/null 2>&1; }
q req -x509 -newkey rsa:2048 -nodes -keyout "$work/ca.key" -out dup-ca.pem \
  -subj "/CN=trustmeta OCSP duplicate-answer test CA" \
  -days 3650 -sha256 -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign"
issue() { # name serial
  q req -newkey rsa:2048 -nodes -keyout "$work/$1.key" -subj "/CN=$1" -out "$work/$1.csr"
  q x509 -req -in "$work/$1.csr" -CA dup-ca.pem -CAkey "$work/ca.key" -set_serial "0x$2" -days 3650 \
    -sha256 -extfile "$work/ext.cnf" -extensions leaf -out "$1.pem"
}
issue dup-good 3001
issue dup-revoked 3002
printf 'V\t360101000000Z\t\t3001\tunknown\t/CN=dup-good\nR\t360101000000Z\t250102030405Z,keyCompromise\t3002\tunknown\t/CN=dup-revoked\n' > "$work/index.txt"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
respond() {
  openssl ocsp -index "$work/index.txt" -port "$port" -CA dup-ca.pem -rsigner dup-ca.pem -rkey "$work/ca.key" \
    -ndays 3650 -nrequest 1 >/dev/null 2>&1 & pid=$!
  # Wait until the port is taken (a probing connection would stall the responder).
  for _ in $(seq 50); do python3 -c "import socket; socket.socket().bind(('127.0.0.1',$port))" 2>/dev/null || break; sleep 0.1; done
}
fetch() { # out.der [client options]: one request, with every -cert given, answered in one response
  local out=$1; shift
  openssl ocsp -issuer dup-ca.pem -url "http://127.0.0.1:$port" -no_nonce -noverify -respout "$out" "$@" >/dev/null 2>&1
  wait "$pid"
}
# Two certificates, one answer each: what RFC 6960 foresees.
respond; fetch dup-two-certs.der -cert dup-good.pem -cert dup-revoked.pem
# One certificate asked about twice: the responder answers twice.
respond; fetch dup-good-good.der -cert dup-good.pem -cert dup-good.pem
# The same certificate under a SHA-1 and a SHA-256 CertID.
respond; fetch dup-sha1-sha256.der -cert dup-good.pem -sha256 -cert dup-good.pem
# good, then revoked, for one CertID: no responder writes this, so dup-two-certs.der's
# second answer (3002, revoked) is made to name 3001 and tbsResponseData signed again.
python3 edit_der.py serial dup-two-certs.der 1 3001 "$work/edited.der"
python3 edit_der.py tbs "$work/edited.der" "$work/tbs.der"
openssl dgst -sha256 -sign "$work/ca.key" -out "$work/sig.bin" "$work/tbs.der"
python3 edit_der.py signature "$work/edited.der" "$work/sig.bin" dup-good-revoked.der
# The edit must verify under the CA, and say good for the first answer, revoked for the second.
openssl ocsp -respin dup-good-revoked.der -issuer dup-ca.pem -CAfile dup-ca.pem -serial 0x3001 -no_nonce 2>&1 \
  | grep -q 'Response verify OK' || { echo "dup-good-revoked.der does not verify" >&2; exit 1; }
echo "now: $(date -u +%Y-%m-%dT%H:%M:%SZ)" > generated-duplicates.txt
