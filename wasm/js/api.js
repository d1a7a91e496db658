// The hand-written part of the npm package `trustmeta`, shared by the node entry (node.js,
// ready on import) and the browser entry (index.js, ready after `await init()`): the
// generic `call` every operation of operations.js goes through, TrustmetaError, the
// classes that keep state in WebAssembly (TrustStore, IssuerTrust, ReplayCache, Emreg,
// DecryptionKeys, MetadataStreamVerifier), the lookups of verified metadata, and toSmp.
// The same file serves the asynchronous entry `trustmeta/webcrypto` (webcrypto/), bound
// to the module built without the portable signature code: there every operation goes
// through `callAsync`, which has `crypto.subtle` check the signatures.
import * as glue from './trustmeta_wasm.js';
import { RawDecryptionKeys, RawEmreg, RawHeldMetadata, RawHeldTsl, RawIssuerTrust, RawMetadataStream, RawReplayCache, RawTrustStore, rawCall } from './trustmeta_wasm.js';
import { VERSION, errorCodes } from './meta.js';

/** Whether this is the WebCrypto entry (its module checks no signature itself). */
const WEBCRYPTO = typeof glue.rawCallChecked === 'function';

export { errorCodes };

let ready = false;

/** Called by the entry modules once the WebAssembly module is instantiated. */
export function markReady() {
  glue.rawSetDecoder(decodeValue);
  ready = true;
}

// A result as the module hands it over (wasm/src/value.rs): one JSON text and the values
// passed beside it (byte arrays and long strings). Each value the text does not hold is
// an object with one key no field name can be: {"$t": ms} a Date, {"$v": i} the i-th
// value beside, {"$r": i} the i-th record in pre-order, for a record equal to an earlier
// one (so both are one object).
function decodeValue(json, side) {
  const records = [];
  const fix = (v) => {
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const x = v[i];
        if (x !== null && typeof x === 'object') v[i] = fix(x);
      }
      return v;
    }
    // Own keys only: what a page may have added to Object.prototype plays no part.
    const keys = Object.keys(v);
    if (keys.length === 1 && keys[0].charCodeAt(0) === 36 /* $ */) {
      const n = v[keys[0]];
      if (keys[0] === '$t') return new Date(n);
      if (keys[0] === '$v') return side[n];
      if (keys[0] === '$r') return records[n];
    }
    records.push(v);
    for (const k of keys) {
      const x = v[k];
      if (x !== null && typeof x === 'object') v[k] = fix(x);
    }
    return v;
  };
  const value = JSON.parse(json);
  return value !== null && typeof value === 'object' ? fix(value) : value;
}

function ensureReady(what) {
  if (!ready) {
    throw new Error(
      `trustmeta: ${what} was called before the WebAssembly module was loaded. ` +
        "In a browser, call `await init()` (import { init } from 'trustmeta') once before using TrustStore or verify.",
    );
  }
}

/** The package version (the Rust workspace version it was built from). */
export function version() {
  return VERSION;
}

/**
 * A verification or trust-store failure. `code` is trustmeta's stable code
 * (`dsig.digest_mismatch`, …), `number` its numeric value, `message` a sentence saying
 * what happened and what to do.
 */
export class TrustmetaError extends Error {
  constructor(code, message, options) {
    super(message, options);
    this.name = 'TrustmetaError';
    this.code = code;
    this.number = errorCodes[code];
  }
}

// Set once the module has trapped: its state (stack pointer, borrow flags) can no longer
// be trusted, so every later call is refused rather than run on it.
let broken;

