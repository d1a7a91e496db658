// verifySmp, verifySmpRedirect and smpName through the built package.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

import { TrustStore, TrustmetaError, errorCodes, smpName, verifyServiceGroup, verifySmp, verifySmpExtensionSignatures, verifySmpRedirect } from 'trustmeta';
import { repo, shared } from './helpers.mjs';

const record = (name) => readFileSync(join(repo, 'tests/data/smp/signed', name));
const store = () => TrustStore.fromPem(readFileSync(join(repo, 'tests/data/xmldsig-gen/pki/root.pem')));
const participant = 'iso6523-actorid-upis::0088:5798000000001';
const document = 'busdox-docid-qns::urn:oasis:names:specification:ubl:schema:xsd:Invoice-2::Invoice##urn:cen.eu:en16931:2017::2.1';
const now = new Date('2026-06-01T00:00:00Z');
const question = { participant, document, now };

test('endpoints, filtered endpoints and signer fields', () => {
  const r = verifySmp(record('smp1-expired-endpoint.xml'), store(), question);
  assert.equal(r.version, 'oasis-smp-1.0');
  assert.equal(r.participant, participant);
  assert.equal(r.document, document);
  assert.equal(r.endpoints.length, 1);
  const [e] = r.endpoints;
  assert.equal(e.transportProfile, 'peppol-transport-as4-v2_0');
  assert.equal(e.uri, 'https://ap.example.org/as4');
  assert.match(e.certificateSha256, /^[0-9a-f]{64}$/);
  const [f] = r.filteredEndpoints;
  assert.equal(f.reason, 'expired');
  assert.equal(f.endpoint.uri, 'https://old-ap.example.org/as4');
  assert.ok(f.endpoint.expiration instanceof Date);
  assert.equal(f.endpoint.expiration.toISOString(), '2025-12-31T23:00:00.000Z');
  assert.match(f.message, /2025-12-31T23:00:00Z/);
  assert.equal(r.redirect, null);
  assert.equal(r.otherSignatures, 0);
  assert.match(r.signerSha256, /^[0-9a-f]{64}$/);
  assert.match(r.signerSubject, /CN=trustmeta test signer/);
  assert.equal(r.signerKey, 'RSA-2048');
  assert.equal(r.pinned, false);
  assert.equal(r.references[0].uri, '');
  assert.ok(r.chain.length >= 2);
  assert.equal(r.verifiedAt.getTime(), now.getTime());
  assert.equal('signedXml' in r, false);
});

