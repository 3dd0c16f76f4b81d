#!/usr/bin/env bash
# RSA keys restricted to RSASSA-PSS (id-RSASSA-PSS, RFC 4055), made by
# OpenSSL, and a PS256 token signed by OpenSSL with one of them. OpenSSL
# itself refuses to encrypt to such a key or sign PKCS#1 v1.5 with it (the
# last lines check that), which is what jose-core must do too.
set -euo pipefail
cd "$(dirname "$0")"
b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }

# No parameters: any PSS signature (PS256/384/512).
openssl genpkey -quiet -algorithm RSA-PSS -pkeyopt rsa_keygen_bits:2048 -out rsa-pss.key.pem
openssl pkey -in rsa-pss.key.pem -pubout -out rsa-pss.spki.pem
openssl req -new -x509 -key rsa-pss.key.pem -subj /CN=rsa-pss -days 36500 -sha256 \
  -sigopt rsa_padding_mode:pss -out rsa-pss.cert.pem
# With parameters (SHA-256, salt 32): refused by jose-core, named.
openssl genpkey -quiet -algorithm RSA-PSS -pkeyopt rsa_keygen_bits:2048 \
  -pkeyopt rsa_pss_keygen_md:sha256 -pkeyopt rsa_pss_keygen_saltlen:32 -out rsa-pss-sha256.key.pem

# A PS256 JWS by OpenSSL (salt = hash length, as RFC 7518 3.5 fixes it).
header=$(printf '%s' '{"alg":"PS256","typ":"JWT"}' | b64url)
payload=$(printf '%s' '{"iss":"https://pss.example/","aud":"api","sub":"pss","exp":4102444800}' | b64url)
signature=$(printf '%s' "$header.$payload" | openssl dgst -sha256 -sign rsa-pss.key.pem \
  -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:32 | b64url)
printf '%s.%s.%s\n' "$header" "$payload" "$signature" > ps256.jws

# OpenSSL's own refusals of this key (printed, for the record).
if echo x | openssl pkeyutl -encrypt -pubin -inkey rsa-pss.spki.pem >/dev/null 2>&1; then
  echo "unexpected: OpenSSL encrypted to an RSA-PSS key"; exit 1
fi
if echo x | openssl dgst -sha256 -sign rsa-pss.key.pem -sigopt rsa_padding_mode:pkcs1 >/dev/null 2>&1; then
  echo "unexpected: OpenSSL signed PKCS#1 v1.5 with an RSA-PSS key"; exit 1
fi
echo "OpenSSL refuses RSA-OAEP and PKCS#1 v1.5 with the RSA-PSS key, as expected"