// Errors from the WebAssembly side are JS Errors carrying the core's `code`; a trap
// (which the core is built never to cause) breaks the module; anything else passes through.
function guard(fn) {
  if (broken) throw new Error(broken);
  try {
    return fn();
  } catch (e) {
    if (e instanceof Error && typeof e.code === 'string' && !(e instanceof TrustmetaError)) {
      throw new TrustmetaError(e.code, e.message);
    }
    if (e instanceof WebAssembly.RuntimeError) {
      broken =
        `trustmeta: the WebAssembly module stopped on an internal error (${e.message}). ` +
        'This is a bug in trustmeta: please report it with the input. Reload the page or restart the process to use trustmeta again.';
      throw new Error(broken, { cause: e });
    }
    throw e;
  }
}

function describe(value) {
  if (value === null) return 'null';
  if (typeof value !== 'object') return typeof value;
  return value.constructor?.name ?? 'object';
}

// A Uint8Array (a node Buffer is one) from this or another realm; nothing else.
function isBytes(value) {
  return value instanceof Uint8Array || (ArrayBuffer.isView(value) && value.constructor?.name === 'Uint8Array');
}

function bytes(value, name, fn) {
  if (!isBytes(value)) {
    throw new TypeError(`trustmeta.${fn}: \`${name}\` must be a Uint8Array, got ${describe(value)}`);
  }
  return value;
}

function text(value, name, fn) {
  if (typeof value !== 'string') {
    throw new TypeError(`trustmeta.${fn}: \`${name}\` must be a string, got ${describe(value)}`);
  }
  return value;
}

function pemBytes(value, fn) {
  if (typeof value === 'string') return new TextEncoder().encode(value);
  if (!isBytes(value)) {
    throw new TypeError(`trustmeta.${fn}: \`pem\` must be a string or a Uint8Array, got ${describe(value)}`);
  }
  return value;
}

// Freezes a result and everything in it, for every operation alike: records, arrays and
// dates (a frozen Date has no properties to change, though its time can still be set).
// Bytes stay as they are: a Uint8Array with elements cannot be frozen (TypedArray
// elements are not configurable properties). Children are frozen before their parent,
// so a frozen object is always frozen all the way down, and a record shared within the
// result is visited once.
function freeze(value) {
  if (value !== null && typeof value === 'object' && !ArrayBuffer.isView(value) && !Object.isFrozen(value)) {
    if (!(value instanceof Date)) for (const v of Object.values(value)) freeze(v);
    Object.freeze(value);
  }
  return value;
}

let rawOf;
let tokenOf;
// Passed to a constructor instead of its arguments: the raw object it wraps.
const ADOPT = Symbol('adopt');

/**
 * What the public classes share: the WebAssembly object they wrap, released by `free()`
 * or by the garbage collector, and handed to an operation as a one-use token.
 */
class Handle {
  #raw;

