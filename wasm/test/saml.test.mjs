// verifySamlResponse, verifySamlRequest, verifySamlRequestRedirect, decodePostBinding,
// IssuerTrust and ReplayCache through the built package: every row of
// tests/conformance/saml-cases.tsv (closing line `wasm-saml: N passed, M failed`), then
// the fields of our signed messages, the replay cache, STORK attribute statuses, a
// signature-wrapping attempt and the bindings.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

import {
  IssuerTrust,
  ReplayCache,
  TrustStore,
  TrustmetaError,
  decodePostBinding,
  errorCodes,
  verifySamlRequest,
  verifySamlRequestRedirect,
  verifySamlResponse,
} from 'trustmeta';
import { repo, resolvePath } from './helpers.mjs';

const read = (p) => new Uint8Array(readFileSync(resolvePath(p)));
const signed = (name) => read(`tests/data/saml/signed/${name}`);
const pki = (name) => read(`tests/data/xmldsig-gen/pki/${name}.pem`);
const NOW = new Date('2026-06-01T10:01:00Z');
const AUDIENCE = 'https://sp.example.org/metadata';
const ACS = 'https://sp.example.org/acs';
const RSA_SHA256 = 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256';

function throwsCode(fn, code) {
  assert.throws(fn, (e) => {
    assert.ok(e instanceof TrustmetaError, String(e));
    assert.equal(e.code, code, e.message);
    assert.equal(e.number, errorCodes[code]);
    return true;
  });
}

/** `cert:`/`pem:` files through addPem, `key:` files through addKeysPem; any issuer. */
function trustOf(column) {
  const store = new TrustStore();
  for (const token of column.split(',')) {
    const at = token.indexOf(':');
    const kind = token.slice(0, at);
    const pem = read(token.slice(at + 1));
    if (kind === 'key') store.addKeysPem(pem);
    else if (kind === 'cert' || kind === 'pem') store.addPem(pem);
    else throw new Error(`unknown trust kind ${kind}`);
  }
  const trust = IssuerTrust.anyIssuer(store);
  store.free();
  return trust;
}

function optionsOf(column) {
  const o = {};
  for (const opt of column === '-' ? [] : column.split(',')) {
    const at = opt.indexOf('=');
    const [key, value] = at < 0 ? [opt, ''] : [opt.slice(0, at), opt.slice(at + 1)];
    if (key === 'allow_sha1') o.allowSha1 = true;
    else if (key === 'min_rsa_bits') o.minRsaBits = Number(value);
    else if (key === 'max_age') o.maxAge = Number(value);
    else if (key === 'skew') o.skew = Number(value);
    else if (key === 'profile' || key === 'signed' || key === 'destination') o[key] = value;
    else throw new Error(`unknown option ${key}`);
  }
  return o;
}

function runCase([, kind, file, encoding, trustColumn, at, audience, acs, requestId, options]) {
  const trust = trustOf(trustColumn);
  try {
    const raw = read(file);
    const xml = encoding === 'b64' ? decodePostBinding(Buffer.from(raw).toString('latin1').replace(/\s/g, '')) : raw;
    const { maxAge, destination, signed: parts, ...common } = optionsOf(options);
    common.now = new Date(at);
    if (kind === 'response') {
      const cache = new ReplayCache(16);
      const opts = { ...common, audience, acs, cache };
      if (parts !== undefined) opts.signed = parts;
      if (requestId !== '-') opts.requestId = requestId;
      const r = verifySamlResponse(xml, trust, opts);
      assert.equal(cache.size, 1);
      assert.equal(r.signatures[0].verifiedAt.getTime(), common.now.getTime());
      cache.free();
      return `ok ${r.nameId ?? '-'}`;
    }
    const opts = { ...common };
    if (maxAge !== undefined) opts.maxAge = maxAge;
    if (destination !== undefined) opts.destination = destination;
    const r = verifySamlRequest(xml, trust, opts);
    assert.ok(r.signature !== null);
    return `ok ${r.id}`;
  } catch (e) {
    if (e instanceof TrustmetaError) return e.code;
    throw e;
  } finally {
    trust.free();
  }
}

