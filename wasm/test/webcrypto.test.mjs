// The WebCrypto entry `trustmeta/webcrypto` (docs/adr/0008): the same results as the
// synchronous entry, refusals of altered documents, the SAML replay cache consulted only
// on the pass whose result is returned, and answers that hold only for the exact check
// they were given for.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

import * as portable from 'trustmeta';
import * as webcrypto from 'trustmeta/webcrypto';
// The module's own glue (the same instance the entry uses: node_modules/trustmeta links to pkg/).
import * as glue from '../pkg/webcrypto/trustmeta_wasm.js';
import { pkgDir, repo, sampleAt, samplePem, sampleSha256, sampleXml, tamperedSample } from './helpers.mjs';

const { IssuerTrust, ReplayCache, TrustStore, TrustmetaError, errorCodes, verify, verifySamlResponse, verifySmp } = webcrypto;
const read = (p) => new Uint8Array(readFileSync(join(repo, p)));
const QUESTION = {
  participant: 'iso6523-actorid-upis::0088:5798000000001',
  document: 'busdox-docid-qns::urn:oasis:names:specification:ubl:schema:xsd:Invoice-2::Invoice##urn:cen.eu:en16931:2017::2.1',
};
const NOW = new Date('2026-06-01T10:01:00Z');
const AUDIENCE = 'https://sp.example.org/metadata';
const ACS = 'https://sp.example.org/acs';

async function rejectsCode(promise, code) {
  await assert.rejects(promise, (e) => {
    assert.ok(e instanceof TrustmetaError, String(e));
    assert.equal(e.code, code, e.message);
    assert.equal(e.number, errorCodes[code]);
    return true;
  });
}

/** The sample with the first character of its SignatureValue changed: digests still match. */
function badSignatureValue() {
  const bytes = new Uint8Array(sampleXml);
  const at = Buffer.from(bytes).toString('latin1').indexOf('SignatureValue>') + 'SignatureValue>'.length;
  bytes[at] = bytes[at] === 0x41 ? 0x42 : 0x41;
  return bytes;
}

test('every operation returns a Promise with the result of the synchronous entry', async () => {
  const store = TrustStore.fromPem(samplePem);
  const sync = portable.TrustStore.fromPem(samplePem);
  const pending = verify(sampleXml, store, { now: sampleAt });
  assert.ok(pending instanceof Promise);
  const doc = await pending;
  assert.equal(doc.signerSha256, sampleSha256);
  assert.deepEqual(doc, portable.verify(sampleXml, sync, { now: sampleAt }));
  assert.ok(Object.isFrozen(doc) && Object.isFrozen(doc.references));
  const smp = await verifySmp(sampleXml, store, { now: sampleAt, ...QUESTION });
  assert.deepEqual(smp, portable.verifySmp(sampleXml, sync, { now: sampleAt, ...QUESTION }));
});

test('altered documents are refused with the codes of the synchronous entry', async () => {
  const store = TrustStore.fromPem(samplePem);
  await rejectsCode(verify(tamperedSample(), store, { now: sampleAt }), 'dsig.digest_mismatch');
  await rejectsCode(verify(badSignatureValue(), store, { now: sampleAt }), 'crypto.bad_signature');
  await rejectsCode(verifySmp(badSignatureValue(), store, { now: sampleAt, ...QUESTION }), 'crypto.bad_signature');
  // Another key trusted: the signature is not checked under it at all.
  const other = TrustStore.fromPem(read('tests/data/xmldsig-gen/pki/attacker-rsa2048.pem'));
  const code = (() => {
    try {
      portable.verify(sampleXml, portable.TrustStore.fromPem(read('tests/data/xmldsig-gen/pki/attacker-rsa2048.pem')), { now: sampleAt });
      return 'ok';
    } catch (e) {
      return e.code;
    }
  })();
  assert.match(code, /^(pki|dsig)\./);
  await rejectsCode(verify(sampleXml, other, { now: sampleAt }), code);
});

test('arguments are refused as in the synchronous entry, by rejection', async () => {
  const store = TrustStore.fromPem(samplePem);
  await assert.rejects(verify('<xml/>', store), TypeError);
  await assert.rejects(verify(sampleXml, store, { allowSha2: true }), /unknown option `allowSha2`/);
  // A store of the other entry is not a store of this one.
  await assert.rejects(verify(sampleXml, portable.TrustStore.fromPem(samplePem)), /must be a TrustStore/);
});

