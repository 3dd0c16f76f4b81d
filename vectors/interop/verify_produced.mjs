// Opens the tokens jose-core produced (tests/examples/produce_interop.rs) with an
// independent implementation, panva `jose`: decrypts every JWE with the API's
// private keys (or the run's shared secret: dir, A*KW, A*GCMKW, each also
// answered with a nested token made here under the same secret), verifies
// every JWS and nested token with the issuer's public JWK Set, and checks the
// client assertion's RFC 7523 claims. Last line:
// "N passed, N failed"; the exit status is non-zero on any failure.
//
//   cargo run -p jose-core-suite --example produce_interop > target/produced.json
//   cd vectors/interop && npm ci && node verify_produced.mjs ../../target/produced.json ../../target/made.json
//   cargo run -p jose-core-suite --example open_interop -- target/made.json
import * as jose from 'jose';
import { readFileSync, writeFileSync } from 'node:fs';

const read = (name) => readFileSync(new URL(`./${name}`, import.meta.url), 'utf8');
const produced = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const apiKeys = JSON.parse(read('api.private.jwks.json')).keys;
const recipient = JSON.parse(read('recipient.private.jwk.json'));
const issuerJwks = JSON.parse(read('issuer.jwks.json'));
const issuerSet = jose.createLocalJWKSet(issuerJwks);
// The published keys declare alg RS256; the other algorithms are checked
// with the same key, its alg restriction lifted.
async function anyAlgIssuerKey(header) {
  const { alg: _declared, ...jwk } = issuerJwks.keys.find((k) => k.kid === header.kid);
  return jose.importJWK({ ...jwk, alg: header.alg }, header.alg);
}
const b64u = (bytes) => Buffer.from(bytes).toString('base64url');
const version = JSON.parse(read('node_modules/jose/package.json')).version;

async function decryptionKey(header) {
  const jwk = header.kid ? apiKeys.find((k) => k.kid === header.kid) : recipient;
  if (!jwk) throw new Error(`no key for kid ${header.kid}`);
  return jose.importJWK({ ...jwk, alg: header.alg }, header.alg);
}

const checks = {
  async jwe(t) {
    const { plaintext } = await jose.compactDecrypt(t.compact, decryptionKey);
    if (b64u(plaintext) !== t.plaintext_b64u) throw new Error('plaintext differs');
  },
  async jwe_shared(t) {
    const secret = Buffer.from(t.secret_b64u, 'base64url');
    const { plaintext, protectedHeader } = await jose.compactDecrypt(t.compact, secret);
    if (protectedHeader.alg !== t.alg || protectedHeader.enc !== t.enc) throw new Error('header differs');
    if (b64u(plaintext) !== t.plaintext_b64u) throw new Error('plaintext differs');
    // The same secret, alg and enc here: a nested token for jose-core.
    const claims = { iss: 'https://tenant.example.auth0.com/', aud: 'https://api.example.com',
      sub: `${t.alg} ${t.enc}`, iat: 1700000000, exp: 4102444800 };
    const inner = await new jose.SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: 'issuer-2024', typ: 'JWT' }).sign(await issuerPrivate());
    const compact = await new jose.CompactEncrypt(new TextEncoder().encode(inner))
      .setProtectedHeader({ alg: t.alg, enc: t.enc, kid: 'shared-interop', cty: 'JWT' }).encrypt(secret);
    madeHere.push({ name: `${t.name}: nested, encrypted by jose`, claims: JSON.stringify(claims),
      secret_b64u: t.secret_b64u, compact });
  },
  async jwe_ec(t) {
    const key = await jose.importJWK(JSON.parse(t.private_jwk), t.alg);
    const { plaintext, protectedHeader } = await jose.compactDecrypt(t.compact, key);
    if (protectedHeader.alg !== t.alg || protectedHeader.enc !== t.enc) throw new Error('header differs');
    if (b64u(plaintext) !== t.plaintext_b64u) throw new Error('plaintext differs');
    // A nested token to the same key from here, with apu and apv set.
    const claims = { iss: 'https://tenant.example.auth0.com/', aud: 'https://api.example.com',
      sub: `${t.alg} ${t.enc}`, iat: 1700000000, exp: 4102444800 };
    const inner = await new jose.SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: 'issuer-2024', typ: 'JWT' }).sign(await issuerPrivate());
    const compact = await new jose.CompactEncrypt(new TextEncoder().encode(inner))
      .setProtectedHeader({ alg: t.alg, enc: t.enc, cty: 'JWT' })
      .setKeyManagementParameters({ apu: new TextEncoder().encode('jose'), apv: new TextEncoder().encode('jose-core') })
      .encrypt(await jose.importJWK(JSON.parse(t.public_jwk), t.alg));
    madeHere.push({ name: `${t.name}: nested with apu/apv, encrypted by jose`, claims: JSON.stringify(claims),
      private_jwk: t.private_jwk, compact });
  },
  async jws(t) {
    const header = jose.decodeProtectedHeader(t.compact);
    if (t.public_jwk) return generatedKeyJws(t, header);
    const key = header.alg === 'RS256' ? issuerSet : anyAlgIssuerKey;
    const { payload } = await jose.compactVerify(t.compact, key);
    if (b64u(payload) !== t.payload_b64u) throw new Error('payload differs');
  },
  async nested(t) {
    const { plaintext, protectedHeader } = await jose.compactDecrypt(t.compact, decryptionKey);
    if (protectedHeader.cty !== 'JWT') throw new Error('cty is not JWT');
    const { payload } = await jose.jwtVerify(new TextDecoder().decode(plaintext), issuerSet, {
      issuer: 'https://tenant.example.auth0.com/', audience: 'https://api.example.com',
    });
    if (JSON.stringify(payload) !== JSON.stringify(JSON.parse(t.claims))) throw new Error('claims differ');
  },
  async assertion(t) {
    const { payload } = await jose.jwtVerify(t.compact, issuerSet, {
      issuer: t.client_id, subject: t.client_id, audience: t.audience,
      currentDate: new Date((t.now + 10) * 1000), requiredClaims: ['jti', 'exp', 'iat'],
    });
    if (payload.exp - payload.iat > 300) throw new Error('assertion lives too long');
  },
};

