#!/bin/sh
# An X25519 key as OpenSSL writes it, for the import/export tests
# (jose-core/tests/x25519.rs): its PKCS#8 `PRIVATE KEY` (RFC 8410 §7, v1),
# its SPKI `PUBLIC KEY`, and the same key as a private JWK (RFC 8037),
# written by Python's `cryptography` from OpenSSL's file, not by the crate.
# Rerun to replace them (the tests compare the files with each other, never
# with fixed numbers).
set -eu
cd "$(dirname "$0")"
openssl genpkey -algorithm X25519 -out x25519.pkcs8.pem
openssl pkey -in x25519.pkcs8.pem -pubout -out x25519.spki.pem
python3 - <<'PY'
import base64, json
from cryptography.hazmat.primitives import serialization
key = serialization.load_pem_private_key(open("x25519.pkcs8.pem", "rb").read(), None)
raw = lambda b: base64.urlsafe_b64encode(b).rstrip(b"=").decode()
d = key.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption())
x = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
json.dump({"kty": "OKP", "crv": "X25519", "x": raw(x), "d": raw(d)}, open("x25519.jwk.json", "w"))
PY
