// fetchSmp and fetchMetadata against a real HTTP server on 127.0.0.1 (node's
// http.createServer), through the built package: the same record as verifySmp and the
// same summary as verifyMetadata on the same bytes, the HTTP failures and their codes, a
// body over maxBytes refused while it streams (the server sees the connection closed
// before it finished writing), the timeout, the metadata fed chunk by chunk, and the
// conditional request answered 304.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { after, before, test as nodeTest } from 'node:test';

// A hang (a body read forever, a timer that never fires) fails the test.
const test = (name, fn) => nodeTest(name, { timeout: 20_000 }, fn);

import { MetadataStreamVerifier, TrustStore, TrustmetaError, errorCodes, fetchMetadata, fetchSmp, verifyMetadata, verifySmp } from 'trustmeta';
import { repo } from './helpers.mjs';

const read = (p) => new Uint8Array(readFileSync(join(repo, p)));
const SMP = read('tests/data/smp/signed/smp1-exc.xml');
const SMP2 = read('tests/data/smp/signed/smp2-exc.xml');
const smpStore = () => TrustStore.fromPem(read('tests/data/xmldsig-gen/pki/root.pem'));
const participant = 'iso6523-actorid-upis::0088:5798000000001';
const document = 'busdox-docid-qns::urn:oasis:names:specification:ubl:schema:xsd:Invoice-2::Invoice##urn:cen.eu:en16931:2017::2.1';
const NOW = new Date('2026-06-01T00:00:00Z');
const question = { participant, document, now: NOW };

const AGGREGATE = read('tests/data/metadata/signed/aggregate.xml');
const mdStore = () => TrustStore.fromPem(read('tests/data/metadata/signed/signer.pem'));
const mdOptions = { now: NOW, profile: 'etoegang' };
const ETAG = '"aggregate-36"';

/** `bytes` with the byte at the first `marker` changed to `to`. */
function changed(bytes, marker, to) {
  const out = new Uint8Array(bytes);
  const at = Buffer.from(out).indexOf(marker);
  assert.ok(at >= 0, `${marker} not found`);
  out[at] = to.charCodeAt(0);
  return out;
}
const TAMPERED_SMP = changed(SMP, 'https://ap.example.org/as4', 'H');
const TAMPERED_MD = changed(AGGREGATE, 'https://idp.example.nl/sso', 'H');

// Bytes the oversized answers would send; far beyond what socket buffers hold.
const HUGE = 64 * 1024 * 1024;
const PIECE = Buffer.alloc(64 * 1024, 'x');

let server;
let base;
const sockets = new Set();
/** What the server saw of each oversized answer: bytes handed to the socket, how it ended. */
const huge = [];
const stalled = [];

/** Writes `bytes` in pieces of `size`, one per turn of the event loop. */
function trickle(res, bytes, size) {
  let at = 0;
  const next = () => {
    if (res.destroyed) return;
    if (at >= bytes.length) {
      res.end();
      return;
    }
    res.write(bytes.subarray(at, at + size));
    at += size;
    setImmediate(next);
  };
  next();
}

/** `res` with a 200 XML head written. */
function xml(res, extra = {}) {
  return res.writeHead(200, { 'Content-Type': 'application/xml', ...extra });
}

const routes = {
  '/smp/ok': (req, res) => xml(res).end(SMP),
  '/smp/v2': (req, res) => xml(res).end(SMP2),
  '/smp/tampered': (req, res) => xml(res).end(TAMPERED_SMP),
  '/smp/moved': (req, res) => res.writeHead(302, { Location: '/smp/ok' }).end(),
  '/smp/error': (req, res) => res.writeHead(503, { 'Content-Type': 'text/plain' }).end('maintenance\n'),
  '/smp/gone': (req, res) => res.writeHead(410).end(),
  '/smp/headers': (req, res) => xml(res).end(JSON.stringify(req.headers)),
  '/huge': (req, res) => {
    // No Content-Length: only reading the body can tell its size.
    const seen = { sent: 0, finished: false };
    seen.closed = new Promise((done) => res.on('close', () => done(res.writableFinished)));
    huge.push(seen);
    xml(res);
    const pump = () => {
      while (seen.sent < HUGE && !res.destroyed) {
        seen.sent += PIECE.length;
        if (!res.write(PIECE)) {
          res.once('drain', pump);
          return;
        }
      }
      if (!res.destroyed) res.end();
    };
    pump();
  },
  '/declared-huge': (req, res) => xml(res, { 'Content-Length': String(HUGE) }).write(PIECE),
  '/stall-headers': (req, res) => {
    stalled.push(res);
  },
  '/stall-body': (req, res) => {
    stalled.push(res);
    xml(res);
    res.write(SMP.subarray(0, 100));
  },
  '/md/aggregate': (req, res) => {
    if (req.headers['if-none-match'] === ETAG) {
      res.writeHead(304, { ETag: ETAG }).end();
      return;
    }
    xml(res, { ETag: ETAG, 'Last-Modified': 'Mon, 01 Jun 2026 00:00:00 GMT' });
    trickle(res, AGGREGATE, 1000);
  },
  '/md/tampered': (req, res) => trickle(xml(res), TAMPERED_MD, 1000),
  '/md/unconditional-304': (req, res) => res.writeHead(304).end(),
};

