// The package against the table (test/table.generated.mjs, generated from the same
// description as operations.js): every operation is exported and refuses its arguments
// by name, in JavaScript's words; and every record reaches JavaScript with all its
// fields, each of its kind, frozen — checked on real results, one fixture per record.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

import * as trustmeta from 'trustmeta';
import { DecryptionKeys, Emreg, IssuerTrust, ReplayCache, TrustStore, toSmp } from 'trustmeta';
import { repo, shared } from './helpers.mjs';
import { operations, records } from './table.generated.mjs';

const read = (p) => new Uint8Array(readFileSync(p.startsWith('shared/') ? join(shared, p.slice(7)) : join(repo, p)));
const pem = (name) => read(`tests/data/xmldsig-gen/pki/${name}.pem`);
const emregJson = readFileSync(join(repo, 'tests/data/emrex/emreg-1.0-messy.json'));

/** A value of the right kind for an argument, so that another argument is the one refused. */
function valid(kind) {
  if (kind === 'bytes' || kind === 'bytes_or_text') return new Uint8Array();
  if (kind === 'text') return 'x';
  if (kind === 'bool') return false;
  if (kind === 'time') return new Date();
  if (kind === 'store') return new TrustStore();
  if (kind === 'issuer_trust') return new IssuerTrust();
  if (kind === 'replay_cache') return new ReplayCache(1);
  if (kind === 'emreg') return Emreg.parse(emregJson);
  if (kind === 'decryption_keys') return new DecryptionKeys();
  if (kind.int) return kind.int[0];
  if (kind.choice) return kind.choice[0];
  throw new Error(`no value for ${JSON.stringify(kind)}`);
}

/** A value of another kind, with what the message says the argument must be. */
function wrong(kind) {
  if (kind === 'bytes') return ['x', 'must be a Uint8Array, got string'];
  if (kind === 'bytes_or_text') return [5, 'must be a Uint8Array or a string, got 5'];
  if (kind === 'text') return [5, 'must be a string, got 5'];
  if (kind === 'bool') return ['yes', 'must be a boolean, got string'];
  if (kind === 'time') return ['2026-06-01', 'must be a valid Date, got string'];
  if (kind === 'store') return [{}, 'must be a TrustStore (TrustStore.fromPem(…)), got Object'];
  if (kind === 'issuer_trust') return [new TrustStore(), 'must be an IssuerTrust (IssuerTrust.anyIssuer(store)), got TrustStore'];
  if (kind === 'replay_cache') return [[], 'must be a ReplayCache, got Array'];
  if (kind === 'emreg') return [new IssuerTrust(), 'must be an Emreg (Emreg.parse(…)), got IssuerTrust'];
  if (kind === 'decryption_keys') return [new TrustStore(), 'must be a DecryptionKeys (DecryptionKeys.fromPem(…)), got TrustStore'];
  if (kind.int) return [1.5, 'must be an integer, got 1.5'];
  if (kind.choice) return ['nope', `must be ${kind.choice.map((c) => `'${c}'`).join(', ')}, got 'nope'`];
  throw new Error(`no value for ${JSON.stringify(kind)}`);
}

/** Calls `op` with valid values, `change` applied to them: `{positional: i}` or `{option: name}`. */
function callWith(op, change = {}) {
  const positional = op.positional.map((a, i) => (change.index === i ? change.value : valid(a.kind)));
  const options = {};
  for (const a of op.options) if (a.required) options[a.name] = valid(a.kind);
  if (change.option !== undefined) options[change.option] = change.value;
  return trustmeta[op.js](...positional, ...(op.options.length ? [options] : []));
}

function refuses(fn, op, arg, sentence) {
  assert.throws(fn, (e) => {
    assert.ok(e instanceof TypeError, `${op.js}: ${e}`);
    assert.equal(e.message, `trustmeta.${op.js}: \`${arg}\` ${sentence}`);
    return true;
  });
}

test('every operation of the table is exported, and none besides', () => {
  const handwritten = ['DecryptionKeys', 'Emreg', 'IssuerTrust', 'MetadataStreamVerifier', 'ReplayCache', 'TrustStore', 'TrustmetaError', 'errorCodes', 'fetchMetadata', 'fetchSmp', 'init', 'toSmp', 'version'];
  assert.deepEqual(Object.keys(trustmeta).sort(), [...operations.map((op) => op.js), ...handwritten].sort());
  for (const op of operations) assert.equal(typeof trustmeta[op.js], 'function', op.js);
});

