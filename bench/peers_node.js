// In-process verify timings from node: xml-crypto (+ @xmldom/xmldom) and, when built, the
// trustmeta npm package from wasm/pkg: its synchronous entry (WebAssembly, portable
// RustCrypto backend) and its WebCrypto entry `trustmeta/webcrypto` (XML in WebAssembly,
// signatures by crypto.subtle; each verify awaited), and the floor under the latter: one
// awaited crypto.subtle.verify alone (`node-webcrypto-bare`).
//
// usage: node bench/peers_node.js [FIXDIR]        (default target/bench-fixtures)
// env:   BENCH_NODE_MODULES (default target/bench-node/node_modules, where
//        `npm install --prefix target/bench-node xml-crypto @xmldom/xmldom` puts them),
//        TRUSTMETA_WASM_PKG (default wasm/pkg), TRUSTMETA_BENCH_BATCH_MS, TRUSTMETA_BENCH_BATCHES
//
// Same rules as peers_py.py: set up once per fixture, every verifier must accept the fixture
// and reject a copy with one signed character changed, lines in the shared format.
"use strict";
const fs = require("fs");
const path = require("path");
const { createRequire } = require("module");
const { pathToFileURL } = require("url");

const dir = process.argv[2] || "target/bench-fixtures";
const nodeModules = path.resolve(process.env.BENCH_NODE_MODULES || "target/bench-node/node_modules");
const wasmPkg = path.resolve(process.env.TRUSTMETA_WASM_PKG || "wasm/pkg");
const BATCH_MS = +(process.env.TRUSTMETA_BENCH_BATCH_MS || 200);
const BATCHES = Math.max(1, +(process.env.TRUSTMETA_BENCH_BATCHES || 7));

const FIXTURES = [
  ["smp-signed.xml", "rsa.crt", "https://ap.example.eu/as4", "https://ap.example.eu/as5"],
  ["smp-signed-ec.xml", "ec.crt", "https://ap.example.eu/as4", "https://ap.example.eu/as5"],
  ["saml-response.xml", "rsa.crt", "NL/EU/123456", "NL/EU/123457"],
  ["saml-response-signed.xml", "rsa.crt", "NL/EU/123456", "NL/EU/123457"],
];

const nowNs = () => process.hrtime.bigint();
function measure(fn) {
  // Warm-up long enough for V8 to tier up (Liftoff to TurboFan for WebAssembly, the JIT
  // for JavaScript), then size the batches from a second, warm sample.
  let t0 = nowNs(), calls = 0;
  while (calls < 3 || Number(nowNs() - t0) / 1e6 < Math.max(BATCH_MS, 300)) { fn(); calls++; }
  t0 = nowNs(); calls = 0;
  while (calls < 3 || Number(nowNs() - t0) / 1e6 < BATCH_MS / 4) { fn(); calls++; }
  const perCallMs = Number(nowNs() - t0) / 1e6 / calls;
  const n = Math.max(1, Math.floor(BATCH_MS / perCallMs));
  const times = [];
  for (let b = 0; b < BATCHES; b++) {
    const t = nowNs();
    for (let i = 0; i < n; i++) fn();
    times.push(Number(nowNs() - t) / 1e3 / n);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)], best: times[0], n };
}

// As `measure`, for a function returning a Promise: each call awaited before the next.
async function measureAsync(fn) {
  let t0 = nowNs(), calls = 0;
  while (calls < 3 || Number(nowNs() - t0) / 1e6 < Math.max(BATCH_MS, 300)) { await fn(); calls++; }
  t0 = nowNs(); calls = 0;
  while (calls < 3 || Number(nowNs() - t0) / 1e6 < BATCH_MS / 4) { await fn(); calls++; }
  const perCallMs = Number(nowNs() - t0) / 1e6 / calls;
  const n = Math.max(1, Math.floor(BATCH_MS / perCallMs));
  const times = [];
  for (let b = 0; b < BATCHES; b++) {
    const t = nowNs();
    for (let i = 0; i < n; i++) await fn();
    times.push(Number(nowNs() - t) / 1e3 / n);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)], best: times[0], n };
}

