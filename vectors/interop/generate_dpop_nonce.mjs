// DPoP server nonces (RFC 9449 §9) from outside the crate: proofs made by
// panva `jose` carrying nonces that this script derives itself with Node's
// crypto, from jose-axum's documented format (base64url of the 8-byte
// big-endian window number, floor(now / lifetime), and the first 16 bytes
// of HMAC-SHA256(secret, "jose-axum DPoP nonce v1" 0x00 window)). The Rust
// test (jose-axum/tests/dpop.rs) runs a server with the same secret,
// lifetime and clock and sends these over real HTTP.
//
//   node generate_dpop_nonce.mjs   (writes dpop_nonce.json)
import * as jose from 'jose';
import { createHash, createHmac, randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';

const read = (name) => readFileSync(new URL(`./${name}`, import.meta.url), 'utf8');
const issuerJwk = JSON.parse(read('issuer.private.jwks.json')).keys[0];
const issuerKey = await jose.importJWK(issuerJwk, 'RS256');
const NOW = 1800000000;
const LIFETIME = 300;
const HTU = 'https://api.example.com/resource';
const SECRET = Buffer.alloc(32, 0x42);
const OTHER_SECRET = Buffer.alloc(32, 0x43);

const b64url = (bytes) => Buffer.from(bytes).toString('base64url');
const ath = (token) => b64url(createHash('sha256').update(token).digest());

function nonce(window, secret = SECRET) {
  const number = Buffer.alloc(8);
  number.writeBigUInt64BE(BigInt(window));
  const tag = createHmac('sha256', secret)
    .update(Buffer.concat([Buffer.from('jose-axum DPoP nonce v1\0'), number]))
    .digest()
    .subarray(0, 16);
  return b64url(Buffer.concat([number, tag]));
}
const WINDOW = Math.floor(NOW / LIFETIME);
const current = nonce(WINDOW);
// The tag's last character changed: the window number intact.
const forged = current.slice(0, -1) + (current.endsWith('A') ? 'B' : 'A');

const { publicKey, privateKey } = await jose.generateKeyPair('ES256', { extractable: true });
const publicJwk = await jose.exportJWK(publicKey);
const jkt = await jose.calculateJwkThumbprint(publicJwk, 'sha256');
const token = await new jose.SignJWT({ scope: 'read:messages', cnf: { jkt } })
  .setProtectedHeader({ alg: 'RS256', typ: 'at+jwt', kid: issuerJwk.kid })
  .setIssuer('https://tenant.example.auth0.com/')
  .setSubject('dpop|nonce')
  .setAudience('https://api.example.com')
  .setIssuedAt(NOW - 10)
  .setExpirationTime(NOW + 3600)
  .sign(issuerKey);

async function proof({ htm = 'GET', nonce }) {
  const payload = { htm, htu: HTU, iat: NOW, jti: randomUUID(), ath: ath(token) };
  if (nonce !== undefined) payload.nonce = nonce;
  return new jose.SignJWT(payload)
    .setProtectedHeader({ alg: 'ES256', typ: 'dpop+jwt', jwk: publicJwk })
    .sign(privateKey);
}

// answer: 200, "use_dpop_nonce" (401 with DPoP-Nonce: current) or
// "invalid_dpop_proof" (401, the proof is wrong before its nonce is read).
const cases = [
  { name: 'no nonce', proof: await proof({}), answer: 'use_dpop_nonce' },
  { name: 'the current nonce', proof: await proof({ nonce: current }), answer: 200 },
  { name: 'the previous window\'s nonce', proof: await proof({ nonce: nonce(WINDOW - 1) }), answer: 200 },
  { name: 'a nonce two windows old', proof: await proof({ nonce: nonce(WINDOW - 2) }), answer: 'use_dpop_nonce' },
  { name: 'the next window\'s nonce', proof: await proof({ nonce: nonce(WINDOW + 1) }), answer: 'use_dpop_nonce' },
  { name: 'a nonce under another secret', proof: await proof({ nonce: nonce(WINDOW, OTHER_SECRET) }), answer: 'use_dpop_nonce' },
  { name: 'a forged tag', proof: await proof({ nonce: forged }), answer: 'use_dpop_nonce' },
  { name: 'an empty nonce', proof: await proof({ nonce: '' }), answer: 'use_dpop_nonce' },
  { name: 'wrong htm with the current nonce', proof: await proof({ htm: 'POST', nonce: current }), answer: 'invalid_dpop_proof' },
  { name: 'wrong htm without a nonce', proof: await proof({ htm: 'POST' }), answer: 'invalid_dpop_proof' },
];

writeFileSync(
  new URL('./dpop_nonce.json', import.meta.url),
  JSON.stringify({
    generator: `panva jose ${JSON.parse(read('node_modules/jose/package.json')).version} and node:crypto on Node.js ${process.version}`,
    now: NOW,
    lifetime: LIFETIME,
    secret: SECRET.toString('hex'),
    origin: 'https://api.example.com',
    path: '/resource',
    token,
    current_nonce: current,
    cases,
  }, null, 2) + '\n',
);
