// Every conformance table through the WebCrypto entry `trustmeta/webcrypto` and the
// synchronous entry in the same run, in node (conformance-runner.mjs says what each row
// must give; browser.test.mjs runs the same rows in Chromium). Closing line:
// `wasm-webcrypto: N passed, M failed (K refused as unavailable in WebCrypto, D decrypting
// rows refused)`.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

import * as portable from 'trustmeta';
import * as webcrypto from 'trustmeta/webcrypto';
import { SUITES, parseTable, runCase } from './conformance-runner.mjs';
import { repo, resolvePath } from './helpers.mjs';

const read = (p) => new Uint8Array(readFileSync(resolvePath(p)));

const counts = { passed: 0, failed: 0, unavailable: 0, decrypting: 0 };
for (const suite of SUITES) {
  const [name] = suite;
  for (const c of parseTable(readFileSync(join(repo, 'tests/conformance', name), 'utf8'))) {
    test(`webcrypto ${name} ${c.id ?? c.participant}`, async () => {
      const { outcome, want, got, sync } = await runCase(portable, webcrypto, suite, c, read);
      counts[outcome] += 1;
      if (outcome === 'unavailable' && process.env.TRUSTMETA_VERBOSE) console.log(`unavailable in WebCrypto: ${name} ${c.id} → ${got}`);
      if (outcome === 'decrypting') assert.equal(got, 'xmlenc.bad_key');
      if (outcome === 'failed') {
        assert.equal(sync, want, `${name} ${c.id}: the synchronous entry gave ${sync}`);
        assert.equal(got, want, `${name} ${c.id}: expected ${want}, got ${got} (portable: ${sync})`);
      }
    });
  }
}

process.on('exit', () => {
  console.log(`wasm-webcrypto: ${counts.passed} passed, ${counts.failed} failed (${counts.unavailable} refused as unavailable in WebCrypto, ${counts.decrypting} decrypting rows refused)`);
  if (counts.failed > 0) process.exitCode = 1;
});