test('saml-cases.tsv: every case', () => {
  const rows = readFileSync(join(repo, 'tests/conformance/saml-cases.tsv'), 'utf8')
    .split('\n')
    .slice(1)
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => l.split('\t'));
  assert.equal(rows.length, 69);
  let passed = 0;
  const failures = [];
  for (const row of rows) {
    assert.equal(row.length, 11, row[0]);
    const got = runCase(row);
    if (got === row[10]) passed++;
    else failures.push(`${row[0]}: expected ${row[10]}, got ${got}`);
  }
  console.log(`wasm-saml: ${passed} passed, ${failures.length} failed`);
  assert.deepEqual(failures, []);
});

const anyTrust = () => {
  const store = TrustStore.fromPem(pki('leaf-rsa2048'));
  const trust = IssuerTrust.anyIssuer(store);
  store.free();
  return trust;
};
const response = (file, trust, options = {}) =>
  verifySamlResponse(signed(file), trust, { audience: AUDIENCE, acs: ACS, requestId: '_req-4711', now: NOW, ...options });

test('a response: issuer, subject, attributes, conditions and signer, frozen', () => {
  const r = response('assertion-signed.xml', anyTrust());
  assert.ok(Object.isFrozen(r) && Object.isFrozen(r.attributes[0]) && Object.isFrozen(r.signatures));
  assert.deepEqual([r.id, r.assertionId, r.issuer, r.inResponseTo, r.destination], ['_resp-1', '_assert-1', 'https://idp.example.org/', '_req-4711', ACS]);
  assert.equal(r.nameId, 'ross@octolabs.io');
  assert.equal(r.nameIdFormat, 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent');
  assert.deepEqual(
    r.attributes.map((a) => [a.name, a.friendlyName, [...a.values], a.status]),
    [
      ['urn:oid:2.5.4.42', 'givenName', ['Ross'], null],
      ['urn:oid:1.3.6.1.4.1.5923.1.1.1.7', 'eduPersonEntitlement', ['urn:example:admin', 'urn:example:staff'], null],
    ],
  );
  assert.equal(r.loa, 'urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport');
  assert.equal(r.storkQaa, null);
  assert.equal(r.sessionIndex, '_session-1');
  assert.equal(r.issueInstant.toISOString(), '2026-06-01T10:00:00.000Z');
  assert.equal(r.notOnOrAfter.toISOString(), '2026-06-01T10:05:00.000Z');
  assert.deepEqual([...r.audiences], [AUDIENCE]);
  assert.equal(r.signedBy, 'assertion');
  assert.equal(r.signatures.length, 1);
  assert.equal(r.signatures[0].signatureAlgorithm, RSA_SHA256);
  assert.match(r.signatures[0].signerSubject, /signer RSA-2048/);
  assert.equal(response('response-signed.xml', anyTrust(), { signed: 'response' }).signedBy, 'response');
});

test('the same response twice with one cache is a replay', () => {
  const trust = anyTrust();
  const cache = new ReplayCache(100);
  assert.equal(cache.size, 0);
  response('assertion-signed.xml', trust, { cache });
  assert.equal(cache.size, 1);
  throwsCode(() => response('assertion-signed.xml', trust, { cache }), 'saml.replay');
  // Another cache, or none, has not seen it.
  response('assertion-signed.xml', trust, { cache: new ReplayCache(100) });
  response('assertion-signed.xml', trust);
  response('assertion-signed.xml', trust);
  // A refused response does not fill the cache.
  const fresh = new ReplayCache(100);
  throwsCode(() => response('assertion-signed.xml', trust, { cache: fresh, audience: 'https://other.example/' }), 'saml.audience_mismatch');
  assert.equal(fresh.size, 0);
});

test('STORK attribute statuses and QAA', () => {
  const trust = anyTrust();
  throwsCode(() => response('stork-legacy-sha1.xml', trust, { profile: 'stork' }), 'dsig.algorithm_refused');
  const r = response('stork-legacy-sha1.xml', trust, { profile: 'stork', allowSha1: true });
  assert.deepEqual(
    r.attributes.map((a) => [a.name.split('/').pop(), [...a.values], a.status]),
    [
      ['eIdentifier', ['ES/AT/02635542Y'], 'Available'],
      ['givenName', ['Javier'], 'Available'],
      ['dateOfBirth', [], 'NotAvailable'],
      ['isAgeOver', [], 'Withheld'],
    ],
  );
  assert.equal(r.storkQaa, 3);
  assert.ok(r.signatures[0].legacyAlgorithms.includes('rsa-sha1'));
});

test('a wrapped signature is refused, the forged assertion alone is unsigned', () => {
  const trust = anyTrust();
  const xml = Buffer.from(signed('assertion-signed.xml')).toString('utf8');
  const assertion = xml.match(/<saml:Assertion [\s\S]*<\/saml:Assertion>/)[0];
  const forged = assertion
    .replace(/<ds:Signature[\s\S]*<\/ds:Signature>/, '')
    .replace('ID="_assert-1"', 'ID="_evil"')
    .replace('ross@octolabs.io', 'admin@octolabs.io');
  const opts = { audience: AUDIENCE, acs: ACS, requestId: '_req-4711', now: NOW };
  const wrapped = xml.replace(assertion, `<samlp:Extensions>${assertion}</samlp:Extensions>${forged}`);
  throwsCode(() => verifySamlResponse(new TextEncoder().encode(wrapped), trust, opts), 'saml.signature_profile');
  throwsCode(() => verifySamlResponse(new TextEncoder().encode(xml.replace(assertion, forged)), trust, opts), 'saml.unsigned');
});

test('signed assertions the Web SSO profile refuses, with their codes (tests/data/attacks)', () => {
  // Each signature is intact (xmlsec1 accepts all but the duplicate-xmlns one); what is
  // wrong is what the profile asks of a signed bearer assertion.
  const trust = anyTrust();
  const attack = (file, profile = 'generic') =>
    verifySamlResponse(read(`tests/data/attacks/signed/${file}`), trust, {
      audience: AUDIENCE,
      acs: ACS,
      requestId: '_req-4711',
      now: new Date('2026-06-01T10:00:00Z'),
      profile,
    });
  assert.equal(attack('saml-adfs.xml').audiences[0], AUDIENCE);
  const refused = [
    // Two xmlns on Conditions: a reader keeping the first would lose the audience and window.
    ['saml-adfs-duplicate-xmlns.xml', 'xml.duplicate_attribute'],
    ['saml-adfs-no-audience.xml', 'saml.audience_missing'],
    ['saml-no-conditions.xml', 'saml.audience_missing'],
    ['saml-notbefore-after-notonorafter.xml', 'saml.invalid_time_window'],
    ['saml-unknown-condition.xml', 'saml.unknown_condition'],
    ['saml-issuer-format-transient.xml', 'saml.issuer_format'],
    // Times without a zone.
    ['saml-datetime-no-zone.xml', 'saml.malformed'],
  ];
  for (const [file, code] of refused) {
    assert.throws(
      () => attack(file),
      (e) => e instanceof TrustmetaError && e.code === code && e.number === errorCodes[code],
      `${file}: ${code}`,
    );
  }
  assert.equal(attack('stork-qaa1.xml', 'stork').storkQaa, 1);
  // A QAA of 4 inside a ds:Object of the assertion's signature is never read.
  throwsCode(() => attack('stork-object-qaa.xml', 'stork'), 'saml.signature_profile');
  trust.free();
});

test('trust per issuer entity ID', () => {
  const store = TrustStore.fromPem(pki('leaf-rsa2048'));
  const idp = new IssuerTrust().add('https://idp.example.org/', store);
  assert.equal(response('assertion-signed.xml', idp).issuer, 'https://idp.example.org/');
  const other = new IssuerTrust().add('https://other.example.org/', store);
  throwsCode(() => response('assertion-signed.xml', other), 'saml.unknown_issuer');
  store.free();
});

test('arguments are checked', () => {
  const trust = anyTrust();
  const xml = signed('assertion-signed.xml');
  assert.throws(() => verifySamlResponse(xml, trust, { audience: AUDIENCE, acs: ACS, profile: 'saml2' }), /`profile` must be 'generic', 'stork', 'eidas'/);
  assert.throws(() => verifySamlResponse(xml, trust, { audience: AUDIENCE, acs: ACS, signed: 'all' }), TypeError);
  assert.throws(() => verifySamlResponse(xml, trust, { audience: AUDIENCE, acs: ACS, skew: -1 }), /`skew`/);
  assert.throws(() => verifySamlResponse(xml, trust, { audience: AUDIENCE }), /`acs` must be a string/);
  assert.throws(() => verifySamlResponse(xml, TrustStore.fromPem(pki('leaf-rsa2048')), { audience: AUDIENCE, acs: ACS }), /must be an IssuerTrust/);
  assert.throws(() => verifySamlResponse(xml, trust, { audience: AUDIENCE, acs: ACS, cache: {} }), /must be a ReplayCache/);
  assert.throws(() => verifySamlResponse(xml, trust, { audience: AUDIENCE, acs: ACS, colour: 1 }), /unknown option `colour`/);
  assert.throws(() => new ReplayCache(-1), TypeError);
  throwsCode(() => verifySamlResponse(xml, trust, { audience: AUDIENCE, acs: ACS, now: NOW }), 'saml.in_response_to_mismatch');
});

test('a STORK request and the Redirect binding', () => {
  const trust = anyTrust();
  const r = verifySamlRequest(signed('stork-request.xml'), trust, { destination: 'https://peps.example.org/PEPS/ServiceProvider', profile: 'stork', now: NOW });
  assert.deepEqual([r.id, r.acsUrl, r.providerName, r.storkQaa], ['_stork-req-1', ACS, 'DEMO-SP', 3]);
  assert.deepEqual([r.storkSpSector, r.storkSpInstitution, r.storkSpApplication, r.storkSpCountry], ['EDU001', 'OXF001', 'APP001', 'XX']);
  assert.deepEqual(r.requestedAttributes.map((a) => [a.name.split('/').pop(), a.required]), [['eIdentifier', true], ['isAgeOver', false]]);
  assert.ok(r.signature !== null && r.relayState === null);
  throwsCode(() => verifySamlRequest(signed('stork-request.xml'), trust, { destination: 'https://other.example/', profile: 'stork', now: NOW }), 'saml.destination_mismatch');

  const query = Buffer.from(signed('redirect-request.query')).toString('utf8').trim();
  const q = verifySamlRequestRedirect(query, trust, { now: NOW });
  assert.deepEqual([q.id, q.relayState, q.redirectSignatureAlgorithm, q.signature], ['_eidas-req-1', 'state/42', RSA_SHA256, null]);
  assert.deepEqual([q.spType, [...q.requestedLoa], q.loaComparison], ['public', ['http://eidas.europa.eu/LoA/substantial'], 'minimum']);
  throwsCode(() => verifySamlRequestRedirect(query.replace('state%2F42', 'state%2F43'), trust, { now: NOW }), 'crypto.bad_signature');
  throwsCode(() => verifySamlRequestRedirect(query, trust, { now: NOW, profile: 'eidas' }), 'dsig.algorithm_refused');
  throwsCode(() => verifySamlRequestRedirect(query.split('&SigAlg=')[0], trust, { now: NOW }), 'saml.binding');
});

test('the POST binding and key-only trust', () => {
  assert.equal(new TextDecoder().decode(decodePostBinding('PHNhbWxwOlJl\r\nc3BvbnNlLz4=', { relayState: 'abc' })), '<samlp:Response/>');
  throwsCode(() => decodePostBinding('!!!'), 'saml.binding');
  throwsCode(() => decodePostBinding('PHNhbWxwOlJlc3BvbnNlLz4=', { relayState: 'r'.repeat(81) }), 'saml.binding');
  assert.equal(decodePostBinding(new TextEncoder().encode('PHNhbWxwOlJlc3BvbnNlLz4=')).length, 17);
  const store = new TrustStore().addKeysPem(pki('leaf-rsa2048'));
  assert.equal(store.size, 1);
  throwsCode(() => store.addKeysPem(read('tests/data/xmldsig-keys/interop2012-rsa.pem')), 'pki.bad_pem');
  assert.equal(store.size, 1);
});
