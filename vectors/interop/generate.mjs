// Generates interop vectors with an independent JOSE implementation (panva
// `jose`, on Node's WebCrypto): one RSA key per size, and a compact JWE for
// every alg x enc x key size jose-core implements, over plaintexts whose
// lengths straddle the AES block boundaries.
//
//   cd vectors/interop && npm ci && node generate.mjs > jose-node.json
//
// The output is committed; tests/interop.rs reads it. Keys and tokens are
// random, so a re-run produces different (equally valid) files.
import * as jose from 'jose';
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';

const ALGS = ['RSA-OAEP', 'RSA-OAEP-256', 'RSA-OAEP-384', 'RSA-OAEP-512'];
const ENCS = ['A128GCM', 'A192GCM', 'A256GCM', 'A128CBC-HS256', 'A192CBC-HS384', 'A256CBC-HS512'];
const BITS = [2048, 3072, 4096];
const LENGTHS = [0, 1, 15, 16, 17, 31, 32, 33, 300, 1000];

const b64u = (bytes) => Buffer.from(bytes).toString('base64url');
const version = JSON.parse(readFileSync(new URL('./node_modules/jose/package.json', import.meta.url))).version;

const keys = {};
const tokens = [];
let n = 0;
for (const bits of BITS) {
  // One key pair per size, usable for every OAEP hash (the alg is chosen per token).
  const { publicKey, privateKey } = await jose.generateKeyPair('RSA-OAEP-256', {
    modulusLength: bits,
    extractable: true,
  });
  const jwk = await jose.exportJWK(privateKey);
  jwk.kid = `interop-${bits}`;
  keys[bits] = jwk;
  for (const alg of ALGS) {
    const pub = await jose.importJWK({ ...(await jose.exportJWK(publicKey)), alg }, alg);
    for (const enc of ENCS) {
      const len = LENGTHS[n++ % LENGTHS.length];
      const plaintext = randomBytes(len);
      const compact = await new jose.CompactEncrypt(plaintext)
        .setProtectedHeader({ alg, enc, kid: jwk.kid })
        .encrypt(pub);
      // Decrypt with jose itself as a sanity check of the generator.
      const priv = await jose.importJWK({ ...jwk, alg }, alg);
      const back = await jose.compactDecrypt(compact, priv);
      if (b64u(back.plaintext) !== b64u(plaintext)) throw new Error('jose round trip failed');
      tokens.push({ alg, enc, bits, plaintext_b64u: b64u(plaintext), compact });
    }
  }
}

const out = {
  generator: 'vectors/interop/generate.mjs',
  implementation: `jose ${version} (panva), Node.js ${process.version}`,
  keys,
  tokens,
};
process.stdout.write(JSON.stringify(out, null, 1) + '\n');
