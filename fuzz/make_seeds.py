#!/usr/bin/env python3
"""Writes the committed seed corpora (fuzz/seeds/<target>/) from vectors/.
Small on purpose: the fuzzer grows its own corpus in fuzz/corpus/ (ignored).

    python3 fuzz/make_seeds.py
"""
import base64
import hashlib
import json
import pathlib
import struct

root = pathlib.Path(__file__).resolve().parent
vectors = root.parent / "vectors"
seeds = root / "seeds"


def put(target, name, data):
    d = seeds / target
    d.mkdir(parents=True, exist_ok=True)
    (d / name).write_bytes(data if isinstance(data, bytes) else data.encode())


def b64u(b):
    return base64.urlsafe_b64encode(b).rstrip(b"=").decode()


nested = json.loads((vectors / "interop" / "nested.json").read_text())
small_nested = [t for t in nested["tokens"] if t["claims_len"] < 2000]
rfc_jwe = [(vectors / f).read_text().strip() for f in ("rfc7516_A1.jwe", "rfc7520_5_2.jwe", "rfc7520_6.jwe", "rfc7520_5_1.jwe")]

for i, token in enumerate(rfc_jwe):
    put("jwe_parse", f"rfc{i}", token)
for t in small_nested:
    put("jwe_parse", t["name"], t["compact"])
    put("nested", t["name"], t["compact"])
    if t["alg"] == "RSA-OAEP-256" or t["shape"] == "curity":
        put("jwe_decrypt", t["name"], t["compact"])
put("jwe_decrypt", "rfc7516_A1", rfc_jwe[0])
# Shared-key management and ECDH-ES (issue 24): dir, A128KW, A256GCMKW, ECDH-ES(+A128KW).
for f in ("rfc7520_5_6_dir_a128gcm", "rfc7520_5_7_a256gcmkw_a128cbc-hs256", "rfc7520_5_8_a128kw_a128gcm",
          "rfc7520_5_4_ecdh-es-a128kw_a128gcm", "rfc7520_5_5_ecdh-es_a128cbc-hs256"):
    compact = json.loads((vectors / "rfc" / f"{f}.json").read_text())["compact"]
    put("jwe_decrypt", f, compact)
    put("jwe_parse", f, compact)

for f in ("rfc7515_A2.jws", "rfc7520_4_1.jws"):
    put("jws_verify", f, (vectors / f).read_text().strip())
# An inner token of a nested vector is what a JWS from the fixture's issuer looks like;
# the generator did not keep them, so the JWS seeds also include a header-only skeleton.
put("jws_verify", "skeleton", b64u(b'{"alg":"RS256","kid":"issuer-2024"}') + "." + b64u(b'{"sub":"x"}') + "." + b64u(bytes(256)))

docs = [
    (vectors / "rfc7516_A1.key.json").read_text(),
    (vectors / "interop" / "issuer.jwks.json").read_text(),
    '{"alg":"RSA-OAEP-256","enc":"A256GCM","kid":"k","x5t#S256":"' + b64u(bytes(32)) + '","crit":["exp"],"exp":1}',
    '{"a":[1,-0,0.5,1e5,-1.25E-10,{"b":null,"c":true,"d":"\\u00e9\\ud83d\\ude00\\n"}],"e":""}',
    "[[[[[[[[[[]]]]]]]]]]",
]
for i, doc in enumerate(docs):
    put("json_parse", f"doc{i}", doc)
    put("json_differential", f"doc{i}", doc)

for i, text in enumerate(["aGk", "aGVsbG8", "", "AAAA", "_-_-", "aGl"]):
    put("base64url", f"b{i}", text)

for name, c in [
    ("auth0", small_nested[0]["claims"]),
    ("curity", [t for t in small_nested if t["shape"] == "curity"][0]["claims"]),
]:
    iss = json.loads(c)["iss"].encode()[:16]
    aud = b"https://api.exam"
    put("claims", name, struct.pack(">Q", (1700000100 << 24)) + b"\x1e" + bytes([len(iss)]) + iss + bytes([len(aud)]) + aud + c.encode())

