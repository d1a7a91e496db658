// In-page verify timings from Debian's headless Chromium, driven by playwright-core: the
// trustmeta npm package from wasm/pkg as a web page loads it, its synchronous entry
// (`index.js`: WebAssembly, portable RustCrypto backend) and its WebCrypto entry
// (`webcrypto/index.js`: XML in WebAssembly, signatures by crypto.subtle; each verify
// awaited), and the floor under the latter: one awaited crypto.subtle.verify alone.
//
// usage: node bench/peers_browser.mjs [FIXDIR]     (default target/bench-fixtures)
// env:   TRUSTMETA_WASM_PKG (default wasm/pkg), BENCH_PLAYWRIGHT_DIR (a node_modules holding
//        playwright-core; default wasm/node_modules of this repository, then the one beside
//        the package), CHROMIUM_PATH (default /usr/bin/chromium),
//        TRUSTMETA_BENCH_BATCH_MS, TRUSTMETA_BENCH_BATCHES
//
// Same rules and line format as peers_node.js: set up once per fixture, every verifier must
// accept the fixture and reject a copy with one signed character changed. The package
// directory is served on 127.0.0.1 (a secure context, so crypto.subtle exists); the
// fixtures and certificates go into the page as arrays, so FIXDIR may be anywhere. Timing
// is done in the page with performance.now() (coarsened by Chromium to 100 us steps, far
// below the ~200 ms batches). Without Chromium or playwright-core: `# not measured`, exit 0.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { startServer } from '../examples/browser/serve.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dir = process.argv[2] || 'target/bench-fixtures';
const wasmPkg = resolve(process.env.TRUSTMETA_WASM_PKG || 'wasm/pkg');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const BATCH_MS = +(process.env.TRUSTMETA_BENCH_BATCH_MS || 200);
const BATCHES = Math.max(1, +(process.env.TRUSTMETA_BENCH_BATCHES || 7));

// As in peers_node.js: fixture, its certificate, the signed text and its one-character change.
const FIXTURES = [
  ['smp-signed.xml', 'rsa.crt', 'https://ap.example.eu/as4', 'https://ap.example.eu/as5'],
  ['smp-signed-ec.xml', 'ec.crt', 'https://ap.example.eu/as4', 'https://ap.example.eu/as5'],
  ['saml-response.xml', 'rsa.crt', 'NL/EU/123456', 'NL/EU/123457'],
  ['saml-response-signed.xml', 'rsa.crt', 'NL/EU/123456', 'NL/EU/123457'],
];

/** playwright-core from BENCH_PLAYWRIGHT_DIR, else wasm/node_modules here or beside the package. */
function loadPlaywright() {
  const dirs = process.env.BENCH_PLAYWRIGHT_DIR
    ? [resolve(process.env.BENCH_PLAYWRIGHT_DIR)]
    : [...new Set([join(repo, 'wasm', 'node_modules'), join(dirname(wasmPkg), 'node_modules')])];
  for (const d of dirs) {
    if (!existsSync(join(d, 'playwright-core'))) continue;
    return createRequire(join(d, 'noop.js'))('playwright-core');
  }
  throw new Error(`no playwright-core in ${dirs.join(' or ')}`);
}

