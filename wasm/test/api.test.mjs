// The public API of the built package, in node: ready on import, plain objects out,
// TrustmetaError with `code` for every refusal, TypeError naming the argument.
import assert from 'node:assert/strict';
import { createHash, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';

import { DecryptionKeys, IssuerTrust, TrustStore, TrustmetaError, decryptSamlAssertion, errorCodes, init, verify, verifySamlResponse, version } from 'trustmeta';
import { repo, sampleAt, samplePem, sampleSha256, sampleXml, tamperedSample } from './helpers.mjs';

const store = TrustStore.fromPem(samplePem);

describe('verify', () => {
  test('the sample SMP record verifies with its signer certificate', () => {
    const doc = verify(new Uint8Array(sampleXml), store, { now: sampleAt });
    assert.equal(Object.getPrototypeOf(doc), Object.prototype, 'a plain object');
    assert.equal(doc.signerSha256, sampleSha256);
    assert.match(doc.signerSubject, /CN=/);
    assert.match(doc.signerKey, /^(RSA-\d+|EC P-\d+|Ed25519)$/);
    assert.equal(doc.pinned, true);
    assert.match(doc.signatureAlgorithm, /^http:\/\/www\.w3\.org\//);
    assert.match(doc.canonicalization, /^http:\/\/www\.w3\.org\//);
    assert.equal(doc.references.length, 1);
    assert.deepEqual(Object.keys(doc.references[0]).sort(), ['digest', 'element', 'transforms', 'uncheckedManifest', 'uri']);
    assert.equal(doc.references[0].uncheckedManifest, false);
    assert.equal(doc.references[0].uri, '');
    assert.equal(doc.references[0].element, 'SignedServiceMetadata');
    assert.match(doc.references[0].digest, /#sha(256|384|512)$/);
    assert.ok(doc.references[0].transforms.includes('enveloped-signature'));
    assert.equal(doc.signedXml.length, 1);
    assert.ok(doc.signedXml[0].startsWith('<SignedServiceMetadata xmlns="http://docs.oasis-open.org/bdxr/ns/SMP/2016/05">'));
    assert.ok(doc.signedXml[0].includes('0088:5798000000001'));
    assert.ok(!doc.signedXml[0].includes('SignatureValue'), 'the enveloped signature is not signed content');
    assert.deepEqual(doc.legacyAlgorithms, []);
    assert.ok(doc.verifiedAt instanceof Date);
    assert.equal(doc.verifiedAt.toISOString(), '2026-06-01T00:00:00.000Z');
    assert.deepEqual(doc.chain, [{ subject: doc.signerSubject, sha256: sampleSha256 }]);
  });

  test('a node Buffer is a Uint8Array and is accepted', () => {
    assert.equal(verify(sampleXml, store, { now: sampleAt }).signerSha256, sampleSha256);
  });

  test('without `now` the current time is used and reported', () => {
    const before = Math.floor(Date.now() / 1000) * 1000;
    let doc;
    try {
      doc = verify(sampleXml, store);
    } catch (e) {
      // The sample certificate may have expired by the time this runs; the time used
      // is still the current one.
      assert.ok(e instanceof TrustmetaError && e.code === 'pki.expired', String(e));
      return;
    }
    assert.ok(doc.verifiedAt.getTime() >= before && doc.verifiedAt.getTime() <= Date.now());
  });

  test('one changed byte of signed content is a digest mismatch', () => {
    assert.throws(
      () => verify(tamperedSample(), store, { now: sampleAt }),
      (e) => {
        assert.ok(e instanceof TrustmetaError);
        assert.ok(e instanceof Error);
        assert.equal(e.name, 'TrustmetaError');
        assert.equal(e.code, 'dsig.digest_mismatch');
        assert.equal(e.number, errorCodes['dsig.digest_mismatch']);
        assert.ok(e.message.length > 10, e.message);
        assert.ok(e.stack.includes('TrustmetaError'));
        return true;
      },
    );
  });

  test('a DOCTYPE is refused', () => {
    const xml = new TextEncoder().encode('<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY e "x">]>\n<r>&e;</r>');
    assert.throws(() => verify(xml, store, { now: sampleAt }), { name: 'TrustmetaError', code: 'xml.doctype_refused' });
  });

  test('a document without a signature is refused', () => {
    const xml = new TextEncoder().encode('<r/>');
    assert.throws(() => verify(xml, store, { now: sampleAt }), { code: 'dsig.missing_signature' });
  });

  test('a certificate outside its validity is refused', () => {
    assert.throws(() => verify(sampleXml, store, { now: new Date('1990-01-01T00:00:00Z') }), { code: 'pki.not_yet_valid' });
  });

  test('a store without the signer is refused', () => {
    const other = TrustStore.fromPem(readFileSync(join(repo, 'tests/data/xmldsig-gen/pki/attacker-rsa2048.pem')));
    assert.throws(() => verify(sampleXml, other, { now: sampleAt }), { code: 'pki.untrusted_signer' });
  });

  test('a string, an ArrayBuffer or an array as xml is a TypeError naming `xml`', () => {
    for (const bad of [sampleXml.toString('utf8'), new Uint8Array(sampleXml).buffer, [...sampleXml], undefined, new Uint16Array(4)]) {
      assert.throws(() => verify(bad, store, { now: sampleAt }), (e) => e instanceof TypeError && /`xml` must be a Uint8Array/.test(e.message));
    }
  });

  test('a wrong store or bad options are TypeErrors naming the argument', () => {
    assert.throws(() => verify(sampleXml, samplePem), { name: 'TypeError', message: /`store` must be a TrustStore/ });
    assert.throws(() => verify(sampleXml, store, { now: '2026-06-01' }), { name: 'TypeError', message: /`now` must be a valid Date/ });
    assert.throws(() => verify(sampleXml, store, { now: new Date('nonsense') }), { name: 'TypeError', message: /`now`/ });
    assert.throws(() => verify(sampleXml, store, { allowSha1: 'yes' }), { name: 'TypeError', message: /`allowSha1`/ });
    assert.throws(() => verify(sampleXml, store, { minRsaBits: 1.5 }), { name: 'TypeError', message: /`minRsaBits`/ });
    assert.throws(() => verify(sampleXml, store, { allowSHA1: true }), { name: 'TypeError', message: /unknown option `allowSHA1`/ });
    assert.throws(() => verify(sampleXml, store, null), { name: 'TypeError', message: /`options`/ });
  });

  test('a signer certified through an intermediate reports the chain, signer first', () => {
    const gen = join(repo, 'tests/data/xmldsig-gen');
    const ca = TrustStore.fromPem(readFileSync(join(gen, 'pki/root.pem')));
    const xml = readFileSync(join(gen, 'signed/rsa2048-exc-enveloped.xml'));
    assert.throws(() => verify(xml, ca, { now: sampleAt }), { code: 'pki.untrusted_signer' });
    ca.addIntermediatesPem(readFileSync(join(gen, 'pki/intermediate.pem')));
    const doc = verify(xml, ca, { now: sampleAt });
    assert.equal(doc.pinned, false);
    assert.equal(doc.chain.length, 3);
    assert.equal(doc.chain[0].sha256, doc.signerSha256);
    const der = (f) => createHash('sha256').update(new X509Certificate(readFileSync(join(gen, f))).raw).digest('hex');
    assert.deepEqual(doc.chain.map((c) => c.sha256), [der('pki/leaf-rsa2048.pem'), der('pki/intermediate.pem'), der('pki/root.pem')]);
  });

  test('a view into a larger buffer verifies only the bytes it covers', () => {
    const padded = new Uint8Array(sampleXml.length + 8);
    padded.set(sampleXml, 4);
    assert.equal(verify(padded.subarray(4, 4 + sampleXml.length), store, { now: sampleAt }).signerSha256, sampleSha256);
  });

  test('an input over the size limit is refused before it is copied', () => {
    const big = new Uint8Array(32 * 1024 * 1024 + 1);
    assert.throws(() => verify(big, store, { now: sampleAt }), (e) => e instanceof TrustmetaError && e.code === 'xml.input_too_large' && /33554433/.test(e.message));
  });

  test('minRsaBits above the signer key size is a weak-key refusal', () => {
    assert.throws(() => verify(sampleXml, store, { now: sampleAt, minRsaBits: 16384 }), { code: 'crypto.weak_key' });
  });
});

describe('TrustStore', () => {
  test('fromPem takes a string or bytes', () => {
    assert.equal(TrustStore.fromPem(samplePem).size, 1);
    assert.equal(TrustStore.fromPem(new TextEncoder().encode(samplePem)).size, 1);
    const two = new TrustStore().addPem(samplePem).addPem(samplePem);
    assert.equal(two.size, 2);
  });

  test('garbage PEM is a TrustmetaError with a pki code', () => {
    assert.throws(() => TrustStore.fromPem('not a certificate'), (e) => e instanceof TrustmetaError && e.code === 'pki.bad_certificate');
    assert.throws(() => TrustStore.fromPem('-----BEGIN NOTHING-----\n-----END NOTHING-----\n'), { code: 'pki.bad_pem' });
    assert.throws(() => new TrustStore().addIntermediatesPem('nothing here'), { code: 'pki.bad_pem' });
  });

  test('a private key is named as such; a DER public key is trusted', () => {
    const key = readFileSync(join(repo, 'tests/data/key-forms/rsa-pkcs8.der'));
    assert.throws(() => TrustStore.fromPem(key), { code: 'pki.bad_pem', message: /this is a private key \(PKCS#8 \(DER\)\)/ });
    assert.equal(TrustStore.fromPem(readFileSync(join(repo, 'tests/data/key-forms/rsa-spki.der'))).size, 1);
  });

  test('a non-byte, non-string pem is a TypeError naming `pem`', () => {
    assert.throws(() => TrustStore.fromPem(42), { name: 'TypeError', message: /`pem` must be a string or a Uint8Array/ });
    assert.throws(() => new TrustStore().addPem(new ArrayBuffer(4)), { name: 'TypeError', message: /`pem`/ });
  });

  test('a freed store is refused clearly', () => {
    const s = TrustStore.fromPem(samplePem);
    s.free();
    s.free();
    assert.throws(() => verify(sampleXml, s, { now: sampleAt }), /this TrustStore was freed/);
  });
});

describe('DecryptionKeys', () => {
  const keyPath = (name) => join(repo, 'tests/data/saml/encrypted/keys', name);
  const rsaKey = readFileSync(keyPath('sp-rsa.key.pem'), 'utf8');
  const encrypted = readFileSync(join(repo, 'tests/data/saml/encrypted/xmlsec1/oaep-mgf1p-sha1_aes256-gcm_both-signed.xml'));

  test('fromPem takes a string or bytes; addPem adds one key at a time', () => {
    assert.equal(DecryptionKeys.fromPem(rsaKey).size, 1);
    const bytes = new Uint8Array(readFileSync(keyPath('sp-ec-p256.key.pem')));
    const copy = bytes.slice();
    const keys = DecryptionKeys.fromPem(bytes);
    assert.deepEqual(bytes, copy, "the caller's bytes are left as they were");
    assert.equal(keys.addPem(rsaKey).addPem(readFileSync(keyPath('sp-ec-bp256.key.pem'))), keys);
    assert.equal(keys.size, 3);
    assert.equal(new DecryptionKeys().size, 0);
  });

  test('what is not a private key is a TrustmetaError xmlenc.bad_key, and adds nothing', () => {
    const keys = DecryptionKeys.fromPem(rsaKey);
    const certificate = readFileSync(keyPath('sp-rsa.pem'), 'utf8');
    const encryptedKey = '-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIB\n-----END ENCRYPTED PRIVATE KEY-----\n';
    const damaged = rsaKey.replace(/\n[A-Za-z0-9+/]{20}/, '\nAAAAAAAAAAAAAAAAAAAA');
    for (const pem of ['not a key', certificate, encryptedKey, damaged, new Uint8Array([0xff, 0xfe])]) {
      assert.throws(
        () => keys.addPem(pem),
        (e) => {
          assert.ok(e instanceof TrustmetaError, String(e));
          assert.equal(e.code, 'xmlenc.bad_key');
          assert.equal(e.number, errorCodes['xmlenc.bad_key']);
          return true;
        },
      );
    }
    assert.equal(keys.size, 1);
    assert.throws(() => DecryptionKeys.fromPem(certificate), { name: 'TrustmetaError', code: 'xmlenc.bad_key' });
  });

  test('a non-byte, non-string pem is a TypeError naming `pem`', () => {
    assert.throws(() => DecryptionKeys.fromPem(42), { name: 'TypeError', message: /DecryptionKeys\.fromPem: `pem` must be a string or a Uint8Array, got number/ });
    assert.throws(() => new DecryptionKeys().addPem(new ArrayBuffer(4)), { name: 'TypeError', message: /`pem`/ });
  });

  test('another handle or object where keys are expected is a TypeError naming the argument', () => {
    const store = TrustStore.fromPem(readFileSync(keyPath('sp-rsa.pem')));
    assert.throws(() => decryptSamlAssertion(encrypted, store), {
      name: 'TypeError',
      message: 'trustmeta.decryptSamlAssertion: `keys` must be a DecryptionKeys (DecryptionKeys.fromPem(…)), got TrustStore',
    });
    assert.throws(() => decryptSamlAssertion(encrypted, rsaKey), { name: 'TypeError', message: /`keys` must be a DecryptionKeys .*, got string$/ });
    const trust = IssuerTrust.anyIssuer(store);
    const sp = { audience: 'https://sp.example.org/metadata', acs: 'https://sp.example.org/acs', now: new Date('2026-06-01T10:01:00Z') };
    assert.throws(() => verifySamlResponse(encrypted, trust, { ...sp, decryptKeys: {} }), {
      name: 'TypeError',
      message: 'trustmeta.verifySamlResponse: `decryptKeys` must be a DecryptionKeys (DecryptionKeys.fromPem(…)), got Object',
    });
    assert.throws(() => verifySamlResponse(encrypted, trust, { ...sp, decryptKeys: store }), { name: 'TypeError', message: /`decryptKeys` .* got TrustStore$/ });
    trust.free();
    store.free();
  });

  test('keys added after a use serve the next call', () => {
    const keys = DecryptionKeys.fromPem(readFileSync(keyPath('other-rsa.key.pem')));
    assert.throws(() => decryptSamlAssertion(encrypted, keys), { code: 'xmlenc.no_matching_key' });
    keys.addPem(rsaKey);
    assert.equal(decryptSamlAssertion(encrypted, keys).decrypted.keyAlgorithm, 'rsa-oaep-mgf1p');
    keys.free();
  });

  test('freed keys are refused clearly', () => {
    const keys = DecryptionKeys.fromPem(rsaKey);
    keys.free();
    keys.free();
    assert.throws(() => decryptSamlAssertion(encrypted, keys), { name: 'Error', message: 'trustmeta.decryptSamlAssertion: this DecryptionKeys was freed' });
    assert.throws(() => keys.size, /this DecryptionKeys was freed/);
    assert.throws(() => keys.addPem(rsaKey), /DecryptionKeys\.addPem: this DecryptionKeys was freed/);
  });
});

describe('module', () => {
  test('errorCodes equals core/error-codes.txt', () => {
    const committed = readFileSync(join(repo, 'core/error-codes.txt'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => line.split('\t'));
    assert.deepEqual(
      Object.entries(errorCodes),
      committed.map(([n, code]) => [code, Number(n)]),
    );
    assert.ok(Object.isFrozen(errorCodes));
  });

  test('version() is the workspace version', () => {
    const cargo = readFileSync(join(repo, 'Cargo.toml'), 'utf8');
    assert.equal(version(), /^version = "([^"]+)"/m.exec(cargo)[1]);
  });

  test('init() resolves at once in node', async () => {
    assert.equal(await init(), undefined);
  });
});