test('SMP 2.0 dates and a per-process redirect', () => {
  const doc2 = document.replace('busdox-docid-qns', 'bdx-docid-qns');
  const r = verifySmp(record('smp2-exc.xml'), store(), { ...question, document: doc2 });
  assert.equal(r.version, 'oasis-smp-2.0');
  assert.ok(r.endpoints[0].activation < r.endpoints[0].expiration);
  const redirected = verifySmp(record('smp2-exc.xml'), store(), { ...question, document: doc2, process: 'cenbii-procid-ubl::urn:example:redirected-process' });
  assert.deepEqual(redirected.endpoints, []);
  assert.equal(redirected.redirect.certificates.length, 1);
  const smp1 = verifySmp(record('smp1-redirect.xml'), store(), question);
  assert.match(smp1.redirect.href, /^https:\/\//);
  assert.equal(typeof smp1.redirect.certificateUid, 'string');
  assert.equal(smp1.participant, null);
});

test('verifySmpRedirect: the target must be signed by the certificate the redirect names', () => {
  const r = verifySmpRedirect(record('smp1-redirect.xml'), record('smp1-exc.xml'), store(), question);
  assert.equal(r.participant, participant);
  assert.equal(r.redirect, null);
  assert.deepEqual(
    r.endpoints.map((e) => e.uri),
    ['https://ap.example.org/as4'],
  );
  for (const [target, code] of [
    ['smp1-other-signer.xml', 'smp.redirect_signer_mismatch'],
    ['smp1-redirect.xml', 'smp.double_redirect'],
  ]) {
    assert.throws(
      () => verifySmpRedirect(record('smp1-redirect.xml'), record(target), store(), question),
      (e) => e instanceof TrustmetaError && e.code === code && e.number === errorCodes[code],
      code,
    );
  }
  assert.throws(() => verifySmpRedirect(record('smp1-exc.xml'), record('smp1-exc.xml'), store(), question), (e) => !(e instanceof TrustmetaError) && /not a redirect/.test(e.message));
  assert.throws(() => verifySmpRedirect(record('smp1-redirect.xml'), '<x/>', store(), question), { name: 'TypeError', message: /`target` must be a Uint8Array/ });
});

test('a replayed record or an unanswered question throws TrustmetaError', () => {
  const cases = [
    [{ participant: 'iso6523-actorid-upis::0088:5798000000002' }, 'smp.participant_mismatch'],
    [{ document: document.replace('Invoice', 'CreditNote') }, 'smp.document_mismatch'],
    [{ process: 'cenbii-procid-ubl::urn:other' }, 'smp.process_mismatch'],
    [{ transportProfile: 'busdox-transport-as2-ver2p0' }, 'smp.transport_profile_not_found'],
    [{ participant: '' }, 'smp.bad_identifier'],
  ];
  for (const [change, code] of cases) {
    assert.throws(
      () => verifySmp(record('smp1-exc.xml'), store(), { ...question, ...change }),
      (e) => e instanceof TrustmetaError && e.code === code && e.number === errorCodes[code],
      code,
    );
  }
});

test('an attribute given twice is malformed XML: two xmlns on the expiration date', () => {
  // tests/data/attacks/signed/smp-duplicate-xmlns.xml: smp1-only-expired.xml with
  // <ServiceExpirationDate xmlns="urn:evil" xmlns="…/SMP/2016/05">, signed again. A
  // reader that keeps the first xmlns no longer sees the expiry.
  const xml = readFileSync(join(repo, 'tests/data/attacks/signed/smp-duplicate-xmlns.xml'));
  for (const verifyIt of [() => verifySmp(xml, store(), question), () => verifySmpExtensionSignatures(xml, store(), { now })]) {
    assert.throws(
      verifyIt,
      (e) => e instanceof TrustmetaError && e.code === 'xml.duplicate_attribute' && e.number === errorCodes['xml.duplicate_attribute'] && /xmlns/.test(e.message),
    );
  }
});

test('arguments are checked and named', () => {
  assert.throws(() => verifySmp('<x/>', store(), question), { name: 'TypeError', message: /`xml` must be a Uint8Array/ });
  assert.throws(() => verifySmp(record('smp1-exc.xml'), store(), { document }), { name: 'TypeError', message: /`participant` must be a string/ });
  assert.throws(() => verifySmp(record('smp1-exc.xml'), store(), { ...question, process: 1 }), { name: 'TypeError', message: /`process`/ });
  assert.throws(() => verifySmp(record('smp1-exc.xml'), store(), { ...question, transport: 'x' }), { name: 'TypeError', message: /unknown option `transport`/ });
  assert.throws(() => verifySmp(record('smp1-exc.xml'), null, question), { name: 'TypeError', message: /`store`/ });
});

test('smpName: BDXL and CNAME names', () => {
  assert.equal(
    smpName('iso6523-actorid-upis::0088:123ABC', 'participant.sml.test.tech.peppol.org'),
    'y7dzfxaf3d4cjz4kcgrxtec6twvcga4ky7zwa5boif6mswd4tdrq.iso6523-actorid-upis.participant.sml.test.tech.peppol.org',
  );
  assert.equal(
    smpName('iso6523-actorid-upis::9915:test', 'acc.edelivery.tech.ec.europa.eu', { cname: true }),
    'B-85008b8279e07ab0392da75fa55856a2.iso6523-actorid-upis.acc.edelivery.tech.ec.europa.eu',
  );
  assert.throws(() => smpName('', 'zone'), (e) => e instanceof TrustmetaError && e.code === 'smp.bad_identifier');
  assert.throws(() => smpName('a::b', 'zone', { cname: 'yes' }), { name: 'TypeError' });
  assert.throws(() => smpName(42, 'zone'), { name: 'TypeError', message: /`participant` must be a string/ });
});

test('verifyServiceGroup: the vefa groups and ours, unsigned only on request', () => {
  const vefa = (name) => readFileSync(join(shared, 'vectors/smp/vefa-peppol/peppol-lookup/src/test/resources', name));
  const at = new Date('2024-01-01T00:00:00Z');
  for (const [name, p, count, version] of [
    ['busdox-servicegroup-0192-991825827.xml', 'iso6523-actorid-upis::0192:991825827', 9, 'peppol-busdox'],
    ['bdxr201605-servicegroup-9908-991825827.xml', 'iso6523-actorid-upis::9908:991825827', 7, 'oasis-smp-1.0'],
  ]) {
    assert.throws(
      () => verifyServiceGroup(vefa(name), store(), { participant: p, now: at }),
      (e) => e instanceof TrustmetaError && e.code === 'dsig.missing_signature',
    );
    const g = verifyServiceGroup(vefa(name), store(), { participant: p, allowUnsigned: true, now: at });
    assert.equal(g.version, version);
    assert.equal(g.participant, p);
    assert.equal(g.references.length, count);
    assert.ok(g.references.every((r) => typeof r.document === 'string' && typeof r.href === 'string'));
    assert.equal(g.signed, false);
    assert.equal(g.signerSha256, null);
    assert.throws(
      () => verifyServiceGroup(vefa(name), store(), { participant: 'iso6523-actorid-upis::0192:1', allowUnsigned: true, now: at }),
      (e) => e instanceof TrustmetaError && e.code === 'smp.participant_mismatch',
    );
  }
  const ours = verifyServiceGroup(record('servicegroup-unsigned.xml'), store(), { participant, allowUnsigned: true, now });
  assert.match(ours.references[0].document, /^busdox-docid-qns::/);
  assert.throws(() => verifyServiceGroup(record('servicegroup-unsigned.xml'), store(), { participant, allowUnsigned: 'yes' }), { name: 'TypeError', message: /`allowUnsigned`/ });
});

test('verifySmpExtensionSignatures: the eHealth owner signature, on request', () => {
  const pki = (name) => readFileSync(join(repo, 'tests/data/xmldsig-gen/pki', name));
  const owner = TrustStore.fromPem(pki('leaf-p256.pem'));
  const sigs = verifySmpExtensionSignatures(record('ehealth-owner-signed.xml'), owner, { now });
  assert.equal(sigs.length, 1);
  assert.equal(sigs[0].coveredElement, 'ServiceMetadata');
  assert.match(sigs[0].signerSubject, /P-256/);
  assert.equal(sigs[0].verifiedAt.getTime(), now.getTime());
  for (const [file, anchor, code] of [
    ['ehealth-owner-signed.xml', 'leaf-rsa2048.pem', 'pki.untrusted_signer'],
    ['ehealth-owner-signature-broken.xml', 'leaf-p256.pem', 'dsig.digest_mismatch'],
    // One byte inside ServiceMetadata changed after both signed: the owner's breaks too.
    ['ehealth-owner-tampered.xml', 'leaf-p256.pem', 'dsig.digest_mismatch'],
    // Signed over ServiceInformation alone: refused by the profile.
    ['ehealth-owner-over-serviceinformation.xml', 'leaf-p256.pem', 'smp.signature_profile'],
    ['smp1-exc.xml', 'leaf-p256.pem', 'dsig.missing_signature'],
  ]) {
    assert.throws(
      () => verifySmpExtensionSignatures(record(file), TrustStore.fromPem(pki(anchor)), { now }),
      (e) => e instanceof TrustmetaError && e.code === code,
      code,
    );
  }
  // A change inside the SMP's signature leaves the owner's intact.
  const kept = verifySmpExtensionSignatures(record('ehealth-owner-smp-signature-changed.xml'), owner, { now });
  assert.equal(kept[0].coveredElement, 'ServiceMetadata');
  assert.throws(() => verifySmpExtensionSignatures('<x/>', owner), { name: 'TypeError', message: /`xml` must be a Uint8Array/ });
});

test('verifySmp with apStore checks the endpoint certificates', () => {
  const pki = (name) => readFileSync(join(repo, 'tests/data/xmldsig-gen/pki', name));
  const ap = TrustStore.fromPem(pki('root.pem')).addIntermediatesPem(pki('intermediate.pem'));
  const [ok] = verifySmp(record('smp1-exc.xml'), store(), { ...question, apStore: ap }).endpoints;
  assert.equal(ok.certificateTrusted, true);
  assert.equal(ok.certificateError, null);
  const other = TrustStore.fromPem(readFileSync(join(repo, 'tests/data/sample/signer.pem')));
  const [bad] = verifySmp(record('smp1-exc.xml'), store(), { ...question, apStore: other }).endpoints;
  assert.equal(bad.certificateTrusted, false);
  assert.equal(bad.certificateError, 'pki.untrusted_signer');
  const [unchecked] = verifySmp(record('smp1-exc.xml'), store(), question).endpoints;
  assert.equal(unchecked.certificateTrusted, null);
  assert.throws(() => verifySmp(record('smp1-exc.xml'), store(), { ...question, apStore: 'x' }), { name: 'TypeError', message: /`apStore` must be a TrustStore/ });
  assert.throws(() => verifySmpRedirect(record('smp1-redirect.xml'), record('smp1-exc.xml'), store(), { ...question, apStore: ap }), { name: 'TypeError', message: /unknown option `apStore`/ });
});