  static {
    rawOf = (handle, Class, name, fn) => {
      if (!(handle instanceof Class)) {
        throw new TypeError(`trustmeta.${fn}: \`${name}\` must be ${Class.expected}, got ${describe(handle)}`);
      }
      if (handle.#raw === undefined) throw new Error(`trustmeta.${fn}: this ${Class.name} was freed`);
      return handle.#raw;
    };
    tokenOf = (value, fn) => {
      if (!(value instanceof Handle)) return value;
      if (value.#raw === undefined) throw new Error(`trustmeta.${fn}: this ${value.constructor.name} was freed`);
      return value.#raw.token();
    };
  }

  constructor(raw) {
    this.#raw = raw;
  }

  /** Releases the WebAssembly memory now rather than when garbage-collected. */
  free() {
    this.#raw?.free();
    this.#raw = undefined;
  }
}

const camel = (op) => op.replace(/_(.)/g, (_, c) => c.toUpperCase());

/**
 * Calls operation `op` of the table with its positional arguments and options: the
 * WebAssembly side checks and converts them (`now` defaults to the current time), and
 * the result comes back frozen, or as the class that holds it.
 */
export function call(op, positional, options) {
  return adopt(invoke(op, positional, options));
}

// `call` up to what the WebAssembly side returns; with `checks`, one pass of `callAsync`
// (`onAsk` as `rawCallChecked` takes it).
function invoke(op, positional, options, checks, finalPass, now = Date.now(), onAsk) {
  const fn = camel(op);
  ensureReady(fn);
  if (WEBCRYPTO && checks === undefined) {
    throw new Error(`trustmeta.${fn}: the WebCrypto entry verifies asynchronously; use the function of trustmeta/webcrypto, which returns a Promise`);
  }
  const args = positional.map((v) => tokenOf(v, fn));
  let opts = options;
  if (options !== null && typeof options === 'object' && !Array.isArray(options)) {
    opts = {};
    for (const [k, v] of Object.entries(options)) opts[k] = tokenOf(v, fn);
  }
  if (checks !== undefined) return guard(() => glue.rawCallChecked(op, args, opts, now, checks, finalPass, onAsk));
  return guard(() => rawCall(op, args, opts, now));
}

// --- WebCrypto -------------------------------------------------------------------------

// At most this many passes over one call: each pass but the last learns at least one
// answer it did not have, and a document has few signatures.
const MAX_PASSES = 16;

/**
 * `call` with the signatures checked by `crypto.subtle` (docs/adr/0008): the call runs
 * in WebAssembly with each signature check it has no answer for assumed valid and
 * collected; WebCrypto then checks the collected ones. A pass whose every assumption
 * WebCrypto confirmed is exactly the run a synchronous verifier would make (the core is
 * deterministic), so its outcome is the verdict; otherwise the call runs again with the
 * answers known. With a replay cache, the passes before the last leave the cache out,
 * and the last — the only one that may record the assertion — must find every check
 * answered (`crypto.check_unanswered` otherwise).
 */
export async function callAsync(op, positional, options) {
  return adopt(await runAsync(op, positional, options));
}

// `callAsync` up to what the WebAssembly side returns.
async function runAsync(op, positional, options) {
  const fn = camel(op);
  ensureReady(fn);
  const checks = new glue.RawChecks();
  // One time for every pass, so that all of them judge the same moment.
  const now = Date.now();
  const cache = options !== null && typeof options === 'object' && options.cache !== undefined && options.cache !== null;
  try {
    let finalPass = false;
    for (let pass = 1; pass <= MAX_PASSES; pass++) {
      let out;
      let failed;
      // Each check is started as the pass assumes it, so that crypto.subtle works while
      // the pass goes on; their order is the order of `asked()`.
      const started = [];
      const onAsk = finalPass ? undefined : (c) => { started.push(subtleCheck(c)); };
      try {
        out = invoke(op, positional, options, checks, finalPass, now, onAsk);
      } catch (e) {
        failed = e;
      }
      if (finalPass) {
        if (failed !== undefined) throw failed;
        return out;
      }
      const count = checks.askedCount();
      if (count > 0) {
        // Should any not have started (a listener that threw), all are asked again.
        const pending = started.length === count ? started : checks.asked().map(subtleCheck);
        const answers = await Promise.all(pending);
        checks.answer(Uint8Array.from(answers));
        if (answers.some((a) => a !== VALID)) {
          release(out);
          continue;
        }
      }
      if (!cache) {
        if (failed !== undefined) throw failed;
        return out;
      }
      release(out);
      finalPass = true;
    }
    throw new TrustmetaError('crypto.check_unanswered', `trustmeta.${fn}: no verdict after ${MAX_PASSES} passes over the signature checks`);
  } finally {
    checks.free();
  }
}

// Frees what a pass returned that is not the verdict (a handle holding a result).
function release(out) {
  if (out !== null && typeof out === 'object' && typeof out.free === 'function') out.free();
}

// The answers `RawChecks.answer` takes.
const VALID = 0;
const BAD = 1;
const UNSUPPORTED_KEY = 2;
const UNAVAILABLE = 3;

// Imported keys, by algorithm and exact SubjectPublicKeyInfo: each trusted key (and CA
// key of a path) is imported once and reused by every later call. Public keys only;
// bounded, the oldest dropped first.
const keys = new Map();
const MAX_KEYS = 512;

function subtle() {
  const s = globalThis.crypto?.subtle;
  if (s === undefined) {
    throw new Error('trustmeta/webcrypto: this runtime has no crypto.subtle (a browser page must be served over https or from localhost)');
  }
  return s;
}

function importParams(c) {
  if (c.name === 'ECDSA') return { name: 'ECDSA', namedCurve: c.curve };
  if (c.name === 'Ed25519') return { name: 'Ed25519' };
  return { name: c.name, hash: c.hash };
}

// `bytes` as a string of one UTF-16 unit per byte, 8 KiB per call (engines cap the
// arguments of one call): a loop of `+=` cost ~6 µs for one RSA key.
function byteString(bytes) {
  let s = '';
  for (let i = 0; i < bytes.length; i += 8192) s += String.fromCharCode.apply(null, bytes.subarray(i, i + 8192));
  return s;
}

// The imported key of `c`: `{ key }` once imported (so that a check can start at once,
// without waiting a turn for a settled Promise), `{ pending }` until then.
function importKey(c) {
  const params = importParams(c);
  const id = `${params.name}/${params.hash ?? params.namedCurve ?? ''}/${byteString(c.spki)}`;
  let entry = keys.get(id);
  if (entry === undefined) {
    entry = { pending: subtle().importKey('spki', c.spki, params, false, ['verify']) };
    keys.set(id, entry);
    entry.pending.then((key) => { entry.key = key; }, () => keys.delete(id));
    if (keys.size > MAX_KEYS) keys.delete(keys.keys().next().value);
  }
  return entry;
}

// The answer when WebCrypto throws or rejects: the engine lacks the method, or else the
// key would not import (`notImported`) or the signature is not valid (`refused`).
const notImported = (e) => (e?.name === 'NotSupportedError' ? UNAVAILABLE : UNSUPPORTED_KEY);
const refused = (e) => (e?.name === 'NotSupportedError' ? UNAVAILABLE : BAD);

// One check in WebCrypto, as a Promise of its answer; with the key already imported, the
// verification starts before this returns. XML-DSig's ECDSA value is r‖s, WebCrypto's own
// form; RSA-PSS is tried with the salt length RFC 6931 names, then the largest (what some
// signers use).
function subtleCheck(c) {
  let entry;
  try {
    entry = importKey(c);
  } catch (e) {
    return Promise.resolve(notImported(e));
  }
  if (entry.key !== undefined) return verifyWith(c, entry.key);
  return entry.pending.then((key) => verifyWith(c, key), notImported);
}

function verifyWith(c, key, salt = 0) {
  let params;
  if (c.name === 'RSA-PSS') params = { name: 'RSA-PSS', saltLength: c.saltLengths[salt] };
  else if (c.name === 'ECDSA') params = { name: 'ECDSA', hash: c.hash };
  else params = { name: c.name };
  let started;
  try {
    started = subtle().verify(params, key, c.signature, c.message);
  } catch (e) {
    return Promise.resolve(refused(e));
  }
  return started.then((ok) => {
    if (ok) return VALID;
    if (c.name === 'RSA-PSS' && salt + 1 < c.saltLengths.length) return verifyWith(c, key, salt + 1);
    return BAD;
  }, refused);
}

// What an operation returned, as the package gives it.
function adopt(out) {
  if (out instanceof RawHeldMetadata) return metadataResult(out);
  if (out instanceof RawHeldTsl) {
    const value = out.takeValue();
    out.free();
    return freeze(value);
  }
  if (out instanceof RawIssuerTrust) return new IssuerTrust(ADOPT, out);
  if (out instanceof RawMetadataStream) {
    if (WEBCRYPTO) {
      // Its module has no signature code of its own, and a stream cannot be run again.
      out.free();
      new MetadataStreamVerifier();
    }
    return new MetadataStreamVerifier(ADOPT, out);
  }
  return freeze(out);
}

/**
 * What you trust: pinned certificates and keys, CA anchors, untrusted intermediates that
 * may complete a path, and CRLs that revoke certificates on one. A signer is trusted only
 * through this store.
 */
export class TrustStore extends Handle {
  static expected = 'a TrustStore (TrustStore.fromPem(…))';

  /** An empty store; add to it with addPem. */
  constructor() {
    ensureReady('new TrustStore()');
    super(guard(() => new RawTrustStore()));
  }

  /** A store trusting every CERTIFICATE and PUBLIC KEY block of `pem` (or one DER certificate). */
  static fromPem(pem) {
    ensureReady('TrustStore.fromPem');
    const data = pemBytes(pem, 'TrustStore.fromPem');
    const store = new TrustStore();
    try {
      guard(() => rawOf(store, TrustStore, 'store', 'TrustStore.fromPem').addPem(data));
    } catch (e) {
      store.free();
      throw e;
    }
    return store;
  }

  /** Trusts every CERTIFICATE and PUBLIC KEY block of `pem` (or one DER certificate). */
  addPem(pem) {
    return this.#add('addPem', pem);
  }

  /** Adds every certificate of `pem` as an untrusted intermediate (never an anchor). */
  addIntermediatesPem(pem) {
    return this.#add('addIntermediatesPem', pem);
  }

  /**
   * Adds every certificate revocation list of `pem` (its X509 CRL blocks, or one DER CRL),
   * each used for the certificates of the CA that signed it. All or nothing.
   */
  addCrlsPem(pem) {
    return this.#add('addCrlsPem', pem);
  }

  /**
   * Trusts only the public key of each certificate in `pem` (pinned), ignoring the
   * certificates' validity: the SAML metadata interoperability profile's rule for keys
   * taken from metadata.
   */
  addKeysPem(pem) {
    return this.#add('addKeysPem', pem);
  }

  #add(method, pem) {
    const fn = `TrustStore.${method}`;
    const raw = rawOf(this, TrustStore, 'store', fn);
    const data = pemBytes(pem, fn);
    guard(() => raw[method](data));
    return this;
  }

  /** Number of trusted certificates and keys (intermediates not counted). */
  get size() {
    return rawOf(this, TrustStore, 'store', 'TrustStore.size').size;
  }
}

/**
 * Which keys may sign for which SAML issuer: a TrustStore per issuer entity ID, or one
 * for any issuer. Stores are copied when added.
 */
export class IssuerTrust extends Handle {
  static expected = 'an IssuerTrust (IssuerTrust.anyIssuer(store))';

