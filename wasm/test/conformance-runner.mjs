// The conformance tables run through both entries of the npm package, `trustmeta`
// (signatures checked in WebAssembly) and `trustmeta/webcrypto` (signatures checked by
// crypto.subtle, docs/adr/0008): the WebCrypto entry must give each row's expected verdict
// and code. The only rows allowed another answer are those whose signatures use a method
// WebCrypto lacks (SHA-224, SHA-3): there it must refuse with `crypto.algorithm_unavailable`
// or, for a certificate on the path, the path refusal the core gives for a signature it
// cannot check, never accept. Decryption is not in the WebCrypto entry: a row that
// decrypts must be refused when its key is added (`xmlenc.bad_key`).
//
// Plain ES module without node imports: webcrypto-conformance.test.mjs runs it in node,
// browser.test.mjs in Chromium. The caller hands in the tables' text and `read(path)`,
// which gives a case file's bytes (`shared/…` paths are the shared vectors).

let read = () => {
  throw new Error('conformance-runner: no reader');
};

/** The bytes as text, one character per byte (the files are ASCII where it matters). */
function latin1(bytes) {
  let s = '';
  for (let i = 0; i < bytes.length; i += 8192) s += String.fromCharCode(...bytes.subarray(i, i + 8192));
  return s;
}

function check(ok, message) {
  if (!ok) throw new Error(message);
}

const list = (field) => (field === '-' || field === undefined ? [] : field.split(','));

/** The rows of a table (`tests/conformance/NAME`), each an object by column name. */
export function parseTable(text) {
  const [header, ...rows] = text.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('#'));
  const columns = header.split('\t');
  return rows.map((line) => Object.fromEntries(line.split('\t').map((v, i) => [columns[i], v])));
}

/** Every file a row reads: its documents, trust, intermediates, keys and option files. */
export function filesOf(c) {
  const named = [c.file, c.first, c.target, ...list(c.trust), ...list(c.intermediates), ...list(c.decrypt_keys)];
  for (const o of list(c.options)) {
    const at = o.indexOf('=');
    if (at > 0 && ['crl', 'owner'].includes(o.slice(0, at))) named.push(o.slice(at + 1));
  }
  return named.filter((f) => f && f !== '-').map((f) => f.replace(/^(key|cert|pem):/, ''));
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
      check(sigs.length === 1 && sigs[0].coveredElement === 'ServiceMetadata', `${c.participant}: the owner signature covers ServiceMetadata`);
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
    const xml = c.encoding === 'b64' ? await m.decodePostBinding(latin1(raw).replace(/\s/g, '')) : raw;
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
        check(cache.size === 1, `${c.id}: the accepted assertion is recorded once`);
        return `ok ${r.nameId ?? '-'}`;
      } catch (e) {
        check(cache.size === 0, `${c.id}: a refused response records nothing`);
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

export const SUITES = [
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

/**
 * Runs row `c` of table `name` through both entries with `reader` giving the files:
 * `{ outcome, want, got, sync }`, where outcome is `passed`, `decrypting` (a decrypting row
 * the WebCrypto entry refuses, as it must), `unavailable` (a method WebCrypto lacks) or
 * `failed` (either entry's answer is not the row's; `sync` is the synchronous entry's).
 */
export async function runCase(portable, webcrypto, [name, run, expected], c, reader) {
  read = reader;
  const want = expected(c);
  let sync;
  let got;
  try {
    sync = await run(portable, c);
    got = await run(webcrypto, c);
  } catch (e) {
    got = `crash: ${e.stack}`;
  }
  let outcome = 'failed';
  if (got === want) outcome = 'passed';
  // The synchronous entry decrypts; the WebCrypto entry refuses the key itself.
  else if (name === 'saml-encrypted-cases.tsv' && list(c.decrypt_keys).length > 0 && sync === want && got === 'xmlenc.bad_key') {
    outcome = 'decrypting';
  }
  // Allowed only when the portable entry agrees with the table and the difference is a
  // method WebCrypto lacks.
  else if (sync === want && UNAVAILABLE.has(got) && usesMissingMethod(c)) outcome = 'unavailable';
  // The synchronous entry must give every row's answer itself.
  if (sync !== want && outcome !== 'failed') outcome = 'failed';
  return { outcome, want, got, sync };
}

/** Whether a case's files name SHA-224 or SHA-3 (in the document or a certificate). */
function usesMissingMethod(c) {
  const files = [c.file, c.first, c.target, ...list(c.trust), ...list(c.intermediates)].filter((f) => f && f !== '-').map((f) => f.replace(/^(key|cert|pem):/, ''));
  return files.some((f) => {
    const text = latin1(read(f));
    return /sha224|sha3-|SHA224|SHA3/.test(text) || /\b(rsa|ecdsa)-sha3|sha3-\d+/.test(f) || /sha224|sha3/i.test(f);
  });
}

