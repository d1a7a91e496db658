// The built package as an installer and a bundler see it: its manifest, the files
// `npm pack` would publish, its TypeScript declarations, and the browser entry (index.js),
// which must refuse to work before `init()` and work after it.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';

import { installPackedTarball, pkgDir, repo, sampleSha256, wasmDir } from './helpers.mjs';

test('package.json names an ES module package with types', () => {
  const manifest = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
  assert.equal(manifest.name, 'trustmeta');
  assert.equal(manifest.type, 'module');
  assert.deepEqual(manifest.exports['.'], { types: './index.d.ts', node: './node.js', default: './index.js' });
  assert.match(manifest.version, /^\d+\.\d+\.\d+/);
});

test('npm pack publishes the module, the wrapper and the declarations', () => {
  const [info] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: pkgDir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
  const files = info.files.map((f) => f.path).sort();
  const entry = ['api.js', 'error-codes.d.ts', 'fetch.js', 'index.d.ts', 'index.js', 'meta.js', 'node.js', 'operations.d.ts', 'operations.js', 'trustmeta_wasm.js', 'trustmeta_wasm_bg.wasm'];
  assert.deepEqual(files, ['README.md', 'package.json', ...entry, ...entry.map((f) => `webcrypto/${f}`)].sort());
});

test('the packed tarball installs into a fresh project and verifies there', () => {
  // What a user gets from the registry: `npm pack`, then `npm install` of that tarball
  // into an empty project (no network: the package has no dependencies), used from there.
  const dir = mkdtempSync(join(tmpdir(), 'trustmeta-npm-'));
  try {
    const { project } = installPackedTarball(dir);
    const script = `
      import { readFileSync } from 'node:fs';
      import { TrustStore, verify } from 'trustmeta';
      import * as web from 'trustmeta/webcrypto';
      const pem = readFileSync(${JSON.stringify(join(repo, 'tests/data/sample/signer.pem'))}, 'utf8');
      const xml = readFileSync(${JSON.stringify(join(repo, 'tests/data/sample/smp-signed.xml'))});
      const now = new Date('2026-06-01T00:00:00Z');
      const doc = verify(xml, TrustStore.fromPem(pem), { now });
      const async = await web.verify(xml, web.TrustStore.fromPem(pem), { now });
      console.log(JSON.stringify({ sha: doc.signerSha256, asyncSha: async.signerSha256, frozen: Object.isFrozen(doc), from: import.meta.resolve('trustmeta'), web: import.meta.resolve('trustmeta/webcrypto') }));
    `;
    writeFileSync(join(project, 'main.mjs'), script);
    const out = JSON.parse(execFileSync(process.execPath, ['main.mjs'], { cwd: project, encoding: 'utf8' }));
    assert.equal(out.sha, sampleSha256);
    assert.equal(out.asyncSha, sampleSha256);
    assert.equal(out.frozen, true);
    assert.match(out.from, /\/app\/node_modules\/trustmeta\/node\.js$/);
    assert.match(out.web, /\/app\/node_modules\/trustmeta\/webcrypto\/node\.js$/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the package resolves to the node entry in node', () => {
  assert.equal(import.meta.resolve('trustmeta'), pathToFileURL(join(pkgDir, 'node.js')).href);
});

test('the declarations type-check a consumer, and reject misuse', () => {
  const tsc = join(wasmDir, 'node_modules', 'typescript', 'bin', 'tsc');
  execFileSync(process.execPath, [tsc, '-p', join(wasmDir, 'test', 'types', 'tsconfig.json')], { encoding: 'utf8' });
});

test('the browser entry refuses to work before init() and works after it', () => {
  // A fresh process, so the node entry (ready on import) is not loaded alongside.
  const script = `
    import { readFileSync } from 'node:fs';
    import { init, TrustStore, verify, TrustmetaError } from ${JSON.stringify(pathToFileURL(join(pkgDir, 'index.js')).href)};
    const pem = readFileSync('tests/data/sample/signer.pem', 'utf8');
    const xml = readFileSync('tests/data/sample/smp-signed.xml');
    const out = {};
    try { verify(xml, null); } catch (e) { out.before = [e.constructor.name, e.message]; }
    try { TrustStore.fromPem(pem); } catch (e) { out.storeBefore = e.message; }
    const first = init(readFileSync(${JSON.stringify(join(pkgDir, 'trustmeta_wasm_bg.wasm'))}));
    out.samePromise = init() === first;
    await first;
    out.sha = verify(xml, TrustStore.fromPem(pem), { now: new Date('2026-06-01T00:00:00Z') }).signerSha256;
    console.log(JSON.stringify(out));
  `;
  const out = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: repo, encoding: 'utf8' }));
  assert.equal(out.before[0], 'Error');
  assert.match(out.before[1], /^trustmeta: verify was called before the WebAssembly module was loaded\. In a browser, call `await init\(\)`/);
  assert.match(out.storeBefore, /call `await init\(\)`/);
  assert.equal(out.samePromise, true);
  assert.equal(out.sha, sampleSha256);
});
