// Opens, with panva `jose`, a nested token `jose nest` made to a key that
// `jose keygen` generated: the PKCS#8 PEM and the private JWK keygen wrote
// are imported, the token decrypted with each, its signature verified with
// the issuer's JWK Set and its claims compared. Exits non-zero on failure.
//
//   node open_keygen_token.mjs PREFIX TOKEN_FILE CLAIMS_FILE
import * as jose from 'jose';
import { readFileSync } from 'node:fs';

const [prefix, tokenFile, claimsFile] = process.argv.slice(2);
const token = readFileSync(tokenFile, 'utf8').trim();
const claims = JSON.parse(readFileSync(claimsFile, 'utf8'));
const issuer = jose.createLocalJWKSet(JSON.parse(readFileSync(new URL('./issuer.jwks.json', import.meta.url), 'utf8')));
const { alg } = jose.decodeProtectedHeader(token);
const keys = {
  'PKCS#8 PEM': await jose.importPKCS8(readFileSync(`${prefix}.key.pem`, 'utf8'), alg),
  'private JWK': await jose.importJWK({ ...JSON.parse(readFileSync(`${prefix}.jwk.json`, 'utf8')), alg }, alg),
};
let failed = 0;
for (const [format, key] of Object.entries(keys)) {
  try {
    const { plaintext } = await jose.compactDecrypt(token, key);
    const { payload } = await jose.jwtVerify(new TextDecoder().decode(plaintext), issuer, { currentDate: new Date(1700000100 * 1000) });
    if (JSON.stringify(payload) !== JSON.stringify(claims)) throw new Error('claims differ');
    console.log(`ok   jose keygen ${format}: opened by jose`);
  } catch (e) {
    failed++;
    console.log(`FAIL jose keygen ${format}: ${e.message}`);
  }
}
process.exit(failed === 0 ? 0 : 1);
