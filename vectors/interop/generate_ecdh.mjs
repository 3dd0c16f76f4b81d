// Nested tokens encrypted to an EC key, made by an independent
// implementation (panva `jose`): an ES256 JWT by a P-256 issuer key inside
// an ECDH-ES+A256KW (and an ECDH-ES) JWE with A256GCM to a P-256 recipient
// key, Auth0-shaped claims. The keys are new on each run and written beside
// the tokens (ecdh.json), so the file is self-contained. Read by
// jose-core/tests/ecdh.rs and by the firmware (embedded/, EMBEDDED.md).
//
//   node generate_ecdh.mjs > ecdh.json
import * as jose from 'jose';

const IAT = 1700000000;
const exportPair = async (alg, kid) => {
  const { publicKey, privateKey } = await jose.generateKeyPair(alg, { crv: 'P-256', extractable: true });
  const pub = { ...(await jose.exportJWK(publicKey)), kid, alg };
  const priv = { ...(await jose.exportJWK(privateKey)), kid, alg };
  return { publicKey, privateKey, pub, priv };
};
const issuer = await exportPair('ES256', 'issuer-ec-2024');
const tokens = [];
const recipients = {};
for (const alg of ['ECDH-ES+A256KW', 'ECDH-ES']) {
  const kid = `api-ecdh-${alg === 'ECDH-ES' ? 'direct' : 'a256kw'}`;
  const recipient = await exportPair(alg, kid);
  recipients[kid] = recipient.priv;
  const claims = {
    iss: 'https://tenant.example.auth0.com/',
    sub: 'auth0|5f7c8ec7c33c6c004bbafe82',
    aud: 'https://api.example.com',
    iat: IAT,
    exp: 4102444800,
    scope: 'read:messages',
  };
  const inner = await new jose.SignJWT(claims)
    .setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', kid: issuer.pub.kid })
    .sign(issuer.privateKey);
  const compact = await new jose.CompactEncrypt(new TextEncoder().encode(inner))
    .setProtectedHeader({ alg, enc: 'A256GCM', kid, cty: 'JWT' })
    .encrypt(recipient.publicKey);
  tokens.push({ name: `ecdh-es${alg === 'ECDH-ES' ? '' : '-a256kw'}-es256`, alg, kid, claims: JSON.stringify(claims), compact });
}
const { version } = JSON.parse(await import('node:fs').then((fs) => fs.readFileSync(new URL('./node_modules/jose/package.json', import.meta.url), 'utf8')));
console.log(JSON.stringify({
  producer: `jose ${version} (panva) on Node.js ${process.version}`,
  recipients: { keys: Object.values(recipients) },
  issuer: { keys: [issuer.pub] },
  tokens,
}, null, 1));
