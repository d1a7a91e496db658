// Every conformance table through the WebCrypto entry `trustmeta/webcrypto` (signatures
// checked by node's crypto.subtle, docs/adr/0008), each case also through the synchronous
// entry in the same run: the WebCrypto entry must give the table's expected verdict and
// code. The only cases allowed another answer are those whose signatures use a method
// WebCrypto lacks (SHA-224, SHA-3): there it must refuse with `crypto.algorithm_unavailable`
// or, for a certificate on the path, the path refusal the core gives for a signature it
// cannot check — never accept. Decryption is not in the WebCrypto entry: a row that
// decrypts must be refused when its key is added (`xmlenc.bad_key`). Closing line:
// `wasm-webcrypto: N passed, M failed (K refused as unavailable in WebCrypto, D decrypting
// rows refused)`.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

import * as portable from 'trustmeta';
import * as webcrypto from 'trustmeta/webcrypto';
import { repo, shared } from './helpers.mjs';

const resolvePath = (p) => (p.startsWith('shared/') ? join(shared, p.slice('shared/'.length)) : join(repo, p));
const read = (p) => new Uint8Array(readFileSync(resolvePath(p)));
const list = (field) => (field === '-' || field === undefined ? [] : field.split(','));

function table(name) {
  const [header, ...rows] = readFileSync(join(repo, 'tests/conformance', name), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'));
  const columns = header.split('\t');
  return rows.map((line) => Object.fromEntries(line.split('\t').map((v, i) => [columns[i], v])));
}

/** `ok …` or the code, for an async or sync run. */
async function settle(m, run, handles) {
  try {
    return await run();
  } catch (e) {
    if (e instanceof m.TrustmetaError) return e.code;
    throw e;
  } finally {
    for (const h of handles) h.free();
  }
}

// cases.tsv: generic verify.
function generic(m, c) {
  const store = new m.TrustStore();
  return settle(m, async () => {
    for (const t of list(c.trust)) store.addPem(read(t));
    for (const i of list(c.intermediates)) store.addIntermediatesPem(read(i));
    const options = { now: new Date(c.at) };
    for (const o of list(c.options)) {
      if (o === 'allow_sha1') options.allowSha1 = true;
      else if (o === 'allow_stale_crl') options.allowStaleCrl = true;
      else if (o.startsWith('crl=')) store.addCrlsPem(read(o.slice('crl='.length)));
      else if (o.startsWith('min_rsa_bits=')) options.minRsaBits = Number(o.slice('min_rsa_bits='.length));
      else throw new Error(`unknown option ${o}`);
    }
    await m.verify(read(c.file), store, options);
    return 'ok';
  }, [store]);
}

// smp-cases.tsv and smp-redirects.tsv.
function smp(m, c) {
  const store = new m.TrustStore();
  const owners = new m.TrustStore();
  return settle(m, async () => {
    let ownersNamed = false;
    for (const t of list(c.trust)) store.addPem(read(t));
    for (const i of list(c.intermediates)) store.addIntermediatesPem(read(i));
    const opt = (f) => (f === '-' ? undefined : f);
    const options = { now: new Date(c.at), participant: c.participant, document: c.document, process: opt(c.process), transportProfile: opt(c.transport_profile) };
    for (const o of list(c.options)) {
      if (o === 'allow_sha1') options.allowSha1 = true;
      else if (o.startsWith('min_rsa_bits=')) options.minRsaBits = Number(o.slice('min_rsa_bits='.length));
      else if (o.startsWith('owner=')) {
        owners.addPem(read(o.slice('owner='.length)));
        ownersNamed = true;
      } else throw new Error(`unknown option ${o}`);
    }
    const r = c.first === undefined ? await m.verifySmp(read(c.file), store, options) : await m.verifySmpRedirect(read(c.first), read(c.target), store, options);
    if (ownersNamed) {
      const { now, allowSha1, minRsaBits } = options;
      const sigs = await m.verifySmpExtensionSignatures(read(c.file), owners, { now, allowSha1, minRsaBits });
      assert.deepEqual(sigs.map((s) => s.coveredElement), ['ServiceMetadata']);
    }
    return `ok ${r.endpoints.length}`;
  }, [store, owners]);
}

// saml-cases.tsv: responses with a replay cache (recorded once, on acceptance) and requests.
function saml(m, c) {
  const store = new m.TrustStore();
  const cache = new m.ReplayCache(16);
  let trust;
  return settle(m, async () => {
    for (const token of c.trust.split(',')) {
      const at = token.indexOf(':');
      const pem = read(token.slice(at + 1));
      if (token.startsWith('key:')) store.addKeysPem(pem);
      else store.addPem(pem);
    }
    trust = m.IssuerTrust.anyIssuer(store);
    const raw = read(c.file);
    const xml = c.encoding === 'b64' ? await m.decodePostBinding(Buffer.from(raw).toString('latin1').replace(/\s/g, '')) : raw;
    const o = { now: new Date(c.at) };
    let parts;
    let maxAge;
    let destination;
    for (const opt of list(c.options)) {
      const at = opt.indexOf('=');
      const [key, value] = at < 0 ? [opt, ''] : [opt.slice(0, at), opt.slice(at + 1)];
      if (key === 'allow_sha1') o.allowSha1 = true;
      else if (key === 'min_rsa_bits') o.minRsaBits = Number(value);
      else if (key === 'max_age') maxAge = Number(value);
      else if (key === 'skew') o.skew = Number(value);
      else if (key === 'profile') o.profile = value;
      else if (key === 'signed') parts = value;
      else if (key === 'destination') destination = value;
      else throw new Error(`unknown option ${key}`);
    }
    if (c.kind === 'response') {
      const opts = { ...o, audience: c.audience, acs: c.acs, cache };
      if (parts !== undefined) opts.signed = parts;
      if (c.request_id !== '-') opts.requestId = c.request_id;
      try {
        const r = await m.verifySamlResponse(xml, trust, opts);
        assert.equal(cache.size, 1, `${c.id}: the accepted assertion is recorded once`);
        return `ok ${r.nameId ?? '-'}`;
      } catch (e) {
        assert.equal(cache.size, 0, `${c.id}: a refused response records nothing`);
        throw e;
      }
    }
    const opts = { ...o };
    if (maxAge !== undefined) opts.maxAge = maxAge;
    if (destination !== undefined) opts.destination = destination;
    const r = await m.verifySamlRequest(xml, trust, opts);
    return `ok ${r.id}`;
  }, [store, cache, { free: () => trust?.free() }]);
}

// saml-encrypted-cases.tsv.
function samlEncrypted(m, c) {
  const keys = new m.DecryptionKeys();
  const store = new m.TrustStore();
  const cache = new m.ReplayCache(16);
  let trust;
  return settle(m, async () => {
    for (const k of list(c.decrypt_keys)) keys.addPem(read(k));
    const options = {};
    let decryptOnly = false;
    for (const o of list(c.options)) {
      const at = o.indexOf('=');
      const [key, value] = at < 0 ? [o, undefined] : [o.slice(0, at), o.slice(at + 1)];
      if (key === 'allow_legacy_encryption') options.allowLegacyEncryption = true;
      else if (key === 'allow_sha1') options.allowSha1 = true;
      else if (key === 'decrypt_only') decryptOnly = true;
      else if (key === 'min_rsa_bits') options.minRsaBits = Number(value);
      else if (key === 'profile' || key === 'signed') options[key] = value;
      else throw new Error(`${c.id}: unknown option ${o}`);
    }
    const xml = read(c.file);
    if (decryptOnly) {
      const a = await m.decryptSamlAssertion(xml, keys, options.allowLegacyEncryption ? { allowLegacyEncryption: true } : undefined);
      const after = a.xml.split('NameID')[1] ?? '';
      const rest = after.slice(after.indexOf('>') + 1);
      return `ok ${rest.slice(0, rest.indexOf('<')).trim()}`;
    }
    for (const t of list(c.trust)) store.addPem(read(t));
    trust = m.IssuerTrust.anyIssuer(store);
    Object.assign(options, { audience: c.audience, acs: c.acs, now: new Date(c.at), cache });
    if (c.request_id !== '-') options.requestId = c.request_id;
    if (keys.size > 0) options.decryptKeys = keys;
    const r = await m.verifySamlResponse(xml, trust, options);
    return `ok ${r.nameId ?? ''}`;
  }, [keys, store, cache, { free: () => trust?.free() }]);
}

// tsl-cases.tsv.
function tsl(m, c) {
  const store = new m.TrustStore();
  return settle(m, async () => {
    store.addPem(read(c.trust));
    if (c.intermediates !== '-') store.addIntermediatesPem(read(c.intermediates));
    const opts = { now: new Date(c.at) };
    for (const o of list(c.options)) {
      if (o === 'allow_sha1') opts.allowSha1 = true;
      else if (o.startsWith('min_rsa_bits=')) opts.minRsaBits = Number(o.split('=')[1]);
    }
    const t = await m.verifyTsl(read(c.file), store, opts);
    return `ok ${t.territory} ${t.sequenceNumber}`;
  }, [store]);
}

const suites = [
  ['cases.tsv', generic, (c) => c.expect],
  ['smp-cases.tsv', smp, (c) => (c.expect === 'ok' ? `ok ${c.endpoints}` : c.expect)],
  ['smp-redirects.tsv', smp, (c) => (c.expect === 'ok' ? `ok ${c.endpoints}` : c.expect)],
  ['saml-cases.tsv', saml, (c) => c.expect],
  ['saml-encrypted-cases.tsv', samlEncrypted, (c) => c.expect],
  ['tsl-cases.tsv', tsl, (c) => c.expect],
];

// A refusal allowed where the expected answer needs a method WebCrypto lacks: the code
// itself, or the path refusal for a certificate whose signature cannot be checked.
const UNAVAILABLE = new Set(['crypto.algorithm_unavailable', 'pki.bad_chain_signature', 'pki.untrusted_signer']);

let passed = 0;
let failed = 0;
let unavailable = 0;
let decrypting = 0;
for (const [name, run, expected] of suites) {
  for (const c of table(name)) {
    test(`webcrypto ${name} ${c.id ?? c.participant}`, async () => {
      const want = expected(c);
      let sync;
      let got;
      try {
        sync = await run(portable, c);
        got = await run(webcrypto, c);
      } catch (e) {
        got = `crash: ${e.stack}`;
      }
      if (got === want) {
        passed += 1;
        return;
      }
      // The synchronous entry decrypts; the WebCrypto entry refuses the key itself.
      if (name === 'saml-encrypted-cases.tsv' && list(c.decrypt_keys).length > 0 && sync === want) {
        assert.equal(got, 'xmlenc.bad_key', `${c.id}: a decrypting row in the WebCrypto entry`);
        decrypting += 1;
        return;
      }
      // Allowed only when the portable entry agrees with the table and the difference
      // is a method WebCrypto lacks.
      if (sync === want && UNAVAILABLE.has(got) && usesMissingMethod(c)) {
        unavailable += 1;
        if (process.env.TRUSTMETA_VERBOSE) console.log(`unavailable in WebCrypto: ${name} ${c.id} → ${got}`);
        return;
      }
      failed += 1;
      assert.equal(got, want, `${name} ${c.id}: expected ${want}, got ${got} (portable: ${sync})`);
    });
  }
}

/** Whether a case's files name SHA-224 or SHA-3 (in the document or a certificate). */
function usesMissingMethod(c) {
  const files = [c.file, c.first, c.target, ...list(c.trust), ...list(c.intermediates)].filter(Boolean).map((f) => f.replace(/^(key|cert|pem):/, ''));
  return files.some((f) => {
    const text = Buffer.from(read(f)).toString('latin1');
    return /sha224|sha3-|SHA224|SHA3/.test(text) || /\b(rsa|ecdsa)-sha3|sha3-\d+/.test(f) || /sha224|sha3/i.test(f);
  });
}

process.on('exit', () => {
  console.log(`wasm-webcrypto: ${passed} passed, ${failed} failed (${unavailable} refused as unavailable in WebCrypto, ${decrypting} decrypting rows refused)`);
  if (failed > 0) process.exitCode = 1;
});