// Runs in the page (serialised by page.evaluate): imports the package, then keeps the
// verifiers and the timing loops on `window.bench`.
async function installHarness({ base, batchMs, batches }) {
  const out = { notes: [] };
  let tm;
  let web;
  if (base) {
    tm = await import(`${base}/index.js`);
    await tm.init();
    out.version = tm.version ? tm.version() : '?';
    try {
      web = await import(`${base}/webcrypto/index.js`);
      if (web.init) await web.init();
    } catch (e) {
      web = undefined;
      out.notes.push(`# not measured: chromium-trustmeta-wasm-webcrypto (${String(e.message).split('\n')[0]})`);
    }
  }

  function summarise(times, n) {
    times.sort((a, b) => a - b);
    return { median: times[Math.floor(times.length / 2)], best: times[0], n };
  }
  // peers_node.js's measure(): a warm-up of at least 300 ms (V8 tiers the WebAssembly up),
  // batches sized from a second, warm sample; us per call.
  function measure(fn) {
    let t0 = performance.now(), calls = 0;
    while (calls < 3 || performance.now() - t0 < Math.max(batchMs, 300)) { fn(); calls++; }
    t0 = performance.now(); calls = 0;
    while (calls < 3 || performance.now() - t0 < batchMs / 4) { fn(); calls++; }
    const n = Math.max(1, Math.floor(batchMs / ((performance.now() - t0) / calls)));
    const times = [];
    for (let b = 0; b < batches; b++) {
      const t = performance.now();
      for (let i = 0; i < n; i++) fn();
      times.push(((performance.now() - t) * 1e3) / n);
    }
    return summarise(times, n);
  }
  // As `measure`, each call awaited before the next.
  async function measureAsync(fn) {
    let t0 = performance.now(), calls = 0;
    while (calls < 3 || performance.now() - t0 < Math.max(batchMs, 300)) { await fn(); calls++; }
    t0 = performance.now(); calls = 0;
    while (calls < 3 || performance.now() - t0 < batchMs / 4) { await fn(); calls++; }
    const n = Math.max(1, Math.floor(batchMs / ((performance.now() - t0) / calls)));
    const times = [];
    for (let b = 0; b < batches; b++) {
      const t = performance.now();
      for (let i = 0; i < n; i++) await fn();
      times.push(((performance.now() - t) * 1e3) / n);
    }
    return summarise(times, n);
  }

  // The floor of the WebCrypto entry: one crypto.subtle.verify of the fixture's key type
  // over a 512-byte message, with a key generated in the page and imported once.
  async function bareSetup(cert) {
    const rsa = cert.startsWith('rsa');
    const gen = rsa
      ? { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' }
      : { name: 'ECDSA', namedCurve: 'P-256' };
    const imp = rsa ? { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } : { name: 'ECDSA', namedCurve: 'P-256' };
    const alg = rsa ? { name: 'RSASSA-PKCS1-v1_5' } : { name: 'ECDSA', hash: 'SHA-256' };
    const pair = await crypto.subtle.generateKey(gen, true, ['sign', 'verify']);
    const message = crypto.getRandomValues(new Uint8Array(512));
    const signature = await crypto.subtle.sign(alg, pair.privateKey, message);
    const spki = await crypto.subtle.exportKey('spki', pair.publicKey);
    const key = await crypto.subtle.importKey('spki', spki, imp, false, ['verify']);
    const changed = message.slice();
    changed[200] ^= 1;
    return { verify: (m) => crypto.subtle.verify(alg, key, signature, m), good: message, bad: changed };
  }

  const now = new Date();
  const peers = [];
  if (tm) {
    peers.push(['chromium-trustmeta-wasm', (pem) => {
      const store = tm.TrustStore.fromPem(pem);
      return (xml) => { tm.verify(xml, store, { now }); return true; };
    }]);
  }
  if (web) {
    peers.push(['chromium-trustmeta-wasm-webcrypto', (pem) => {
      const store = web.TrustStore.fromPem(pem);
      return async (xml) => { await web.verify(xml, store, { now }); return true; };
    }]);
  }
  peers.push(['chromium-webcrypto-bare', (pem, cert) => bareSetup(cert)]);

  let fixture;
  window.bench = {
    labels: peers.map(([label]) => label),
    load(fx) {
      fixture = { ...fx, data: new Uint8Array(fx.data), tampered: new Uint8Array(fx.tampered) };
    },
    // One verifier on the loaded fixture: set up, accept, reject the tampered copy, time.
    async run(label) {
      const setup = peers.find(([l]) => l === label)[1];
      let verify;
      let good = fixture.data;
      let bad = fixture.tampered;
      try {
        const made = await setup(fixture.pem, fixture.cert);
        if (typeof made === 'function') verify = made;
        else ({ verify, good, bad } = made);
        if (!(await verify(good))) throw new Error('returned false');
      } catch (e) {
        return { failed: `does not verify: ${String(e && e.message).split('\n')[0].slice(0, 120)}` };
      }
      let rejected;
      try { rejected = !(await verify(bad)); } catch { rejected = true; }
      if (!rejected) return { failed: 'ACCEPTS A TAMPERED COPY: not timed' };
      const first = verify(good);
      if (first instanceof Promise) {
        await first;
        return measureAsync(() => verify(good));
      }
      return measure(() => verify(good));
    },
  };
  out.labels = window.bench.labels;
  return out;
}

async function main() {
  if (!existsSync(CHROMIUM)) {
    console.log(`# not measured: chromium (${CHROMIUM} is missing; apt-get install chromium)`);
    return;
  }
  let chromium;
  try {
    ({ chromium } = loadPlaywright());
  } catch (e) {
    console.log(`# not measured: chromium (playwright-core: ${String(e.message).split('\n')[0]})`);
    return;
  }
  const havePkg = existsSync(join(wasmPkg, 'index.js'));
  if (!havePkg) {
    console.log(`# not measured: chromium-trustmeta-wasm (no package at ${wasmPkg}; build it with scripts/test-wasm.sh)`);
    console.log(`# not measured: chromium-trustmeta-wasm-webcrypto (no package at ${wasmPkg})`);
  }
  // Only the package is served; without it the page needs no files, just its origin.
  const server = await startServer({ root: havePkg ? wasmPkg : resolve(dir) });
  let browser;
  try {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    // An empty document at the server's origin: http://127.0.0.1 is a secure context.
    const pageUrl = `${server.url}/__bench__.html`;
    await page.route(pageUrl, (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: '<!doctype html><title>bench</title>' }));
    await page.goto(pageUrl);
    const info = await page.evaluate(installHarness, { base: havePkg ? server.url : null, batchMs: BATCH_MS, batches: BATCHES });
    for (const note of info.notes) console.log(note);
    const notes = havePkg ? [`trustmeta (wasm) ${info.version}`] : ['trustmeta (wasm) not measured'];
    console.log(`# chromium ${browser.version()}: ${notes.join(', ')}`);

    for (const [name, cert, good, bad] of FIXTURES) {
      const data = readFileSync(join(dir, name));
      const tampered = Buffer.from(data.toString('utf8').replace(good, bad), 'utf8');
      const pem = readFileSync(join(dir, cert), 'utf8');
      await page.evaluate((fx) => window.bench.load(fx), { data: [...data], tampered: [...tampered], pem, cert });
      for (const label of info.labels) {
        const s = await page.evaluate((l) => window.bench.run(l), label);
        if (s.failed) {
          console.log(`${label.padEnd(22)} ${name.padEnd(26)} ${s.failed}`);
          continue;
        }
        console.log(`${label.padEnd(22)} ${name.padEnd(26)} ${s.median.toFixed(1).padStart(10)} us/verify  (best ${s.best.toFixed(1)}, ${BATCHES}x${s.n})`);
      }
    }
    if (errors.length) console.log(`# chromium page errors: ${errors.join('; ').slice(0, 300)}`);
  } finally {
    await browser?.close();
    await server.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