  /** No issuer trusted yet; add stores with add. */
  constructor(...args) {
    ensureReady('new IssuerTrust()');
    super(args[0] === ADOPT ? args[1] : guard(() => new RawIssuerTrust()));
  }

  /** Trust that uses (a copy of) `store` for every issuer. */
  static anyIssuer(store) {
    ensureReady('IssuerTrust.anyIssuer');
    const raw = rawOf(store, TrustStore, 'store', 'IssuerTrust.anyIssuer');
    return new IssuerTrust(ADOPT, guard(() => RawIssuerTrust.anyIssuer(raw)));
  }

  /**
   * Verifies SAML metadata against `store` (as verifyMetadata) and trusts the signing
   * keys of each entity's `options.role` descriptors ('IDPSSODescriptor' by default: the
   * identity providers whose responses you accept) for its entityID, pinned. Throws
   * TrustmetaError as verifyMetadata, and trusts nothing then.
   */
  static fromMetadata(xml, store, options) {
    return WEBCRYPTO ? callAsync('metadata_issuer_trust', [xml, store], options) : call('metadata_issuer_trust', [xml, store], options);
  }

  /** Trusts (a copy of) `store` for messages whose Issuer is `entityId` (exactly). */
  add(entityId, store) {
    const fn = 'IssuerTrust.add';
    const raw = rawOf(this, IssuerTrust, 'trust', fn);
    text(entityId, 'entityId', fn);
    const s = rawOf(store, TrustStore, 'store', fn);
    guard(() => raw.add(entityId, s));
    return this;
  }
}

/**
 * The IDs of accepted SAML assertions, until they expire: keep one per relying party and
 * pass it to every verifySamlResponse, so that a bearer assertion is accepted once. When
 * full, expired IDs are dropped; if it is still full, a new assertion is refused as a
 * replay rather than evicting a live ID. `ReplayCache.fromCallback(fn)` keeps the IDs
 * wherever `fn` does instead.
 */
export class ReplayCache extends Handle {
  static expected = 'a ReplayCache';