before(async () => {
  server = createServer((req, res) => {
    const route = routes[new URL(req.url, 'http://localhost').pathname];
    if (route) route(req, res);
    else res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found\n');
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  base = `http://127.0.0.1:${server.address().port}`;
});

after(async () => {
  for (const res of stalled) res.destroy();
  for (const s of sockets) s.destroy();
  await new Promise((done) => server.close(done));
});

async function rejectsCode(promise, code, message) {
  await assert.rejects(promise, (e) => {
    assert.ok(e instanceof TrustmetaError, String(e?.stack ?? e));
    assert.equal(e.code, code, e.message);
    assert.equal(e.number, errorCodes[code]);
    if (message) assert.match(e.message, message);
    return true;
  });
}

function codeOf(fn) {
  try {
    fn();
  } catch (e) {
    return e.code;
  }
  return 'accepted';
}

test('fetchSmp: a record verifies as verifySmp verifies the same bytes, SMP 1.0 and 2.0', async () => {
  const store = smpStore();
  const fetched = await fetchSmp(`${base}/smp/ok`, store, question);
  assert.deepEqual(fetched, verifySmp(SMP, store, question));
  assert.ok(Object.isFrozen(fetched));
  assert.equal(fetched.endpoints[0].uri, 'https://ap.example.org/as4');
  const doc2 = { ...question, document: document.replace('busdox-docid-qns', 'bdx-docid-qns') };
  const v2 = await fetchSmp(new URL('/smp/v2', base), store, doc2);
  assert.equal(v2.version, 'oasis-smp-2.0');
  assert.deepEqual(v2, verifySmp(SMP2, store, doc2));
  // A redirect is followed; onResponse sees where the answer came from.
  const answers = [];
  const moved = await fetchSmp(`${base}/smp/moved`, store, { ...question, onResponse: (r) => answers.push([r.status, r.url, r.headers.get('content-type')]) });
  assert.deepEqual(moved, fetched);
  assert.deepEqual(answers, [[200, `${base}/smp/ok`, 'application/xml']]);
  store.free();
});

test('fetchSmp: a tampered record is refused with the code verifySmp gives', async () => {
  const store = smpStore();
  const expected = codeOf(() => verifySmp(TAMPERED_SMP, store, question));
  assert.equal(expected, 'dsig.digest_mismatch');
  await rejectsCode(fetchSmp(`${base}/smp/tampered`, store, question), expected);
  // The wrong question is refused as verifySmp refuses it.
  const other = { ...question, participant: 'iso6523-actorid-upis::0088:5798000000009' };
  await rejectsCode(fetchSmp(`${base}/smp/ok`, store, other), codeOf(() => verifySmp(SMP, store, other)));
  store.free();
});

test('fetchSmp: 404 and 410 are lookup.no_service, another status lookup.http_failure', async () => {
  const store = smpStore();
  await rejectsCode(fetchSmp(`${base}/smp/missing`, store, question), 'lookup.no_service', /answered 404 .*\/smp\/missing/);
  await rejectsCode(fetchSmp(`${base}/smp/gone`, store, question), 'lookup.no_service', /answered 410/);
  await rejectsCode(fetchSmp(`${base}/smp/error`, store, question), 'lookup.http_failure', /HTTP 503 Service Unavailable/);
  // A port nothing listens on any more.
  const closed = createServer();
  await new Promise((ok) => closed.listen(0, '127.0.0.1', ok));
  const { port } = closed.address();
  await new Promise((done) => closed.close(done));
  await rejectsCode(fetchSmp(`http://127.0.0.1:${port}/smp`, store, question), 'lookup.http_failure', /no answer: fetch failed: .*ECONNREFUSED/);
  store.free();
});

test('fetchSmp: a body over maxBytes is refused while it streams, and the connection closed', async () => {
  const store = smpStore();
  const before = huge.length;
  await rejectsCode(fetchSmp(`${base}/huge`, store, question), 'lookup.http_failure', /larger than 1048576 bytes \(maxBytes\)/);
  assert.equal(huge.length, before + 1);
  const seen = huge.at(-1);
  let timer;
  const late = new Promise((_, no) => {
    timer = setTimeout(() => no(new Error('the server never saw the connection close')), 5000);
  });
  const finished = await Promise.race([seen.closed, late]).finally(() => clearTimeout(timer));
  assert.equal(finished, false, 'the server finished writing the whole body');
  assert.ok(seen.sent < HUGE / 2, `the server wrote ${seen.sent} of ${HUGE} bytes`);
  // A smaller limit; and a Content-Length over it is refused before the body is read.
  await rejectsCode(fetchSmp(`${base}/smp/ok`, store, { ...question, maxBytes: 100 }), 'lookup.http_failure', /larger than 100 bytes/);
  await rejectsCode(fetchSmp(`${base}/declared-huge`, store, question), 'lookup.http_failure', /larger than 1048576 bytes/);
  store.free();
});

test('fetchSmp: no complete answer within timeoutMs is lookup.http_failure', async () => {
  const store = smpStore();
  for (const path of ['/stall-headers', '/stall-body']) {
    const started = Date.now();
    await rejectsCode(fetchSmp(`${base}${path}`, store, { ...question, timeoutMs: 200 }), 'lookup.http_failure', /no complete answer within 200 ms \(timeoutMs\)/);
    const took = Date.now() - started;
    assert.ok(took >= 190 && took < 3000, `${path}: ${took} ms`);
  }
  store.free();
});

test('fetchSmp: the caller cancels with a signal', async () => {
  const store = smpStore();
  const controller = new AbortController();
  const reason = new Error('cancelled by the caller');
  setTimeout(() => controller.abort(reason), 50);
  await assert.rejects(fetchSmp(`${base}/stall-headers`, store, { ...question, signal: controller.signal }), (e) => e === reason);
  await assert.rejects(fetchSmp(`${base}/smp/ok`, store, { ...question, signal: controller.signal }), (e) => e === reason);
  store.free();
});

test('fetchSmp: an injected fetch, headers, and a redirect away from http(s) refused', async () => {
  const store = smpStore();
  const asked = [];
  const spy = (url, init) => {
    asked.push([url, init.method, init.headers.get('accept'), init.headers.get('x-client')]);
    return fetch(url, init);
  };
  const r = await fetchSmp(`${base}/smp/ok`, store, { ...question, fetch: spy, headers: { 'X-Client': 'gateway-7' } });
  assert.equal(r.endpoints.length, 1);
  assert.deepEqual(asked, [[`${base}/smp/ok`, 'GET', 'application/xml, text/xml;q=0.9, */*;q=0.1', 'gateway-7']]);
  // A fetch whose answer came from elsewhere than http(s).
  const elsewhere = async () => {
    const res = new Response(SMP, { status: 200 });
    Object.defineProperty(res, 'url', { value: 'file:///srv/smp.xml' });
    return res;
  };
  await rejectsCode(fetchSmp(`${base}/smp/ok`, store, { ...question, fetch: elsewhere }), 'lookup.http_failure', /redirected to file:\/\/\/srv\/smp\.xml, which is not an http or https URL/);
  // A fetch that ignores the abort signal is still stopped by the timeout.
  const deaf = () => new Promise(() => {});
  await rejectsCode(fetchSmp(`${base}/smp/ok`, store, { ...question, fetch: deaf, timeoutMs: 100 }), 'lookup.http_failure', /within 100 ms/);
  store.free();
});

test('fetchSmp and fetchMetadata: wrong arguments are TypeErrors, before anything is fetched', async () => {
  const store = smpStore();
  let fetched = 0;
  const counting = (url, init) => {
    fetched += 1;
    return fetch(url, init);
  };
  const cases = [
    [() => fetchSmp('ftp://example.org/x', store, question), /`url` must be an http or https URL, got ftp:/],
    [() => fetchSmp('/relative', store, question), /`url` must be an absolute http or https URL/],
    [() => fetchSmp(42, store, question), /`url` must be a string or a URL, got number/],
    [() => fetchSmp(`${base}/smp/ok`, store, { document, fetch: counting }), /trustmeta\.fetchSmp: `participant` must be a string, got undefined/],
    [() => fetchSmp(`${base}/smp/ok`, null, { ...question, fetch: counting }), /trustmeta\.fetchSmp: `store` must be a TrustStore/],
    [() => fetchSmp(`${base}/smp/ok`, store, { ...question, fetch: counting, colour: 'red' }), /unknown option `colour`/],
    [() => fetchSmp(`${base}/smp/ok`, store, { ...question, ifNoneMatch: '"x"' }), /unknown option `ifNoneMatch`/],
    [() => fetchSmp(`${base}/smp/ok`, store, { ...question, maxBytes: 0 }), /`maxBytes` must be a positive integer, got 0/],
    [() => fetchSmp(`${base}/smp/ok`, store, { ...question, timeoutMs: -1 }), /`timeoutMs` must be a number of milliseconds/],
    [() => fetchSmp(`${base}/smp/ok`, store, { ...question, fetch: 'fetch' }), /`fetch` must be a function/],
    [() => fetchSmp(`${base}/smp/ok`, store, { ...question, signal: {} }), /`signal` must be an AbortSignal/],
    [() => fetchMetadata(`${base}/md/aggregate`, store, { fetch: counting, profile: 'stork' }), /trustmeta\.fetchMetadata: `profile` must be/],
    [() => fetchMetadata(`${base}/md/aggregate`, store, { ifModifiedSince: 5 }), /`ifModifiedSince` must be a Date or an HTTP date/],
  ];
  for (const [call, message] of cases) {
    await assert.rejects(call(), (e) => {
      assert.ok(e instanceof TypeError, String(e));
      assert.match(e.message, message);
      return true;
    });
  }
  assert.equal(fetched, 0);
  store.free();
});

test('fetchMetadata: the aggregate served in small pieces is fed chunk by chunk, with the summary verifyMetadata gives', async () => {
  const store = mdStore();
  const fed = [];
  const feed = MetadataStreamVerifier.prototype.feed;
  MetadataStreamVerifier.prototype.feed = function (chunk) {
    fed.push(chunk.length);
    return feed.call(this, chunk);
  };
  let got;
  try {
    got = await fetchMetadata(`${base}/md/aggregate`, store, mdOptions);
  } finally {
    MetadataStreamVerifier.prototype.feed = feed;
  }
  const mem = verifyMetadata(AGGREGATE, store, mdOptions);
  assert.equal(got.streamed, true);
  assert.deepEqual({ ...got, streamed: false }, { ...mem });
  assert.deepEqual(got.entityIds(), mem.entityIds());
  assert.equal(got.etoegang.sequence, 36);
  // Never the whole body at once: many chunks, each far smaller than the document.
  assert.equal(fed.reduce((a, b) => a + b, 0), AGGREGATE.length);
  assert.ok(fed.length >= 5, `fed in ${fed.length} chunks`);
  assert.ok(Math.max(...fed) < AGGREGATE.length / 2, `largest chunk ${Math.max(...fed)} of ${AGGREGATE.length}`);
  store.free();
});

test('fetchMetadata: a tampered aggregate, an HTTP failure and an oversized body are refused', async () => {
  const store = mdStore();
  const expected = codeOf(() => verifyMetadata(TAMPERED_MD, store, mdOptions));
  assert.equal(expected, 'dsig.digest_mismatch');
  await rejectsCode(fetchMetadata(`${base}/md/tampered`, store, mdOptions), expected);
  // Metadata is not an SMP answer: a 404 is an HTTP failure like any other status.
  await rejectsCode(fetchMetadata(`${base}/md/missing`, store, mdOptions), 'lookup.http_failure', /HTTP 404/);
  await rejectsCode(fetchMetadata(`${base}/md/aggregate`, store, { ...mdOptions, maxBytes: 10_000 }), 'lookup.http_failure', /larger than 10000 bytes/);
  await rejectsCode(fetchMetadata(`${base}/md/unconditional-304`, store, mdOptions), 'lookup.http_failure', /not conditional/);
  // After a refusal the same store verifies again.
  assert.equal((await fetchMetadata(`${base}/md/aggregate`, store, mdOptions)).entities, 7);
  store.free();
});

test('fetchMetadata: a conditional request answered 304 resolves to null', async () => {
  const store = mdStore();
  let etag;
  let lastModified;
  const first = await fetchMetadata(`${base}/md/aggregate`, store, {
    ...mdOptions,
    onResponse: ({ headers }) => {
      etag = headers.get('etag');
      lastModified = headers.get('last-modified');
    },
  });
  assert.equal(first.entities, 7);
  assert.equal(etag, ETAG);
  assert.equal(await fetchMetadata(`${base}/md/aggregate`, store, { ...mdOptions, ifNoneMatch: etag }), null);
  // null is not given: an unconditional request.
  assert.equal((await fetchMetadata(`${base}/md/aggregate`, store, { ...mdOptions, ifNoneMatch: null, maxBytes: null })).entities, 7);
  // Another ETag: the document again, verified.
  const changedTag = await fetchMetadata(`${base}/md/aggregate`, store, { ...mdOptions, ifNoneMatch: '"other"', ifModifiedSince: new Date(lastModified) });
  assert.equal(changedTag.entities, 7);
  store.free();
});
