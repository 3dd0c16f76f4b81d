#!/usr/bin/env python3
"""Makes an RSA-2048 key with the ROCA fingerprint (CVE-2017-15361).

Infineon's RSALib chose primes p = k*M + (65537^a mod M), M the primorial of
the small primes; every modulus it made is then a power of 65537 modulo each
of those primes, which is what detectors (and jose-core's import) look for.
This script builds such primes from a fixed seed, so the output is the same
on every run:

    python3 vectors/roca/make.py vectors/roca

writes roca-2048.private.json (every RSA member) and roca-2048.public.json
(kty, kid, n, e) there.

The key is a test vector only: its factors are known by construction.
"""
import base64
import os
import sys
import json
import math
import random

SMALL_PRIMES = [p for p in range(2, 168) if all(p % d for d in range(2, p))]
M = 1
for prime in SMALL_PRIMES:
    M *= prime


def probably_prime(n, rng, rounds=40):
    if n < 2:
        return False
    for p in SMALL_PRIMES:
        if n % p == 0:
            return n == p
    d, s = n - 1, 0
    while d % 2 == 0:
        d, s = d // 2, s + 1
    for _ in range(rounds):
        x = pow(rng.randrange(2, n - 1), d, n)
        if x in (1, n - 1):
            continue
        for _ in range(s - 1):
            x = pow(x, 2, n)
            if x == n - 1:
                break
        else:
            return False
    return True


def roca_prime(rng, bits):
    # p in [sqrt(2) * 2^(bits-1), 2^bits): two of them make a 2*bits modulus.
    low = math.isqrt(1 << (2 * bits - 1)) // M + 1
    high = ((1 << bits) - 1) // M
    while True:
        candidate = rng.randrange(low, high) * M + pow(65537, rng.randrange(1, 1 << 60), M)
        if candidate.bit_length() == bits and probably_prime(candidate, rng) and (candidate - 1) % 65537:
            return candidate


def b64(n):
    raw = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


rng = random.Random(20171016)
while True:
    p, q = roca_prime(rng, 1024), roca_prime(rng, 1024)
    n = p * q
    if p != q and n.bit_length() == 2048:
        break
e = 65537
d = pow(e, -1, (p - 1) * (q - 1))
private = {
    "kty": "RSA", "kid": "roca-2048",
    "n": b64(n), "e": b64(e), "d": b64(d), "p": b64(p), "q": b64(q),
    "dp": b64(d % (p - 1)), "dq": b64(d % (q - 1)), "qi": b64(pow(q, -1, p)),
}
public = {name: private[name] for name in ("kty", "kid", "n", "e")}
for name, jwk in (("private", private), ("public", public)):
    with open(os.path.join(sys.argv[1], f"roca-2048.{name}.json"), "w") as out:
        out.write(json.dumps(jwk, indent=2) + "\n")
