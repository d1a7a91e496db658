// Runs every case of tests/conformance/cases.tsv through the built npm package and prints
// the closing line `wasm: N passed, M failed`. Runs under `node --test` (one subtest per
// case) or on its own (`node test/conformance.test.mjs`, exit status 1 on any failure).
// Shared vectors: ../shared beside the repository, or $TRUSTMETA_SHARED. Options:
// `allow_sha1`, `allow_stale_crl`, `min_rsa_bits=N` and `crl=PATH` (repeatable: each file
// goes through addCrlsPem).
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

import { TrustStore, TrustmetaError, verify } from 'trustmeta';
import { repo, resolvePath, shared } from './helpers.mjs';

const list = (field) => (field === '-' ? [] : field.split(','));

const [header, ...rows] = readFileSync(join(repo, 'tests/conformance/cases.tsv'), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '');
assert.deepEqual(header.split('\t'), ['id', 'file', 'trust', 'intermediates', 'at', 'options', 'expect']);
const cases = rows.map((line) => {
  const [id, file, trust, intermediates, at, options, expect] = line.split('\t');
  return { id, file, trust, intermediates, at, options, expect };
});

/** What trustmeta says about one case: `ok` or the error code. */
function outcome(c) {
  const store = new TrustStore();
  try {
    for (const t of list(c.trust)) store.addPem(readFileSync(resolvePath(t)));
    for (const i of list(c.intermediates)) store.addIntermediatesPem(readFileSync(resolvePath(i)));
    const options = { now: new Date(c.at) };
    for (const o of list(c.options)) {
      if (o === 'allow_sha1') options.allowSha1 = true;
      else if (o === 'allow_stale_crl') options.allowStaleCrl = true;
      else if (o.startsWith('crl=') && o !== 'crl=') store.addCrlsPem(readFileSync(resolvePath(o.slice('crl='.length))));
      else if (o.startsWith('min_rsa_bits=')) options.minRsaBits = Number(o.slice('min_rsa_bits='.length));
      else throw new Error(`unknown option ${o}`);
    }
    verify(readFileSync(resolvePath(c.file)), store, options);
    return 'ok';
  } catch (e) {
    if (e instanceof TrustmetaError) return e.code;
    throw e;
  } finally {
    store.free();
  }
}

if (!existsSync(shared)) {
  console.log(`note: shared vectors not found at ${shared} (set TRUSTMETA_SHARED)`);
}

let passed = 0;
let failed = 0;
for (const c of cases) {
  test(`conformance ${c.id}`, () => {
    let got;
    try {
      got = outcome(c);
    } catch (e) {
      got = `crash: ${e.message}`;
    }
    if (got === c.expect) passed += 1;
    else failed += 1;
    assert.equal(got, c.expect, `${c.id}: expected ${c.expect}, got ${got}`);
  });
}

// On exit, so the closing line comes after the test runner's own report.
process.on('exit', () => {
  console.log(`wasm: ${passed} passed, ${failed} failed`);
  if (failed > 0) process.exitCode = 1;
});
