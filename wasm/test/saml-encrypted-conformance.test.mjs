// Runs every case of tests/conformance/saml-encrypted-cases.tsv (encrypted SAML responses
// made by xmlsec1, pysaml2 and samlify, the attacks built from them, and the eIDAS
// reference implementation's vectors; the columns are described at the top of
// core/tests/saml_encrypted_conformance.rs) through the built npm package and prints the
// closing line `wasm-saml-encrypted: N passed, M failed`. Then what `decrypted` reports
// for a few of them. Runs under `node --test` or on its own.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

import { DecryptionKeys, IssuerTrust, ReplayCache, TrustStore, TrustmetaError, decryptSamlAssertion, verifySamlResponse } from 'trustmeta';
import { repo, resolvePath, shared } from './helpers.mjs';

const read = (p) => new Uint8Array(readFileSync(resolvePath(p)));
const list = (field) => (field === '-' ? [] : field.split(','));

const columns = ['id', 'file', 'trust', 'at', 'audience', 'acs', 'request_id', 'decrypt_keys', 'options', 'expect'];
const [header, ...rows] = readFileSync(join(repo, 'tests/conformance/saml-encrypted-cases.tsv'), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '');
assert.deepEqual(header.split('\t'), columns);
const cases = rows.map((line) => {
  const fields = line.split('\t');
  assert.equal(fields.length, columns.length, `bad row ${line}`);
  return Object.fromEntries(fields.map((v, i) => [columns[i], v]));
});

/** The text of the first NameID element of decrypted assertion XML, as the Rust runner reads it. */
function nameIdOf(xml) {
  const after = xml.split('NameID')[1] ?? '';
  const open = after.indexOf('>');
  if (open < 0) return '';
  const rest = after.slice(open + 1);
  const close = rest.indexOf('<');
  return close < 0 ? '' : rest.slice(0, close).trim();
}

/** The options column as verifySamlResponse options, and whether the row only decrypts. */
function optionsOf(c) {
  const options = {};
  let decryptOnly = false;
  for (const o of list(c.options)) {
    const at = o.indexOf('=');
    const [key, value] = at < 0 ? [o, undefined] : [o.slice(0, at), o.slice(at + 1)];
    if (key === 'allow_legacy_encryption' && value === undefined) options.allowLegacyEncryption = true;
    else if (key === 'allow_sha1' && value === undefined) options.allowSha1 = true;
    else if (key === 'decrypt_only' && value === undefined) decryptOnly = true;
    else if (key === 'min_rsa_bits') options.minRsaBits = Number(value);
    else if (key === 'profile' && value === 'eidas') options.profile = value;
    else if (key === 'signed' && ['response', 'assertion', 'both'].includes(value)) options.signed = value;
    else throw new Error(`${c.id}: unknown option ${o}`);
  }
  return { options, decryptOnly };
}

/** `ok NAMEID` or the error code. */
function outcome(c) {
  const keys = new DecryptionKeys();
  const store = new TrustStore();
  const handles = [keys, store];
  try {
    for (const k of list(c.decrypt_keys)) keys.addPem(read(k));
    const { options, decryptOnly } = optionsOf(c);
    const xml = read(c.file);
    if (decryptOnly) {
      const legacy = options.allowLegacyEncryption ? { allowLegacyEncryption: true } : undefined;
      const a = decryptSamlAssertion(xml, keys, legacy);
      assert.equal(a.decrypted.element, 'EncryptedAssertion', c.id);
      return `ok ${nameIdOf(a.xml)}`;
    }
    for (const t of list(c.trust)) store.addPem(read(t));
    const trust = IssuerTrust.anyIssuer(store);
    const cache = new ReplayCache(16);
    handles.push(trust, cache);
    Object.assign(options, { audience: c.audience, acs: c.acs, now: new Date(c.at), cache });
    if (c.request_id !== '-') options.requestId = c.request_id;
    // As the core's runner: no keys is no decryptor, which refuses encrypted content.
    if (keys.size > 0) options.decryptKeys = keys;
    const r = verifySamlResponse(xml, trust, options);
    assert.ok(r.decrypted.length > 0, `${c.id}: nothing was decrypted`);
    return `ok ${r.nameId ?? ''}`;
  } catch (e) {
    if (e instanceof TrustmetaError) return e.code;
    throw e;
  } finally {
    for (const h of handles) h.free();
  }
}

