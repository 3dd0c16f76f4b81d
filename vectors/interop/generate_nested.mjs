// Nested-token vectors from an independent implementation (panva `jose`):
// a signed JWT (RS256, issuer key from issuer.private.jwks.json) inside a JWE
// for the API's or the client's key (from make_keys.py's files).
//
//   python3 make_keys.py && node generate_nested.mjs > nested.json
//
// Also writes the two tokens the examples open: auth0-access-token.jwe and
// curity-id-token.jwe. Claims are written as exact JSON text so that the
// Curity-shaped ones carry \u00e9 and surrogate-pair escapes.
import * as jose from 'jose';
import { readFileSync, writeFileSync } from 'node:fs';

const read = (name) => readFileSync(new URL(`./${name}`, import.meta.url), 'utf8');
const version = JSON.parse(read('node_modules/jose/package.json')).version;
const issuerKeys = JSON.parse(read('issuer.private.jwks.json')).keys;
const apiKeys = JSON.parse(read('api.private.jwks.json')).keys;
const recipientJwk = JSON.parse(read('recipient.private.jwk.json'));
const recipientThumbprint = read('recipient.x5t-s256.txt').trim();

const IAT = 1700000000;
const NOW = IAT + 100;
const enc = new TextEncoder();

const publicOf = ({ d, p, q, dp, dq, qi, ...pub }) => pub;

// Pads a claims object with a custom array claim up to about `size` bytes.
function padTo(claims, size) {
  const text = () => JSON.stringify(claims);
  if (text().length >= size) return claims;
  claims['https://example.com/groups'] = [];
  let i = 0;
  while (text().length < size - 40) claims['https://example.com/groups'].push(`group-${String(i++).padStart(6, '0')}`);
  return claims;
}

function auth0Claims(size, audArray) {
  return padTo({
    iss: 'https://tenant.example.auth0.com/',
    sub: 'auth0|5f7c8ec7c33c6c004bbafe82',
    aud: audArray ? ['https://api.example.com', 'https://tenant.example.auth0.com/userinfo'] : 'https://api.example.com',
    iat: IAT,
    exp: IAT + 86400,
    azp: 'aBcDeFgHiJkLmNoPqRsTuVwXyZ012345',
    scope: 'openid profile read:messages write:messages',
    permissions: ['read:messages', 'write:messages'],
  }, size);
}

// Hand-written JSON so the escapes survive: Jos\u00e9 and U+1F600 as a pair.
function curityClaimsText(size) {
  let text = '{"iss":"https://idsvr.example.com/oauth/v2/oauth-anonymous",' +
    '"sub":"jos\\u00e9","aud":"curity-client","azp":"curity-client",' +
    `"iat":${IAT},"exp":${IAT + 300},"auth_time":${IAT - 60},"nonce":"n-0S6_WzA2Mj",` +
    '"name":"Jos\\u00e9 Garc\\u00eda \\ud83d\\ude00","acr":"urn:se:curity:authentication:html-form:username-password"';
  let i = 0;
  if (text.length < size) {
    text += ',"https://example.com/roles":[';
    while (text.length < size - 30) text += (i ? ',' : '') + `"role-${String(i++).padStart(6, '0')}"`;
    text += ']';
  }
  return text + '}';
}

async function signed(payloadText, issuer) {
  const key = await jose.importJWK({ ...issuer, alg: 'RS256' }, 'RS256');
  return new jose.CompactSign(enc.encode(payloadText))
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: issuer.kid })
    .sign(key);
}

async function encrypted(inner, recipient, header) {
  const key = await jose.importJWK({ ...publicOf(recipient), alg: header.alg }, header.alg);
  return new jose.CompactEncrypt(enc.encode(inner)).setProtectedHeader(header).encrypt(key);
}

const tokens = [];
async function add(name, shape, payloadText, issuer, recipient, header) {
  const inner = await signed(payloadText, issuer);
  const compact = await encrypted(inner, recipient, header);
  // Round trip with jose itself, as a check of the generator.
  const priv = await jose.importJWK({ ...recipient, alg: header.alg }, header.alg);
  const { plaintext } = await jose.compactDecrypt(compact, priv);
  const verified = await jose.compactVerify(new TextDecoder().decode(plaintext),
    await jose.importJWK({ ...publicOf(issuer), alg: 'RS256' }, 'RS256'));
  if (new TextDecoder().decode(verified.payload) !== payloadText) throw new Error(`${name}: round trip`);
  tokens.push({ name, shape, alg: header.alg, enc: header.enc, issuer_kid: issuer.kid,
    claims_len: enc.encode(payloadText).length, claims: payloadText, compact });
  return compact;
}

const api = Object.fromEntries(apiKeys.map((k) => [k.kid, k]));
const [issuerA, issuerB] = issuerKeys;

const auth0Main = await add('auth0-access-token', 'auth0', JSON.stringify(auth0Claims(0, false)), issuerA,
  api['api-enc-2048'], { alg: 'RSA-OAEP-256', enc: 'A256GCM', kid: 'api-enc-2048' });
const sizes = [300, 1024, 8192, 65536];
let n = 0;
for (const [alg, kid] of [['RSA-OAEP-256', 'api-enc-2048'], ['RSA-OAEP-384', 'api-enc-3072'], ['RSA-OAEP-512', 'api-enc-4096']]) {
  for (const size of sizes) {
    const audArray = n % 2 === 1;
    await add(`auth0-${alg.toLowerCase()}-${size}${audArray ? '-aud-array' : ''}`, 'auth0',
      JSON.stringify(auth0Claims(size, audArray)), n % 3 === 2 ? issuerB : issuerA, api[kid],
      { alg, enc: 'A256GCM', kid });
    n++;
  }
}
const curityHeader = { alg: 'RSA-OAEP', enc: 'A256CBC-HS512', cty: 'JWT', 'x5t#S256': recipientThumbprint };
const curityMain = await add('curity-id-token', 'curity', curityClaimsText(800), issuerB, recipientJwk, curityHeader);
for (const size of [300, 8192, 65536]) {
  await add(`curity-${size}`, 'curity', curityClaimsText(size), issuerB, recipientJwk, curityHeader);
}

writeFileSync(new URL('./auth0-access-token.jwe', import.meta.url), auth0Main + '\n');
writeFileSync(new URL('./curity-id-token.jwe', import.meta.url), curityMain + '\n');
process.stdout.write(JSON.stringify({
  generator: 'vectors/interop/generate_nested.mjs (keys: make_keys.py)',
  implementation: `jose ${version} (panva), Node.js ${process.version}`,
  now: NOW,
  auth0: { issuer: 'https://tenant.example.auth0.com/', audience: 'https://api.example.com' },
  curity: { issuer: 'https://idsvr.example.com/oauth/v2/oauth-anonymous', audience: 'curity-client' },
  tokens,
}, null, 1) + '\n');
