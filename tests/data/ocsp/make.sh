#!/usr/bin/env bash
# Regenerates the OCSP fixtures of this folder: a CA, a delegated responder, three
# leaves, and DER responses fetched from a live `openssl ocsp` responder on loopback.
# Certificates are valid for ten years and responses carry nextUpdate = thisUpdate + 10
# years, so tests can verify them at a fixed time (see README.md).
#   tests/data/ocsp/make.sh
set -euo pipefail
cd "$(dirname "$0")"
work=$(mktemp -d); trap 'kill "${pid:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT
cat > "$work/ext.cnf" <<'CNF'
[ocsp]
basicConstraints=CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=OCSPSigning
noCheck=ignored
[leaf]
basicConstraints=CA:FALSE
keyUsage=critical,digitalSignature
CNF
q() { openssl "$@" >/dev/null 2>&1; }
q req -x509 -newkey rsa:2048 -nodes -keyout "$work/ca.key" -out ca.pem -subj "/CN=trustmeta OCSP test CA" \
  -days 3650 -sha256 -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign"
issue() { # name serial key-spec extensions
  q req -newkey "$3" -nodes -keyout "$work/$1.key" -subj "/CN=$1" -out "$work/$1.csr"
  q x509 -req -in "$work/$1.csr" -CA ca.pem -CAkey "$work/ca.key" -set_serial "0x$2" -days 3650 -sha256 \
    -extfile "$work/ext.cnf" -extensions "$4" -out "$1.pem"
}
issue responder 1001 rsa:2048 ocsp
issue good 2001 rsa:2048 leaf
issue revoked 2002 rsa:2048 leaf
issue unknown 2003 rsa:2048 leaf
printf 'V\t360101000000Z\t\t2001\tunknown\t/CN=good\nR\t360101000000Z\t250102030405Z,keyCompromise\t2002\tunknown\t/CN=revoked\n' > "$work/index.txt"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
respond() { # signer-cert signer-key [options]
  local cert=$1 key=$2; shift 2
  openssl ocsp -index "$work/index.txt" -port "$port" -CA ca.pem -rsigner "$cert" -rkey "$key" \
    -ndays 3650 -nrequest 1 "$@" >/dev/null 2>&1 & pid=$!
  # Wait until the port is taken (a probing connection would stall the responder).
  for _ in $(seq 50); do python3 -c "import socket; socket.socket().bind(('127.0.0.1',$port))" 2>/dev/null || break; sleep 0.1; done
}
fetch() { # out.der [client options]
  local out=$1; shift
  openssl ocsp -issuer ca.pem -url "http://127.0.0.1:$port" -no_nonce -noverify -respout "$out" "$@" >/dev/null 2>&1
  wait "$pid"
}
respond ca.pem "$work/ca.key";                  fetch good-ca.der -cert good.pem
respond responder.pem "$work/responder.key";    fetch revoked-delegated.der -cert revoked.pem
respond ca.pem "$work/ca.key";                  fetch unknown-sha256.der -sha256 -cert unknown.pem
respond ca.pem "$work/ca.key" -rmd sha1;        fetch good-sha1-signed.der -cert good.pem
echo "now: $(date -u +%Y-%m-%dT%H:%M:%SZ)" > generated.txt
