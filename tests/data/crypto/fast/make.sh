#!/usr/bin/env bash
# Raw signature vectors for the `fast` backend's unit tests (core/src/crypto/fast.rs):
# every RSA and ECDSA method it hands to AWS-LC, made by openssl only.
#
#   bash make.sh
#
# Needs: openssl 3.x, coreutils (basenc). The keys are the leaves of ../../xmldsig-gen/pki.
# vectors.tsv is `name  key  expect  signature(base64)` over message.txt; `expect` is what
# the fast backend must answer (`ok`, or `bad` for a signature it must refuse).
set -euo pipefail

cd "$(dirname "$0")"
PKI=../../xmldsig-gen/pki
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
die() { echo "make.sh: $*" >&2; exit 1; }

printf 'trustmeta fast backend vector\n' > message.txt
for k in rsa1024 rsa2048 rsa3072 p256 p384; do
    openssl x509 -in "$PKI/leaf-$k.pem" -pubkey -noout > "$k.pub.pem"
done

printf 'name\tkey\texpect\tsignature\n' > vectors.tsv
vector() { # NAME KEY EXPECT MODE MD [SALTLEN]
    local name=$1 k=$2 expect=$3 mode=$4 md=$5 salt=${6:-digest} key=$PKI/leaf-$2.key sig
    case $mode in
        pkcs1) openssl dgst "-$md" -sign "$key" -out "$WORK/sig.bin" message.txt ;;
        pss) openssl dgst "-$md" -sign "$key" -sigopt rsa_padding_mode:pss \
                -sigopt "rsa_pss_saltlen:$salt" -sigopt "rsa_mgf1_md:$md" -out "$WORK/sig.bin" message.txt ;;
        ecdsa) openssl dgst "-$md" -sign "$key" -out "$WORK/sig.bin" message.txt ;;
    esac
    # openssl checks each one itself before it is written.
    local opts=()
    [[ $mode == pss ]] && opts=(-sigopt rsa_padding_mode:pss -sigopt "rsa_pss_saltlen:$salt" -sigopt "rsa_mgf1_md:$md")
    openssl dgst "-$md" -verify "$k.pub.pem" "${opts[@]}" -signature "$WORK/sig.bin" message.txt >/dev/null \
        || die "openssl does not verify $name by $k"
    if [[ $mode == ecdsa ]]; then
        # DER ECDSA-Sig-Value to XML-DSig's fixed-width r||s.
        local fl hex="" v
        case $k in p256) fl=32 ;; p384) fl=48 ;; esac
        for v in $(openssl asn1parse -inform DER -in "$WORK/sig.bin" | awk -F: '/INTEGER/ {print $NF}'); do
            hex+=$(printf '%*s' $((2 * fl)) "$v" | tr ' ' 0)
        done
        ((${#hex} == 4 * fl)) || die "ECDSA signature is not two integers"
        sig=$(printf '%s' "$hex" | basenc --base16 -d | base64 -w0)
    else
        sig=$(base64 -w0 < "$WORK/sig.bin")
    fi
    printf '%s\t%s\t%s\t%s\n' "$name" "$k" "$expect" "$sig" >> vectors.tsv
}

for k in rsa2048 rsa3072; do
    vector rsa-sha1 "$k" ok pkcs1 sha1
    for md in sha256 sha384 sha512; do
        vector "rsa-$md" "$k" ok pkcs1 "$md"
        vector "rsa-pss-$md" "$k" ok pss "$md"
    done
done
# Under 2048 bits the backend hands RSA to the RustCrypto code.
vector rsa-sha256 rsa1024 ok pkcs1 sha256
# RSASSA-PSS with a salt other than the digest's length: XML-DSig (RFC 6931) leaves it
# open, ring and AWS-LC both refuse it (the portable backend accepts any salt length).
vector rsa-pss-sha256 rsa2048 bad pss sha256 0
vector rsa-pss-sha256 rsa2048 bad pss sha256 max
vector ecdsa-sha256 p256 ok ecdsa sha256
vector ecdsa-sha384 p384 ok ecdsa sha384
echo "make.sh: $(($(wc -l < vectors.tsv) - 1)) vectors"
