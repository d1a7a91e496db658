// verifyTsl and toSmp through the built package, on the trusted-list cases of
// tests/conformance/tsl-cases.tsv (shared vectors and the xmlsec1-signed OpenNCP lists of
// tests/data/tsl) and the OpenNCP view and SMP mapping of the signed XX list.
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

import { TrustStore, TrustmetaError, errorCodes, toSmp, verifyTsl } from 'trustmeta';
import { repo, resolvePath, shared } from './helpers.mjs';

const read = (p) => new Uint8Array(readFileSync(resolvePath(p)));
const now = new Date('2026-06-01T00:00:00Z');
const XX = 'tests/data/tsl/signed/ncp-configuration-xx.xml';
const EPSOS = 'http://uri.epsos.eu/Svc/Svctype/';
const signer = () => TrustStore.fromPem(read('tests/data/tsl/signed/signer.pem'));
const der = (name) => new Uint8Array(new X509Certificate(readFileSync(join(repo, 'tests/data/xmldsig-gen/pki', `${name}.pem`))).raw);

function throwsCode(fn, code) {
  assert.throws(fn, (e) => {
    assert.ok(e instanceof TrustmetaError, String(e));
    assert.equal(e.code, code, e.message);
    assert.equal(e.number, errorCodes[code]);
    return true;
  });
}

test('tsl-cases.tsv: every case', () => {
  const rows = readFileSync(join(repo, 'tests/conformance/tsl-cases.tsv'), 'utf8')
    .split('\n')
    .slice(1)
    .filter((l) => l)
    .map((l) => l.split('\t'));
  assert.ok(rows.length >= 20);
  for (const [id, file, trust, intermediates, at, options, expect] of rows) {
    const store = TrustStore.fromPem(read(trust));
    if (intermediates !== '-') store.addIntermediatesPem(read(intermediates));
    const opts = { now: new Date(at) };
    for (const o of options === '-' ? [] : options.split(',')) {
      if (o === 'allow_sha1') opts.allowSha1 = true;
      else if (o.startsWith('min_rsa_bits=')) opts.minRsaBits = Number(o.split('=')[1]);
    }
    const run = () => verifyTsl(read(file), store, opts);
    if (expect.startsWith('ok ')) {
      const [, territory, sequence] = expect.split(' ');
      const t = run();
      assert.deepEqual([t.territory, t.sequenceNumber], [territory, Number(sequence)], id);
    } else {
      throwsCode(run, expect);
    }
    store.free();
  }
});

test('the XX list: scheme, signer, providers and services, as frozen plain data', () => {
  const t = verifyTsl(read(XX), signer(), { now });
  assert.ok(Object.isFrozen(t) && Object.isFrozen(t.services) && Object.isFrozen(t.services[0]));
  assert.equal(t.id, 'NCPConfiguration-XX');
  assert.equal(t.tag, 'http://uri.etsi.org/02231/TSLTag');
  assert.deepEqual([t.territory, t.sequenceNumber, t.version], ['XX', 7, 3]);
  assert.equal(t.tslType, 'http://uri.etsi.org/TrstSvc/TSLType/generic');
  assert.deepEqual(t.operatorNames, [
    { lang: 'en', text: 'Ministry of Health of Testland' },
    { lang: 'xx', text: 'Gesundheit XX' },
  ]);
  assert.equal(t.operatorElectronicAddresses[0], 'https://health.xx.example/ncp-contact');
  assert.equal(t.issued.toISOString(), '2026-05-01T10:00:00.000Z');
  assert.equal(t.nextUpdate.toISOString(), '2026-11-01T10:00:00.000Z');
  assert.equal(t.signingTime.toISOString(), '2026-05-01T09:58:00.000Z');
  assert.equal(t.verifiedAt.getTime(), now.getTime());
  assert.deepEqual(t.pointers, []);
  assert.equal(t.pinned, true);
  assert.equal(t.references.length, 2);
  assert.deepEqual(t.legacyAlgorithms, []);
  assert.equal(t.signedXml, undefined);

  assert.deepEqual(
    t.providers.map((p) => [p.name, p.services.length]),
    [
      ['NCP-A', 7],
      ['NCP-B', 3],
    ],
  );
  assert.equal(t.services.length, 10);
  assert.equal(t.services[7], t.providers[1].services[0]);
  const [vpn, ncp, pid] = t.services;
  assert.deepEqual([vpn.provider, vpn.typeIdentifier, vpn.name], ['NCP-A', `${EPSOS}VPNGateway`, 'VPNGateway of XX']);
  assert.equal(vpn.status, 'http://uri.etsi.org/TrstSvc/Svcstatus/inaccord');
  assert.equal(vpn.statusStartingTime.toISOString(), '2026-01-15T08:00:00.000Z'); // written +01:00
  assert.deepEqual(vpn.supplyPoints, ['vpn-a.health.xx.example']);
  assert.deepEqual(vpn.certificates, [der('leaf-p256')]);
  assert.equal(vpn.historyEntries, 0);
  assert.deepEqual(ncp.certificates, [der('leaf-p384'), der('leaf-rsa3072')]);
  assert.equal(pid.typeIdentifier, `${EPSOS}PatientIdenitificationService`);
  assert.equal(pid.statusStartingTime.toISOString(), '2024-03-01T01:30:00.000Z'); // 2024-02-29T23:30:00-02:00
  assert.deepEqual(pid.supplyPoints, ['https://ncp-a.health.xx.example/xcpd', 'https://ncp-a2.health.xx.example/xcpd']);
  assert.equal(t.services[6].status, 'http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/withdrawn');
});

