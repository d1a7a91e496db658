// verifyMetadata, MetadataStreamVerifier, the entityIds and findEntity lookups of their
// results, and IssuerTrust.fromMetadata through the built package, on the xmlsec1-signed
// eToegang-style aggregate of tests/data/metadata/signed (made by make_signed.sh), the
// signed IdP metadata of tests/data/saml/signed and the forged aggregates of
// tests/data/attacks/signed: the summary, the eToegang profile, expiry, tampering, the
// streamed path (above 4 MiB, and fed chunk by chunk from a file read stream), the entity
// lookups with the eIDAS-berichtenservice's dual role, entities hidden in ds:Object, and
// SAML trust from metadata.
import assert from 'node:assert/strict';
import { createHash, sign, X509Certificate } from 'node:crypto';
import { createReadStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';

import * as trustmeta from 'trustmeta';
import {
  IssuerTrust,
  MetadataStreamVerifier,
  TrustStore,
  TrustmetaError,
  errorCodes,
  verifyMetadata,
  verifySamlResponse,
} from 'trustmeta';
import { repo } from './helpers.mjs';

const read = (p) => new Uint8Array(readFileSync(join(repo, p)));
const md = (name) => read(`tests/data/metadata/signed/${name}`);
const AGGREGATE = 'tests/data/metadata/signed/aggregate.xml';
const NOW = new Date('2026-06-01T00:00:00Z');
const signerPem = readFileSync(join(repo, 'tests/data/metadata/signed/signer.pem'), 'utf8');
const signer = () => TrustStore.fromPem(signerPem);
const pemDer = (p) => new Uint8Array(new X509Certificate(readFileSync(join(repo, p))).raw);
const ROLE = 'urn:etoegang:role:';
const AD1 = 'urn:etoegang:AD:00000001000000000000:entities:1';
const EB = 'urn:etoegang:IS:00000004000000000000:entities:eidas-berichtenservice';
const DV = 'urn:etoegang:DV:00000006000000000000:entities:1';
const POST = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST';
const IDS = [
  [AD1, `${ROLE}Authenticatiediensten`],
  ['urn:etoegang:AD:00000001000000000001:entities:2', `${ROLE}Authenticatiediensten`],
  ['urn:etoegang:MR:00000002000000000000:entities:1', `${ROLE}Machtigingenregisters`],
  ['urn:etoegang:KR:00000003000000000000:entities:1', `${ROLE}Koppelregisters`],
  [EB, `${ROLE}Interstelseldiensten`],
  ['urn:etoegang:HM:00000005000000000000:entities:1', `${ROLE}Herkenningsmakelaars`],
  [DV, `${ROLE}Dienstverleners`],
].map(([entityId, group]) => ({ entityId, group }));
/** The aggregate, in memory, at NOW under the eToegang profile. */
const aggregate = () => verifyMetadata(md('aggregate.xml'), signer(), { now: NOW, profile: 'etoegang' });

const scratch = mkdtempSync(join(tmpdir(), 'trustmeta-metadata-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

function throwsCode(fn, code) {
  assert.throws(fn, (e) => {
    assert.ok(e instanceof TrustmetaError, String(e));
    assert.equal(e.code, code, e.message);
    assert.equal(e.number, errorCodes[code]);
    return true;
  });
}

/** `bytes` with the one byte after the first `marker` changed to `to`. */
function changed(bytes, marker, to) {
  const out = new Uint8Array(bytes);
  const at = Buffer.from(out).indexOf(marker) + marker.length;
  assert.ok(at >= marker.length, `${marker} not found`);
  assert.notEqual(out[at], to.charCodeAt(0));
  out[at] = to.charCodeAt(0);
  return out;
}

const DSIG = 'http://www.w3.org/2000/09/xmldsig#';

/**
 * Metadata whose document element is `<md:EntitiesDescriptor ID="_md" validUntil=…>`
 * around `body`, signed here with leaf-rsa2048, the key of the metadata signer
 * certificate. `body` is written in its exclusive canonical form (no whitespace between
 * elements, an end tag for every empty element, each namespace declared where first
 * used), so the text itself is what the signature covers.
 */
function signedMetadata(body) {
  const open = '<md:EntitiesDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" ID="_md" validUntil="2026-07-01T00:00:00Z">';
  const close = '</md:EntitiesDescriptor>';
  const digest = createHash('sha256').update(open + body + close).digest('base64');
  const signedInfo = (ns) =>
    `<ds:SignedInfo${ns}><ds:CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"></ds:CanonicalizationMethod>` +
    '<ds:SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"></ds:SignatureMethod><ds:Reference URI="#_md"><ds:Transforms>' +
    `<ds:Transform Algorithm="${DSIG}enveloped-signature"></ds:Transform><ds:Transform Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"></ds:Transform></ds:Transforms>` +
    `<ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"></ds:DigestMethod><ds:DigestValue>${digest}</ds:DigestValue></ds:Reference></ds:SignedInfo>`;
  const value = sign('sha256', Buffer.from(signedInfo(` xmlns:ds="${DSIG}"`)), readFileSync(join(repo, 'tests/data/xmldsig-gen/pki/leaf-rsa2048.key'))).toString('base64');
  const cert = Buffer.from(new X509Certificate(signerPem).raw).toString('base64');
  const signature =
    `<ds:Signature xmlns:ds="${DSIG}">${signedInfo('')}<ds:SignatureValue>${value}</ds:SignatureValue>` +
    `<ds:KeyInfo><ds:X509Data><ds:X509Certificate>${cert}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></ds:Signature>`;
  return new TextEncoder().encode(open + signature + body + close);
}

/** Feeds `path` through a MetadataStreamVerifier from a file read stream of `highWaterMark`-byte chunks. */
async function streamFile(path, store, options, highWaterMark) {
  const v = new MetadataStreamVerifier(store, options);
  let chunks = 0;
  try {
    for await (const chunk of createReadStream(path, { highWaterMark })) {
      v.feed(chunk);
      chunks += 1;
    }
    return { summary: v.finish(), chunks };
  } finally {
    v.free();
  }
}

test('the eToegang aggregate: its summary and signer, as frozen plain data', () => {
  const s = verifyMetadata(md('aggregate.xml'), signer(), { now: NOW, profile: 'etoegang' });
  assert.ok(Object.isFrozen(s) && Object.isFrozen(s.groups) && Object.isFrozen(s.etoegang));
  assert.equal(s.root, 'EntitiesDescriptor');
  assert.equal(s.id, '_agg-36');
  assert.equal(s.name, 'urn:etoegang:1.13:metadata:P:36');
  assert.equal(s.entityId, null);
  assert.deepEqual(s.etoegang, { version: '1.13', environment: 'P', sequence: 36 });
  assert.equal(s.validUntil.toISOString(), '2026-07-01T00:00:00.000Z');
  assert.deepEqual(s.cacheDuration, { months: 0, seconds: 7 * 86400 });
  // cacheDuration P7D from the verification time comes before validUntil.
  assert.equal(s.expires.toISOString(), '2026-06-08T00:00:00.000Z');
  assert.equal(s.publisher, 'urn:etoegang:publisher:test');
  assert.equal(s.creationInstant.toISOString(), '2026-05-28T12:00:00.000Z');
  assert.equal(s.entities, 7);
  assert.deepEqual(
    s.groups,
    ['Authenticatiediensten', 'Machtigingenregisters', 'Koppelregisters', 'Interstelseldiensten', 'Herkenningsmakelaars', 'Dienstverleners'].map((g) => ROLE + g),
  );
  assert.equal(s.streamed, false);
  assert.equal(s.nestedSignatures, 0);
  assert.equal(s.signerSha256, createHash('sha256').update(new X509Certificate(signerPem).raw).digest('hex'));
  assert.equal(s.signerKey, 'RSA-2048');
  assert.equal(s.pinned, true);
  assert.equal(s.signatureAlgorithm, 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256');
  assert.deepEqual(
    s.references.map((r) => [r.uri, r.element]),
    [['#_agg-36', 'EntitiesDescriptor']],
  );
  assert.equal(s.verifiedAt.getTime(), NOW.getTime());
  assert.equal(s.signedXml, undefined);
  // Later, validUntil comes first.
  const late = verifyMetadata(md('aggregate.xml'), signer(), { now: new Date('2026-06-28T00:00:00Z') });
  assert.equal(late.expires.toISOString(), '2026-07-01T00:00:00.000Z');
});

test('refusals with their codes', () => {
  const s = signer();
  // Signed, and fine as SAML metadata, but not eToegang aggregates.
  for (const file of ['etoegang-bad-name.xml', 'etoegang-missing-group.xml']) {
    assert.equal(verifyMetadata(md(file), s, { now: NOW }).root, 'EntitiesDescriptor', file);
    throwsCode(() => verifyMetadata(md(file), s, { now: NOW, profile: 'etoegang' }), 'metadata.profile');
  }
  assert.equal(verifyMetadata(md('etoegang-bad-name.xml'), s, { now: NOW }).etoegang, null);
  throwsCode(() => verifyMetadata(md('aggregate-signature-last.xml'), s, { now: NOW }), 'dsig.malformed');
  // At its validUntil (2026-07-01T00:00:00Z) and after.
  throwsCode(() => verifyMetadata(md('aggregate.xml'), s, { now: new Date('2026-07-01T00:00:00Z') }), 'metadata.expired');
  throwsCode(() => verifyMetadata(md('aggregate.xml'), s, { now: new Date('2027-01-01T00:00:00Z'), profile: 'etoegang' }), 'metadata.expired');
  // One byte of an endpoint's Location, inside the signed aggregate.
  throwsCode(() => verifyMetadata(changed(md('aggregate.xml'), 'https://idp.exam', 'q'), s, { now: NOW }), 'dsig.digest_mismatch');
  throwsCode(() => verifyMetadata(md('aggregate.xml'), TrustStore.fromPem(read('tests/data/xmldsig-gen/pki/leaf-rsa3072.pem')), { now: NOW }), 'pki.untrusted_signer');
  throwsCode(() => verifyMetadata(read('tests/data/saml/signed/assertion-signed.xml'), s, { now: NOW }), 'metadata.unknown_document');
  throwsCode(() => verifyMetadata(new TextEncoder().encode('<md:EntitiesDescriptor'), s, { now: NOW }), 'xml.malformed');
});

test('argument checks name what is wrong', () => {
  const s = signer();
  assert.throws(() => verifyMetadata(readFileSync(join(repo, AGGREGATE), 'utf8'), s), { name: 'TypeError', message: /`xml` must be a Uint8Array, got string/ });
  assert.throws(() => verifyMetadata(md('aggregate.xml'), {}), { name: 'TypeError', message: /`store` must be a TrustStore/ });
  assert.throws(() => verifyMetadata(md('aggregate.xml'), s, { profile: 'eherkenning' }), { name: 'TypeError', message: /`profile` must be 'generic', 'etoegang', got 'eherkenning'/ });
  assert.throws(() => verifyMetadata(md('aggregate.xml'), s, { at: NOW }), { name: 'TypeError', message: /unknown option `at`/ });
  assert.throws(() => new MetadataStreamVerifier(s, { profile: 'x' }), TypeError);
  assert.throws(() => new MetadataStreamVerifier(null), TypeError);
  assert.throws(() => aggregate().findEntity(42), { name: 'TypeError', message: /findEntity: `entityId` must be a string, got number/ });
  assert.throws(() => aggregate().findEntity(md('aggregate.xml'), AD1), { name: 'TypeError', message: /`entityId` must be a string, got Uint8Array/ });
});

test('the lookups belong to the result: no function takes verified bytes back', () => {
  assert.equal(trustmeta.findEntity, undefined);
  assert.equal(trustmeta.entityIds, undefined);
  const s = aggregate();
  // Methods, not data: the summary still spreads, compares and serializes as before.
  assert.equal(typeof s.entityIds, 'function');
  assert.equal(typeof s.findEntity, 'function');
  assert.ok(!Object.keys(s).includes('entityIds') && !Object.keys(s).includes('findEntity'));
  assert.equal(JSON.parse(JSON.stringify(s)).entities, 7);
  assert.throws(() => {
    s.findEntity = () => null;
  }, TypeError);
});

test('above 4 MiB the document is streamed, with the same summary', () => {
  // Whitespace and a comment after the document element are outside what is signed.
  const tail = new TextEncoder().encode(`\n<!-- ${'padding '.repeat(300_000)}-->\n`);
  const base = md('aggregate.xml');
  const big = new Uint8Array(base.length + tail.length * 2);
  big.set(base);
  big.set(tail, base.length);
  big.set(tail, base.length + tail.length);
  assert.ok(big.length > 4 * 1024 * 1024);
  const mem = verifyMetadata(base, signer(), { now: NOW, profile: 'etoegang' });
  const streamed = verifyMetadata(big, signer(), { now: NOW, profile: 'etoegang' });
  assert.equal(streamed.streamed, true);
  assert.deepEqual({ ...streamed, streamed: false }, { ...mem });
  throwsCode(() => verifyMetadata(changed(big, 'entities:eidas-', 'E'), signer(), { now: NOW }), 'dsig.digest_mismatch');
  // The result keeps its own copy of what was verified, so the lookups work here too,
  // and changing the caller's array afterwards changes nothing they read.
  assert.deepEqual(streamed.entityIds(), IDS);
  big.set(changed(base, 'https://idp.exam', 'q'));
  const e = streamed.findEntity(AD1);
  assert.deepEqual(e, mem.findEntity(AD1));
  assert.equal(e.endpoints[0].location, 'https://idp.example.nl/sso');
});

test('MetadataStreamVerifier: a file read stream in small chunks gives the in-memory summary', async () => {
  const store = signer();
  const mem = verifyMetadata(md('aggregate.xml'), store, { now: NOW, profile: 'etoegang' });
  for (const highWaterMark of [1, 997, 64 * 1024]) {
    const { summary, chunks } = await streamFile(join(repo, AGGREGATE), store, { now: NOW, profile: 'etoegang' }, highWaterMark);
    assert.equal(chunks, Math.ceil(md('aggregate.xml').length / highWaterMark));
    assert.ok(Object.isFrozen(summary));
    assert.equal(summary.streamed, true);
    assert.deepEqual({ ...summary, streamed: false }, { ...mem }, `highWaterMark ${highWaterMark}`);
  }
  // The store was copied: freeing it does not disturb a verifier made from it.
  const own = signer();
  const v = new MetadataStreamVerifier(own, { now: NOW });
  own.free();
  v.feed(md('aggregate.xml'));
  assert.equal(v.finish().entities, 7);
});

test('MetadataStreamVerifier: a tampered byte, an expired aggregate and a profile violation fail with their codes', async () => {
  const tampered = join(scratch, 'tampered.xml');
  writeFileSync(tampered, changed(md('aggregate.xml'), 'mailto:ops@ex', 'X'));
  const cases = [
    [tampered, { now: NOW }, 'dsig.digest_mismatch'],
    [join(repo, AGGREGATE), { now: new Date('2026-07-02T00:00:00Z') }, 'metadata.expired'],
    [join(repo, 'tests/data/metadata/signed/etoegang-missing-group.xml'), { now: NOW, profile: 'etoegang' }, 'metadata.profile'],
    [join(repo, 'tests/data/metadata/signed/aggregate-signature-last.xml'), { now: NOW }, 'dsig.malformed'],
  ];
  for (const [path, options, code] of cases) {
    await assert.rejects(
      () => streamFile(path, signer(), options, 997),
      (e) => {
        assert.ok(e instanceof TrustmetaError, String(e));
        assert.equal(e.code, code, `${path}: ${e.message}`);
        return true;
      },
    );
  }
});

test('MetadataStreamVerifier: spent after a refusal, after finish and after free', () => {
  const bad = new MetadataStreamVerifier(signer(), { now: NOW });
  throwsCode(() => bad.feed(new TextEncoder().encode('<!DOCTYPE x [<!ENTITY a "b">]><x/>')), 'xml.doctype_refused');
  assert.throws(() => bad.feed(md('aggregate.xml')), (e) => !(e instanceof TrustmetaError) && /has failed already/.test(e.message));
  assert.throws(() => bad.finish(), /has failed already/);

  const done = new MetadataStreamVerifier(signer(), { now: NOW }).feed(md('aggregate.xml'));
  assert.equal(done.finish().id, '_agg-36');
  assert.throws(() => done.finish(), /has finished already/);

  const freed = new MetadataStreamVerifier(signer(), { now: NOW });
  freed.free();
  freed.free();
  assert.throws(() => freed.feed(new Uint8Array(1)), /has been freed already/);

  const v = new MetadataStreamVerifier(signer(), { now: NOW });
  assert.throws(() => v.feed('<x/>'), { name: 'TypeError', message: /`chunk` must be a Uint8Array/ });
  // A wrong argument does not spend it; an incomplete document is refused at finish.
  v.feed(md('aggregate.xml').subarray(0, 5000));
  throwsCode(() => v.finish(), 'xml.malformed');
});

test('MetadataStreamVerifier: its result lists the entities, but does not hold the document to read one', async () => {
  const mem = aggregate();
  const { summary } = await streamFile(join(repo, AGGREGATE), signer(), { now: NOW, profile: 'etoegang' }, 997);
  assert.deepEqual(summary.entityIds(), mem.entityIds());
  assert.deepEqual(summary.entityIds(), IDS);
  assert.ok(Object.isFrozen(summary.entityIds()) && Object.isFrozen(summary.entityIds()[0]));
  throwsCode(() => summary.findEntity(AD1), 'metadata.not_held');
  throwsCode(() => summary.findEntity('urn:etoegang:AD:nobody'), 'metadata.not_held');
  assert.match(
    (() => {
      try {
        summary.findEntity(AD1);
      } catch (e) {
        return e.message;
      }
    })(),
    /verifyMetadata/,
  );
});

test('findEntity: an authentication service of the aggregate, exactly', () => {
  const xml = md('aggregate.xml');
  const s = verifyMetadata(xml, signer(), { now: NOW, profile: 'etoegang' });
  // What was verified is read, not the caller's array, which may change afterwards.
  xml.set(changed(xml, 'https://idp.exam', 'q'));
  const e = s.findEntity(AD1);
  assert.ok(Object.isFrozen(e) && Object.isFrozen(e.endpoints[0]) && Object.isFrozen(e.validatedAs));
  assert.equal(e.entityId, AD1);
  assert.deepEqual(e.roles, ['IDPSSODescriptor']);
  assert.deepEqual(e.signingCertificates, [pemDer('tests/data/xmldsig-gen/pki/leaf-p256.pem')]);
  assert.ok(e.signingCertificates[0] instanceof Uint8Array);
  assert.deepEqual(e.encryptionCertificates, []);
  assert.deepEqual(e.endpoints, [{ role: 'IDPSSODescriptor', kind: 'SingleSignOnService', binding: POST, location: 'https://idp.example.nl/sso', index: null }]);
  assert.deepEqual(e.displayNames, [{ lang: 'nl', text: `${AD1} & co` }]);
  assert.deepEqual(e.entityCategories, ['http://refeds.org/category/research-and-scholarship']);
  assert.equal(e.organizationName, `Org ${AD1}`);
  assert.deepEqual(e.contactEmails, ['mailto:ops@example.nl']);
  assert.equal(e.group, `${ROLE}Authenticatiediensten`);
  assert.equal(e.etoegangRole, 'AD');
  assert.deepEqual(e.validatedAs, ['AD']);
  assert.equal(e.offeredForAdSelection, true);
  // A signing certificate from metadata is ready for a TrustStore.
  assert.equal(new TrustStore().addKeysPem(`-----BEGIN CERTIFICATE-----\n${Buffer.from(e.signingCertificates[0]).toString('base64')}\n-----END CERTIFICATE-----\n`).size, 1);
});

test('findEntity: the eIDAS-berichtenservice acts as AD and MR but is not offered for AD selection', () => {
  const s = aggregate();
  const eb = s.findEntity(EB);
  assert.equal(eb.group, `${ROLE}Interstelseldiensten`);
  assert.equal(eb.etoegangRole, 'EB');
  assert.deepEqual(eb.validatedAs, ['EB', 'AD', 'MR']);
  assert.equal(eb.offeredForAdSelection, false);
  assert.deepEqual(eb.roles, ['IDPSSODescriptor']);

  const dv = s.findEntity(DV);
  assert.deepEqual([dv.etoegangRole, dv.validatedAs, dv.offeredForAdSelection], ['DV', ['DV'], false]);
  assert.deepEqual(dv.endpoints, [{ role: 'SPSSODescriptor', kind: 'AssertionConsumerService', binding: POST, location: 'https://sp.example.nl/acs', index: 0 }]);
  const mr = s.findEntity('urn:etoegang:MR:00000002000000000000:entities:1');
  assert.deepEqual([mr.roles, mr.etoegangRole, mr.validatedAs], [['AttributeAuthorityDescriptor'], 'MR', ['MR']]);
  assert.equal(mr.endpoints[0].binding, 'urn:oasis:names:tc:SAML:2.0:bindings:SOAP');

  assert.equal(s.findEntity('urn:etoegang:AD:nobody'), null);
  assert.equal(s.findEntity(`${AD1} `), null);
});

test('findEntity and entityIds outside eToegang groups, and their refusals', () => {
  const flat = signedMetadata(
    '<md:EntityDescriptor entityID="https://sp.example/?a=1&amp;b=2">' +
      '<md:SPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"><md:KeyDescriptor><ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:X509Data><ds:X509Certificate>' +
      Buffer.from(pemDer('tests/data/xmldsig-gen/pki/leaf-p384.pem')).toString('base64') +
      '</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor></md:SPSSODescriptor></md:EntityDescriptor>',
  );
  const s = verifyMetadata(flat, signer(), { now: NOW });
  assert.equal(s.entities, 1);
  const e = s.findEntity('https://sp.example/?a=1&b=2');
  assert.deepEqual([e.group, e.etoegangRole, e.validatedAs, e.offeredForAdSelection], [null, null, [], false]);
  assert.deepEqual(e.roles, ['SPSSODescriptor']);
  // A KeyDescriptor without `use` serves both.
  assert.deepEqual(e.signingCertificates, [pemDer('tests/data/xmldsig-gen/pki/leaf-p384.pem')]);
  assert.deepEqual(e.encryptionCertificates, e.signingCertificates);
  assert.deepEqual([e.organizationName, e.displayNames, e.contactEmails, e.endpoints], [null, [], [], []]);
  assert.deepEqual(s.entityIds(), [{ entityId: 'https://sp.example/?a=1&b=2', group: null }]);
  // The entityID as the parser reports it, not as written.
  assert.equal(s.findEntity('https://sp.example/?a=1&amp;b=2'), null);

  // Two entities carrying one entityID: the lookup refuses to pick one.
  const twice = verifyMetadata(signedMetadata('<md:EntityDescriptor entityID="a"></md:EntityDescriptor><md:EntityDescriptor entityID="a"></md:EntityDescriptor>'), signer(), { now: NOW });
  assert.deepEqual(twice.entityIds(), [{ entityId: 'a', group: null }, { entityId: 'a', group: null }]);
  throwsCode(() => twice.findEntity('a'), 'metadata.malformed');
  assert.equal(twice.findEntity('b'), null);
});

test('findEntity and entityIds on a document that is one EntityDescriptor', () => {
  const single = verifyMetadata(read('tests/data/saml/signed/idp-metadata.xml'), TrustStore.fromPem(read('tests/data/xmldsig-gen/pki/leaf-rsa3072.pem')), {
    now: new Date('2026-06-01T10:01:00Z'),
  });
  assert.deepEqual(single.entityIds(), [{ entityId: 'https://idp.example.org/', group: null }]);
  const e = single.findEntity('https://idp.example.org/');
  assert.deepEqual([e.entityId, e.roles, e.group], ['https://idp.example.org/', ['IDPSSODescriptor'], null]);
  assert.equal(e.signingCertificates.length, 1);
  assert.equal(single.findEntity('https://idp.example.org'), null);
});

test('entityIds: every entity of the aggregate with its group, in document order', () => {
  const ids = aggregate().entityIds();
  assert.ok(Object.isFrozen(ids) && Object.isFrozen(ids[0]));
  assert.deepEqual(ids, IDS);
  // Ready for a Map.
  assert.equal(new Map(ids.map((e) => [e.entityId, e.group])).get(EB), `${ROLE}Interstelseldiensten`);
});

test('IssuerTrust.fromMetadata: the IdP keys of verified metadata verify its responses, and only its', () => {
  const federation = TrustStore.fromPem(read('tests/data/xmldsig-gen/pki/leaf-rsa3072.pem'));
  const metadata = read('tests/data/saml/signed/idp-metadata.xml');
  const now = new Date('2026-06-01T10:01:00Z');
  const options = { audience: 'https://sp.example.org/metadata', acs: 'https://sp.example.org/acs', requestId: '_req-4711', now };
  const response = (name, trust) => verifySamlResponse(read(`tests/data/saml/signed/${name}`), trust, options);

  const trust = IssuerTrust.fromMetadata(metadata, federation, { now });
  const r = response('assertion-signed.xml', trust);
  assert.equal(r.issuer, 'https://idp.example.org/');
  assert.equal(r.nameId, 'ross@octolabs.io');
  assert.equal(r.signatures[0].pinned, true);
  // The attacker's assertion names the same issuer but is signed by another key.
  throwsCode(() => response('attacker-signed.xml', trust), 'pki.untrusted_signer');
  // Service-provider keys only: the IdP is not trusted at all.
  throwsCode(() => response('assertion-signed.xml', IssuerTrust.fromMetadata(metadata, federation, { now, role: 'SPSSODescriptor' })), 'saml.unknown_issuer');
  // Metadata that does not verify yields no trust.
  throwsCode(() => IssuerTrust.fromMetadata(changed(metadata, 'https://idp.example.org/ss', 'X'), federation, { now }), 'dsig.digest_mismatch');
  throwsCode(() => IssuerTrust.fromMetadata(metadata, signer(), { now }), 'pki.untrusted_signer');
  throwsCode(() => IssuerTrust.fromMetadata(metadata, federation, { now: new Date('2027-01-02T00:00:00Z') }), 'metadata.expired');
  throwsCode(() => IssuerTrust.fromMetadata(metadata, federation, { now, profile: 'etoegang' }), 'metadata.profile');
  assert.throws(() => IssuerTrust.fromMetadata(metadata, federation, { now, role: 'IdP' }), { name: 'TypeError', message: /`role` must be 'IDPSSODescriptor'/ });
  // The eToegang aggregate: its entities' keys for their entityIDs.
  const agg = IssuerTrust.fromMetadata(md('aggregate.xml'), signer(), { now: NOW, profile: 'etoegang' });
  throwsCode(() => response('assertion-signed.xml', agg), 'saml.unknown_issuer');
  agg.free();
  trust.free();
});

// The forged aggregates of tests/data/attacks (see its README): an EntityDescriptor for
// https://idp.example.org/, whose signing key is attacker-rsa2048's, hidden in a ds:Object
// that the enveloped transform leaves out of the digest or that a signature covers.
const ATTACK_NOW = new Date('2026-06-01T10:00:00Z');
const attack = (name) => read(`tests/data/attacks/signed/${name}`);
const FORGED = 'https://idp.example.org/';

test('an entity hidden in a ds:Object of the aggregate signature: refused, in memory, streamed and as SAML trust', async () => {
  const xml = attack('metadata-object-entity.xml');
  for (const profile of ['generic', 'etoegang']) {
    throwsCode(() => verifyMetadata(xml, signer(), { now: ATTACK_NOW, profile }), 'dsig.object_refused');
  }
  await assert.rejects(
    () => streamFile(join(repo, 'tests/data/attacks/signed/metadata-object-entity.xml'), signer(), { now: ATTACK_NOW }, 997),
    (e) => e instanceof TrustmetaError && e.code === 'dsig.object_refused',
  );
  throwsCode(() => IssuerTrust.fromMetadata(xml, signer(), { now: ATTACK_NOW }), 'dsig.object_refused');
});

test('an entity in a ds:Object of an entity signature the aggregate signature covers: never an entity', async () => {
  const xml = attack('metadata-nested-object-entity.xml');
  const s = verifyMetadata(xml, signer(), { now: ATTACK_NOW, profile: 'etoegang' });
  assert.equal(s.entities, 7);
  assert.deepEqual(s.entityIds(), IDS);
  assert.ok(!s.entityIds().some(({ entityId }) => entityId === FORGED));
  assert.equal(s.findEntity(FORGED), null);
  // The entity whose signature holds the Object reads as it is, without the forgery.
  const hm = s.findEntity('urn:etoegang:HM:00000005000000000000:entities:1');
  assert.deepEqual([hm.roles, hm.signingCertificates], [['IDPSSODescriptor'], [pemDer('tests/data/xmldsig-gen/pki/leaf-p256.pem')]]);

  const { summary } = await streamFile(join(repo, 'tests/data/attacks/signed/metadata-nested-object-entity.xml'), signer(), { now: ATTACK_NOW }, 997);
  assert.deepEqual(summary.entityIds(), IDS);

  // An assertion for https://idp.example.org/ signed by the attacker's key: trust from
  // this metadata does not know the issuer at all.
  const options = { audience: 'https://sp.example.org/metadata', acs: 'https://sp.example.org/acs', requestId: '_req-4711', now: new Date('2026-06-01T10:01:00Z') };
  const forged = read('tests/data/saml/signed/attacker-signed.xml');
  const attacker = IssuerTrust.anyIssuer(TrustStore.fromPem(read('tests/data/xmldsig-gen/pki/attacker-rsa2048.pem')));
  assert.equal(verifySamlResponse(forged, attacker, options).issuer, FORGED, 'the attacker key signed it');
  for (const role of ['IDPSSODescriptor', 'SPSSODescriptor', 'AttributeAuthorityDescriptor']) {
    const trust = IssuerTrust.fromMetadata(xml, signer(), { now: ATTACK_NOW, role });
    throwsCode(() => verifySamlResponse(forged, trust, options), 'saml.unknown_issuer');
    trust.free();
  }
  attacker.free();
});
