// The example page (examples/browser/) in Debian's headless Chromium, driven by
// playwright-core, as an application ships it: the page copied into a fresh project that
// installed the packed npm tarball, its import map pointing into node_modules. A person's steps — pick the signed file and the certificate, set the
// time, press Verify — then the verdict read from the page. Screenshots go to
// target/artifacts/browser-{verified,rejected}.png.
//
// Needs /usr/bin/chromium (scripts/test-wasm.sh installs it). Without it the test is
// skipped, unless TRUSTMETA_REQUIRE_BROWSER=1 (set by scripts/test-wasm.sh) makes that a failure.
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { startServer } from '../../examples/browser/serve.mjs';
import { installPackedTarball, repo, sampleSha256, shared, tamperedSample } from './helpers.mjs';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const required = process.env.TRUSTMETA_REQUIRE_BROWSER === '1';
const missing = !existsSync(CHROMIUM);
if (missing && required) throw new Error(`${CHROMIUM} is missing (apt-get install chromium)`);

const artifacts = join(repo, 'target', 'artifacts');
const sampleXml = join(repo, 'tests/data/sample/smp-signed.xml');
const samplePem = join(repo, 'tests/data/sample/signer.pem');
// Inside the served repository, so that the page can also fetch the test data.
const appRoot = join(repo, 'target', 'npm-browser-app');
const appPath = '/target/npm-browser-app/app/';

/** `bytes` with the byte at the first `marker` changed to `to`. */
function changedByte(bytes, marker, to) {
  const out = Buffer.from(bytes);
  const at = out.indexOf(marker);
  if (at < 0) throw new Error(`${marker} not found`);
  out[at] = to.charCodeAt(0);
  return out;
}

/** A fresh project with the packed tarball installed and the example page copied in. */
function installPage() {
  rmSync(appRoot, { recursive: true, force: true });
  mkdirSync(appRoot, { recursive: true });
  const { project } = installPackedTarball(appRoot);
  const page = join(repo, 'examples', 'browser');
  for (const file of ['app.js', 'style.css']) copyFileSync(join(page, file), join(project, file));
  const html = readFileSync(join(page, 'index.html'), 'utf8');
  const map = '{ "imports": { "trustmeta": "../../wasm/pkg/index.js" } }';
  if (!html.includes(map)) throw new Error('examples/browser/index.html: import map changed');
  writeFileSync(join(project, 'index.html'), html.replace(map, '{ "imports": { "trustmeta": "./node_modules/trustmeta/index.js" } }'));
}

