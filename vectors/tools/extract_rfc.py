#!/usr/bin/env python3
"""Writes the plain token and key files the docs and examples include, from the
RFC vector files in vectors/rfc/. Re-run after changing those files:

    python3 vectors/tools/extract_rfc.py
"""
import json
import pathlib

root = pathlib.Path(__file__).resolve().parent.parent
picks = {
    "rfc7516_A1": "rfc7516_A1_rsa-oaep_a256gcm.json",
    "rfc7520_5_2": "rfc7520_5_2_rsa-oaep_a256gcm.json",
    "rfc7520_6": "rfc7520_6_nested_rsa-oaep_a128gcm_ps256.json",
    "rfc7520_5_1": "rfc7520_5_1_rsa1_5_a128cbc-hs256.json",
}
for name, source in picks.items():
    vector = json.loads((root / "rfc" / source).read_text())
    (root / f"{name}.jwe").write_text(vector["compact"] + "\n")
    key = vector["recipients"][0]["key"]
    (root / f"{name}.key.json").write_text(json.dumps(key, indent=2) + "\n")
    print("wrote", name)

# JWS: the compact token and its public key.
for name, source in {"rfc7515_A2": "rfc7515_A2_rs256.json", "rfc7520_4_1": "rfc7520_4_1_rs256.json"}.items():
    vector = json.loads((root / "rfc" / source).read_text())
    (root / f"{name}.jws").write_text(vector["compact"] + "\n")
    (root / f"{name}.public.json").write_text(json.dumps(vector["public_key"], indent=2) + "\n")
    print("wrote", name)

# RFC 7517 A.1: a public JWK Set with an EC and an RSA key.
sets = json.loads((root / "rfc" / "rfc7517_A_example_jwk_sets.json").read_text())
(root / "rfc7517_A1.public.json").write_text(json.dumps(sets["public_keys"], indent=2) + "\n")
print("wrote rfc7517_A1")

