#!/usr/bin/env python3
"""Makes the keys and certificates the nested-token vectors use, with the
`cryptography` package (an implementation independent of jose-core):

- issuer signing keys (RS256), published as a JWK Set the way an Auth0 tenant
  publishes jwks.json (kid, use, alg, n, e, x5c, x5t, x5t#S256);
- the API's decryption keys (2048/3072/4096) as a private JWK Set;
- a Curity-style recipient key (PKCS#8 and PKCS#1 PEM) with a self-signed
  certificate, named in tokens by its x5t#S256;
- an attacker key, for hostile tests.

    python3 make_keys.py      # then: node generate_nested.mjs > nested.json
"""
import base64
import datetime
import hashlib
import json
import pathlib

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

here = pathlib.Path(__file__).resolve().parent


def b64u(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def int_b64u(value: int) -> str:
    return b64u(value.to_bytes((value.bit_length() + 7) // 8, "big"))


def certificate(key, common_name: str) -> x509.Certificate:
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    start = datetime.datetime(2023, 1, 1, tzinfo=datetime.timezone.utc)
    return (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + datetime.timedelta(days=3650))
        .sign(key, hashes.SHA256())
    )


def public_jwk(key, kid: str, use: str, alg: str, cert=None) -> dict:
    numbers = key.public_key().public_numbers()
    jwk = {"kty": "RSA", "kid": kid, "use": use, "alg": alg, "n": int_b64u(numbers.n), "e": int_b64u(numbers.e)}
    if cert is not None:
        der = cert.public_bytes(serialization.Encoding.DER)
        jwk["x5c"] = [base64.b64encode(der).decode()]
        jwk["x5t"] = b64u(hashlib.sha1(der).digest())
        jwk["x5t#S256"] = b64u(hashlib.sha256(der).digest())
    return jwk


def private_jwk(key, kid: str, use: str) -> dict:
    p = key.private_numbers()
    jwk = {"kty": "RSA", "kid": kid, "use": use, "n": int_b64u(p.public_numbers.n), "e": int_b64u(p.public_numbers.e)}
    for name, value in [("d", p.d), ("p", p.p), ("q", p.q), ("dp", p.dmp1), ("dq", p.dmq1), ("qi", p.iqmp)]:
        jwk[name] = int_b64u(value)
    return jwk


def pem(key, fmt) -> bytes:
    return key.private_bytes(serialization.Encoding.PEM, fmt, serialization.NoEncryption())


def write(name: str, data):
    path = here / name
    path.write_text(data if isinstance(data, str) else json.dumps(data, indent=1) + "\n")
    print("wrote", name)


def new_key(bits: int):
    return rsa.generate_private_key(public_exponent=65537, key_size=bits)


# Issuer: two RS256 keys (rotation), certificates, a private JWK Set for the generator.
issuers = [("issuer-2024", new_key(2048)), ("issuer-2025", new_key(2048))]
issuer_public, issuer_private = [], []
for kid, key in issuers:
    cert = certificate(key, f"{kid}.tenant.example.auth0.com")
    issuer_public.append(public_jwk(key, kid, "sig", "RS256", cert))
    issuer_private.append(private_jwk(key, kid, "sig"))
    if kid == "issuer-2024":
        write("issuer.cert.pem", cert.public_bytes(serialization.Encoding.PEM).decode())
        write("issuer.spki.pem", key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo).decode())
        write("issuer.pkcs1.pub.pem", key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.PKCS1).decode())
# An EC key in the published set: a verifier must skip it, not fail.
issuer_public.append({"kty": "EC", "kid": "ec-ignored", "use": "sig", "crv": "P-256",
                      "x": "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU",
                      "y": "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"})
write("issuer.jwks.json", {"keys": issuer_public})
write("issuer.private.jwks.json", {"keys": issuer_private})

# The API's decryption keys, one per size.
api = [private_jwk(new_key(bits), f"api-enc-{bits}", "enc") for bits in (2048, 3072, 4096)]
write("api.private.jwks.json", {"keys": api})

# A Curity-style client's decryption key with its certificate.
recipient = new_key(2048)
recipient_cert = certificate(recipient, "client.example.com")
write("recipient.key.pem", pem(recipient, serialization.PrivateFormat.PKCS8).decode())
write("recipient.key.pkcs1.pem", pem(recipient, serialization.PrivateFormat.TraditionalOpenSSL).decode())
write("recipient.cert.pem", recipient_cert.public_bytes(serialization.Encoding.PEM).decode())
write("recipient.private.jwk.json", private_jwk(recipient, "recipient", "enc"))
der = recipient_cert.public_bytes(serialization.Encoding.DER)
write("recipient.x5t-s256.txt", b64u(hashlib.sha256(der).digest()) + "\n")

# An attacker's key: signs tokens the issuer never signed.
write("attacker.private.jwk.json", private_jwk(new_key(2048), "issuer-2024", "sig"))
