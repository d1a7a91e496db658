// ReplayCache.fromCallback through the built package: a replay cache kept by a
// JavaScript function, answering as Python's check_and_insert objects and C's callbacks
// do. `true` accepts (once), `false` is a replay, and a throw or any other answer refuses
// the response as saml.replay_cache_unavailable: it fails closed.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

import { IssuerTrust, ReplayCache, TrustStore, TrustmetaError, errorCodes, verify, verifySamlResponse } from 'trustmeta';
import { repo, sampleAt, samplePem, sampleXml } from './helpers.mjs';

const read = (p) => new Uint8Array(readFileSync(join(repo, p)));
const XML = read('tests/data/saml/signed/assertion-signed.xml');
const NOW = new Date('2026-06-01T10:01:00Z');
const trust = () => {
  const store = TrustStore.fromPem(read('tests/data/xmldsig-gen/pki/leaf-rsa2048.pem'));
  const t = IssuerTrust.anyIssuer(store);
  store.free();
  return t;
};
const response = (t, cache) =>
  verifySamlResponse(XML, t, { audience: 'https://sp.example.org/metadata', acs: 'https://sp.example.org/acs', requestId: '_req-4711', now: NOW, cache });

function throwsCode(fn, code, message) {
  assert.throws(fn, (e) => {
    assert.ok(e instanceof TrustmetaError, String(e));
    assert.equal(e.code, code, e.message);
    assert.equal(e.number, errorCodes[code]);
    if (message) assert.match(e.message, message);
    return true;
  });
}

/** A check over a Map of ID → expiry, as a relying party's workers would share it. */
function mapCheck(map) {
  return (id, expiresAtMs, nowMs) => {
    const until = map.get(id);
    if (until !== undefined && until > nowMs) return false;
    map.set(id, expiresAtMs);
    return true;
  };
}

test('a fresh ID is accepted and recorded; the callback gets the ID, its expiry and the time', () => {
  const calls = [];
  const cache = ReplayCache.fromCallback((...args) => {
    calls.push(args);
    return true;
  });
  const t = trust();
  const r = response(t, cache);
  assert.equal(r.assertionId, '_assert-1');
  assert.equal(calls.length, 1);
  const [id, expiresAtMs, nowMs] = calls[0];
  assert.equal(id, '_assert-1');
  assert.equal(nowMs, NOW.getTime());
  assert.ok(Number.isInteger(expiresAtMs) && expiresAtMs >= r.notOnOrAfter.getTime(), `${expiresAtMs} vs ${r.notOnOrAfter.getTime()}`);
  // The IDs are kept by the callback, not in WebAssembly memory.
  assert.equal(cache.size, 0);
  cache.free();
  t.free();
});

test('an ID the callback has seen is refused as saml.replay', () => {
  const cache = ReplayCache.fromCallback(() => false);
  throwsCode(() => response(trust(), cache), 'saml.replay');
});

test('a callback that throws refuses the response as saml.replay_cache_unavailable', () => {
  const cache = ReplayCache.fromCallback(() => {
    throw new Error('ECONNREFUSED 10.0.0.7:6379');
  });
  throwsCode(() => response(trust(), cache), 'saml.replay_cache_unavailable', /threw Error: ECONNREFUSED 10\.0\.0\.7:6379/);
  const strings = ReplayCache.fromCallback(() => {
    throw 'down';
  });
  throwsCode(() => response(trust(), strings), 'saml.replay_cache_unavailable', /threw "down"/);
});

test('an answer that is not a boolean is unavailable, never accepted', () => {
  const answers = [
    [undefined, /returned undefined, not a boolean/],
    [null, /returned null, not a boolean/],
    [1, /returned 1, not a boolean/],
    ['true', /returned string, not a boolean/],
    [{}, /returned Object, not a boolean/],
    [Promise.resolve(true), /returned Promise, not a boolean \(it must answer synchronously\)/],
  ];
  for (const [answer, message] of answers) {
    const cache = ReplayCache.fromCallback(() => answer);
    throwsCode(() => response(trust(), cache), 'saml.replay_cache_unavailable', message);
  }
  const async = ReplayCache.fromCallback(async () => true);
  throwsCode(() => response(trust(), async), 'saml.replay_cache_unavailable', /Promise/);
});

test('two verifiers sharing one Map through callbacks accept an ID once', () => {
  const shared = new Map();
  const first = { trust: trust(), cache: ReplayCache.fromCallback(mapCheck(shared)) };
  const second = { trust: trust(), cache: ReplayCache.fromCallback(mapCheck(shared)) };
  response(first.trust, first.cache);
  throwsCode(() => response(second.trust, second.cache), 'saml.replay');
  throwsCode(() => response(first.trust, first.cache), 'saml.replay');
  assert.deepEqual([...shared.keys()], ['_assert-1']);
  // A refused response does not reach the cache.
  const untouched = new Map();
  const cache = ReplayCache.fromCallback(mapCheck(untouched));
  throwsCode(() => verifySamlResponse(XML, first.trust, { audience: 'https://other.example/', acs: 'https://sp.example.org/acs', requestId: '_req-4711', now: NOW, cache }), 'saml.audience_mismatch');
  assert.equal(untouched.size, 0);
});

test('the callback may use trustmeta itself, and the cache outlives its JS object during a call', () => {
  const store = TrustStore.fromPem(samplePem);
  let cache;
  let inner;
  cache = ReplayCache.fromCallback(() => {
    // A verification from inside the check, and the cache released meanwhile.
    inner = verify(sampleXml, store, { now: sampleAt }).signerSha256;
    cache.free();
    return true;
  });
  assert.equal(response(trust(), cache).assertionId, '_assert-1');
  assert.match(inner, /^[0-9a-f]{64}$/);
  assert.throws(() => response(trust(), cache), /this ReplayCache was freed/);
  store.free();
});

test('fromCallback takes a function', () => {
  for (const bad of [undefined, null, 1, { checkAndInsert: () => true }]) {
    assert.throws(() => ReplayCache.fromCallback(bad), (e) => e instanceof TypeError && /`checkAndInsert` must be a function/.test(e.message));
  }
});