test('the OpenNCP view: faces and roles, the same service objects', () => {
  const t = verifyTsl(read(XX), signer(), { now });
  const v = t.openncp;
  assert.equal(v.country, 'XX');
  assert.equal(v.unknownServices, 0);
  assert.deepEqual(
    v.services.map((s) => `${s.face} ${s.role}`),
    [
      'NCP-A VPNGateway',
      'NCP-A NCP',
      'NCP-A PatientIdentificationService',
      'NCP-A PatientService',
      'NCP-A OrderService',
      'NCP-A DispensationService',
      'NCP-A ConsentService',
      'NCP-B VPNGateway',
      'NCP-B NCP',
      'NCP-B IdP',
    ],
  );
  assert.equal(v.services[2].service, t.services[2]);
});

test('toSmp: eight records in either vocabulary', () => {
  const records = toSmp(read(XX), signer(), { now });
  assert.ok(Object.isFrozen(records) && Object.isFrozen(records[0]));
  assert.deepEqual(
    records.map((r) => r.fileName),
    [
      'VPN_Gateway_A_XX.xml',
      'Patient_Identification_Service_XX.xml',
      'Patient_Service_XX.xml',
      'Order_Service_XX.xml',
      'Dispensation_Service_Initialize_XX.xml',
      'Dispensation_Service_Discard_XX.xml',
      'VPN_Gateway_B_XX.xml',
      'Identity_Provider_XX.xml',
    ],
  );
  assert.ok(records.every((r) => r.participant === 'urn:ehealth:xx:ncpb-idp'));
  const pid = records[1];
  assert.equal(pid.document, 'urn::epsos##services:extended:epsos::11');
  assert.equal(pid.process, 'urn:epsosIdentityService::FindIdentityByTraits');
  assert.equal(pid.endpoints, 2);
  assert.ok(pid.xml.includes('<EndpointURI>https://ncp-a2.health.xx.example/xcpd</EndpointURI>'));
  assert.ok(pid.xml.includes('xmlns="http://docs.oasis-open.org/bdxr/ns/SMP/2016/05"'));
  const busdox = toSmp(read(XX), signer(), { now, format: 'busdox' });
  assert.deepEqual(
    busdox.map((r) => r.fileName),
    records.map((r) => r.fileName),
  );
  assert.ok(busdox[0].xml.includes('<wsa:Address>ipsec://vpn-a.health.xx.example</wsa:Address>'));
  assert.throws(() => toSmp(read(XX), signer(), { now, format: 'smp2' }), TypeError);
  assert.throws(() => toSmp(read(XX), signer(), { now, colour: 'red' }), TypeError);
});

test('refusals with their codes', () => {
  const s = signer();
  throwsCode(() => toSmp(read('tests/data/tsl/signed/generic-list.xml'), s, { now }), 'tsl.not_openncp');
  const generic = verifyTsl(read('tests/data/tsl/signed/generic-list.xml'), s, { now });
  assert.equal(generic.openncp, null);
  assert.equal(generic.services.length, 10);
  throwsCode(() => verifyTsl(read('tests/data/tsl/signed/wrong-signing-certificate.xml'), s, { now }), 'tsl.signing_certificate_mismatch');
  throwsCode(() => verifyTsl(read(XX), s, { now: new Date('2026-11-02T00:00:00Z') }), 'tsl.expired');
  throwsCode(() => verifyTsl(read(XX), TrustStore.fromPem(read('tests/data/xmldsig-gen/pki/leaf-rsa3072.pem')), { now }), 'pki.untrusted_signer');
  throwsCode(() => verifyTsl(read('tests/data/tsl/signed/rsa-sha1.xml'), s, { now }), 'dsig.algorithm_refused');
  const legacy = verifyTsl(read('tests/data/tsl/signed/rsa-sha1.xml'), s, { now, allowSha1: true });
  assert.ok(legacy.legacyAlgorithms.includes('rsa-sha1'));
  assert.throws(() => verifyTsl(readFileSync(resolvePath(XX), 'utf8'), s, { now }), TypeError);
  assert.throws(() => verifyTsl(read(XX), {}, { now }), TypeError);
});

test('the EU list of lists: pointers with DER certificates', () => {
  const store = TrustStore.fromPem(read('shared/vectors/tsl/eu-lotl/eu-lotl.keyinfo-signer.pem'));
  const t = verifyTsl(read('shared/vectors/tsl/eu-lotl/eu-lotl.xml'), store, { now: new Date('2026-05-01T00:00:00Z') });
  assert.deepEqual([t.territory, t.sequenceNumber, t.version, t.id], ['EU', 386, 6, 'ID0001']);
  assert.equal(t.nextUpdate.toISOString(), '2026-10-21T13:10:30.000Z');
  assert.equal(t.signingTime.toISOString(), '2026-04-28T17:21:26.000Z');
  assert.equal(t.openncp, null);
  assert.equal(t.providers.length, 0);
  assert.equal(t.pointers.length, 43);
  const [first, austria] = t.pointers;
  assert.deepEqual(
    [first.location, first.territory, first.mimeType, first.certificates.length],
    ['https://ec.europa.eu/tools/lotl/eu-lotl.xml', 'EU', 'application/vnd.etsi.tsl+xml', 6],
  );
  assert.deepEqual([austria.territory, austria.certificates.length], ['AT', 5]);
  assert.ok(austria.certificates[0] instanceof Uint8Array);
  assert.equal(TrustStore.fromPem(austria.certificates[0]).size, 1);
  assert.match(t.signerSubject, /CN=EUROPEAN COMMISSION/);
});