put("key_import", "pem_private", b"\x00" + (vectors / "interop" / "recipient.key.pem").read_bytes())
put("key_import", "pem_certificate", b"\x01" + (vectors / "interop" / "issuer.cert.pem").read_bytes())
put("key_import", "pem_spki", b"\x01" + (vectors / "interop" / "issuer.spki.pem").read_bytes())
cert_der = base64.b64decode(json.loads((vectors / "interop" / "issuer.jwks.json").read_text())["keys"][0]["x5c"][0])
put("key_import", "der_certificate", b"\x05" + cert_der)
put("key_import", "jwk_private", b"\x06" + (vectors / "rfc7516_A1.key.json").read_bytes())
put("key_import", "jwk_public", b"\x07" + (vectors / "rfc7515_A2.public.json").read_bytes())
put("key_import", "jwks_public", b"\x08" + (vectors / "interop" / "issuer.jwks.json").read_bytes())
put("key_import", "jwk_oct", b"\x0a" + json.dumps(json.loads((vectors / "rfc" / "rfc7520_5_7_a256gcmkw_a128cbc-hs256.json").read_text())["recipients"][0]["key"]).encode())

for i in range(4):
    put("structured_nested", f"s{i}", hashlib.sha256(bytes([i])).digest() * 4)
    put("mutate_parts", f"m{i}", hashlib.sha256(bytes([i + 10])).digest())
put("mutate_parts", "header_json", b"\x00\x03" + b'{"alg":"RSA-OAEP-256","enc":"A256GCM"}')
# The members' surfaces (issue 19).
issuer_jwks = (vectors / "interop" / "issuer.jwks.json").read_text()
put("jwks_document", "issuer", issuer_jwks)
keys = json.loads(issuer_jwks)["keys"]
put("jwks_document", "twice", json.dumps({"keys": [keys[0], keys[0], keys[1]]}))
shared = dict(keys[1], kid=keys[0]["kid"], use="enc")
put("jwks_document", "shared_kid", json.dumps({"keys": [keys[0], shared]}))
put("jwks_document", "api_private", (vectors / "interop" / "api.private.jwks.json").read_text())
iss = "https://idsvr.example.com/oauth"
doc = json.dumps({"issuer": iss, "jwks_uri": "https://idsvr.example.com/jwks", "token_endpoint": iss + "/token"})
put("discovery_document", "curity", bytes([len(iss)]) + iss.encode() + doc.encode())
put("discovery_document", "other_issuer", bytes([len(iss)]) + iss.encode() + doc.replace("oauth", "evil").encode())
for name, value in [
    ("bearer", b"Bearer eyJhbGciOiJSUzI1NiJ9.e30.c2ln"),
    ("lower", b"bearer  a-b_c~d+e/f=="),
    ("two", b"Bearer a\x00Bearer b"),
    ("tab", b"Bearer\tabc"),
    ("basic", b"Basic dXNlcjpwYXNz"),
    ("dpop", b"DPoP eyJhbGciOiJFUzI1NiJ9.e30.c2ln"),
]:
    put("authorization_header", name, value)
for i in range(4):
    put("cache_ops", f"ops{i}", hashlib.sha256(bytes([i + 20])).digest() * 6)
put("cache_ops", "hit_then_expire", bytes([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 50, 0, 0, 0, 0, 250, 0, 0, 0]))
put("key_roundtrip", "pem_private", b"\x00" + (vectors / "interop" / "recipient.key.pem").read_bytes())
put("key_roundtrip", "pem_spki", b"\x01" + (vectors / "interop" / "issuer.spki.pem").read_bytes())
put("key_roundtrip", "pem_pss_private", b"\x00" + (vectors / "pss" / "rsa-pss.key.pem").read_bytes())
put("key_roundtrip", "pem_pss_certificate", b"\x01" + (vectors / "pss" / "rsa-pss.cert.pem").read_bytes())
put("key_roundtrip", "der_certificate", b"\x05" + cert_der)
put("key_roundtrip", "jwk_private", b"\x06" + (vectors / "interop" / "recipient.private.jwk.json").read_bytes())
put("key_roundtrip", "jwk_public", b"\x07" + (vectors / "rfc7515_A2.public.json").read_bytes())
dpop = json.loads((vectors / "interop" / "dpop.json").read_text())
pem = (vectors / "mtls" / "client-a.cert.pem").read_bytes()
escaped = "".join(chr(c) if chr(c).isalnum() or c == ord("-") else "%%%02X" % c for c in pem).encode()
for i, case in enumerate(dpop["cases"][:4]):
    put("sender_constraints", f"proof{i}", case["proof"].encode() + b"\x00" + escaped)
put("sender_constraints", "pem_only", b"\x00" + escaped)
put("sender_constraints", "empty", b"")
print("seeds written")
