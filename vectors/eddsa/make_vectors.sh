#!/bin/sh
# Ed25519 keys as OpenSSL writes them (PKCS#8 `PRIVATE KEY`, SPKI
# `PUBLIC KEY`, a self-signed certificate) for jose-core/tests/eddsa.rs,
# and the hostile encodings of hostile.py. Rerun to replace them: the tests
# compare the files with each other, never with fixed numbers.
set -eu
cd "$(dirname "$0")"
openssl genpkey -algorithm ed25519 -out ed25519.pkcs8.pem
openssl pkey -in ed25519.pkcs8.pem -pubout -out ed25519.spki.pem
openssl req -new -x509 -key ed25519.pkcs8.pem -subj "/CN=jose-core Ed25519 test" \
  -days 36500 -out ed25519.cert.pem 2>/dev/null
python3 hostile.py > hostile.json
