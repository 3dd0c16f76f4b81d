// ID tokens carrying at_hash, c_hash and s_hash (OpenID Connect Core
// §3.3.2.11), made by an independent implementation: the hashes by Node's
// crypto (the left half of the alg's hash, base64url), the tokens signed
// by panva `jose`, for each signature hash and key type. The Rust test
// (jose-core/tests/id_token_bindings.rs) opens each with its key and the
// access token, code and state below, and refuses it with any other.
//
//   node generate_id_token_hashes.mjs   (writes id_token_hashes.json)
import * as jose from 'jose';
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';

const read = (name) => readFileSync(new URL(`./${name}`, import.meta.url), 'utf8');
const issuerJwk = JSON.parse(read('issuer.private.jwks.json')).keys[0];
const IAT = 1700000000;
const ACCESS_TOKEN = 'eyJhbGciOiJSUzI1NiJ9.an-access-token-from-the-same-response.sig';
const CODE = 'SplxlOBeZQQYbYS6WxSbIA';
const STATE = 'af0ifjsldkj';

const hashOf = (alg) => ({ 256: 'sha256', 384: 'sha384', 512: 'sha512' })[alg.slice(-3)] ?? 'sha512';
const half = (alg, value) => {
  const digest = createHash(hashOf(alg)).update(value, 'ascii').digest();
  return digest.subarray(0, digest.length / 2).toString('base64url');
};

async function keysFor(alg) {
  if (alg.startsWith('RS') || alg.startsWith('PS')) {
    const { d, p, q, dp, dq, qi, ...pub } = issuerJwk;
    return { sign: await jose.importJWK(issuerJwk, alg), verify: { ...pub, alg: undefined, use: undefined } };
  }
  if (alg.startsWith('HS')) {
    const secret = randomBytes(Number(alg.slice(2)) / 8);
    return { sign: secret, verify: { kty: 'oct', k: secret.toString('base64url') } };
  }
  const options = alg === 'EdDSA' ? { crv: 'Ed25519', extractable: true } : { extractable: true };
  const { publicKey, privateKey } = await jose.generateKeyPair(alg, options);
  return { sign: privateKey, verify: await jose.exportJWK(publicKey) };
}

const tokens = [];
for (const alg of ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA', 'HS256', 'HS384', 'HS512']) {
  const keys = await keysFor(alg);
  const verify = Object.fromEntries(Object.entries(keys.verify).filter(([, v]) => v !== undefined));
  const token = await new jose.SignJWT({
    at_hash: half(alg, ACCESS_TOKEN),
    c_hash: half(alg, CODE),
    s_hash: half(alg, STATE),
    nonce: 'n-0S6_WzA2Mj',
  })
    .setProtectedHeader({ alg, typ: 'JWT' })
    .setIssuer('https://op.example')
    .setSubject('248289761001')
    .setAudience('client-1')
    .setIssuedAt(IAT)
    .setExpirationTime(IAT + 3600)
    .sign(keys.sign);
  tokens.push({ alg, key: verify, token });
}

writeFileSync(
  new URL('./id_token_hashes.json', import.meta.url),
  JSON.stringify({
    generator: `panva jose ${JSON.parse(read('node_modules/jose/package.json')).version} and Node.js ${process.version} crypto`,
    now: IAT + 60,
    access_token: ACCESS_TOKEN,
    code: CODE,
    state: STATE,
    tokens,
  }, null, 2) + '\n',
);