let passed = 0;
let failed = 0;

for (const c of cases) {
  test(`saml encrypted conformance ${c.id}`, () => {
    let got;
    try {
      got = outcome(c);
    } catch (e) {
      got = `crash: ${e.message}`;
    }
    if (got === c.expect) passed += 1;
    else failed += 1;
    assert.equal(got, c.expect, `${c.id}: expected ${c.expect}, got ${got}`);
  });
}

/** The `decrypted` list of a row that verifies. */
function decryptedOf(id) {
  const c = cases.find((x) => x.id === id);
  assert.ok(c, id);
  const keys = new DecryptionKeys();
  const store = new TrustStore();
  try {
    for (const k of list(c.decrypt_keys)) keys.addPem(read(k));
    for (const t of list(c.trust)) store.addPem(read(t));
    const { options } = optionsOf(c);
    const trust = IssuerTrust.anyIssuer(store);
    try {
      const r = verifySamlResponse(read(c.file), trust, { ...options, audience: c.audience, acs: c.acs, requestId: c.request_id, now: new Date(c.at), decryptKeys: keys });
      assert.ok(Object.isFrozen(r.decrypted) && Object.isFrozen(r.decrypted[0]));
      return r.decrypted;
    } finally {
      trust.free();
    }
  } finally {
    keys.free();
    store.free();
  }
}

test('decrypted: an AES-256-GCM assertion whose key came by RSA-OAEP (mgf1p)', () => {
  assert.deepEqual(decryptedOf('xmlsec-oaep-sha1-aes256gcm-both'), [{ element: 'EncryptedAssertion', contentAlgorithm: 'aes256-gcm', legacy: false, keyAlgorithm: 'rsa-oaep-mgf1p' }]);
});

test('decrypted: legacy AES-256-CBC content is reported as legacy', () => {
  assert.deepEqual(decryptedOf('xmlsec-aes256cbc-legacy-allowed'), [{ element: 'EncryptedAssertion', contentAlgorithm: 'aes256-cbc', legacy: true, keyAlgorithm: 'rsa-oaep-mgf1p' }]);
});

test('decrypted: an EncryptedID inside the signed assertion is listed', () => {
  assert.ok(decryptedOf('xmlsec-encrypted-id').some((d) => d.element === 'EncryptedID'));
});

test('decryptSamlAssertion: an eIDAS vector by ECDH-ES on P-256, returning the assertion unverified', () => {
  const keys = DecryptionKeys.fromPem(readFileSync(join(shared, 'vectors/eidas/encryption/keys/test-ec-nist.key.pem'), 'utf8'));
  try {
    const a = decryptSamlAssertion(read('shared/vectors/eidas/encryption/responses/saml_ec_NistCurve_kw-aes256_encrypted_response.xml'), keys);
    assert.deepEqual(a.decrypted, { element: 'EncryptedAssertion', contentAlgorithm: a.decrypted.contentAlgorithm, legacy: false, keyAlgorithm: 'ecdh-es+kw-aes256' });
    assert.match(a.decrypted.contentAlgorithm, /^aes(128|192|256)-gcm$/);
    assert.match(a.xml, /^<([A-Za-z0-9]+:)?Assertion[\s>]/);
    assert.equal(nameIdOf(a.xml), '0123456');
    assert.ok(Object.isFrozen(a));
  } finally {
    keys.free();
  }
});

process.on('exit', () => {
  console.log(`wasm-saml-encrypted: ${passed} passed, ${failed} failed`);
  if (failed > 0) process.exitCode = 1;
});
