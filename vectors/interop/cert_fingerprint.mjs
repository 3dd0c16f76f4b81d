// The thumbprints Node.js gives for the interop certificates, as Auth0's
// documentation computes `thumbprint_sha256` (RFC 8705 x5t#S256): the
// SHA-256 fingerprint of the DER certificate (X509Certificate.fingerprint256,
// colon-separated hex) and the same bytes in base64url. `jose thumbprint`
// is tested against this file (cli/tests/cli.rs).
//
//   cd vectors/interop && node cert_fingerprint.mjs > cert_fingerprints.json
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';

const out = {};
for (const name of ['recipient.cert.pem', 'issuer.cert.pem']) {
  const cert = new X509Certificate(readFileSync(new URL(`./${name}`, import.meta.url)));
  const fingerprint256 = cert.fingerprint256;
  out[name] = {
    fingerprint256,
    thumbprint_sha256: Buffer.from(fingerprint256.replaceAll(':', ''), 'hex').toString('base64url'),
  };
}
console.log(JSON.stringify({ generator: `vectors/interop/cert_fingerprint.mjs, Node.js ${process.version}`, certificates: out }, null, 1));
