// How the signer's key is found and which refusal wins, through the npm package: the
// documents of tests/data/xmldsig-more/keyinfo (signed by xmlsec1; its README says what
// each must give).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

import { TrustStore, TrustmetaError, verify } from 'trustmeta';
import { repo } from './helpers.mjs';

const pki = (name) => readFileSync(join(repo, 'tests/data/xmldsig-gen/pki', `${name}.pem`));
const doc = (name) => readFileSync(join(repo, 'tests/data/xmldsig-more/keyinfo/signed', name));
const now = new Date('2026-06-01T00:00:00Z');

function store(trusted, intermediates = ['intermediate']) {
  const s = new TrustStore();
  for (const t of trusted) s.addPem(pki(t));
  for (const i of intermediates) s.addIntermediatesPem(pki(i));
  return s;
}

function codeOf(fn) {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof TrustmetaError, String(e));
    return [e.code, e.message];
  }
  assert.fail('expected a refusal');
}

test('a manifest is reported as unchecked', () => {
  const r = verify(doc('manifest.xml'), store(['root']), { now });
  assert.deepEqual(r.references.map((x) => x.uncheckedManifest), [true]);
  assert.equal(r.references[0].element, 'Manifest');
  const plain = verify(doc('ski-only.xml'), store(['root'], ['intermediate', 'leaf-rsa2048']), { now });
  assert.deepEqual(plain.references.map((x) => x.uncheckedManifest), [false]);
});

test('X509SKI selects a supplied certificate, and names what is missing', () => {
  const r = verify(doc('ski-only.xml'), store(['root'], ['intermediate', 'leaf-rsa2048']), { now });
  assert.match(r.signerSubject, /signer RSA-2048/);
  const [code, message] = codeOf(() => verify(doc('ski-only.xml'), store(['root']), { now }));
  assert.equal(code, 'dsig.no_matching_key');
  assert.match(message, /X509SKI/);
});

test('a RetrievalMethod names the certificate', () => {
  const r = verify(doc('retrieval-x509data.xml'), store(['root']), { now });
  assert.match(r.chain.at(-1).subject, /Root CA/);
});

test('a missing key is not a bad signature', () => {
  const [code, message] = codeOf(() => verify(doc('keyname-only.xml'), store(['leaf-rsa3072'], []), { now }));
  assert.equal(code, 'dsig.no_matching_key');
  assert.match(message, /RSA-2048/);
  assert.equal(codeOf(() => verify(doc('keyname-only-bad-value.xml'), store(['leaf-rsa2048'], []), { now }))[0], 'crypto.bad_signature');
  assert.equal(codeOf(() => verify(doc('ecdsa-der-value.xml'), store(['root']), { now }))[0], 'crypto.malformed_signature');
});