  /** A cache holding at most `capacity` unexpired assertion IDs. */
  constructor(...args) {
    ensureReady('new ReplayCache()');
    if (args[0] === ADOPT) {
      super(args[1]);
      return;
    }
    const [capacity] = args;
    if (!Number.isInteger(capacity) || capacity < 0 || capacity > 0xffffffff) {
      throw new TypeError(`trustmeta.ReplayCache: \`capacity\` must be a non-negative integer, got ${String(capacity)}`);
    }
    super(guard(() => new RawReplayCache(capacity)));
  }

  /**
   * A cache kept by `checkAndInsert(id, expiresAtMs, nowMs)`: it must test and record
   * `id` in one step, synchronously, and return `true` when the ID was not recorded (or
   * its record has expired at `nowMs`) and is now recorded until `expiresAtMs`, `false`
   * when it is recorded and not expired (refused as `saml.replay`). A throw or any other
   * answer (a Promise included) means the cache cannot answer: the response is refused
   * with `saml.replay_cache_unavailable`, never accepted unchecked. Times are
   * milliseconds since 1970; `nowMs` is the verification's time.
   */
  static fromCallback(checkAndInsert) {
    ensureReady('ReplayCache.fromCallback');
    if (typeof checkAndInsert !== 'function') {
      throw new TypeError(`trustmeta.ReplayCache.fromCallback: \`checkAndInsert\` must be a function, got ${describe(checkAndInsert)}`);
    }
    return new ReplayCache(ADOPT, guard(() => RawReplayCache.fromCallback(checkAndInsert)));
  }

