#!/bin/sh
# EC private keys as OpenSSL writes them, for the import tests
# (jose-core/tests/es_signing.rs): per curve a SEC1 `EC PRIVATE KEY`, the
# same key as PKCS#8 `PRIVATE KEY`, its SPKI `PUBLIC KEY`, and a self-signed
# certificate. Rerun to replace them (the tests compare the files with each
# other, never with fixed numbers).
set -eu
cd "$(dirname "$0")"
for curve in P-256 P-384 P-521; do
  name=$(echo "$curve" | tr 'A-Z' 'a-z' | tr -d -)
  openssl ecparam -name "$(case $curve in P-256) echo prime256v1;; P-384) echo secp384r1;; P-521) echo secp521r1;; esac)" \
    -genkey -noout -out "$name.sec1.pem"
  openssl pkcs8 -topk8 -nocrypt -in "$name.sec1.pem" -out "$name.pkcs8.pem"
  openssl ec -in "$name.sec1.pem" -pubout -out "$name.spki.pem" 2>/dev/null
  openssl req -new -x509 -key "$name.sec1.pem" -subj "/CN=jose-core $curve test" \
    -days 36500 -out "$name.cert.pem" 2>/dev/null
done
