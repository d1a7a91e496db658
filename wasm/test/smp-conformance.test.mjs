// Runs every case of tests/conformance/smp-cases.tsv (SMP records with the question asked)
// and smp-names.tsv (lookup names) through the built npm package and prints the closing
// line `wasm-smp: N passed, M failed`. Runs under `node --test` or on its own.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

import { TrustStore, TrustmetaError, smpName, verifySmp } from 'trustmeta';
import { repo, shared } from './helpers.mjs';

const resolvePath = (p) => (p.startsWith('shared/') ? join(shared, p.slice('shared/'.length)) : join(repo, p));
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

/** `ok N` (N active endpoints) or the error code. */
function outcome(c) {
  const store = new TrustStore();
  try {
    for (const t of list(c.trust)) store.addPem(readFileSync(resolvePath(t)));
    for (const i of list(c.intermediates)) store.addIntermediatesPem(readFileSync(resolvePath(i)));
    const options = { now: new Date(c.at), participant: c.participant, document: c.document, process: opt(c.process), transportProfile: opt(c.transport_profile) };
    for (const o of list(c.options)) {
      if (o === 'allow_sha1') options.allowSha1 = true;
      else if (o.startsWith('min_rsa_bits=')) options.minRsaBits = Number(o.slice('min_rsa_bits='.length));
      else throw new Error(`unknown option ${o}`);
    }
    const r = verifySmp(readFileSync(resolvePath(c.file)), store, options);
    assert.equal(r.verifiedAt.getTime(), options.now.getTime());
    return `ok ${r.endpoints.length}`;
  } catch (e) {
    if (e instanceof TrustmetaError) return e.code;
    throw e;
  } finally {
    store.free();
  }
}

let passed = 0;
let failed = 0;
function tally(got, want, what) {
  if (got === want) passed += 1;
  else failed += 1;
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

process.on('exit', () => {
  console.log(`wasm-smp: ${passed} passed, ${failed} failed`);
  if (failed > 0) process.exitCode = 1;
});
