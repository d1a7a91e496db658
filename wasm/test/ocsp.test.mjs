// verifyOcspResponse through the built package, on the committed responses of
// tests/data/ocsp (made by its make.sh against a live `openssl ocsp` responder).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

import { TrustmetaError, errorCodes, verifyOcspResponse } from 'trustmeta';
import { repo } from './helpers.mjs';

const read = (name) => new Uint8Array(readFileSync(join(repo, 'tests/data/ocsp', name)));
const at = new Date('2027-01-01T00:00:00Z');
const ca = readFileSync(join(repo, 'tests/data/ocsp/ca.pem'), 'utf8');
const check = (resp, cert, options) => verifyOcspResponse(read(resp), ca, read(cert), options);

function throwsCode(fn, code) {
  assert.throws(fn, (e) => {
    assert.ok(e instanceof TrustmetaError, String(e));
    assert.equal(e.code, code, e.message);
    assert.equal(e.number, errorCodes[code]);
    return true;
  });
}

test('good, signed by the CA', () => {
  const r = check('good-ca.der', 'good.pem', { now: at });
  assert.equal(r.status, 'good');
  assert.equal(r.responder.subject, 'CN=trustmeta OCSP test CA');
  assert.equal(r.delegated, false);
  assert.equal(r.certIdHash, 'sha1');
  assert.equal(r.signatureAlgorithm, 'rsa-sha256');
  assert.equal(r.revocationTime, null);
  assert.equal(r.nextUpdate - r.thisUpdate, 3650 * 86400 * 1000);
  assert.equal(r.verifiedAt.getTime(), at.getTime());
  assert.ok(Object.isFrozen(r));
});

test('revoked, signed by a delegated responder', () => {
  throwsCode(() => check('revoked-delegated.der', 'revoked.pem', { now: at }), 'ocsp.status_revoked');
  const r = check('revoked-delegated.der', 'revoked.pem', { now: at, requireGood: false });
  assert.equal(r.status, 'revoked');
  assert.equal(r.revocationTime.toISOString(), '2025-01-02T03:04:05.000Z');
  assert.equal(r.revocationReason, 'keyCompromise');
  assert.equal(r.delegated, true);
  assert.equal(r.responder.subject, 'CN=responder');
});

test('unknown, SHA-256 CertID', () => {
  throwsCode(() => check('unknown-sha256.der', 'unknown.pem', { now: at }), 'ocsp.status_unknown');
  const r = check('unknown-sha256.der', 'unknown.pem', { now: at, requireGood: false });
  assert.equal(r.status, 'unknown');
  assert.equal(r.certIdHash, 'sha256');
});

test('refusals with their codes', () => {
  throwsCode(() => check('good-ca.der', 'good.pem', { now: new Date('2037-01-01T00:00:00Z') }), 'ocsp.stale');
  throwsCode(() => check('good-ca.der', 'good.pem', { now: new Date('2026-01-01T00:00:00Z') }), 'ocsp.not_yet_valid');
  throwsCode(() => check('revoked-delegated.der', 'good.pem', { now: at }), 'ocsp.cert_id_mismatch');
  throwsCode(() => check('good-ca.der', 'good.pem', { now: at, nonce: new Uint8Array([1, 2]) }), 'ocsp.nonce_mismatch');
  throwsCode(() => check('good-sha1-signed.der', 'good.pem', { now: at }), 'ocsp.algorithm_refused');
  assert.equal(check('good-sha1-signed.der', 'good.pem', { now: at, allowSha1: true }).status, 'good');
  throwsCode(() => check('ca.pem', 'good.pem', { now: at }), 'ocsp.malformed');
  const tampered = read('good-ca.der');
  const i = Buffer.from(tampered).indexOf(Buffer.from([0x02, 0x02, 0x20, 0x01]));
  assert.ok(i > 0);
  tampered[i + 3] ^= 1;
  throwsCode(() => verifyOcspResponse(tampered, ca, read('good.pem'), { now: at }), 'crypto.bad_signature');
});

test('two answers about one certificate are refused, one per certificate is not', () => {
  // make-duplicates.sh: good then revoked for one CertID, twice good, SHA-1 and SHA-256
  // CertIDs. RFC 6960 does not say which answer counts, so none does.
  const dupCa = readFileSync(join(repo, 'tests/data/ocsp/dup-ca.pem'), 'utf8');
  const dup = (resp, cert, options) => verifyOcspResponse(read(resp), dupCa, read(cert), options);
  for (const resp of ['dup-good-revoked.der', 'dup-good-good.der', 'dup-sha1-sha256.der']) {
    throwsCode(() => dup(resp, 'dup-good.pem', { now: at, requireGood: false }), 'ocsp.duplicate_response');
  }
  assert.equal(errorCodes['ocsp.duplicate_response'], 915);
  assert.equal(dup('dup-two-certs.der', 'dup-good.pem', { now: at }).status, 'good');
  assert.equal(dup('dup-two-certs.der', 'dup-revoked.pem', { now: at, requireGood: false }).status, 'revoked');
});

test('arguments are checked', () => {
  assert.throws(() => verifyOcspResponse('der', ca, read('good.pem')), /`response` must be a Uint8Array/);
  assert.throws(() => check('good-ca.der', 'good.pem', { nonce: 'x' }), /`nonce` must be a Uint8Array/);
  assert.throws(() => check('good-ca.der', 'good.pem', { requireGood: 1 }), /`requireGood` must be a boolean/);
  assert.throws(() => check('good-ca.der', 'good.pem', { later: true }), /unknown option `later`/);
});
