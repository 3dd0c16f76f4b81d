// DPoP (RFC 9449) vectors made by an independent implementation (panva
// `jose`): client keys (ES256 and EdDSA), access tokens bound to them
// (`cnf.jkt`, RS256 by the issuer's key issuer-2024), and proofs for
// requests to https://api.example.com/resource at a fixed time, valid and
// each one wrong in one way. The Rust tests (jose-axum/tests/dpop.rs) run a
// server whose clocks are set to `now` and send these over real HTTP.
//
//   node generate_dpop.mjs   (writes dpop.json)
import * as jose from 'jose';
import { createHash, randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';

const read = (name) => readFileSync(new URL(`./${name}`, import.meta.url), 'utf8');
const issuerJwk = JSON.parse(read('issuer.private.jwks.json')).keys[0];
const issuerKey = await jose.importJWK(issuerJwk, 'RS256');
const NOW = 1800000000;
const HTU = 'https://api.example.com/resource';

const b64url = (bytes) => Buffer.from(bytes).toString('base64url');
const ath = (token) => b64url(createHash('sha256').update(token).digest());

async function client(alg, options) {
  const { publicKey, privateKey } = await jose.generateKeyPair(alg, { extractable: true, ...options });
  const publicJwk = await jose.exportJWK(publicKey);
  const privateJwk = await jose.exportJWK(privateKey);
  const jkt = await jose.calculateJwkThumbprint(publicJwk, 'sha256');
  return { alg, publicKey, privateKey, publicJwk, privateJwk, jkt };
}

async function accessToken(jkt, sub) {
  const payload = { scope: 'read:messages' };
  if (jkt) payload.cnf = { jkt };
  return new jose.SignJWT(payload)
    .setProtectedHeader({ alg: 'RS256', typ: 'at+jwt', kid: issuerJwk.kid })
    .setIssuer('https://tenant.example.auth0.com/')
    .setSubject(sub)
    .setAudience('https://api.example.com')
    .setIssuedAt(NOW - 10)
    .setExpirationTime(NOW + 3600)
    .sign(issuerKey);
}

async function proof(c, { htm = 'GET', htu = HTU, iat = NOW, token, typ = 'dpop+jwt', jwk = c.publicJwk, jti = randomUUID(), omit = [] }) {
  const payload = { htm, htu, iat, jti, ath: ath(token) };
  for (const name of omit) delete payload[name];
  return new jose.SignJWT(payload)
    .setProtectedHeader({ alg: c.alg, typ, jwk })
    .sign(c.privateKey);
}

const es = await client('ES256');
const ed = await client('EdDSA', { crv: 'Ed25519' });
const other = await client('ES256');
const tokenEs = await accessToken(es.jkt, 'dpop|es256');
const tokenEd = await accessToken(ed.jkt, 'dpop|eddsa');
const unbound = await accessToken(null, 'bearer|plain');
const anotherToken = await accessToken(es.jkt, 'dpop|another');

const cases = [
  { name: 'valid ES256 GET', token: tokenEs, method: 'GET', proof: await proof(es, { token: tokenEs }), status: 200 },
  { name: 'valid ES256 POST', token: tokenEs, method: 'POST', proof: await proof(es, { token: tokenEs, htm: 'POST' }), status: 200 },
  { name: 'valid EdDSA GET', token: tokenEd, method: 'GET', proof: await proof(ed, { token: tokenEd }), status: 200 },
  { name: 'htu with query and fragment, default port, upper case', token: tokenEs, method: 'GET', proof: await proof(es, { token: tokenEs, htu: 'HTTPS://API.EXAMPLE.COM:443/resource?x=1#f' }), status: 200 },
  { name: 'iat 50 s old', token: tokenEs, method: 'GET', proof: await proof(es, { token: tokenEs, iat: NOW - 50 }), status: 200 },
  { name: 'wrong htm', token: tokenEs, method: 'GET', proof: await proof(es, { token: tokenEs, htm: 'POST' }), status: 401 },
  { name: 'wrong htu path', token: tokenEs, method: 'GET', proof: await proof(es, { token: tokenEs, htu: 'https://api.example.com/other' }), status: 401 },
  { name: 'wrong htu host', token: tokenEs, method: 'GET', proof: await proof(es, { token: tokenEs, htu: 'https://evil.example.com/resource' }), status: 401 },
  { name: 'stale iat', token: tokenEs, method: 'GET', proof: await proof(es, { token: tokenEs, iat: NOW - 3600 }), status: 401 },
  { name: 'iat in the future', token: tokenEs, method: 'GET', proof: await proof(es, { token: tokenEs, iat: NOW + 600 }), status: 401 },
  { name: 'ath of another token', token: tokenEs, method: 'GET', proof: await proof(es, { token: anotherToken }), status: 401 },
  { name: 'no ath', token: tokenEs, method: 'GET', proof: await proof(es, { token: tokenEs, omit: ['ath'] }), status: 401 },
  { name: 'no jti', token: tokenEs, method: 'GET', proof: await proof(es, { token: tokenEs, omit: ['jti'] }), status: 401 },
  { name: 'proof key not the bound one', token: tokenEs, method: 'GET', proof: await proof(other, { token: tokenEs }), status: 401 },
  { name: 'typ jwt', token: tokenEs, method: 'GET', proof: await proof(es, { token: tokenEs, typ: 'JWT' }), status: 401 },
  { name: 'private jwk in the header', token: tokenEs, method: 'GET', proof: await proof(es, { token: tokenEs, jwk: es.privateJwk }), status: 401 },
  { name: 'jwk not the signing key', token: tokenEs, method: 'GET', proof: await proof(other, { token: tokenEs, jwk: es.publicJwk }), status: 401 },
  { name: 'unbound token with a proof', token: unbound, method: 'GET', proof: await proof(es, { token: unbound }), status: 401 },
];

// A replay: the same proof twice (the first is accepted).
const replayed = await proof(es, { token: tokenEs });

writeFileSync(
  new URL('./dpop.json', import.meta.url),
  JSON.stringify({
    generator: `panva jose ${JSON.parse(readFileSync(new URL('./node_modules/jose/package.json', import.meta.url), 'utf8')).version} on Node.js ${process.version}`,
    now: NOW,
    origin: 'https://api.example.com',
    path: '/resource',
    es256_jkt: es.jkt,
    bound_token: tokenEs,
    unbound_token: unbound,
    replayed: { token: tokenEs, proof: replayed },
    cases,
  }, null, 2) + '\n',
);
