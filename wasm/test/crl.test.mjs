// Certificate revocation lists through the built package: TrustStore.addCrlsPem and the
// allowStaleCrl option, on the generated test PKI (tests/data/xmldsig-gen) and the CRL of
// tests/data/crl that revokes its RSA-2048 leaf.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

import { TrustStore, TrustmetaError, errorCodes, verify } from 'trustmeta';
import { repo } from './helpers.mjs';

const gen = (f) => readFileSync(join(repo, 'tests/data/xmldsig-gen', f));
const revokesLeaf = () => readFileSync(join(repo, 'tests/data/crl/intermediate-revokes-leaf-rsa2048.crl.pem'));
const now = new Date('2026-06-01T00:00:00Z');

/** The root trusted, the intermediate as a helper. */
const pkiStore = () => TrustStore.fromPem(gen('pki/root.pem')).addIntermediatesPem(gen('pki/intermediate.pem'));

/** `ok` or the code verify threw. */
function outcome(store, options = {}) {
  try {
    verify(gen('signed/rsa2048-exc-enveloped.xml'), store, { now, ...options });
    return 'ok';
  } catch (e) {
    if (e instanceof TrustmetaError) return e.code;
    throw e;
  }
}

function throwsCode(fn, code) {
  assert.throws(fn, (e) => {
    assert.ok(e instanceof TrustmetaError, String(e));
    assert.equal(e.code, code, e.message);
    assert.equal(e.number, errorCodes[code]);
    return true;
  });
}

test('allowStaleCrl is an option of verify, a boolean', () => {
  const store = pkiStore();
  assert.equal(outcome(store), 'ok');
  assert.equal(outcome(store, { allowStaleCrl: true }), 'ok');
  assert.equal(outcome(store, { allowStaleCrl: false }), 'ok');
  assert.throws(() => outcome(store, { allowStaleCrl: 'yes' }), { name: 'TypeError', message: /`allowStaleCrl`/ });
  store.free();
});

test('PEM text without an X509 CRL block is pki.crl_invalid, and nothing is added', () => {
  const store = pkiStore();
  throwsCode(() => store.addCrlsPem(gen('pki/root.pem')), 'pki.crl_invalid');
  throwsCode(() => store.addCrlsPem('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n'), 'pki.crl_invalid');
  assert.equal(store.size, 1);
  assert.equal(outcome(store), 'ok');
  store.free();
});

test('a pem that is neither a string nor bytes is a TypeError naming `pem`', () => {
  const store = new TrustStore();
  assert.throws(() => store.addCrlsPem(42), { name: 'TypeError', message: /TrustStore\.addCrlsPem: `pem` must be a string or a Uint8Array/ });
  assert.throws(() => store.addCrlsPem(new ArrayBuffer(4)), { name: 'TypeError', message: /`pem`/ });
  store.free();
});

test('bytes that are not a CRL are pki.crl_invalid', () => {
  const store = pkiStore();
  throwsCode(() => store.addCrlsPem(new TextEncoder().encode('not a CRL')), 'pki.crl_invalid');
  store.free();
});

test('a CRL is accepted, as bytes or text, and not counted', () => {
  const store = pkiStore();
  assert.equal(store.addCrlsPem(revokesLeaf()), store);
  store.addCrlsPem(revokesLeaf().toString('utf8'));
  assert.equal(store.size, 1);
  store.free();
});

test('a failed add leaves the store unchanged', () => {
  const store = pkiStore();
  const broken = '-----BEGIN X509 CRL-----\nAAAA\n-----END X509 CRL-----\n';
  throwsCode(() => store.addCrlsPem(revokesLeaf().toString('utf8') + broken), 'pki.crl_invalid');
  assert.equal(outcome(store), 'ok');
  store.free();
});

test('a leaf its issuer revoked is pki.revoked, allowStaleCrl or not', () => {
  const store = pkiStore().addCrlsPem(revokesLeaf());
  assert.equal(outcome(store), 'pki.revoked');
  assert.equal(outcome(store, { allowStaleCrl: true }), 'pki.revoked');
  store.free();
});
