// Results cross from WebAssembly as JSON text plus values beside it (wasm/src/value.rs),
// which the wrapper decodes. Signed text that JSON must escape, or that reads like the
// decoder's own objects ({"$t": …}, {"$v": …}, {"$r": …}), must come back exactly as the
// document says it, as a string, through both entries. The expected strings are read from
// the signed file here, independently of the package.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

import * as sync from 'trustmeta';
import * as web from 'trustmeta/webcrypto';
import { repo } from './helpers.mjs';

const file = join(repo, 'tests/data/browser/signed/response-json.xml');
const xml = readFileSync(file);
const pem = readFileSync(join(repo, 'tests/data/xmldsig-gen/pki/leaf-rsa2048.pem'));
const options = {
  audience: 'https://sp.example.org/metadata',
  acs: 'https://sp.example.org/acs',
  requestId: '_req-4711',
  now: new Date('2026-06-01T10:01:00Z'),
};

/** The text of XML character data: the five entities and character references. */
function unescapeXml(s) {
  return s
    .replace(/\r\n?/g, '\n')
    .replace(/&(#x[0-9a-fA-F]+|#[0-9]+|quot|apos|lt|gt|amp);/g, (_, e) => {
      if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
      return { quot: '"', apos: "'", lt: '<', gt: '>', amp: '&' }[e];
    });
}

const text = xml.toString('utf8');
const between = (open, close, from = 0) => {
  const start = text.indexOf('>', text.indexOf(open, from)) + 1;
  return unescapeXml(text.slice(start, text.indexOf(close, start)));
};
const expectedNameId = between('<saml:NameID', '</saml:NameID>');
const values = [];
for (let at = text.indexOf('<saml:AttributeValue>'); at >= 0; at = text.indexOf('<saml:AttributeValue>', at + 1)) {
  values.push(between('<saml:AttributeValue>', '</saml:AttributeValue>', at));
}
const attributeName = unescapeXml(/<saml:Attribute Name="([^"]*)"/.exec(text)[1]);

test('the fixture holds the text this test is about', () => {
  for (const needle of ['"', '\\', '\t', '\n', '\r', '\u{1F600}', '\u2028', '{"$t":0}']) {
    assert.ok(expectedNameId.includes(needle), JSON.stringify(needle));
  }
  assert.equal(attributeName, '{"$v":0}');
  assert.deepEqual(values.length, 3);
  assert.equal(values[0], '{"$r":0}');
  assert.ok(values[1].length >= 256, 'one value long enough to be passed beside the JSON text');
});

for (const [entry, tm] of [['trustmeta', sync], ['trustmeta/webcrypto', web]]) {
  test(`${entry}: escaped and marker-like signed text comes back exactly, as strings`, async () => {
    const trust = new tm.IssuerTrust().add('https://idp.example.org/', tm.TrustStore.fromPem(pem));
    const r = await tm.verifySamlResponse(xml, trust, options);
    assert.equal(r.nameId, expectedNameId);
    assert.equal(r.attributes.length, 1);
    const [attribute] = r.attributes;
    assert.equal(attribute.name, attributeName);
    assert.deepEqual(attribute.values, values);
    for (const v of attribute.values) assert.equal(typeof v, 'string');
    // Dates are still dates, and the signed XML holds the same text.
    assert.ok(r.notOnOrAfter instanceof Date);
    assert.equal(r.notOnOrAfter.toISOString(), '2026-06-01T10:05:00.000Z');
    assert.ok(r.signatures[0].verifiedAt instanceof Date);
    // The signed XML, a long string passed beside the JSON text, holds the same text.
    const doc = await tm.verify(xml, tm.TrustStore.fromPem(pem), { now: options.now });
    assert.equal(typeof doc.signedXml[0], 'string');
    assert.ok(doc.signedXml[0].includes('<saml:AttributeValue>{"$r":0}</saml:AttributeValue>'));
  });
}