test('every argument is refused by name when it is of the wrong kind, or missing', () => {
  for (const op of operations) {
    op.positional.forEach((a, index) => {
      const [value, sentence] = wrong(a.kind);
      refuses(() => callWith(op, { index, value }), op, a.name, sentence);
      const missing = sentence.replace(/, got .*/, ', got undefined');
      refuses(() => callWith(op, { index, value: undefined }), op, a.name, missing);
    });
    for (const a of op.options) {
      const [value, sentence] = wrong(a.kind);
      refuses(() => callWith(op, { option: a.name, value }), op, a.name, sentence);
      if (a.required) {
        const missing = sentence.replace(/, got .*/, ', got undefined');
        refuses(() => callWith(op, { option: a.name, value: undefined }), op, a.name, missing);
      }
    }
  }
});

test('out of range, unknown options and options that are not an object', () => {
  let ranges = 0;
  for (const op of operations) {
    for (const a of op.options.filter((o) => o.kind.int)) {
      const [min, max] = a.kind.int;
      refuses(() => callWith(op, { option: a.name, value: min - 1 }), op, a.name, `must be between ${min} and ${max}, not ${min - 1}`);
      ranges += 1;
    }
    if (op.options.length === 0) continue;
    const known = op.options.map((o) => o.name).join(', ');
    assert.throws(() => callWith(op, { option: 'colour', value: 1 }), { name: 'TypeError', message: `trustmeta.${op.js}: unknown option \`colour\` (known: ${known})` });
    const positional = op.positional.map((a) => valid(a.kind));
    assert.throws(() => trustmeta[op.js](...positional, 'options'), { name: 'TypeError', message: `trustmeta.${op.js}: \`options\` must be an object, got string` });
  }
  assert.ok(ranges > 10, 'the common options have ranges');
  assert.throws(() => toSmp(new Uint8Array(), new TrustStore(), { format: 5 }), { name: 'TypeError', message: /`format` must be a string/ });
});

/** Checks `value` against `kind`, noting each record class met in `seen`. */
function check(value, kind, where, seen) {
  if (kind === 'bool') return assert.equal(typeof value, 'boolean', where);
  if (kind === 'int') return assert.ok(Number.isInteger(value), `${where}: ${value}`);
  if (kind === 'str' || kind === 'xml') return assert.equal(typeof value, 'string', where);
  if (kind === 'bytes') return assert.ok(value instanceof Uint8Array, where);
  if (kind === 'time') return assert.ok(value instanceof Date && !Number.isNaN(value.getTime()), where);
  if (kind.enum) return assert.ok(kind.enum.includes(value), `${where}: ${value}`);
  if (kind.opt) return value === null || check(value, kind.opt, where, seen);
  if (kind.list) {
    assert.ok(Array.isArray(value) && Object.isFrozen(value), where);
    return value.forEach((v, i) => check(v, kind.list, `${where}[${i}]`, seen));
  }
  const fields = records[kind.record];
  assert.ok(fields, `${where}: ${kind.record} is a record`);
  assert.equal(Object.getPrototypeOf(value), Object.prototype, `${where}: a plain object`);
  assert.ok(Object.isFrozen(value), `${where}: frozen`);
  assert.deepEqual(Object.keys(value), Object.keys(fields), `${where}: the fields of ${kind.record}, in order`);
  seen.add(kind.record);
  for (const [name, k] of Object.entries(fields)) check(value[name], k, `${where}.${name}`, seen);
}