  /** How many assertion IDs the cache holds (0 for a cache kept by a callback). */
  get size() {
    return rawOf(this, ReplayCache, 'cache', 'ReplayCache.size').size;
  }
}

/**
 * The relying party's private keys for encrypted SAML content (`EncryptedAssertion`,
 * `EncryptedID`, `EncryptedAttribute`): `decryptKeys` of verifySamlResponse, `keys` of
 * decryptSamlAssertion. The message's recipient only chooses among them. The keys stay
 * in WebAssembly memory until `free()` or garbage collection.
 */
export class DecryptionKeys extends Handle {
  static expected = 'a DecryptionKeys (DecryptionKeys.fromPem(…))';

  /** No keys yet; add them with addPem. */
  constructor() {
    ensureReady('new DecryptionKeys()');
    super(guard(() => new RawDecryptionKeys()));
  }

  /** Keys holding the first private key of `pem` (`PRIVATE KEY`, `RSA PRIVATE KEY` or `EC PRIVATE KEY`). */
  static fromPem(pem) {
    ensureReady('DecryptionKeys.fromPem');
    const keys = new DecryptionKeys();
    try {
      keys.#add('DecryptionKeys.fromPem', pem);
    } catch (e) {
      keys.free();
      throw e;
    }
    return keys;
  }

  /** Adds the first private key of `pem`; throws TrustmetaError `xmlenc.bad_key`. Returns the keys. */
  addPem(pem) {
    this.#add('DecryptionKeys.addPem', pem);
    return this;
  }

