// Emreg, verifyElmo, decodeElmoField and parseReturnCode through the built package, on the
// EMREX cases of tests/data/emrex and the fi-emrex vectors of the shared folder.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

import { Emreg, TrustmetaError, decodeElmoField, errorCodes, parseReturnCode, verifyElmo } from 'trustmeta';
import { repo, shared } from './helpers.mjs';

const data = (name) => readFileSync(join(repo, 'tests/data/emrex', name));
const now = new Date('2026-06-01T00:00:00Z');
const V1 = 'https://github.com/emrex-eu/elmo-schemas/tree/v1';
const OLD = 'http://purl.org/net/elmo';
const emreg = () => Emreg.parse(data('emreg-1.0-messy.json'));
const verify = (file, options = {}) => verifyElmo(data(file), emreg(), { ncp: 'TEST-NCP', now, ...options });

function throwsCode(fn, code) {
  assert.throws(fn, (e) => {
    assert.ok(e instanceof TrustmetaError, String(e));
    assert.equal(e.code, code, e.message);
    assert.equal(e.number, errorCodes[code]);
    return true;
  });
}

test('expected.tsv: each case through a one-NCP list pinning its certificate', () => {
  const rows = data('expected.tsv')
    .toString()
    .split('\n')
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => l.split('\t'));
  assert.ok(rows.length >= 10);
  for (const [file, cert, sha1, expect] of rows) {
    const pubKey = readFileSync(join(repo, 'tests/data/xmldsig-gen/pki', `${cert}.pem`), 'utf8');
    const list = Emreg.parse(new TextEncoder().encode(JSON.stringify({ ncps: [{ acronym: 'X', countryCode: 'NO', pubKey }] })));
    const run = () => verifyElmo(data(file), list, { ncp: 'X', now, allowSha1: sha1 === 'yes' });
    if (expect === 'VALID') {
      assert.equal(run().learner.familyName, 'Nordmann', file);
    } else {
      throwsCode(run, expect);
    }
    list.free();
  }
});

test('the EMREG list: NCPs, countries, singleFetch choices', () => {
  const e = emreg();
  assert.equal(e.emps, false);
  assert.equal(e.skippedNulls, 2);
  assert.deepEqual(
    e.ncps.map((n) => n.acronym),
    ['TEST-NCP', 'OTHER-NCP', 'CSC'],
  );
  const n = e.ncp('TEST-NCP');
  assert.equal(n.countryCode, 'NO');
  assert.equal(n.url, 'https://ncp.test.example/');
  assert.deepEqual(n.institutions, ['University of Testing', 'Test College']);
  assert.ok(n.pubKey.startsWith('-----BEGIN CERTIFICATE-----\nMII'));
  assert.ok(Object.isFrozen(n) && Object.isFrozen(n.institutions));
  assert.deepEqual(e.countries.map((c) => c.code), ['NO', 'FI', 'SE']);
  assert.equal(e.country('no').singleFetch, true);
  assert.equal(e.country('FI').singleFetch, false);
  assert.equal(e.country('XX'), null);
  assert.deepEqual(e.ncpsOfCountry('NO').map((x) => x.acronym), ['TEST-NCP', 'OTHER-NCP']);
  assert.deepEqual(
    e.choices('NO').map((c) => [c.ncp.acronym, c.institution]),
    [
      ['TEST-NCP', 'University of Testing'],
      ['TEST-NCP', 'Test College'],
      ['OTHER-NCP', 'Other University'],
    ],
  );
  assert.equal(e.choices('NO')[0].ncp, n);
  throwsCode(() => e.ncp('test-ncp'), 'emrex.ncp_not_found');
  e.free();
  assert.throws(() => e.ncp('TEST-NCP'), /this Emreg was freed/);
  assert.throws(() => verifyElmo(data('signed/v1-rsa-sha256.xml'), e, { ncp: 'TEST-NCP' }), /this Emreg was freed/);

  const emps = Emreg.parse(data('emreg-emps.json'));
  assert.equal(emps.emps, true);
  assert.equal(emps.choices('PL')[0].institution, null);
  throwsCode(() => Emreg.parse(data('emreg-invalid.json')), 'emrex.json_malformed');
  assert.throws(() => Emreg.parse(data('emreg-invalid.json')), /line 5, column 5/);
  throwsCode(() => Emreg.parse(new TextEncoder().encode('{}')), 'emrex.emreg_malformed');
  assert.throws(() => Emreg.parse('{}'), { name: 'TypeError', message: /`data` must be a Uint8Array/ });
});

