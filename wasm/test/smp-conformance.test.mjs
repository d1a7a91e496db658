// Runs every case of tests/conformance/smp-cases.tsv (SMP records with the question asked),
// smp-names.tsv (lookup names) and smp-redirects.tsv (a redirecting record and its target)
// through the built npm package and prints the closing lines `wasm-smp: N passed, M failed`
// and `wasm-smp-redirects: N passed, M failed`. Runs under `node --test` or on its own.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

import { TrustStore, TrustmetaError, smpName, verifySmp, verifySmpExtensionSignatures, verifySmpRedirect } from 'trustmeta';
import { repo, resolvePath } from './helpers.mjs';

const list = (field) => (field === '-' ? [] : field.split(','));
const opt = (field) => (field === '-' ? undefined : field);

function table(name, columns) {
  const [header, ...rows] = readFileSync(join(repo, 'tests/conformance', name), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '');
  assert.deepEqual(header.split('\t'), columns);
  return rows.map((line) => Object.fromEntries(line.split('\t').map((v, i) => [columns[i], v])));
}

const cases = table('smp-cases.tsv', ['id', 'file', 'trust', 'intermediates', 'at', 'options', 'participant', 'document', 'process', 'transport_profile', 'expect', 'endpoints']);
const names = table('smp-names.tsv', ['participant', 'zone', 'kind', 'name']);
const redirects = table('smp-redirects.tsv', ['id', 'first', 'target', 'trust', 'intermediates', 'at', 'options', 'participant', 'document', 'process', 'transport_profile', 'expect', 'endpoints']);

/**
 * `ok N` (N active endpoints) or the error code: the record's, then, when it verified and
 * the row names owners' anchors (`owner=PATH`), its owner signatures'.
 */
function outcome(c) {
  const store = new TrustStore();
  const owners = new TrustStore();
  let ownersNamed = false;
  try {
    for (const t of list(c.trust)) store.addPem(readFileSync(resolvePath(t)));
    for (const i of list(c.intermediates)) store.addIntermediatesPem(readFileSync(resolvePath(i)));
    const options = { now: new Date(c.at), participant: c.participant, document: c.document, process: opt(c.process), transportProfile: opt(c.transport_profile) };
    for (const o of list(c.options)) {
      if (o === 'allow_sha1') options.allowSha1 = true;
      else if (o.startsWith('min_rsa_bits=')) options.minRsaBits = Number(o.slice('min_rsa_bits='.length));
      else if (o.startsWith('owner=')) {
        owners.addPem(readFileSync(resolvePath(o.slice('owner='.length))));
        ownersNamed = true;
      } else throw new Error(`unknown option ${o}`);
    }
    const r =
      c.first === undefined
        ? verifySmp(readFileSync(resolvePath(c.file)), store, options)
        : verifySmpRedirect(readFileSync(resolvePath(c.first)), readFileSync(resolvePath(c.target)), store, options);
    assert.equal(r.verifiedAt.getTime(), options.now.getTime());
    if (ownersNamed) {
      const { now, allowSha1, minRsaBits } = options;
      const sigs = verifySmpExtensionSignatures(readFileSync(resolvePath(c.file)), owners, { now, allowSha1, minRsaBits });
      assert.deepEqual(sigs.map((s) => s.coveredElement), ['ServiceMetadata']);
    }
    return `ok ${r.endpoints.length}`;
  } catch (e) {
    if (e instanceof TrustmetaError) return e.code;
    throw e;
  } finally {
    store.free();
    owners.free();
  }
}

let passed = 0;
let failed = 0;
const redirectCount = { passed: 0, failed: 0 };
function tally(got, want, what, counts) {
  if (counts === undefined) {
    if (got === want) passed += 1;
    else failed += 1;
  } else if (got === want) counts.passed += 1;
  else counts.failed += 1;
  assert.equal(got, want, `${what}: expected ${want}, got ${got}`);
}

for (const c of cases) {
  test(`smp conformance ${c.id}`, () => {
    const want = c.expect === 'ok' ? `ok ${c.endpoints}` : c.expect;
    let got;
    try {
      got = outcome(c);
    } catch (e) {
      got = `crash: ${e.message}`;
    }
    tally(got, want, c.id);
  });
}
for (const n of names) {
  test(`smp name ${n.participant} ${n.zone} ${n.kind}`, () => {
    let got;
    try {
      got = smpName(n.participant, n.zone, { cname: n.kind === 'cname' });
    } catch (e) {
      got = `crash: ${e.message}`;
    }
    tally(got, n.name, n.participant);
  });
}

for (const c of redirects) {
  test(`smp redirect conformance ${c.id}`, () => {
    const want = c.expect === 'ok' ? `ok ${c.endpoints}` : c.expect;
    let got;
    try {
      got = outcome(c);
    } catch (e) {
      got = `crash: ${e.message}`;
    }
    tally(got, want, c.id, redirectCount);
  });
}

process.on('exit', () => {
  console.log(`wasm-smp: ${passed} passed, ${failed} failed`);
  console.log(`wasm-smp-redirects: ${redirectCount.passed} passed, ${redirectCount.failed} failed`);
  if (failed > 0 || redirectCount.failed > 0) process.exitCode = 1;
});
