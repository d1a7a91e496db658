// The example page (examples/browser/) in Debian's headless Chromium, driven by
// playwright-core, as an application ships it: the page copied into a fresh project that
// installed the packed npm tarball, its import map pointing into node_modules. A person's
// steps — drop, choose or paste the signed document, give the certificates, set the time,
// press Verify — then the verdict and the fields read from the page: an SMP record, a SAML
// response pasted as its form value, a metadata aggregate streamed from a fetch body and
// from a file, refusals, and signed content that is markup shown as text. Screenshots go
// to target/artifacts/browser-*.png. The package's other operations are then called
// inside the same page.
//
// Needs /usr/bin/chromium (scripts/test-wasm.sh installs it). Without it the test is
// skipped, unless TRUSTMETA_REQUIRE_BROWSER=1 (set by scripts/test-wasm.sh) makes that a failure.
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { startServer } from '../../examples/browser/serve.mjs';
import { installPackedTarball, repo, resolvePath, sampleSha256, shared, tamperedSample } from './helpers.mjs';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const required = process.env.TRUSTMETA_REQUIRE_BROWSER === '1';
const missing = !existsSync(CHROMIUM);
if (missing && required) throw new Error(`${CHROMIUM} is missing (apt-get install chromium)`);

const artifacts = join(repo, 'target', 'artifacts');
const sampleXml = join(repo, 'tests/data/sample/smp-signed.xml');
const samplePem = join(repo, 'tests/data/sample/signer.pem');
const idpPem = join(repo, 'tests/data/xmldsig-gen/pki/leaf-rsa2048.pem');
const samlResponse = join(repo, 'tests/data/saml/signed/response-signed.xml');
const aggregate = join(repo, 'tests/data/metadata/signed/aggregate.xml');
const aggregatePem = join(repo, 'tests/data/metadata/signed/signer.pem');
const SAML_AT = '2026-06-01T10:01:00Z';
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
  for (const file of readdirSync(page)) {
    if (/\.(js|css)$/.test(file)) copyFileSync(join(page, file), join(project, file));
  }
  const html = readFileSync(join(page, 'index.html'), 'utf8');
  const build = '"../../wasm/pkg/';
  if (html.split(build).length !== 3) throw new Error('examples/browser/index.html: import map changed');
  writeFileSync(join(project, 'index.html'), html.replaceAll(build, '"./node_modules/trustmeta/'));
}

