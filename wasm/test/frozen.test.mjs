// Every operation's result is frozen all the way down (records, arrays, dates), and a
// misspelled choice option is refused by name, through the built package.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

import {
  Emreg,
  IssuerTrust,
  MetadataStreamVerifier,
  TrustStore,
  decodeElmoField,
  toSmp,
  verify,
  verifyElmo,
  verifyMetadata,
  verifyOcspResponse,
  verifySamlResponse,
  verifySmp,
  verifySmpRedirect,
  verifyTsl,
} from 'trustmeta';
import { repo, sampleAt, sampleXml, samplePem } from './helpers.mjs';

const read = (p) => new Uint8Array(readFileSync(join(repo, p)));
const text = (p) => readFileSync(join(repo, p), 'utf8');

/** Asserts that `value` and everything reachable from it, but bytes, is frozen. */
function assertDeepFrozen(value, path = 'result', seen = new Set()) {
  if (value === null || typeof value !== 'object' || seen.has(value)) return 0;
  seen.add(value);
  if (ArrayBuffer.isView(value)) return 0;
  assert.ok(Object.isFrozen(value), `${path} is not frozen`);
  let n = 1;
  for (const [k, v] of Object.entries(value)) n += assertDeepFrozen(v, `${path}.${k}`, seen);
  return n;
}

const smpStore = () => TrustStore.fromPem(read('tests/data/xmldsig-gen/pki/root.pem'));
const smpQuestion = {
  participant: 'iso6523-actorid-upis::0088:5798000000001',
  document: 'busdox-docid-qns::urn:oasis:names:specification:ubl:schema:xsd:Invoice-2::Invoice##urn:cen.eu:en16931:2017::2.1',
  now: new Date('2026-06-01T00:00:00Z'),
};
const smp = (name) => read(`tests/data/smp/signed/${name}`);
const samlTrust = () => IssuerTrust.anyIssuer(TrustStore.fromPem(read('tests/data/xmldsig-gen/pki/leaf-rsa2048.pem')));
const saml = { audience: 'https://sp.example.org/metadata', acs: 'https://sp.example.org/acs', requestId: '_req-4711', now: new Date('2026-06-01T10:01:00Z') };
const mdStore = () => TrustStore.fromPem(text('tests/data/metadata/signed/signer.pem'));
const mdXml = () => read('tests/data/metadata/signed/aggregate.xml');
const mdNow = new Date('2026-06-01T00:00:00Z');
const tslXml = () => read('tests/data/tsl/signed/ncp-configuration-xx.xml');
const tslStore = () => TrustStore.fromPem(read('tests/data/tsl/signed/signer.pem'));

const results = {
  verify: () => verify(sampleXml, TrustStore.fromPem(samplePem), { now: sampleAt }),
  verifySmp: () => verifySmp(smp('smp1-expired-endpoint.xml'), smpStore(), smpQuestion),
  verifySmpRedirect: () => verifySmpRedirect(smp('smp1-redirect.xml'), smp('smp1-exc.xml'), smpStore(), smpQuestion),
  verifySamlResponse: () => verifySamlResponse(read('tests/data/saml/signed/assertion-signed.xml'), samlTrust(), saml),
  verifyMetadata: () => verifyMetadata(mdXml(), mdStore(), { now: mdNow, profile: 'etoegang' }),
  'verifyMetadata().entityIds()': () => verifyMetadata(mdXml(), mdStore(), { now: mdNow }).entityIds(),
  'verifyMetadata().findEntity()': () => {
    const md = verifyMetadata(mdXml(), mdStore(), { now: mdNow });
    return md.findEntity(md.entityIds()[0].entityId);
  },
  'MetadataStreamVerifier.finish()': () => new MetadataStreamVerifier(mdStore(), { now: mdNow }).feed(mdXml()).finish(),
  verifyTsl: () => verifyTsl(tslXml(), tslStore(), { now: mdNow }),
  toSmp: () => toSmp(tslXml(), tslStore(), { now: mdNow }),
  verifyElmo: () => {
    const emreg = Emreg.parse(read('tests/data/emrex/emreg-1.0-messy.json'));
    return verifyElmo(decodeElmoField(read('tests/data/emrex/signed/v1-rsa-sha256.xml.gz.b64')), emreg, { ncp: 'TEST-NCP', now: mdNow });
  },
  verifyOcspResponse: () =>
    verifyOcspResponse(read('tests/data/ocsp/good-ca.der'), text('tests/data/ocsp/ca.pem'), read('tests/data/ocsp/good.pem'), { now: new Date('2027-01-01T00:00:00Z') }),
};

for (const [name, run] of Object.entries(results)) {
  test(`${name}: the result is frozen all the way down`, () => {
    const r = run();
    assert.ok(assertDeepFrozen(r) > 1, `${name} returned no record`);
    assert.throws(() => {
      'use strict';
      Object.values(r)[0] = 'changed';
      r.added = 1;
    }, TypeError);
  });
}

test('a date of a result is frozen with it', () => {
  const doc = results.verify();
  assert.ok(doc.verifiedAt instanceof Date && Object.isFrozen(doc.verifiedAt));
  assert.equal(doc.verifiedAt.getTime(), sampleAt.getTime());
});

test('a misspelled choice option is refused naming the option and its names', () => {
  assert.throws(() => verifySamlResponse(read('tests/data/saml/signed/assertion-signed.xml'), samlTrust(), { ...saml, profile: 'eidass' }), {
    name: 'TypeError',
    message: /`profile` must be 'generic', 'stork', 'eidas', got 'eidass'/,
  });
  assert.throws(() => verifyMetadata(mdXml(), mdStore(), { now: mdNow, profile: 'etoegan' }), { name: 'TypeError', message: /`profile` must be 'generic', 'etoegang'/ });
});
