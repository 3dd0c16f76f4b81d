// Opens the tokens jose-core produced (tests/examples/produce_interop.rs) with an
// independent implementation, panva `jose`: decrypts every JWE with the API's
// private keys, verifies every JWS and nested token with the issuer's public
// JWK Set, and checks the client assertion's RFC 7523 claims. Last line:
// "N passed, N failed"; the exit status is non-zero on any failure.
//
//   cargo run -p jose-core-suite --example produce_interop > target/produced.json
//   cd vectors/interop && npm ci && node verify_produced.mjs ../../target/produced.json
import * as jose from 'jose';
import { readFileSync } from 'node:fs';

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
  async jws(t) {
    const header = jose.decodeProtectedHeader(t.compact);
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
console.log(`checked with jose ${version} on Node.js ${process.version}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