test('one NCP per acronym, and large objects in linear time', () => {
  // Two EMPs called TEST-EMP pin different certificates; a Map built from the list would
  // keep the second, so the list is refused rather than answered.
  throwsCode(() => Emreg.parse(data('emreg-duplicate-acronym.json')), 'emrex.duplicate_key');
  assert.throws(() => Emreg.parse(data('emreg-duplicate-acronym.json')), /line 19, column 5/);
  assert.equal(errorCodes['emrex.duplicate_key'], 712);
  const members = Array.from({ length: 320000 }, (_, i) => `"${String(i).padStart(7, '0')}":0`).join(',');
  const list = Emreg.parse(new TextEncoder().encode(`{"countries":[],"emps":[],"x":{${members}}}`));
  assert.equal(list.ncps.length, 0);
  list.free();
  throwsCode(
    () => Emreg.parse(new TextEncoder().encode(`{"countries":[],"emps":[],"x":{${members},"0000002":1}}`)),
    'emrex.json_malformed',
  );
});

test('the learner and the signer of a verified ELMO file', () => {
  const r = verify('signed/v1-rsa-sha256.xml');
  assert.equal(r.namespace, V1);
  assert.deepEqual(r.learner, { givenNames: 'Ola', familyName: 'Nordmann', birthDate: '1990-01-31', citizenship: 'NO' });
  assert.deepEqual(r.learners, [r.learner]);
  assert.equal(r.reports, 1);
  assert.equal(r.nestedSignatures, 0);
  assert.match(r.signerSubject, /signer RSA-2048/);
  assert.match(r.signerSha256, /^[0-9a-f]{64}$/);
  assert.equal(r.signerKey, 'RSA-2048');
  assert.equal(r.pinned, true);
  assert.equal(r.signatureAlgorithm, 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256');
  assert.deepEqual(r.legacyAlgorithms, []);
  assert.equal(r.verifiedAt.getTime(), now.getTime());
  assert.equal('signedXml' in r, false);
  assert.equal(verify('signed/nested-dsig.xml').nestedSignatures, 1);
  assert.match(verify('signed/keyinfo-foreign-cert.xml').signerSubject, /signer RSA-2048/);
});

test('the elmo form field, gzipped or not, and its cap', () => {
  const xml = new Uint8Array(data('signed/v1-rsa-sha256.xml'));
  for (const field of ['signed/v1-rsa-sha256.xml.gz.b64', 'signed/v1-rsa-sha256.xml.b64']) {
    const decoded = decodeElmoField(new Uint8Array(data(field)));
    assert.ok(decoded instanceof Uint8Array);
    assert.deepEqual(decoded, xml, field);
    assert.equal(verifyElmo(decoded, emreg(), { ncp: 'TEST-NCP', now }).learner.givenNames, 'Ola');
  }
  assert.deepEqual(decodeElmoField(data('signed/v1-rsa-sha256.xml.gz.b64').toString()), xml);
  throwsCode(() => decodeElmoField(data('signed/v1-rsa-sha256.xml.gz.b64'), { maxElmoBytes: xml.length - 1 }), 'emrex.decompressed_too_large');
  throwsCode(() => decodeElmoField(data('signed/bomb.gz.b64')), 'emrex.decompressed_too_large');
  throwsCode(() => decodeElmoField('not base64!'), 'emrex.bad_base64');
  assert.throws(() => decodeElmoField(42), { name: 'TypeError', message: /`field` must be a Uint8Array/ });
  assert.throws(() => decodeElmoField('', { maxElmoBytes: -1 }), { name: 'TypeError', message: /maxElmoBytes/ });
});

test('refusals: tampered, wrong NCP, profile, SHA-1 by default', () => {
  throwsCode(() => verify('signed/tampered-learner.xml'), 'dsig.digest_mismatch');
  throwsCode(() => verify('signed/c14n-transform.xml'), 'emrex.signature_profile');
  throwsCode(() => verify('signed/no-learner.xml'), 'emrex.missing_learner');
  throwsCode(() => verify('signed/attacker-signed.xml'), 'pki.bad_chain_signature');
  throwsCode(() => verify('signed/v1-rsa-sha256.xml', { ncp: 'NOPE' }), 'emrex.ncp_not_found');
  assert.throws(
    () => verify('signed/v1-rsa-sha256.xml', { ncp: 'OTHER-NCP' }),
    (e) => e instanceof TrustmetaError && ['pki.untrusted_signer', 'crypto.bad_signature'].includes(e.code),
  );
  throwsCode(() => verify('signed/old-ns-rsa-sha1.xml'), 'dsig.algorithm_refused');
  const old = verify('signed/old-ns-rsa-sha1.xml', { allowSha1: true });
  assert.equal(old.namespace, OLD);
  assert.equal(old.learner.givenNames, 'Ola');
  assert.ok(old.legacyAlgorithms.length > 0);
  assert.throws(() => verifyElmo(data('signed/v1-rsa-sha256.xml'), emreg(), {}), { name: 'TypeError', message: /`ncp` must be a string/ });
  assert.throws(() => verifyElmo(data('signed/v1-rsa-sha256.xml'), {}, { ncp: 'X' }), { name: 'TypeError', message: /`emreg` must be an Emreg/ });
  assert.throws(() => verify('signed/v1-rsa-sha256.xml', { store: 1 }), { name: 'TypeError', message: /unknown option `store`/ });
});

test('the CSC vector: two spellings of one learner, legacy allowances needed', (t) => {
  const file = join(shared, 'vectors/emrex/fi-emrex/fi-smp/src/test/resources/elmo_vastaus_base64_gzipped.decoded.xml');
  if (!existsSync(file)) return t.skip(`shared vectors not found at ${file}`);
  const xml = readFileSync(file);
  const in2016 = new Date('2016-06-01T00:00:00Z');
  const r = verifyElmo(xml, emreg(), { ncp: 'CSC', now: in2016, allowSha1: true, minRsaBits: 1024 });
  assert.equal(r.namespace, OLD);
  assert.equal(r.reports, 2);
  assert.deepEqual(
    r.learners.map((l) => [l.givenNames, l.familyName, l.birthDate]),
    [
      ['Kaisa', 'Keränen', '18-07-1966'],
      ['Kaisa', 'Keranen', '18.07.1966'],
    ],
  );
  throwsCode(() => verifyElmo(xml, emreg(), { ncp: 'CSC', now: in2016 }), 'dsig.algorithm_refused');
  throwsCode(() => verifyElmo(xml, emreg(), { ncp: 'CSC', now, allowSha1: true, minRsaBits: 1024 }), 'pki.expired');
});

test('returnCode', () => {
  assert.equal(parseReturnCode('NCP_OK'), 'OK');
  assert.equal(parseReturnCode(' EMP_NO_RESULTS\n'), 'NO_RESULTS');
  assert.equal(parseReturnCode('EMP_CANCEL'), 'CANCEL');
  assert.equal(parseReturnCode('NCP_ERROR'), 'ERROR');
  throwsCode(() => parseReturnCode('ncp_ok'), 'emrex.bad_return_code');
  assert.throws(() => parseReturnCode(1), TypeError);
});