test('an answer holds only for the exact check: a final pass meets a check it was not answered', async () => {
  // Pass 1 on the sample, its one check answered valid by WebCrypto...
  const store = TrustStore.fromPem(samplePem);
  const raw = new glue.RawTrustStore();
  raw.addPem(new TextEncoder().encode(samplePem));
  const checks = new glue.RawChecks();
  glue.rawCallChecked('verify', [sampleXml, raw.token()], { now: sampleAt }, 0, checks, false);
  const [check] = checks.asked();
  assert.equal(check.name, 'RSASSA-PKCS1-v1_5');
  const key = await crypto.subtle.importKey('spki', check.spki, { name: check.name, hash: check.hash }, false, ['verify']);
  assert.ok(await crypto.subtle.verify(check.name, key, check.signature, check.message));
  checks.answer(Uint8Array.of(0));
  // ...then a final pass on the same key and signature value over another SignedInfo
  // (the sample's with its CanonicalizationMethod changed to the #WithComments form,
  // signed by no one): refused, not answered from the sample's check.
  const c14n = 'REC-xml-c14n-20010315"';
  const other = Buffer.from(sampleXml).toString('latin1').replace(c14n, 'REC-xml-c14n-20010315#WithComments"');
  assert.notEqual(other, Buffer.from(sampleXml).toString('latin1'));
  assert.throws(
    () => glue.rawCallChecked('verify', [new Uint8Array(Buffer.from(other, 'latin1')), raw.token()], { now: sampleAt }, 0, checks, true),
    (e) => e.code === 'crypto.check_unanswered',
  );
  // The sample itself is answered on a final pass.
  const out = glue.rawCallChecked('verify', [sampleXml, raw.token()], { now: sampleAt }, 0, checks, true);
  assert.equal(out.signerSha256, sampleSha256);
  checks.free();
  raw.free();
  store.free();
});

test('a listener is told each check as the pass assumes it, as asked() gives it', () => {
  const raw = new glue.RawTrustStore();
  raw.addPem(new TextEncoder().encode(samplePem));
  const checks = new glue.RawChecks();
  const told = [];
  glue.rawCallChecked('verify', [sampleXml, raw.token()], { now: sampleAt }, 0, checks, false, (c) => told.push(c));
  assert.equal(checks.askedCount(), 1);
  assert.deepEqual(told, checks.asked());
  // A listener that throws does not stop the pass; the check is still asked.
  const again = new glue.RawChecks();
  const out = glue.rawCallChecked('verify', [sampleXml, raw.token()], { now: sampleAt }, 0, again, false, () => {
    throw new Error('listener failed');
  });
  assert.equal(out.signerSha256, sampleSha256);
  assert.equal(again.askedCount(), 1);
  // Nor is any listener told on a final pass.
  checks.answer(Uint8Array.of(0));
  const late = [];
  glue.rawCallChecked('verify', [sampleXml, raw.token()], { now: sampleAt }, 0, checks, true, (c) => late.push(c));
  assert.equal(late.length, 0);
  for (const h of [checks, again, raw]) h.free();
});