async function main() {
  const peers = [];
  const notes = [];
  try {
    const req = createRequire(path.join(nodeModules, "noop.js"));
    const { SignedXml } = req("xml-crypto");
    const { DOMParser } = req("@xmldom/xmldom");
    const version = req("xml-crypto/package.json").version;
    notes.push(`xml-crypto ${version}`);
    peers.push(["xml-crypto", (crt) => (xml) => {
      const text = xml.toString("utf8");
      const doc = new DOMParser().parseFromString(text, "text/xml");
      const sigNode = doc.getElementsByTagNameNS("http://www.w3.org/2000/09/xmldsig#", "Signature")[0];
      const sig = new SignedXml({ publicCert: crt, getCertFromKeyInfo: () => null });
      sig.loadSignature(sigNode);
      return sig.checkSignature(text);
    }]);
  } catch (e) {
    console.log(`# not measured: xml-crypto (${e.message.split("\n")[0]})`);
  }
  const entry = ["node.js", "index.js"].map((f) => path.join(wasmPkg, f)).find((f) => fs.existsSync(f));
  if (entry) {
    try {
      const tm = await import(pathToFileURL(entry).href);
      if (tm.init) await tm.init();
      notes.push(`trustmeta (wasm) ${tm.version ? tm.version() : "?"}`);
      const now = new Date();
      peers.unshift(["trustmeta-wasm", (crt) => {
        const store = tm.TrustStore.fromPem(crt);
        return (xml) => { tm.verify(xml, store, { now }); return true; };
      }]);
    } catch (e) {
      console.log(`# not measured: trustmeta-wasm (${e.message.split("\n")[0]})`);
    }
  } else {
    console.log(`# not measured: trustmeta-wasm (no package at ${wasmPkg}; build it with scripts/test-wasm.sh)`);
  }
  const webEntry = path.join(wasmPkg, "webcrypto", "node.js");
  if (fs.existsSync(webEntry)) {
    try {
      const web = await import(pathToFileURL(webEntry).href);
      const now = new Date();
      peers.splice(1, 0, ["trustmeta-wasm-webcrypto", (crt) => {
        const store = web.TrustStore.fromPem(crt);
        return async (xml) => { await web.verify(xml, store, { now }); return true; };
      }]);
    } catch (e) {
      console.log(`# not measured: trustmeta-wasm-webcrypto (${e.message.split("\n")[0]})`);
    }
  } else {
    console.log(`# not measured: trustmeta-wasm-webcrypto (no entry at ${webEntry})`);
  }
  // The floor under the WebCrypto entry: one awaited crypto.subtle.verify of the fixture's
  // key type (RSASSA-PKCS1-v1_5 2048 / SHA-256 for rsa.crt, ECDSA P-256 / SHA-256 for
  // ec.crt) over a 512-byte message, with a key generated here and imported once; its
  // tampered copy is the message with one byte changed, which must verify false.
  const subtle = globalThis.crypto && globalThis.crypto.subtle;
  if (subtle) {
    const at = peers.findIndex(([label]) => label === "trustmeta-wasm-webcrypto");
    peers.splice(at + 1, 0, ["node-webcrypto-bare", async (crt, cert) => {
      const rsa = cert.startsWith("rsa");
      const gen = rsa
        ? { name: "RSASSA-PKCS1-v1_5", modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" }
        : { name: "ECDSA", namedCurve: "P-256" };
      const imp = rsa ? { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" } : { name: "ECDSA", namedCurve: "P-256" };
      const alg = rsa ? { name: "RSASSA-PKCS1-v1_5" } : { name: "ECDSA", hash: "SHA-256" };
      const pair = await subtle.generateKey(gen, true, ["sign", "verify"]);
      const message = globalThis.crypto.getRandomValues(new Uint8Array(512));
      const signature = await subtle.sign(alg, pair.privateKey, message);
      const key = await subtle.importKey("spki", await subtle.exportKey("spki", pair.publicKey), imp, false, ["verify"]);
      const changed = message.slice();
      changed[200] ^= 1;
      return { verify: (m) => subtle.verify(alg, key, signature, m), good: message, bad: changed };
    }]);
  } else {
    console.log("# not measured: node-webcrypto-bare (no globalThis.crypto.subtle)");
  }
  console.log(`# node ${process.version}: ${notes.join(", ")}`);

  for (const [name, cert, good, bad] of FIXTURES) {
    const data = fs.readFileSync(path.join(dir, name));
    const tampered = Buffer.from(data.toString("utf8").replace(good, bad), "utf8");
    const crt = fs.readFileSync(path.join(dir, cert), "utf8");
    for (const [label, setup] of peers) {
      // A setup returns the verifier of the fixture, or (the bare floor) its own verifier
      // with the input it accepts and the one-byte-changed input it must reject.
      let verify, good = data, bad = tampered;
      try {
        const made = await setup(crt, cert);
        if (typeof made === "function") verify = made;
        else ({ verify, good, bad } = made);
        if (!(await verify(good))) throw new Error("returned false");
      } catch (e) {
        console.log(`${label.padEnd(22)} ${name.padEnd(26)} does not verify: ${String(e.message).split("\n")[0].slice(0, 120)}`);
        continue;
      }
      let rejected;
      try { rejected = !(await verify(bad)); } catch { rejected = true; }
      if (!rejected) {
        console.log(`${label.padEnd(22)} ${name.padEnd(26)} ACCEPTS A TAMPERED COPY: not timed`);
        continue;
      }
      const s = verify(good) instanceof Promise ? await measureAsync(() => verify(good)) : measure(() => verify(good));
      console.log(`${label.padEnd(22)} ${name.padEnd(26)} ${s.median.toFixed(1).padStart(10)} us/verify  (best ${s.best.toFixed(1)}, ${BATCHES}x${s.n})`);
    }
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