let issuerKey;
const issuerPrivate = async () => {
  issuerKey ??= await jose.importJWK(JSON.parse(read('issuer.private.jwks.json')).keys[0], 'RS256');
  return issuerKey;
};

// A JWS by a key jose-core generated (EC, Ed25519): verified with the
// public key as JWK and as SPKI; then the private key, imported as JWK and
// as PKCS#8, signs a token here for jose-core to verify (open_interop).
const madeHere = [];
async function generatedKeyJws(t, header) {
  const alg = t.alg;
  if (header.alg !== alg) throw new Error(`header alg ${header.alg}`);
  const publics = [await jose.importJWK(JSON.parse(t.public_jwk), alg), await jose.importSPKI(t.spki_pem, alg)];
  for (const key of publics) {
    const { payload } = await jose.compactVerify(t.compact, key);
    if (b64u(payload) !== t.payload_b64u) throw new Error('payload differs');
  }
  const privates = [
    ['private jwk', await jose.importJWK(JSON.parse(t.private_jwk), alg)],
    ['pkcs8', await jose.importPKCS8(t.pkcs8_pem, alg)],
  ];
  for (const [format, key] of privates) {
    const payload = JSON.stringify({ signed_by: 'jose', alg, format });
    const compact = await new jose.CompactSign(new TextEncoder().encode(payload))
      .setProtectedHeader({ alg, typ: 'JWT' }).sign(key);
    madeHere.push({ kind: 'jws', name: `${t.name} ${format}: signed by jose`, public_jwk: t.public_jwk,
      payload_b64u: b64u(new TextEncoder().encode(payload)), compact });
  }
}

let passed = 0;
let failed = 0;
for (const t of produced.tokens) {
  try {
    await checks[t.kind](t);
    passed++;
    console.log(`ok   ${t.name}`);
  } catch (e) {
    failed++;
    console.log(`FAIL ${t.name}: ${e.message}`);
  }
}
// The keys jose-core exported: each public half imported (SPKI PEM, JWK)
// and encrypted to, each private half imported (PKCS#8 PEM, JWK) and
// decrypting a token jose-core produced for it. The nested tokens made here
// are written to argv[3], for jose-core to open (tests/examples/open_interop.rs).
for (const e of produced.exported ?? []) {
  const alg = 'RSA-OAEP-256';
  const publics = [
    ['spki', await jose.importSPKI(e.spki_pem, alg)],
    ['jwk', await jose.importJWK({ ...JSON.parse(e.jwk), alg }, alg)],
  ];
  for (const [format, key] of publics) {
    const name = `exported ${e.kid} ${format}: encrypted to by jose`;
    try {
      const claims = { iss: 'https://tenant.example.auth0.com/', aud: 'https://api.example.com',
        sub: `${e.kid} ${format}`, iat: 1700000000, exp: 4102444800 };
      const inner = await new jose.SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid: 'issuer-2024', typ: 'JWT' }).sign(await issuerPrivate());
      const compact = await new jose.CompactEncrypt(new TextEncoder().encode(inner))
        .setProtectedHeader({ alg, enc: 'A256GCM', kid: e.kid, cty: 'JWT' }).encrypt(key);
      madeHere.push({ name, kid: e.kid, claims: JSON.stringify(claims), compact });
      passed++;
      console.log(`ok   ${name}`);
    } catch (err) {
      failed++;
      console.log(`FAIL ${name}: ${err.message}`);
    }
  }
  const privates = [
    ['pkcs8', () => jose.importPKCS8(e.pkcs8_pem, alg)],
    ['private jwk', () => jose.importJWK({ ...JSON.parse(e.private_jwk), alg }, alg)],
  ];
  const target = produced.tokens.find((t) => t.kind === 'jwe' && t.name === `${e.kid} ${alg} A256GCM`);
  for (const [format, load] of privates) {
    const name = `exported ${e.kid} ${format}: decrypts with jose`;
    try {
      if (!target) throw new Error('no token produced for this key');
      const { plaintext } = await jose.compactDecrypt(target.compact, await load());
      if (b64u(plaintext) !== target.plaintext_b64u) throw new Error('plaintext differs');
      passed++;
      console.log(`ok   ${name}`);
    } catch (err) {
      failed++;
      console.log(`FAIL ${name}: ${err.message}`);
    }
  }
}
if (process.argv[3]) {
  writeFileSync(process.argv[3], JSON.stringify({ producer: `jose ${version}`, tokens: madeHere }, null, 1));
}
console.log(`checked with jose ${version} on Node.js ${process.version}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