describe('example page in headless Chromium', { skip: missing && `${CHROMIUM} not installed` }, () => {
  let browser;
  let server;
  let page;
  let scratch;
  const pageErrors = [];
  const requested = [];

  before(async () => {
    const { chromium } = await import('playwright-core');
    installPage();
    server = await startServer({ root: repo });
    scratch = mkdtempSync(join(tmpdir(), 'trustmeta-browser-'));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = await browser.newPage({ viewport: { width: 1000, height: 1100 } });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && pageErrors.push(m.text()));
    page.on('request', (r) => requested.push(new URL(r.url()).pathname));
    await page.goto(`${server.url}${appPath}`);
    // app.js sets this once `await init()` has loaded the WebAssembly module.
    await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
    mkdirSync(artifacts, { recursive: true });
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  async function verifyInPage(xmlPath) {
    await page.setInputFiles('#xml-file', xmlPath);
    await page.setInputFiles('#trust-file', samplePem);
    await page.fill('#at', '2026-06-01T00:00:00Z');
    const run = Number((await page.getAttribute('#verdict', 'data-run')) ?? 0);
    await page.click('#verify');
    await page.waitForFunction((n) => Number(document.getElementById('verdict').dataset.run) > n, run);
    return page.evaluate(() => ({
      state: document.getElementById('verdict').dataset.state,
      title: document.getElementById('verdict-title').textContent,
      detail: document.getElementById('verdict-detail').textContent,
      sha256: document.getElementById('signer-sha256').textContent,
      signed: document.getElementById('signed-xml').textContent,
      reportHidden: document.getElementById('report').hidden,
    }));
  }

  test('the module was served as application/wasm and loaded', async () => {
    const wasm = `${appPath}node_modules/trustmeta/trustmeta_wasm_bg.wasm`;
    const type = await page.evaluate(async (url) => (await fetch(url, { method: 'HEAD' })).headers.get('content-type'), wasm);
    assert.equal(type, 'application/wasm');
    // Loaded from the installed tarball, never from the build tree.
    assert.ok(requested.includes(wasm), requested.join(' '));
    assert.ok(!requested.some((p) => p.startsWith('/wasm/')), requested.join(' '));
    assert.match(await page.textContent('#version'), /^\d+\.\d+\.\d+/);
  });

  test('the signed sample verifies, showing the signer and the signed content', async () => {
    const shown = await verifyInPage(sampleXml);
    await page.screenshot({ path: join(artifacts, 'browser-verified.png'), fullPage: true });
    assert.equal(shown.state, 'verified', `${shown.title} ${shown.detail}`);
    assert.match(shown.title, /Verified/);
    assert.equal(shown.sha256, sampleSha256);
    assert.equal(shown.reportHidden, false);
    assert.ok(shown.signed.startsWith('<SignedServiceMetadata xmlns="http://docs.oasis-open.org/bdxr/ns/SMP/2016/05">'), shown.signed.slice(0, 80));
    assert.ok(shown.signed.includes('0088:5798000000001'));
    // Shown as text, not as markup.
    assert.equal(await page.locator('#signed-xml *').count(), 0);
  });

  test('a one-byte change of the signed content is rejected with its code', async () => {
    const tampered = join(scratch, 'smp-tampered.xml');
    writeFileSync(tampered, tamperedSample());
    const shown = await verifyInPage(tampered);
    await page.screenshot({ path: join(artifacts, 'browser-rejected.png'), fullPage: true });
    assert.equal(shown.state, 'rejected', `${shown.title} ${shown.detail}`);
    assert.match(shown.title, /Rejected: dsig\.digest_mismatch/);
    assert.ok(shown.detail.length > 10);
    assert.equal(shown.reportHidden, true, 'nothing of a rejected document is shown as signed');
  });

  test('EMREX in the page: an ELMO form field verifies against its NCP from the EMREG list', async () => {
    // `trustmeta` through the page's import map: the module app.js initialized.
    const got = await page.evaluate(async () => {
      const { Emreg, TrustmetaError, decodeElmoField, verifyElmo } = await import('trustmeta');
      const fetchBytes = async (path) => new Uint8Array(await (await fetch(path)).arrayBuffer());
      const emreg = Emreg.parse(await fetchBytes('/tests/data/emrex/emreg-1.0-messy.json'));
      const now = new Date('2026-06-01T00:00:00Z');
      const field = await fetchBytes('/tests/data/emrex/signed/v1-rsa-sha256.xml.gz.b64');
      const elmo = verifyElmo(decodeElmoField(field), emreg, { ncp: 'TEST-NCP', now });
      let refused;
      try {
        verifyElmo(await fetchBytes('/tests/data/emrex/signed/tampered-learner.xml'), emreg, { ncp: 'TEST-NCP', now });
      } catch (e) {
        refused = e instanceof TrustmetaError ? e.code : String(e);
      }
      emreg.free();
      return { learner: elmo.learner, signer: elmo.signerSubject, refused };
    });
    assert.deepEqual(got.learner, { givenNames: 'Ola', familyName: 'Nordmann', birthDate: '1990-01-31', citizenship: 'NO' });
    assert.match(got.signer, /signer RSA-2048/);
    assert.equal(got.refused, 'dsig.digest_mismatch');
  });

  test('a trusted list in the page: the signed OpenNCP list verifies and maps to SMP records', async () => {
    const got = await page.evaluate(async () => {
      const { TrustStore, TrustmetaError, toSmp, verifyTsl } = await import('trustmeta');
      const fetchBytes = async (path) => new Uint8Array(await (await fetch(path)).arrayBuffer());
      const store = TrustStore.fromPem(await fetchBytes('/tests/data/tsl/signed/signer.pem'));
      const xml = await fetchBytes('/tests/data/tsl/signed/ncp-configuration-xx.xml');
      const now = new Date('2026-06-01T00:00:00Z');
      const tsl = verifyTsl(xml, store, { now });
      const records = toSmp(xml, store, { now });
      let refused;
      try {
        verifyTsl(xml, store, { now: new Date('2026-11-02T00:00:00Z') });
      } catch (e) {
        refused = e instanceof TrustmetaError ? e.code : String(e);
      }
      store.free();
      return {
        list: [tsl.territory, tsl.sequenceNumber, tsl.services.length, tsl.openncp.country],
        frozen: Object.isFrozen(tsl),
        records: records.length,
        first: records[0].fileName,
        refused,
      };
    });
    assert.deepEqual(got.list, ['XX', 7, 10, 'XX']);
    assert.equal(got.frozen, true);
    assert.equal(got.records, 8);
    assert.equal(got.first, 'VPN_Gateway_A_XX.xml');
    assert.equal(got.refused, 'tsl.expired');
  });

  test('SAML in the page: a signed response verifies once, its replay is refused', async () => {
    const got = await page.evaluate(async () => {
      const { IssuerTrust, ReplayCache, TrustStore, TrustmetaError, verifySamlResponse } = await import('trustmeta');
      const fetchBytes = async (path) => new Uint8Array(await (await fetch(path)).arrayBuffer());
      const store = TrustStore.fromPem(await fetchBytes('/tests/data/xmldsig-gen/pki/leaf-rsa2048.pem'));
      const trust = new IssuerTrust().add('https://idp.example.org/', store);
      const cache = new ReplayCache(10);
      const xml = await fetchBytes('/tests/data/saml/signed/assertion-signed.xml');
      const options = {
        audience: 'https://sp.example.org/metadata',
        acs: 'https://sp.example.org/acs',
        requestId: '_req-4711',
        now: new Date('2026-06-01T10:01:00Z'),
        cache,
      };
      const r = verifySamlResponse(xml, trust, options);
      let refused;
      try {
        verifySamlResponse(xml, trust, options);
      } catch (e) {
        refused = e instanceof TrustmetaError ? e.code : String(e);
      }
      const size = cache.size;
      for (const h of [cache, trust, store]) h.free();
      return { nameId: r.nameId, given: r.attributes[0].values[0], signedBy: r.signedBy, refused, size };
    });
    assert.deepEqual(got, { nameId: 'ross@octolabs.io', given: 'Ross', signedBy: 'assertion', refused: 'saml.replay', size: 1 });
  });

  test('the WebCrypto entry in the page: crypto.subtle checks the signatures, with the verdicts of the synchronous entry', async () => {
    const got = await page.evaluate(async () => {
      const web = await import(new URL('./node_modules/trustmeta/webcrypto/index.js', location.href).href);
      const sync = await import('trustmeta');
      await web.init();
      const fetchBytes = async (path) => new Uint8Array(await (await fetch(path)).arrayBuffer());
      const xml = await fetchBytes('/tests/data/sample/smp-signed.xml');
      const pem = await fetchBytes('/tests/data/sample/signer.pem');
      const now = new Date('2026-06-01T00:00:00Z');
      const question = {
        now,
        participant: 'iso6523-actorid-upis::0088:5798000000001',
        document: 'busdox-docid-qns::urn:oasis:names:specification:ubl:schema:xsd:Invoice-2::Invoice##urn:cen.eu:en16931:2017::2.1',
      };
      const store = web.TrustStore.fromPem(pem);
      const syncStore = sync.TrustStore.fromPem(pem);
      const code = async (p) => {
        try {
          await p;
          return 'accepted';
        } catch (e) {
          return e instanceof web.TrustmetaError ? e.code : String(e);
        }
      };
      const doc = await web.verify(xml, store, { now });
      const record = await web.verifySmp(xml, store, question);
      const same = JSON.stringify(record) === JSON.stringify(sync.verifySmp(xml, syncStore, question));
      const tampered = xml.slice();
      const at = new TextDecoder('latin1').decode(xml).indexOf('0088:5798000000001') + 17;
      tampered[at] = '2'.charCodeAt(0);
      const badSig = xml.slice();
      const sv = new TextDecoder('latin1').decode(xml).indexOf('SignatureValue>') + 15;
      badSig[sv] = badSig[sv] === 65 ? 66 : 65;
      // SAML with a replay cache: recorded once, on the final pass.
      const idp = web.TrustStore.fromPem(await fetchBytes('/tests/data/xmldsig-gen/pki/leaf-rsa2048.pem'));
      const trust = new web.IssuerTrust().add('https://idp.example.org/', idp);
      const cache = new web.ReplayCache(10);
      const saml = await fetchBytes('/tests/data/saml/signed/assertion-signed.xml');
      const options = { audience: 'https://sp.example.org/metadata', acs: 'https://sp.example.org/acs', requestId: '_req-4711', now: new Date('2026-06-01T10:01:00Z'), cache };
      const r = await web.verifySamlResponse(saml, trust, options);
      const replay = await code(web.verifySamlResponse(saml, trust, options));
      // Median of batches, the synchronous entry and the WebCrypto entry in one page.
      const median = async (fn) => {
        for (let i = 0; i < 30; i++) await fn();
        const times = [];
        for (let b = 0; b < 7; b++) {
          const t = performance.now();
          for (let i = 0; i < 40; i++) await fn();
          times.push(((performance.now() - t) * 1000) / 40);
        }
        return times.sort((a, b) => a - b)[3];
      };
      const portableUs = await median(() => sync.verifySmp(xml, syncStore, question));
      const webcryptoUs = await median(() => web.verifySmp(xml, store, question));
      return {
        sha: doc.signerSha256,
        endpoints: record.endpoints.length,
        same,
        tampered: await code(web.verify(tampered, store, { now })),
        badSig: await code(web.verify(badSig, store, { now })),
        nameId: r.nameId,
        replay,
        size: cache.size,
        portableUs,
        webcryptoUs,
      };
    });
    console.log(`chromium: smp-signed.xml verifySmp median trustmeta-wasm ${got.portableUs.toFixed(1)} us, trustmeta-wasm-webcrypto ${got.webcryptoUs.toFixed(1)} us`);
    const { portableUs, webcryptoUs, ...verdicts } = got;
    assert.ok(portableUs > 0 && webcryptoUs > 0);
    assert.deepEqual(verdicts, {
      sha: sampleSha256,
      endpoints: 1,
      same: true,
      tampered: 'dsig.digest_mismatch',
      badSig: 'crypto.bad_signature',
      nameId: 'ross@octolabs.io',
      replay: 'saml.replay',
      size: 1,
    });
  });

  test('encrypted SAML in the page: an eIDAS vector decrypts by ECDH-ES on brainpoolP256r1', async () => {
    // The shared vectors lie outside what the server serves: the page gets their bytes.
    const eidas = join(shared, 'vectors/eidas/encryption');
    const xml = readFileSync(join(eidas, 'responses/saml_ec_Brainpool_kw-aes256_encrypted_response.xml')).toString('base64');
    const key = readFileSync(join(eidas, 'keys/test-ec.key.pem'), 'utf8');
    const got = await page.evaluate(
      async ({ xml, key }) => {
        const { DecryptionKeys, TrustmetaError, decryptSamlAssertion } = await import('trustmeta');
        const bytes = Uint8Array.from(atob(xml), (c) => c.charCodeAt(0));
        const keys = DecryptionKeys.fromPem(key);
        const a = decryptSamlAssertion(bytes, keys);
        const none = new DecryptionKeys();
        let refused;
        try {
          decryptSamlAssertion(bytes, none);
        } catch (e) {
          refused = e instanceof TrustmetaError ? e.code : String(e);
        }
        const size = keys.size;
        for (const h of [keys, none]) h.free();
        return { decrypted: { ...a.decrypted }, nameId: /NameID[^>]*>([^<]*)</.exec(a.xml)?.[1], size, refused };
      },
      { xml, key },
    );
    assert.equal(got.decrypted.element, 'EncryptedAssertion');
    assert.equal(got.decrypted.keyAlgorithm, 'ecdh-es+kw-aes256');
    assert.match(got.decrypted.contentAlgorithm, /^aes(128|192|256)-gcm$/);
    assert.equal(got.decrypted.legacy, false);
    assert.deepEqual([got.nameId, got.size, got.refused], ['0123456', 1, 'xmlenc.no_matching_key']);
  });

  test('SAML metadata in the page: the aggregate verifies in memory and from a fetch body stream, and its result looks an entity up', async () => {
    const got = await page.evaluate(async () => {
      const { MetadataStreamVerifier, TrustStore, TrustmetaError, verifyMetadata } = await import('trustmeta');
      const path = '/tests/data/metadata/signed/aggregate.xml';
      const store = TrustStore.fromPem(await (await fetch('/tests/data/metadata/signed/signer.pem')).text());
      const now = new Date('2026-06-01T00:00:00Z');
      const xml = new Uint8Array(await (await fetch(path)).arrayBuffer());
      const s = verifyMetadata(xml, store, { now, profile: 'etoegang' });
      // The response body, chunk by chunk as the network delivers it.
      const stream = new MetadataStreamVerifier(store, { now, profile: 'etoegang' });
      const reader = (await fetch(path)).body.getReader();
      for (let r = await reader.read(); !r.done; r = await reader.read()) stream.feed(r.value);
      const streamed = stream.finish();
      let notHeld;
      try {
        streamed.findEntity('urn:etoegang:AD:00000001000000000000:entities:1');
      } catch (e) {
        notHeld = e instanceof TrustmetaError ? e.code : String(e);
      }
      const eb = s.findEntity('urn:etoegang:IS:00000004000000000000:entities:eidas-berichtenservice');
      const ad = s.findEntity('urn:etoegang:AD:00000001000000000000:entities:1');
      const tampered = xml.slice();
      tampered[new TextDecoder().decode(xml).indexOf('https://idp.example.nl/sso')] = 'H'.charCodeAt(0);
      let refused;
      try {
        verifyMetadata(tampered, store, { now });
      } catch (e) {
        refused = e instanceof TrustmetaError ? e.code : String(e);
      }
      store.free();
      return {
        summary: [s.name, s.etoegang.sequence, s.entities, s.groups.length, s.expires.toISOString(), s.streamed],
        streamed: [streamed.streamed, streamed.id, streamed.etoegang.sequence, streamed.signerSha256 === s.signerSha256, JSON.stringify(streamed.entityIds()) === JSON.stringify(s.entityIds()), notHeld],
        eb: [eb.group, eb.etoegangRole, [...eb.validatedAs], eb.offeredForAdSelection, eb.roles[0], eb.endpoints[0].location],
        ad: [ad.etoegangRole, [...ad.validatedAs], ad.signingCertificates[0] instanceof Uint8Array, ad.signingCertificates[0].length, ad.displayNames[0].text],
        ids: s.entityIds().length,
        refused,
      };
    });
    assert.deepEqual(got.summary, ['urn:etoegang:1.13:metadata:P:36', 36, 7, 6, '2026-06-08T00:00:00.000Z', false]);
    assert.deepEqual(got.streamed, [true, '_agg-36', 36, true, true, 'metadata.not_held']);
    assert.deepEqual(got.eb, ['urn:etoegang:role:Interstelseldiensten', 'EB', ['EB', 'AD', 'MR'], false, 'IDPSSODescriptor', 'https://idp.example.nl/sso']);
    const p256 = new X509Certificate(readFileSync(join(repo, 'tests/data/xmldsig-gen/pki/leaf-p256.pem'))).raw.length;
    assert.deepEqual(got.ad, ['AD', ['AD'], true, p256, 'urn:etoegang:AD:00000001000000000000:entities:1 & co']);
    assert.equal(got.ids, 7);
    assert.equal(got.refused, 'dsig.digest_mismatch');
  });

  test('fetch in the page: fetchSmp and fetchMetadata verify what the server sends, a callback replay cache accepts once', async () => {
    // Served from the same origin as the page: the tampered copy beside the installed app.
    writeFileSync(join(appRoot, 'smp-tampered.xml'), changedByte(readFileSync(join(repo, 'tests/data/smp/signed/smp1-exc.xml')), 'https://ap.example.org/as4', 'H'));
    const got = await page.evaluate(async () => {
      const { IssuerTrust, ReplayCache, TrustStore, TrustmetaError, fetchMetadata, fetchSmp, verifyMetadata, verifySamlResponse, verifySmp } = await import('trustmeta');
      const fetchBytes = async (path) => new Uint8Array(await (await fetch(path)).arrayBuffer());
      const code = async (promise) => {
        try {
          await promise;
          return 'accepted';
        } catch (e) {
          return e instanceof TrustmetaError ? e.code : String(e);
        }
      };
      const now = new Date('2026-06-01T00:00:00Z');
      const question = {
        participant: 'iso6523-actorid-upis::0088:5798000000001',
        document: 'busdox-docid-qns::urn:oasis:names:specification:ubl:schema:xsd:Invoice-2::Invoice##urn:cen.eu:en16931:2017::2.1',
        now,
      };
      const smpStore = TrustStore.fromPem(await fetchBytes('/tests/data/xmldsig-gen/pki/root.pem'));
      // A URL relative to the page.
      const fetched = await fetchSmp('/tests/data/smp/signed/smp1-exc.xml', smpStore, question);
      const direct = verifySmp(await fetchBytes('/tests/data/smp/signed/smp1-exc.xml'), smpStore, question);
      const tampered = await code(fetchSmp('/target/npm-browser-app/smp-tampered.xml', smpStore, question));
      const tooLarge = await code(fetchSmp('/tests/data/smp/signed/smp1-exc.xml', smpStore, { ...question, maxBytes: 64 }));

      const mdStore = TrustStore.fromPem(await fetchBytes('/tests/data/metadata/signed/signer.pem'));
      const md = await fetchMetadata('/tests/data/metadata/signed/aggregate.xml', mdStore, { now, profile: 'etoegang' });
      const mem = verifyMetadata(await fetchBytes('/tests/data/metadata/signed/aggregate.xml'), mdStore, { now, profile: 'etoegang' });

      const seen = new Map();
      const check = (id, expiresAtMs, nowMs) => {
        if ((seen.get(id) ?? 0) > nowMs) return false;
        seen.set(id, expiresAtMs);
        return true;
      };
      const idp = TrustStore.fromPem(await fetchBytes('/tests/data/xmldsig-gen/pki/leaf-rsa2048.pem'));
      const trust = IssuerTrust.anyIssuer(idp);
      const xml = await fetchBytes('/tests/data/saml/signed/assertion-signed.xml');
      const verifyWith = (cache) =>
        code((async () => verifySamlResponse(xml, trust, { audience: 'https://sp.example.org/metadata', acs: 'https://sp.example.org/acs', requestId: '_req-4711', now: new Date('2026-06-01T10:01:00Z'), cache }))());
      const replay = [await verifyWith(ReplayCache.fromCallback(check)), await verifyWith(ReplayCache.fromCallback(check)), await verifyWith(ReplayCache.fromCallback(() => 'yes'))];
      for (const h of [smpStore, mdStore, idp, trust]) h.free();
      return {
        same: JSON.stringify(fetched) === JSON.stringify(direct),
        uri: fetched.endpoints[0].uri,
        tampered,
        tooLarge,
        md: [md.streamed, md.entities, md.etoegang.sequence, md.signerSha256 === mem.signerSha256, JSON.stringify(md.entityIds()) === JSON.stringify(mem.entityIds())],
        replay,
      };
    });
    assert.deepEqual(got, {
      same: true,
      uri: 'https://ap.example.org/as4',
      tampered: 'dsig.digest_mismatch',
      tooLarge: 'lookup.http_failure',
      md: [true, 7, 36, true, true],
      replay: ['accepted', 'saml.replay', 'saml.replay_cache_unavailable'],
    });
  });

  test('the page logged no errors', () => {
    assert.deepEqual(pageErrors, []);
  });
});
