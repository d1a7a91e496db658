// The node example of README.md ("Use in node"), run by test/readme-snippet.test.mjs
// from the repository root. Keep the two identical.
import { readFileSync } from 'node:fs';
import { TrustStore, verify } from 'trustmeta';

const store = TrustStore.fromPem(readFileSync('tests/data/sample/signer.pem', 'utf8'));
const doc = verify(readFileSync('tests/data/sample/smp-signed.xml'), store, { now: new Date('2026-06-01T00:00:00Z') });
console.log(doc.signerSha256);
