// Retrieval with `fetch` (browsers have no DNS, and node 20 has fetch built in):
// fetchSmp and fetchMetadata get a document over HTTP(S) and verify it exactly as
// verifySmp and MetadataStreamVerifier do. The body is read as a stream and refused once
// it passes `maxBytes`, before the rest arrives; a metadata body is fed to the verifier
// chunk by chunk and never held whole. HTTP failures are TrustmetaErrors with the codes
// of the CLI's `smp lookup` (hosted/src/smp.rs): `lookup.no_service` for an SMP's 404 or
// 410, `lookup.http_failure` for the network, a timeout, another status or a body over
// the limit.
import { MetadataStreamVerifier, TrustmetaError } from './api.js';
import { verifySmp } from './operations.js';

const MIB = 1024 * 1024;

// SMP records are a few kilobytes; one MiB leaves room for many endpoints and
// certificates while refusing anything that is not a record.
const SMP_DEFAULTS = { maxBytes: MIB, timeoutMs: 10_000 };
// Federation aggregates reach tens of MiB; the verifier's memory does not grow with them.
const METADATA_DEFAULTS = { maxBytes: 512 * MIB, timeoutMs: 120_000 };

const NOT_MODIFIED = Symbol('not modified');

function describe(value) {
  if (value === null) return 'null';
  if (typeof value !== 'object') return typeof value;
  return value.constructor?.name ?? 'object';
}

function typeError(fn, message) {
  return new TypeError(`trustmeta.${fn}: ${message}`);
}

