#!/bin/sh
# Certificates for the mTLS tests (jose-axum/tests/mtls.rs), made with the
# OpenSSL command line: a test CA, a server certificate for 127.0.0.1, and
# two client certificates (client-a, the one the token is bound to, and
# client-b). fingerprints.json holds each client certificate's SHA-256 as
# OpenSSL prints it (hex), the independent value the tests compare with.
# All keys are test keys, P-256.
#
#   sh make_certs.sh
set -eu
cd "$(dirname "$0")"
days=36500
openssl ecparam -name prime256v1 -genkey -noout | openssl pkcs8 -topk8 -nocrypt -out ca.key.pem
openssl req -new -x509 -key ca.key.pem -subj "/CN=jose-core test CA" -days $days \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" -out ca.cert.pem
issue() { # name subject extensions
  openssl ecparam -name prime256v1 -genkey -noout | openssl pkcs8 -topk8 -nocrypt -out "$1.key.pem"
  openssl req -new -key "$1.key.pem" -subj "/CN=$2" -out "$1.csr"
  printf '%s\n' "$3" > "$1.ext"
  openssl x509 -req -in "$1.csr" -CA ca.cert.pem -CAkey ca.key.pem -CAcreateserial -days $days \
    -CAserial ca.srl -extfile "$1.ext" -out "$1.cert.pem"
  rm -f "$1.csr" "$1.ext"
}
issue server 127.0.0.1 "subjectAltName=IP:127.0.0.1
extendedKeyUsage=serverAuth
basicConstraints=critical,CA:FALSE"
issue client-a client-a "extendedKeyUsage=clientAuth
basicConstraints=critical,CA:FALSE"
issue client-b client-b "extendedKeyUsage=clientAuth
basicConstraints=critical,CA:FALSE"
rm -f ca.srl ca.cert.srl
fp() { openssl x509 -in "$1.cert.pem" -noout -fingerprint -sha256 | sed 's/.*=//; s/://g' | tr 'A-F' 'a-f'; }
printf '{\n  "generator": "%s",\n  "client-a": "%s",\n  "client-b": "%s"\n}\n' \
  "$(openssl version)" "$(fp client-a)" "$(fp client-b)" > fingerprints.json