  #add(fn, pem) {
    const raw = rawOf(this, DecryptionKeys, 'keys', fn);
    const data = pemBytes(pem, fn);
    try {
      guard(() => raw.addPem(data));
    } finally {
      // The UTF-8 of a string key is a copy made here: wiped, not left to the collector.
      if (data !== pem) data.fill(0);
    }
  }

  /** How many keys. */
  get size() {
    return rawOf(this, DecryptionKeys, 'keys', 'DecryptionKeys.size').size;
  }
}

/**
 * A parsed EMREG registry list (EMREX): the NCPs (EMPs) with their certificates, and the
 * countries. Nothing in it is signed: fetch it from the registry over an authenticated
 * channel.
 */
export class Emreg extends Handle {
  static expected = 'an Emreg (Emreg.parse(…))';
  #ncps;
  #countries;

  constructor(...args) {
    if (args[0] !== ADOPT) throw new TypeError('trustmeta: create an Emreg with Emreg.parse(bytes)');
    super(args[1]);
    this.#ncps = freeze(guard(() => args[1].ncps()));
    this.#countries = freeze(guard(() => args[1].countries()));
  }

  /**
   * Parses an EMREG list (JSON, `ncps` or the newer `emps`); the defects real lists have
   * (a trailing comma, `null` entries, `singleFetch` as a string) are accepted.
   */
  static parse(data) {
    ensureReady('Emreg.parse');
    bytes(data, 'data', 'Emreg.parse');
    return new Emreg(ADOPT, guard(() => RawEmreg.parse(data)));
  }