test('crypto.subtle starts on a check before the pass that asked it returns', async () => {
  const store = TrustStore.fromPem(samplePem);
  // The first verification imports the key; the second finds it imported.
  await verify(sampleXml, store, { now: sampleAt });
  const subtle = globalThis.crypto.subtle;
  const original = subtle.verify;
  const stacks = [];
  subtle.verify = function (...args) {
    stacks.push(new Error().stack);
    return original.apply(this, args);
  };
  try {
    const doc = await verify(sampleXml, store, { now: sampleAt });
    assert.equal(doc.signerSha256, sampleSha256);
    // Still inside the pass: called from the module's listener, WebAssembly on the stack.
    assert.equal(stacks.length, 1);
    assert.match(stacks[0], /at onAsk [^]*wasm:\/\/wasm\//);
    // A tampered copy is still refused, the started check answering false.
    await assert.rejects(verify(tamperedSample(), store, { now: sampleAt }), (e) => e.code === 'dsig.digest_mismatch' || e.code === 'crypto.bad_signature');
  } finally {
    subtle.verify = original;
    store.free();
  }
});

test('a wrong answer count is refused', () => {
  const checks = new glue.RawChecks();
  assert.throws(() => checks.answer(Uint8Array.of(0)), /one answer per check/);
  assert.throws(() => checks.answer(Uint8Array.of(9)), /must be 0, 1, 2 or 3/);
  checks.free();
});

const signed = (name) => read(`tests/data/saml/signed/${name}`);
const anyTrust = () => IssuerTrust.anyIssuer(TrustStore.fromPem(read('tests/data/xmldsig-gen/pki/leaf-rsa2048.pem')));
const response = (xml, trust, options = {}) => verifySamlResponse(xml, trust, { audience: AUDIENCE, acs: ACS, requestId: '_req-4711', now: NOW, ...options });

test('SAML: the replay cache records an accepted assertion once, a refused one never', async () => {
  const trust = anyTrust();
  const cache = new ReplayCache(100);
  await response(signed('assertion-signed.xml'), trust, { cache });
  assert.equal(cache.size, 1);
  await rejectsCode(response(signed('assertion-signed.xml'), trust, { cache }), 'saml.replay');
  assert.equal(cache.size, 1);
  // A signature that does not verify: the provisional pass assumed it valid, yet nothing
  // is recorded.
  const bytes = signed('assertion-signed.xml');
  const text = Buffer.from(bytes).toString('latin1');
  const at = text.indexOf('SignatureValue>') + 'SignatureValue>'.length;
  bytes[at] = bytes[at] === 0x41 ? 0x42 : 0x41;
  const fresh = new ReplayCache(100);
  await rejectsCode(response(bytes, trust, { cache: fresh }), 'crypto.bad_signature');
  assert.equal(fresh.size, 0);
});

test('SAML: a replay-cache callback is asked once, on the final pass only', async () => {
  const trust = anyTrust();
  const asked = [];
  const seen = new Set();
  const cache = ReplayCache.fromCallback((id) => {
    asked.push(id);
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
  await response(signed('assertion-signed.xml'), trust, { cache });
  assert.equal(asked.length, 1);
  await rejectsCode(response(signed('assertion-signed.xml'), trust, { cache }), 'saml.replay');
  assert.equal(asked.length, 2);
  // Refused before the cache: never asked.
  await rejectsCode(response(signed('assertion-signed.xml'), trust, { cache, audience: 'https://other.example/' }), 'saml.audience_mismatch');
  assert.equal(asked.length, 2);
});

test('what the WebCrypto entry does not have says so', async () => {
  const store = TrustStore.fromPem(samplePem);
  assert.throws(() => new webcrypto.MetadataStreamVerifier(store), /not available in the WebCrypto entry/);
  await assert.rejects(webcrypto.metadataStream(store), /not available in the WebCrypto entry/);
  await assert.rejects(webcrypto.fetchMetadata('http://127.0.0.1:9/md.xml', store), /not available in the WebCrypto entry/);
  // No private-key decryption in this module: every key is refused, with its code.
  const key = readFileSync(join(repo, 'tests/data/xmldsig-gen/pki/leaf-p256.key'));
  assert.equal(portable.DecryptionKeys.fromPem(key).size, 1);
  assert.throws(() => webcrypto.DecryptionKeys.fromPem(key), (e) => e instanceof TrustmetaError && e.code === 'xmlenc.bad_key' && /WebCrypto entry/.test(e.message));
});

test('the package exports the entry with its types, and the module has no portable signature code', () => {
  const manifest = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
  assert.deepEqual(Object.keys(manifest.exports['./webcrypto']), ['types', 'node', 'default']);
  const dts = readFileSync(join(pkgDir, 'webcrypto/operations.d.ts'), 'utf8');
  assert.match(dts, /export declare function verifySmp\([^)]*\): Promise<VerifiedServiceMetadata>;/);
  assert.doesNotMatch(dts, /^export declare function \w+\([^\n]*\): (?!Promise<)/m);
  // Without RustCrypto's signature code, a method WebCrypto lacks is refused, not checked.
  const wasm = readFileSync(join(pkgDir, 'webcrypto/trustmeta_wasm_bg.wasm'));
  const portableWasm = readFileSync(join(pkgDir, 'trustmeta_wasm_bg.wasm'));
  assert.ok(wasm.length < portableWasm.length);
});