describe('example page in headless Chromium', { skip: missing && `${CHROMIUM} not installed` }, () => {
  let browser;
  let server;
  let page;
  let scratch;
  const pageErrors = [];
  const requested = [];

  async function openPage(query = '') {
    const p = await browser.newPage({ viewport: { width: 1000, height: 1100 } });
    p.on('pageerror', (e) => pageErrors.push(e.message));
    p.on('console', (m) => m.type() === 'error' && pageErrors.push(m.text()));
    p.on('request', (r) => requested.push(new URL(r.url()).pathname));
    await p.goto(`${server.url}${appPath}${query}`);
    // app.js sets this once `await init()` has loaded the WebAssembly module.
    await p.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
    return p;
  }

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
    page = await openPage();
    mkdirSync(artifacts, { recursive: true });
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  /** What the page shows after the person's steps `fill` and a press of Verify. */
  async function verifyInPage(fill, p = page) {
    // Back to an empty form, as the page's own events would leave it.
    await p.setInputFiles('#trust-file', []);
    await p.evaluate(() => {
      for (const id of ['xml-text', 'xml-url', 'trust-text', 'participant', 'document', 'audience', 'acs', 'request-id']) {
        const input = document.getElementById(id);
        input.value = '';
        input.dispatchEvent(new Event('input'));
      }
      for (const [id, value] of [['kind', 'auto'], ['metadata-profile', 'generic'], ['saml-profile', 'generic']]) {
        document.getElementById(id).value = value;
        document.getElementById(id).dispatchEvent(new Event('change'));
      }
    });
    await fill(p);
    const run = Number((await p.getAttribute('#verdict', 'data-run')) ?? 0);
    await p.click('#verify');
    await p.waitForFunction((n) => Number(document.getElementById('verdict').dataset.run) > n, run);
    return p.evaluate(() => {
      const value = (id) => document.getElementById(id).textContent;
      const fields = {};
      for (const dd of document.querySelectorAll('#family dd[data-field]')) fields[dd.dataset.field] = dd.textContent;
      const rows = (id) => [...document.querySelectorAll(`#${id} tbody tr`)].map((tr) => [...tr.cells].map((c) => c.textContent));
      return {
        state: document.getElementById('verdict').dataset.state,
        title: value('verdict-title'),
        detail: value('verdict-detail'),
        subject: value('signer-subject'),
        sha256: value('signer-sha256'),
        family: value('family-title'),
        fields,
        tables: Object.fromEntries([...document.querySelectorAll('#family table')].map((t) => [t.id, rows(t.id)])),
        signed: value('signed-xml'),
        signedNote: value('signed-note'),
        reportHidden: document.getElementById('report').hidden,
        docInfo: value('doc-info'),
      };
    });
  }

  /** Drops files (or text) on the drop zone `zone` as a person dragging them would. */
  async function drop(zone, files, p = page) {
    const payload = files.map((f) => ({ name: f.name, b64: Buffer.from(f.bytes).toString('base64') }));
    const dataTransfer = await p.evaluateHandle((items) => {
      const dt = new DataTransfer();
      for (const { name, b64 } of items) dt.items.add(new File([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], name));
      return dt;
    }, payload);
    await p.dispatchEvent(zone, 'dragover', { dataTransfer });
    await p.dispatchEvent(zone, 'drop', { dataTransfer });
  }

  const file = (path, name = path.split('/').pop()) => ({ name, bytes: readFileSync(path) });

  test('the module was served as application/wasm and loaded', async () => {
    const wasm = `${appPath}node_modules/trustmeta/webcrypto/trustmeta_wasm_bg.wasm`;
    const type = await page.evaluate(async (url) => (await fetch(url, { method: 'HEAD' })).headers.get('content-type'), wasm);
    assert.equal(type, 'application/wasm');
    // Loaded from the installed tarball, never from the build tree; the synchronous
    // entry's module only once something is streamed.
    assert.ok(requested.includes(wasm), requested.join(' '));
    assert.ok(!requested.some((p) => p.startsWith('/wasm/')), requested.join(' '));
    assert.ok(!requested.includes(`${appPath}node_modules/trustmeta/trustmeta_wasm_bg.wasm`), requested.join(' '));
    assert.match(await page.textContent('#version'), /^\d+\.\d+\.\d+/);
  });

  test('an SMP record verifies: its signer, endpoint and signed content, the question taken from the record', async () => {
    const shown = await verifyInPage(async (p) => {
      await p.setInputFiles('#xml-file', sampleXml);
      await p.setInputFiles('#trust-file', samplePem);
      await p.fill('#at', '2026-06-01T00:00:00Z');
    });
    await page.screenshot({ path: join(artifacts, 'browser-verified.png'), fullPage: true });
    assert.equal(shown.state, 'verified', `${shown.title} ${shown.detail}`);
    assert.match(shown.title, /Verified/);
    assert.equal(shown.docInfo, `smp-signed.xml: ${(readFileSync(sampleXml).length / 1024).toFixed(1)} KB, <SignedServiceMetadata> → SMP record`);
    assert.equal(shown.sha256, sampleSha256);
    assert.equal(shown.reportHidden, false);
    assert.equal(shown.family, 'SMP record');
    assert.equal(shown.fields.participant, 'iso6523-actorid-upis::0088:5798000000001');
    assert.match(shown.fields.document, /^busdox-docid-qns::urn:oasis:names:specification:ubl:schema:xsd:Invoice-2::Invoice##/);
    assert.equal(shown.tables['smp-endpoints'].length, 1);
    assert.match(shown.tables['smp-endpoints'][0][1], /^https:\/\//);
    assert.ok(shown.signed.startsWith('<SignedServiceMetadata xmlns="http://docs.oasis-open.org/bdxr/ns/SMP/2016/05">'), shown.signed.slice(0, 80));
    assert.ok(shown.signed.includes('0088:5798000000001'));
    // Shown as text, not as markup.
    assert.equal(await page.locator('#signed-xml *').count(), 0);
  });

  test('a one-byte change of the signed content is rejected with its code, and nothing of the last verdict stays', async () => {
    const tampered = join(scratch, 'smp-tampered.xml');
    writeFileSync(tampered, tamperedSample());
    const shown = await verifyInPage(async (p) => {
      await p.setInputFiles('#xml-file', tampered);
      await p.setInputFiles('#trust-file', samplePem);
      await p.fill('#participant', 'iso6523-actorid-upis::0088:5798000000001');
      await p.fill('#document', 'busdox-docid-qns::urn:oasis:names:specification:ubl:schema:xsd:Invoice-2::Invoice##urn:cen.eu:en16931:2017::2.1');
    });
    await page.screenshot({ path: join(artifacts, 'browser-rejected.png'), fullPage: true });
    assert.equal(shown.state, 'rejected', `${shown.title} ${shown.detail}`);
    assert.match(shown.title, /Rejected: dsig\.digest_mismatch/);
    assert.ok(shown.detail.length > 10);
    assert.equal(shown.reportHidden, true, 'nothing of a rejected document is shown as signed');
    assert.equal(await page.isVisible('#report'), false);
  });

  test('a SAML response pasted as its base64 form value verifies for the audience taken from it', async () => {
    const shown = await verifyInPage(async (p) => {
      await p.fill('#xml-text', readFileSync(samlResponse).toString('base64').replace(/.{76}/g, '$&\n'));
      await drop('#trust-drop', [file(idpPem, 'idp.pem')], p);
      await p.click('#saml-fill');
      await p.waitForFunction(() => document.getElementById('acs').value !== '');
      await p.fill('#request-id', '_req-4711');
      await p.fill('#at', SAML_AT);
    });
    await page.screenshot({ path: join(artifacts, 'browser-saml.png'), fullPage: true });
    assert.equal(shown.state, 'verified', `${shown.title} ${shown.detail}`);
    assert.equal(shown.docInfo, 'Pasted base64 form value: <Response> → SAML response');
    assert.equal(await page.inputValue('#audience'), 'https://sp.example.org/metadata');
    assert.equal(await page.inputValue('#acs'), 'https://sp.example.org/acs');
    assert.equal(shown.family, 'SAML response');
    assert.equal(shown.fields.issuer, 'https://idp.example.org/');
    assert.equal(shown.fields.nameId, 'ross@octolabs.io');
    assert.match(shown.fields.signedBy, /^the response \(1 signature\)$/);
    assert.deepEqual(shown.tables['saml-attributes'][0], ['givenName (urn:oid:2.5.4.42)', 'Ross', '—']);
    assert.equal(shown.sha256, new X509Certificate(readFileSync(idpPem)).fingerprint256.replaceAll(':', '').toLowerCase());
    assert.ok(shown.signed.startsWith('<samlp:Response '), shown.signed.slice(0, 40));
  });

  test('a SAML response for another audience, or without the request it answers, is refused', async () => {
    const asked = async (audience, requestId) =>
      verifyInPage(async (p) => {
        await p.setInputFiles('#xml-file', samlResponse);
        await p.setInputFiles('#trust-file', idpPem);
        await p.fill('#audience', audience);
        await p.fill('#acs', 'https://sp.example.org/acs');
        await p.fill('#request-id', requestId);
        await p.fill('#at', SAML_AT);
      });
    const other = await asked('https://other-sp.example.org/metadata', '_req-4711');
    assert.equal(other.state, 'rejected', `${other.title} ${other.detail}`);
    assert.match(other.title, /Rejected: saml\.audience_mismatch/);
    assert.equal(other.reportHidden, true);
    const unsolicited = await asked('https://sp.example.org/metadata', '');
    assert.match(unsolicited.title, /Rejected: saml\.in_response_to_mismatch/);
    // The audience is a question the person must answer: it is never assumed.
    const none = await asked('', '_req-4711');
    assert.equal(none.state, 'error');
    assert.match(none.detail, /entity ID/);
  });

  test('a document verified as another family than it is, is refused by that family', async () => {
    const shown = await verifyInPage(async (p) => {
      await p.setInputFiles('#xml-file', samlResponse);
      await p.setInputFiles('#trust-file', idpPem);
      await p.selectOption('#kind', 'smp');
      await p.fill('#participant', 'iso6523-actorid-upis::0088:5798000000001');
      await p.fill('#document', 'busdox-docid-qns::x');
      await p.fill('#at', SAML_AT);
    });
    assert.equal(shown.state, 'rejected', `${shown.title} ${shown.detail}`);
    assert.match(shown.title, /Rejected: smp\./);
  });

  test('a STORK AuthnRequest verifies with its requested attributes; an unsigned service group is refused, never shown', async () => {
    const request = await verifyInPage(async (p) => {
      await drop('#doc-drop', [file(join(repo, 'tests/data/saml/signed/stork-request.xml'))], p);
      await p.setInputFiles('#trust-file', idpPem);
      await p.selectOption('#saml-profile', 'stork');
      await p.fill('#at', SAML_AT);
    });
    assert.equal(request.state, 'verified', `${request.title} ${request.detail}`);
    assert.match(request.docInfo, /<AuthnRequest> → SAML AuthnRequest$/);
    assert.equal(request.family, 'SAML AuthnRequest');
    assert.deepEqual([request.fields.id, request.fields.issuer, request.fields.storkQaa], ['_stork-req-1', 'https://sp.example.org/metadata', '3']);
    assert.equal(request.tables['saml-requested'].length, 2);
    assert.ok(request.signed.startsWith('<saml2p:AuthnRequest '), request.signed.slice(0, 40));

    const group = await verifyInPage(async (p) => {
      await p.setInputFiles('#xml-file', join(repo, 'tests/data/smp/signed/servicegroup-unsigned.xml'));
      await p.setInputFiles('#trust-file', join(repo, 'tests/data/xmldsig-gen/pki/root.pem'));
      await p.fill('#at', '2026-06-01T00:00:00Z');
    });
    assert.match(group.docInfo, /<ServiceGroup> → SMP service group$/);
    assert.equal(group.state, 'rejected', `${group.title} ${group.detail}`);
    assert.match(group.title, /Rejected: dsig\.missing_signature/);
    assert.equal(group.reportHidden, true);
  });

  test('a metadata aggregate streamed from a fetch body verifies, entity by entity listed; a changed copy is refused', async () => {
    const url = '/tests/data/metadata/signed/aggregate.xml';
    const shown = await verifyInPage(async (p) => {
      await p.fill('#xml-url', url);
      await p.setInputFiles('#trust-file', aggregatePem);
      await p.selectOption('#metadata-profile', 'etoegang');
      await p.fill('#at', '2026-06-01T00:00:00Z');
    });
    await page.screenshot({ path: join(artifacts, 'browser-metadata-streamed.png'), fullPage: true });
    assert.equal(shown.state, 'verified', `${shown.title} ${shown.detail}`);
    assert.equal(shown.family, 'SAML metadata');
    assert.equal(shown.fields.name, 'urn:etoegang:1.13:metadata:P:36');
    assert.equal(shown.fields.entities, '7');
    assert.equal(shown.fields.etoegang, 'version 1.13, production, sequence 36');
    assert.equal(shown.fields.expires, '2026-06-08T00:00:00Z');
    assert.match(shown.fields.streamed, /^streamed/);
    const entities = shown.tables['metadata-entities'];
    assert.equal(entities.length, 7);
    assert.deepEqual(entities[0].slice(0, 2), ['urn:etoegang:AD:00000001000000000000:entities:1', 'urn:etoegang:role:Authenticatiediensten']);
    assert.equal(shown.signed, '');
    const size = readFileSync(aggregate).length;
    assert.match(shown.signedNote, new RegExp(`^Verified while it streamed \\(${(size / 1024).toFixed(1)} KB in \\d+ pieces?\\)`));
    // The synchronous entry's module came only now, for the stream.
    assert.ok(requested.includes(`${appPath}node_modules/trustmeta/trustmeta_wasm_bg.wasm`));

    writeFileSync(join(appRoot, 'aggregate-tampered.xml'), changedByte(readFileSync(aggregate), 'https://idp.example.nl/sso', 'H'));
    const refused = await verifyInPage(async (p) => {
      await p.fill('#xml-url', '/target/npm-browser-app/aggregate-tampered.xml');
      await p.setInputFiles('#trust-file', aggregatePem);
      await p.fill('#at', '2026-06-01T00:00:00Z');
    });
    assert.equal(refused.state, 'rejected', `${refused.title} ${refused.detail}`);
    assert.match(refused.title, /Rejected: dsig\.digest_mismatch/);
    assert.equal(refused.reportHidden, true);
  });

  test('a metadata file dropped on the page is read whole and its entities looked up; with ?stream=always it is streamed from the file', async () => {
    const whole = await verifyInPage(async (p) => {
      await drop('#doc-drop', [file(aggregate)], p);
      await p.setInputFiles('#trust-file', aggregatePem);
      await p.fill('#at', '2026-06-01T00:00:00Z');
    });
    assert.equal(whole.state, 'verified', `${whole.title} ${whole.detail}`);
    assert.match(whole.docInfo, /^aggregate\.xml: .* <EntitiesDescriptor> → SAML metadata$/);
    assert.equal(whole.fields.streamed, 'whole, in memory');
    const eb = whole.tables['metadata-entities'].find((row) => row[0].includes('eidas-berichtenservice'));
    assert.deepEqual(eb, ['urn:etoegang:IS:00000004000000000000:entities:eidas-berichtenservice', 'urn:etoegang:role:Interstelseldiensten', 'IDPSSODescriptor', 'urn:etoegang:IS:00000004000000000000:entities:eidas-berichtenservice & co']);
    assert.ok(whole.signed.startsWith('<md:EntitiesDescriptor '), whole.signed.slice(0, 40));

    const streaming = await openPage('?stream=always');
    try {
      const streamed = await verifyInPage(async (p) => {
        await drop('#doc-drop', [file(aggregate)], p);
        await p.setInputFiles('#trust-file', aggregatePem);
        await p.fill('#at', '2026-06-01T00:00:00Z');
      }, streaming);
      assert.equal(streamed.state, 'verified', `${streamed.title} ${streamed.detail}`);
      assert.match(streamed.docInfo, /→ SAML metadata, streamed$/);
      assert.match(streamed.fields.streamed, /^streamed/);
      assert.deepEqual(streamed.tables['metadata-entities'].map((r) => r[0]), whole.tables['metadata-entities'].map((r) => r[0]));
      assert.deepEqual(streamed.tables['metadata-entities'][0].slice(2), ['—', '—']);
    } finally {
      await streaming.close();
    }
  });

  test('signed content that is markup is shown as text, never run', async () => {
    const markupResponse = join(repo, 'tests/data/browser/signed/response-markup.xml');
    const markupAggregate = join(repo, 'tests/data/browser/signed/aggregate-markup.xml');
    const saml = await verifyInPage(async (p) => {
      await p.setInputFiles('#xml-file', markupResponse);
      await p.fill('#trust-text', readFileSync(idpPem, 'utf8'));
      await p.fill('#audience', 'https://sp.example.org/metadata');
      await p.fill('#acs', 'https://sp.example.org/acs');
      await p.fill('#request-id', '_req-4711');
      await p.fill('#at', SAML_AT);
    });
    assert.equal(saml.state, 'verified', `${saml.title} ${saml.detail}`);
    assert.equal(saml.fields.nameId, '<img src=x onerror="window.__pwned=1">');
    assert.deepEqual(saml.tables['saml-attributes'][0], [
      '"><svg onload="window.__pwned=3"> (urn:oid:2.5.4.42)',
      '<script>window.__pwned=2</script>, <img src=x onerror="window.__pwned=1">',
      '—',
    ]);
    await page.screenshot({ path: join(artifacts, 'browser-markup.png'), fullPage: true });
    const md = await verifyInPage(async (p) => {
      await p.setInputFiles('#xml-file', markupAggregate);
      await p.setInputFiles('#trust-file', idpPem);
      await p.fill('#at', '2026-06-01T00:00:00Z');
    });
    assert.equal(md.state, 'verified', `${md.title} ${md.detail}`);
    assert.equal(md.fields.name, 'https://federation.example.org/<img src=x onerror="window.__pwned=4">');
    assert.deepEqual(md.tables['metadata-entities'][0], [
      'https://idp.example.org/"><img src=x onerror="window.__pwned=4">',
      '<script>window.__pwned=2</script>',
      'IDPSSODescriptor',
      '<script>window.__pwned=2</script>',
    ]);
    assert.equal(await page.locator('#result img, #result script, #result svg').count(), 0);
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
  });

  test('missing input is named, not run', async () => {
    const noTrust = await verifyInPage(async (p) => {
      await p.setInputFiles('#xml-file', sampleXml);
      await p.setInputFiles('#trust-file', []);
    });
    assert.equal(noTrust.state, 'error');
    assert.match(noTrust.detail, /at least one certificate/);
    const badTime = await verifyInPage(async (p) => {
      await p.setInputFiles('#xml-file', sampleXml);
      await p.setInputFiles('#trust-file', samplePem);
      await p.fill('#at', 'yesterday');
    });
    assert.equal(badTime.state, 'error');
    assert.match(badTime.detail, /RFC 3339/);
    assert.equal(badTime.reportHidden, true);
    await page.fill('#at', '');
  });

  test('every conformance table through both entries in Chromium, its WebCrypto checking the signatures', async () => {
    // The rows and their files from here (the shared vectors lie outside what the server
    // serves); the runner and the package from the page's origin.
    const { SUITES, filesOf, parseTable } = await import('./conformance-runner.mjs');
    const tables = {};
    const files = {};
    for (const [name] of SUITES) {
      tables[name] = readFileSync(join(repo, 'tests/conformance', name), 'utf8');
      for (const c of parseTable(tables[name])) {
        for (const f of filesOf(c)) files[f] ??= readFileSync(resolvePath(f)).toString('base64');
      }
    }
    const got = await page.evaluate(
      async ({ tables, files }) => {
        const { SUITES, parseTable, runCase } = await import('/wasm/test/conformance-runner.mjs');
        const portable = await import('trustmeta');
        const webcrypto = await import('trustmeta/webcrypto');
        await Promise.all([portable.init(), webcrypto.init()]);
        const bytes = new Map(Object.entries(files).map(([p, b64]) => [p, Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0))]));
        const read = (p) => {
          const b = bytes.get(p);
          if (!b) throw new Error(`not handed to the page: ${p}`);
          return b.slice();
        };
        const counts = { passed: 0, failed: 0, unavailable: 0, decrypting: 0 };
        const failures = [];
        for (const suite of SUITES) {
          for (const c of parseTable(tables[suite[0]])) {
            const r = await runCase(portable, webcrypto, suite, c, read);
            counts[r.outcome] += 1;
            if (r.outcome === 'failed') failures.push(`${suite[0]} ${c.id ?? c.participant}: expected ${r.want}, got ${r.got} (portable: ${r.sync})`);
          }
        }
        return { counts, failures };
      },
      { tables, files },
    );
    const { passed, failed, unavailable, decrypting } = got.counts;
    console.log(`wasm-webcrypto-chromium: ${passed} passed, ${failed} failed (${unavailable} refused as unavailable in WebCrypto, ${decrypting} decrypting rows refused)`);
    assert.deepEqual(got.failures, []);
    // Every row ran: the same rows node's webcrypto-conformance.test.mjs runs.
    const rows = Object.values(tables).reduce((n, t) => n + parseTable(t).length, 0);
    assert.equal(passed + unavailable + decrypting, rows);
    assert.ok(passed > 250, `only ${passed} rows passed`);
  });

  test('the synchronous entry loads in the page for the calls below', async () => {
    assert.equal(await page.evaluate(async () => (await import('trustmeta')).init().then(() => 'ready')), 'ready');
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
