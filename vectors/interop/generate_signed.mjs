// The signed-only Auth0 access token the README and the examples open: an
// RS256 JWT by the issuer's key (issuer-2024), as an Auth0 API receives by
// default, made by an independent implementation (panva `jose`). RS256 is
// deterministic, so the file is reproducible.
//
//   node generate_signed.mjs
import * as jose from 'jose';
import { readFileSync, writeFileSync } from 'node:fs';

const read = (name) => readFileSync(new URL(`./${name}`, import.meta.url), 'utf8');
const issuerJwk = JSON.parse(read('issuer.private.jwks.json')).keys[0];
const IAT = 1700000000;

const key = await jose.importJWK(issuerJwk, 'RS256');
const token = await new jose.SignJWT({
  scope: 'openid profile read:messages',
  permissions: ['read:messages'],
  azp: 'aBcDeFgHiJkLmNoPqRsTuVwXyZ012345',
})
  .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: issuerJwk.kid })
  .setIssuer('https://tenant.example.auth0.com/')
  .setSubject('auth0|5f7c8ec7c33c6c004bbafe82')
  .setAudience(['https://api.example.com', 'https://tenant.example.auth0.com/userinfo'])
  .setIssuedAt(IAT)
  .setExpirationTime(IAT + 86400)
  .sign(key);
writeFileSync(new URL('./auth0-signed-access-token.jws', import.meta.url), token + '\n');
