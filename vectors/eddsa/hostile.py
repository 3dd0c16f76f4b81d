"""Hostile Ed25519 encodings for jose-core/tests/eddsa.rs, computed from the
curve's definition (RFC 8032 section 5.1), not copied from any library.

- small_order: the eight encodings of the points of order 1, 2, 4 and 8
  (and the two of order 4 and 8 whose x is 0 with the sign bit set), each a
  key under which OpenSSL-style verification accepts forgeries;
- non_canonical: encodings whose y is at or above the field prime p, of a
  point that exists and has large order (y + p for small y);
- the group order L, for S + L malleability tests.
"""
import json

p = 2**255 - 19
L = 2**252 + 27742317777372353535851937790883648493
d = (-121665 * pow(121666, -1, p)) % p
I = pow(2, (p - 1) // 4, p)


def recover_x(y, sign):
    if y >= p:
        return None
    x2 = (y * y - 1) * pow(d * y * y + 1, -1, p) % p
    if x2 == 0:
        return None if sign else 0
    x = pow(x2, (p + 3) // 8, p)
    if (x * x - x2) % p != 0:
        x = x * I % p
    if (x * x - x2) % p != 0:
        return None
    if (x & 1) != sign:
        x = p - x
    return x


def add(P, Q):
    (x1, y1), (x2, y2) = P, Q
    t = d * x1 * x2 * y1 * y2 % p
    x3 = (x1 * y2 + x2 * y1) * pow(1 + t, -1, p) % p
    y3 = (y1 * y2 + x1 * x2) * pow(1 - t, -1, p) % p
    return (x3, y3)


def mul(k, P):
    R = (0, 1)
    while k:
        if k & 1:
            R = add(R, P)
        P = add(P, P)
        k >>= 1
    return R


def enc(x, y):
    return (y | ((x & 1) << 255)).to_bytes(32, "little").hex()


def small_order_points():
    # The 8-torsion: every point P with 8P = identity, found as L * Q for
    # points Q of the curve (the cofactor part of a random point).
    found = {}
    y = 2
    while len(found) < 8:
        x = recover_x(y, 0)
        if x is not None:
            T = mul(L, (x, y))
            for k in range(8):
                Q = mul(k, T)
                found[Q] = True
        y += 1
    return sorted(found)


small = [enc(x, y) for (x, y) in small_order_points()]
# x = 0 with the sign bit set: y = 1 and y = p - 1 (order 1 and 2).
small += [(1 | (1 << 255)).to_bytes(32, "little").hex(),
          ((p - 1) | (1 << 255)).to_bytes(32, "little").hex()]

non_canonical = []
for y in range(2, 19):
    for sign in (0, 1):
        x = recover_x(y, sign)
        if x is None or mul(8, (x, y)) == (0, 1):
            continue
        non_canonical.append({
            "canonical": enc(x, y),
            "non_canonical": ((y + p) | (sign << 255)).to_bytes(32, "little").hex(),
        })

print(json.dumps({
    "source": "vectors/eddsa/hostile.py (computed from RFC 8032 section 5.1)",
    "small_order": small,
    "non_canonical": non_canonical,
    "group_order_le": L.to_bytes(32, "little").hex(),
}, indent=1))