/** `url` (a string or URL, relative to the page in a browser) as an absolute http(s) URL. */
function requestUrl(fn, url) {
  if (typeof url !== 'string' && !(url instanceof URL)) {
    throw typeError(fn, `\`url\` must be a string or a URL, got ${describe(url)}`);
  }
  let parsed;
  try {
    parsed = new URL(url, globalThis.location?.href);
  } catch {
    throw typeError(fn, `\`url\` must be an absolute http or https URL, got ${JSON.stringify(String(url))}`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw typeError(fn, `\`url\` must be an http or https URL, got ${parsed.protocol} (${JSON.stringify(parsed.href)})`);
  }
  return parsed.href;
}

/** The retrieval options of `options` (checked) and the rest, for the verification. */
function split(fn, options, defaults, conditional) {
  if (options === undefined || options === null) options = {};
  if (typeof options !== 'object' || Array.isArray(options)) {
    throw typeError(fn, `\`options\` must be an object, got ${describe(options)}`);
  }
  // null is "not given", as for the verification's options.
  options = { ...options };
  for (const key of ['maxBytes', 'timeoutMs', 'fetch', 'headers', 'signal', 'onResponse', 'ifNoneMatch', 'ifModifiedSince']) {
    if (options[key] === null) delete options[key];
  }
  const {
    maxBytes = defaults.maxBytes,
    timeoutMs = defaults.timeoutMs,
    fetch = globalThis.fetch,
    headers,
    signal,
    onResponse,
    ifNoneMatch,
    ifModifiedSince,
    ...rest
  } = options;
  if (!Number.isSafeInteger(maxBytes) || maxBytes < 1) {
    throw typeError(fn, `\`maxBytes\` must be a positive integer, got ${String(maxBytes)}`);
  }
  if (typeof timeoutMs !== 'number' || !(timeoutMs > 0) || timeoutMs > 0x7fffffff) {
    throw typeError(fn, `\`timeoutMs\` must be a number of milliseconds between 1 and 2147483647, got ${String(timeoutMs)}`);
  }
  if (typeof fetch !== 'function') {
    throw typeError(fn, `\`fetch\` must be a function (globalThis.fetch or one like it), got ${describe(fetch)}`);
  }
  let sent;
  try {
    sent = new Headers(headers);
  } catch (e) {
    throw typeError(fn, `\`headers\` must be what \`new Headers()\` takes: ${e.message}`);
  }
  if (signal !== undefined && !(signal instanceof AbortSignal)) {
    throw typeError(fn, `\`signal\` must be an AbortSignal, got ${describe(signal)}`);
  }
  if (onResponse !== undefined && typeof onResponse !== 'function') {
    throw typeError(fn, `\`onResponse\` must be a function, got ${describe(onResponse)}`);
  }
  if (!sent.has('accept')) sent.set('accept', 'application/xml, text/xml;q=0.9, */*;q=0.1');
  let isConditional = false;
  if (conditional) {
    if (ifNoneMatch !== undefined) {
      if (typeof ifNoneMatch !== 'string' || ifNoneMatch === '') {
        throw typeError(fn, `\`ifNoneMatch\` must be an ETag (a non-empty string), got ${describe(ifNoneMatch)}`);
      }
      sent.set('if-none-match', ifNoneMatch);
      isConditional = true;
    }
    if (ifModifiedSince !== undefined) {
      let date;
      if (ifModifiedSince instanceof Date && Number.isFinite(ifModifiedSince.getTime())) date = ifModifiedSince.toUTCString();
      else if (typeof ifModifiedSince === 'string' && ifModifiedSince !== '') date = ifModifiedSince;
      else throw typeError(fn, `\`ifModifiedSince\` must be a Date or an HTTP date (a string), got ${describe(ifModifiedSince)}`);
      sent.set('if-modified-since', date);
      isConditional = true;
    }
  } else {
    // Not options of this function: left in `rest`, so the verification names them.
    if (ifNoneMatch !== undefined) rest.ifNoneMatch = ifNoneMatch;
    if (ifModifiedSince !== undefined) rest.ifModifiedSince = ifModifiedSince;
  }
  return { http: { maxBytes, timeoutMs, fetch, headers: sent, signal, onResponse, conditional: isConditional }, rest };
}

/** A TypeError about an argument of `from`, reworded as one of `to`. */
function renamed(e, from, to) {
  if (e instanceof TypeError && e.message.startsWith(`trustmeta.${from}:`)) {
    e.message = `trustmeta.${to}:${e.message.slice(`trustmeta.${from}:`.length)}`;
  }
  return e;
}

function failure(message, cause) {
  return new TrustmetaError('lookup.http_failure', message, cause === undefined ? undefined : { cause });
}

/**
 * GETs `url` and hands each chunk of a 200 answer's body to `onChunk`, refusing the
 * body once it passes `maxBytes`. Resolves when the body has ended, or to NOT_MODIFIED
 * for a 304 to a conditional request. `missing` is the code of a 404 or 410.
 */
async function retrieve(url, http, missing, onChunk) {
  if (http.signal?.aborted) throw http.signal.reason;
  const controller = new AbortController();
  const timer = setTimeout(() => {
    controller.abort(failure(`fetching ${url}: no complete answer within ${http.timeoutMs} ms (timeoutMs)`));
  }, http.timeoutMs);
  const onAbort = () => controller.abort(http.signal.reason);
  http.signal?.addEventListener('abort', onAbort, { once: true });
  // Rejects once the exchange is stopped (the timeout, the caller's signal) with why:
  // raced against each step, so that a `fetch` that ignores the signal is stopped too.
  const aborted = new Promise((_, reject) => {
    controller.signal.addEventListener('abort', () => reject(controller.signal.reason), { once: true });
  });
  aborted.catch(() => {});
  const step = async (promise, what) => {
    try {
      return await Promise.race([promise, aborted]);
    } catch (e) {
      if (controller.signal.aborted) throw controller.signal.reason;
      // node's fetch says "fetch failed" and puts the network's words in `cause`.
      const why = [e?.message ?? String(e), e?.cause?.message].filter(Boolean).join(': ');
      throw failure(`fetching ${url}: ${what}: ${why}`, e);
    }
  };
  try {
    // Called on the global object: a browser's fetch refuses any other `this`.
    const init = { method: 'GET', headers: http.headers, redirect: 'follow', signal: controller.signal };
    const response = await step(http.fetch.call(globalThis, url, init), 'no answer');
    if (response === null || typeof response !== 'object' || typeof response.status !== 'number') {
      throw new TypeError(`trustmeta: the \`fetch\` option resolved to ${describe(response)}, not a Response`);
    }
    let reader;
    // Stops the transfer: the connection is closed rather than the rest read.
    const drop = () => {
      controller.abort();
      (reader ?? response.body)?.cancel().catch(() => {});
    };
    try {
      // Redirects are followed as fetch does; the answer must still come over HTTP(S).
      const final = response.url || url;
      const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(final)?.[1]?.toLowerCase();
      if (scheme !== 'http' && scheme !== 'https') {
        throw failure(`fetching ${url}: redirected to ${final}, which is not an http or https URL`);
      }
      http.onResponse?.({ status: response.status, url: final, headers: response.headers });
      const where = final === url ? url : `${url} (redirected to ${final})`;
      if (response.status === 304) {
        if (!http.conditional) throw failure(`fetching ${where}: 304 Not Modified to a request that was not conditional`);
        drop();
        return NOT_MODIFIED;
      }
      if (response.status !== 200) {
        const text = response.statusText ? ` ${response.statusText}` : '';
        if (response.status === 0) {
          throw failure(`fetching ${where}: an opaque answer (status 0): the server does not let this page read it (CORS)`);
        }
        if (missing && (response.status === 404 || response.status === 410)) {
          throw new TrustmetaError(missing, `the SMP answered ${response.status}${text} for ${where}: the participant has no service for this document type`);
        }
        throw failure(`fetching ${where}: the server answered HTTP ${response.status}${text}; only 200 carries the document`);
      }
      const tooLarge = () => failure(`fetching ${where}: the answer is larger than ${http.maxBytes} bytes (maxBytes); the rest was not read`);
      const declared = Number(response.headers?.get?.('content-length') ?? Number.NaN);
      if (Number.isFinite(declared) && declared > http.maxBytes) throw tooLarge();
      if (!response.body) return undefined;
      reader = response.body.getReader();
      let total = 0;
      for (;;) {
        const read = await step(reader.read(), 'reading the answer');
        if (read.done) return undefined;
        const chunk = read.value;
        if (!(chunk instanceof Uint8Array)) {
          throw new TypeError(`trustmeta: the response body gave ${describe(chunk)}, not a Uint8Array`);
        }
        total += chunk.length;
        if (total > http.maxBytes) throw tooLarge();
        onChunk(chunk);
      }
    } catch (e) {
      drop();
      throw e;
    }
  } finally {
    clearTimeout(timer);
    http.signal?.removeEventListener('abort', onAbort);
  }
}

/**
 * Fetches an SMP record (`SignedServiceMetadata` / `ServiceMetadata`, SMP 1.0 or 2.0)
 * from `url` and verifies it as verifySmp does, with the options verifySmp takes (which
 * are checked before anything is fetched) and these:
 * - `maxBytes`: the largest body read (default 1 MiB); a larger one is refused while it
 *   arrives, with `lookup.http_failure`;
 * - `timeoutMs`: the whole exchange, body included (default 10 000);
 * - `fetch`: the fetch to use (default `globalThis.fetch`);
 * - `headers`: more request headers; `signal`: an AbortSignal that cancels (the promise
 *   then rejects with its reason);
 * - `onResponse({status, url, headers})`: called with each answer before its body is read.
 * Resolves to verifySmp's frozen record. Rejects with TrustmetaError `lookup.no_service`
 * (HTTP 404 or 410), `lookup.http_failure` (network, timeout, another status, a body
 * over `maxBytes`, a redirect away from http(s)), or as verifySmp.
 */
export async function fetchSmp(url, store, options) {
  const fn = 'fetchSmp';
  const target = requestUrl(fn, url);
  const { http, rest } = split(fn, options, SMP_DEFAULTS, false);
  // The arguments are checked on an empty document, whose refusal is expected: a wrong
  // option fails now rather than after the network.
  try {
    await verifySmp(new Uint8Array(0), store, rest);
  } catch (e) {
    if (!(e instanceof TrustmetaError)) throw renamed(e, 'verifySmp', fn);
  }
  const chunks = [];
  let total = 0;
  await retrieve(target, http, 'lookup.no_service', (chunk) => {
    chunks.push(chunk);
    total += chunk.length;
  });
  const xml = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    xml.set(c, at);
    at += c.length;
  }
  return verifySmp(xml, store, rest);
}