test('every record reaches JavaScript with all its fields, each of its kind', () => {
  const seen = new Set();
  const returns = Object.fromEntries(operations.map((op) => [op.js, op.returns]));
  const result = (js, value) => {
    const r = returns[js];
    check(value, r.held ? { record: r.held } : r, js, seen);
    return value;
  };
  const now = new Date('2026-06-01T00:00:00Z');
  const smpStore = TrustStore.fromPem(pem('root'));
  const question = { participant: 'iso6523-actorid-upis::0088:5798000000001', document: 'busdox-docid-qns::urn:oasis:names:specification:ubl:schema:xsd:Invoice-2::Invoice##urn:cen.eu:en16931:2017::2.1', now };
  const smp = (name) => read(`tests/data/smp/signed/${name}`);

  result('verify', trustmeta.verify(read('tests/data/sample/smp-signed.xml'), TrustStore.fromPem(read('tests/data/sample/signer.pem')), { now }));
  const ap = TrustStore.fromPem(pem('root')).addIntermediatesPem(pem('intermediate'));
  result('verifySmp', trustmeta.verifySmp(smp('smp1-expired-endpoint.xml'), smpStore, { ...question, apStore: ap }));
  result('verifySmp', trustmeta.verifySmp(smp('smp1-redirect.xml'), smpStore, question));
  result('verifySmpRedirect', trustmeta.verifySmpRedirect(smp('smp1-redirect.xml'), smp('smp1-exc.xml'), smpStore, question));
  result('verifyServiceGroup', trustmeta.verifyServiceGroup(smp('servicegroup-unsigned.xml'), smpStore, { participant: question.participant, allowUnsigned: true, now }));
  result('verifySmpExtensionSignatures', trustmeta.verifySmpExtensionSignatures(smp('ehealth-owner-signed.xml'), TrustStore.fromPem(pem('leaf-p256')), { now }));
  result('smpName', trustmeta.smpName(question.participant, 'sml.example'));

  const emreg = Emreg.parse(read('tests/data/emrex/emreg-1.0-messy.json'));
  // Emreg's lists are the caller's copies; their entries are the records.
  check(Object.freeze(emreg.ncps), { list: { record: 'Ncp' } }, 'Emreg.ncps', seen);
  check(Object.freeze(emreg.countries), { list: { record: 'Country' } }, 'Emreg.countries', seen);
  check(Object.freeze(emreg.choices('NO')), { list: { record: 'NcpChoice' } }, 'Emreg.choices', seen);
  const elmo = result('decodeElmoField', trustmeta.decodeElmoField(read('tests/data/emrex/signed/v1-rsa-sha256.xml.b64')));
  result('verifyElmo', trustmeta.verifyElmo(elmo, emreg, { ncp: 'TEST-NCP', now }));
  result('parseReturnCode', trustmeta.parseReturnCode('NCP_OK'));

  const tslSigner = TrustStore.fromPem(read('tests/data/tsl/signed/signer.pem'));
  result('verifyTsl', trustmeta.verifyTsl(read('tests/data/tsl/signed/ncp-configuration-xx.xml'), tslSigner, { now }));
  check(toSmp(read('tests/data/tsl/signed/ncp-configuration-xx.xml'), tslSigner, { now }), { list: { record: 'SmpRecord' } }, 'toSmp', seen);
  const lotl = TrustStore.fromPem(read('shared/vectors/tsl/eu-lotl/eu-lotl.keyinfo-signer.pem'));
  result('verifyTsl', trustmeta.verifyTsl(read('shared/vectors/tsl/eu-lotl/eu-lotl.xml'), lotl, { now: new Date('2026-05-01T00:00:00Z') }));

  const samlAt = new Date('2026-06-01T10:01:00Z');
  const trust = IssuerTrust.anyIssuer(TrustStore.fromPem(pem('leaf-rsa2048')));
  const sp = { audience: 'https://sp.example.org/metadata', acs: 'https://sp.example.org/acs', requestId: '_req-4711', now: samlAt };
  result('verifySamlResponse', trustmeta.verifySamlResponse(read('tests/data/saml/signed/assertion-signed.xml'), trust, sp));
  result('verifySamlRequest', trustmeta.verifySamlRequest(read('tests/data/saml/signed/stork-request.xml'), trust, { profile: 'stork', now: samlAt }));
  const query = new TextDecoder().decode(read('tests/data/saml/signed/redirect-request.query')).trim();
  result('verifySamlRequestRedirect', trustmeta.verifySamlRequestRedirect(query, trust, { now: samlAt }));
  result('decodePostBinding', trustmeta.decodePostBinding('PHNhbWxwOlJlc3BvbnNlLz4='));
  const encrypted = read('tests/data/saml/encrypted/xmlsec1/oaep-mgf1p-sha1_aes256-gcm_both-signed.xml');
  const keys = DecryptionKeys.fromPem(read('tests/data/saml/encrypted/keys/sp-rsa.key.pem'));
  result('verifySamlResponse', trustmeta.verifySamlResponse(encrypted, trust, { ...sp, decryptKeys: keys }));
  result('decryptSamlAssertion', trustmeta.decryptSamlAssertion(encrypted, keys));

  const md = result('verifyMetadata', trustmeta.verifyMetadata(read('tests/data/metadata/signed/aggregate.xml'), TrustStore.fromPem(read('tests/data/metadata/signed/signer.pem')), { now, profile: 'etoegang' }));
  check(md.entityIds(), { list: { record: 'EntityRef' } }, 'entityIds', seen);
  check(md.findEntity('urn:etoegang:AD:00000001000000000000:entities:1'), { record: 'MetadataEntity' }, 'findEntity', seen);

  const ocsp = (name) => read(`tests/data/ocsp/${name}`);
  result('verifyOcspResponse', trustmeta.verifyOcspResponse(ocsp('revoked-delegated.der'), ocsp('ca.pem'), ocsp('revoked.pem'), { now: new Date('2027-01-01T00:00:00Z'), requireGood: false }));

  assert.deepEqual([...seen].sort(), Object.keys(records).sort(), 'every record of the table was met');
});