  #live(fn) {
    return rawOf(this, Emreg, 'emreg', `Emreg.${fn}`);
  }

  /** The NCPs, in list order: `{acronym, countryCode, institutions, url, pubKey}`. */
  get ncps() {
    this.#live('ncps');
    return [...this.#ncps];
  }

  /** The countries, in list order: `{code, name, singleFetch}`. */
  get countries() {
    this.#live('countries');
    return [...this.#countries];
  }

  /** Whether the NCPs came from the newer `emps` member. */
  get emps() {
    return this.#live('emps').emps;
  }

  /** How many `null` entries were skipped. */
  get skippedNulls() {
    return this.#live('skippedNulls').skippedNulls;
  }

  /** The NCP called `acronym` (case-sensitive); throws TrustmetaError `emrex.ncp_not_found`. */
  ncp(acronym) {
    const raw = this.#live('ncp');
    text(acronym, 'acronym', 'Emreg.ncp');
    return this.#ncps[guard(() => raw.ncpIndex(acronym))];
  }

  /** Country `code` (any case), or null. */
  country(code) {
    const raw = this.#live('country');
    text(code, 'code', 'Emreg.country');
    return this.#countries[raw.countryIndex(code)] ?? null;
  }

  /** The NCPs of country `code` (any case), in list order. */
  ncpsOfCountry(code) {
    const raw = this.#live('ncpsOfCountry');
    text(code, 'code', 'Emreg.ncpsOfCountry');
    return Array.from(raw.ncpsOfCountry(code), (i) => this.#ncps[i]);
  }

  /**
   * What to offer a learner of country `code`: `[{ncp, institution}]`, one entry per
   * institution for a `singleFetch` country, otherwise one per NCP.
   */
  choices(code) {
    const raw = this.#live('choices');
    text(code, 'code', 'Emreg.choices');
    return raw.choices(code).map((c) => freeze({ ncp: this.#ncps[c.ncp], institution: c.institution }));
  }
}

/**
 * The frozen record of verified metadata, with two methods that read what verification
 * produced and take no bytes (not enumerable, so the record still compares and
 * serializes as plain data): `entityIds()` and `findEntity(entityId)`. The holder of the
 * core's result stays in this closure.
 */
function metadataResult(held) {
  const record = held.takeValue();
  let ids;
  Object.defineProperties(record, {
    entityIds: {
      value: () => {
        ids ??= freeze(guard(() => held.entityIds()));
        return ids;
      },
    },
    findEntity: {
      value: (entityId) => {
        text(entityId, 'entityId', 'VerifiedMetadata.findEntity');
        return freeze(guard(() => held.findEntity(entityId)));
      },
    },
  });
  return freeze(record);
}

/**
 * Verifies SAML metadata that arrives in pieces — a `fetch` body, a file read stream —
 * without holding it: `feed(chunk)` each Uint8Array as it comes, then `finish()` for the
 * record verifyMetadata gives (with `streamed: true`). The first refusal is thrown by the
 * `feed` or `finish` that finds it; the verifier is spent after it, after `finish` and
 * after `free`. The document is never held: the result's `entityIds()` lists the
 * entities, its `findEntity()` throws TrustmetaError `metadata.not_held`.
 */
export class MetadataStreamVerifier {
  #raw;
  #state = 'open';

  /** A verifier trusting (a copy of) `store`, with verifyMetadata's options. */
  constructor(store, options) {
    ensureReady('new MetadataStreamVerifier()');
    if (WEBCRYPTO && store !== ADOPT) {
      throw new Error(
        'trustmeta/webcrypto: MetadataStreamVerifier (and fetchMetadata) are not available in the WebCrypto entry; ' +
          'verify the whole document with verifyMetadata, or stream it with the synchronous entry `trustmeta`',
      );
    }
    this.#raw = store === ADOPT ? options : invoke('metadata_stream', [store], options);
  }

  #open(fn) {
    if (this.#raw === undefined) {
      throw new Error(`trustmeta.MetadataStreamVerifier.${fn}: this verifier has ${this.#state} already`);
    }
    return this.#raw;
  }

  #end(state) {
    this.#raw?.free();
    this.#raw = undefined;
    this.#state = state;
  }

  /** Reads the next bytes (any size, any split); returns the verifier. */
  feed(chunk) {
    const raw = this.#open('feed');
    bytes(chunk, 'chunk', 'MetadataStreamVerifier.feed');
    try {
      guard(() => raw.feed(chunk));
    } catch (e) {
      this.#end('failed');
      throw e;
    }
    return this;
  }

  /** Ends the document and returns the frozen record; throws TrustmetaError as verifyMetadata. */
  finish() {
    const raw = this.#open('finish');
    try {
      const result = metadataResult(guard(() => raw.finish()));
      this.#end('finished');
      return result;
    } catch (e) {
      this.#end('failed');
      throw e;
    }
  }

  /** Releases the WebAssembly memory now rather than when garbage-collected. */
  free() {
    if (this.#raw !== undefined) this.#end('been freed');
  }
}

/**
 * Verifies an OpenNCP NCP configuration list as verifyTsl does, then maps it to unsigned
 * SMP ServiceMetadata records (the tsl2smp mapping with its two defects fixed), in
 * `options.format` `'oasis-smp1'` (the default) or `'busdox'`: a frozen array of
 * `{fileName, participant, document, process, endpoints, xml}`. Throws TrustmetaError
 * (`tsl.not_openncp` for another list, or as verifyTsl).
 */
export function toSmp(xml, store, options) {
  const fn = 'toSmp';
  ensureReady(fn);
  let rest = options;
  let format = 'oasis-smp1';
  if (options !== null && typeof options === 'object' && !Array.isArray(options)) {
    ({ format = format, ...rest } = options);
    text(format, 'format', fn);
  }
  const convert = (held) => {
    try {
      return freeze(guard(() => held.toSmp(format)));
    } finally {
      held.free();
    }
  };
  return WEBCRYPTO ? runAsync('verify_tsl', [xml, store], rest).then(convert) : convert(invoke('verify_tsl', [xml, store], rest));
}