/**
 * Fetches SAML metadata from `url` and verifies it while it arrives: each chunk of the
 * body goes to a MetadataStreamVerifier, so the document is never held. Takes the
 * verifier's options (checked before anything is fetched) and those of fetchSmp, with
 * `maxBytes` 512 MiB and `timeoutMs` 120 000 by default, plus a conditional request:
 * `ifNoneMatch` (an ETag) and `ifModifiedSince` (a Date or an HTTP date). Resolves to the
 * record `finish()` gives (`streamed: true`; `findEntity()` throws `metadata.not_held`),
 * or to `null` when the server answered 304 Not Modified to a conditional request: the
 * copy verified before is current. Rejects with TrustmetaError `lookup.http_failure`
 * (network, timeout, any status other than 200 or that 304, a body over `maxBytes`), or
 * as the verifier.
 */
export async function fetchMetadata(url, store, options) {
  const fn = 'fetchMetadata';
  const target = requestUrl(fn, url);
  const { http, rest } = split(fn, options, METADATA_DEFAULTS, true);
  let verifier;
  try {
    verifier = new MetadataStreamVerifier(store, rest);
  } catch (e) {
    throw renamed(e, 'metadataStream', fn);
  }
  try {
    const got = await retrieve(target, http, undefined, (chunk) => verifier.feed(chunk));
    return got === NOT_MODIFIED ? null : verifier.finish();
  } finally {
    verifier.free();
  }
}
