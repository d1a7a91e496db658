// Builds the npm package `trustmeta` into wasm/pkg/:
//   1. cargo build --release for wasm32-unknown-unknown, tuned for size through
//      CARGO_PROFILE_RELEASE_* variables (the workspace's release profile stays as it is);
//   2. wasm-bindgen --target web (the CLI must be the exact version of the crate in
//      Cargo.lock; scripts/test-wasm.sh installs it);
//   3. wasm-opt -Oz --low-memory-unused from the npm package `binaryen` (a devDependency),
//      when installed;
//   4. the wrapper (js/: hand-written, and operations.js/.d.ts generated from the table),
//      README and package.json, plus meta.js and error-codes.d.ts generated from the
//      core's ErrorCode::ALL through the built module.
// Prints the .wasm size before and after wasm-opt.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync, renameSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const wasmDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const repo = join(wasmDir, '..');
const pkg = join(wasmDir, 'pkg');
const skipCargo = process.argv.includes('--skip-cargo');

function run(cmd, args, opts = {}) {
  console.log(`$ ${cmd} ${args.join(' ')}`);
  return execFileSync(cmd, args, { stdio: 'inherit', cwd: repo, ...opts });
}

function output(cmd, args) {
  return execFileSync(cmd, args, { cwd: repo, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB (${bytes} bytes)`;

// 1. cargo, release profile tuned for size for this build only. TRUSTMETA_WASM_OPT_LEVEL
//    trades size for speed (README.md, "Size"): `2` makes a WebCrypto verification about a
//    third faster and its module about a quarter larger.
const optLevel = process.env.TRUSTMETA_WASM_OPT_LEVEL || 'z';
if (!['z', 's', '1', '2', '3'].includes(optLevel)) {
  throw new Error(`TRUSTMETA_WASM_OPT_LEVEL=${optLevel}: one of z (the default), s, 1, 2, 3`);
}
console.log(`opt-level ${optLevel}`);
const sizeProfile = {
  CARGO_PROFILE_RELEASE_OPT_LEVEL: optLevel,
  CARGO_PROFILE_RELEASE_LTO: 'fat',
  CARGO_PROFILE_RELEASE_CODEGEN_UNITS: '1',
  CARGO_PROFILE_RELEASE_PANIC: 'abort',
  CARGO_PROFILE_RELEASE_DEBUG: 'false',
  // WebAssembly SIMD (node 20 and every current browser): memchr's byte scans use it,
  // and the WebCrypto module comes out 37 KB (4 %) smaller.
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS: '-C target-feature=+simd128',
};
const metadata = JSON.parse(output('cargo', ['metadata', '--format-version', '1', '--no-deps', '--offline']));
const rawWasm = join(metadata.target_directory, 'wasm32-unknown-unknown', 'release', 'trustmeta_wasm.wasm');
const optCache = join(metadata.target_directory, 'wasm-opt');

// 2. wasm-bindgen, pinned to the crate's version.
const lock = readFileSync(join(repo, 'Cargo.lock'), 'utf8');
const wanted = /\[\[package\]\]\nname = "wasm-bindgen"\nversion = "([^"]+)"/.exec(lock)?.[1];
if (!wanted) throw new Error('wasm-bindgen is not in Cargo.lock: build the crate first');
let have = '';
try {
  have = output('wasm-bindgen', ['--version']).split(/\s+/)[1];
} catch {
  // reported below
}
if (have !== wanted) {
  throw new Error(
    `wasm-bindgen CLI ${have || 'not found'}, but the crate uses ${wanted}: ` +
      `cargo install wasm-bindgen-cli --version ${wanted} --locked (scripts/test-wasm.sh does this)`,
  );
}
const keptOf = (name) => rawWasm.replace(/\.wasm$/, `.${name}.wasm`);
if (skipCargo) {
  for (const name of ['portable', 'webcrypto']) {
    if (!existsSync(keptOf(name))) throw new Error(`${keptOf(name)} is missing: run the build without --skip-cargo`);
  }
}
rmSync(pkg, { recursive: true, force: true });
mkdirSync(pkg, { recursive: true });

// Two modules from the one crate: the package's own, which checks signatures in
// WebAssembly (feature `portable`), and the one of `trustmeta/webcrypto` (webcrypto/),
// built without the portable signature code, whose signatures crypto.subtle checks.
const variants = [
  { name: 'portable', dir: pkg, features: [] },
  { name: 'webcrypto', dir: join(pkg, 'webcrypto'), features: ['--no-default-features', '--features', 'webcrypto'] },
];
const sizes = [];
for (const { name, dir, features } of variants) {
  mkdirSync(dir, { recursive: true });
  // Both builds write the same file: each is kept under its name for --skip-cargo.
  const kept = keptOf(name);
  if (!skipCargo) {
    run('cargo', ['build', '--target', 'wasm32-unknown-unknown', '--release', '-p', 'trustmeta-wasm', ...features], {
      env: { ...process.env, ...sizeProfile },
    });
    copyFileSync(rawWasm, kept);
  }
  if (!existsSync(kept)) throw new Error(`${kept} is missing: run the build without --skip-cargo`);
  run('wasm-bindgen', ['--target', 'web', '--no-typescript', '--out-name', 'trustmeta_wasm', '--out-dir', dir, kept]);
  rmSync(join(dir, '.gitignore'), { force: true });

  // 3. wasm-opt from the binaryen npm package.
  const bgWasm = join(dir, 'trustmeta_wasm_bg.wasm');
  const beforeOpt = statSync(bgWasm).size;
  const wasmOpt = join(wasmDir, 'node_modules', '.bin', 'wasm-opt');
  let afterOpt = null;
  if (existsSync(wasmOpt)) {
    const tmp = `${bgWasm}.opt`;
    // The features rustc enables by default for wasm32-unknown-unknown and SIMD (above),
    // all in node 20 and current browsers; nothing newer is introduced.
    const wasmFeatures = ['--enable-simd', '--enable-bulk-memory', '--enable-sign-ext', '--enable-mutable-globals', '--enable-nontrapping-float-to-int', '--enable-reference-types', '--enable-multivalue'];
    // --low-memory-unused: rustc puts the stack first, below the data, so the first KiB
    // holds nothing a pointer plus a constant could wrap around to, and wasm-opt may fold
    // constant offsets into loads and stores (5.5 KB less of the WebCrypto module).
    const optArgs = ['-Oz', '--low-memory-unused', ...wasmFeatures, '--strip-debug', '--strip-producers'];
    // wasm-opt's output depends on its input, its options and its version only, and it is
    // the slowest step of a build whose Rust part is current: a module seen before is
    // taken from target/wasm-opt/ (scripts/test-wasm.sh builds twice when the package was
    // built ahead).
    const binaryen = JSON.parse(readFileSync(join(wasmDir, 'node_modules', 'binaryen', 'package.json'), 'utf8')).version;
    const key = createHash('sha256').update(JSON.stringify([binaryen, optArgs])).update(readFileSync(bgWasm)).digest('hex');
    const cached = join(optCache, `${key}.wasm`);
    if (existsSync(cached)) {
      console.log(`wasm-opt: ${cached} (the same module, options and binaryen ${binaryen})`);
      copyFileSync(cached, tmp);
    } else {
      run(wasmOpt, [...optArgs, bgWasm, '-o', tmp]);
      mkdirSync(optCache, { recursive: true });
      copyFileSync(tmp, `${cached}.part`);
      renameSync(`${cached}.part`, cached);
    }
    renameSync(tmp, bgWasm);
    afterOpt = statSync(bgWasm).size;
  } else {
    console.log('wasm-opt not installed (npm install adds binaryen): skipping the size pass');
  }
  sizes.push({ file: bgWasm.slice(pkg.length + 1), beforeOpt, afterOpt });
}
const bgWasm = join(pkg, 'trustmeta_wasm_bg.wasm');

// 4. The wrapper and package metadata.
for (const f of ['api.js', 'fetch.js', 'index.js', 'node.js', 'operations.js', 'index.d.ts', 'operations.d.ts']) copyFileSync(join(wasmDir, 'js', f), join(pkg, f));
copyFileSync(join(wasmDir, 'README.md'), join(pkg, 'README.md'));
const version = /^version = "([^"]+)"/m.exec(readFileSync(join(repo, 'Cargo.toml'), 'utf8'))[1];
const manifest = JSON.parse(readFileSync(join(wasmDir, 'js', 'package.json'), 'utf8'));
manifest.version = version;
writeFileSync(join(pkg, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);

// The code table and version, read from the built module so they cannot drift from
// the core: meta.js works before init() in a browser, error-codes.d.ts types `code`.
const glue = await import(pathToFileURL(join(pkg, 'trustmeta_wasm.js')).href);
glue.initSync({ module: readFileSync(bgWasm) });
const codes = glue.rawErrorCodes();
const built = glue.rawVersion();
if (built !== version) throw new Error(`crate version ${built} differs from workspace version ${version}`);
writeFileSync(
  join(pkg, 'meta.js'),
  '// Generated by scripts/build.mjs from the core\'s ErrorCode::ALL: do not edit.\n' +
    `export const VERSION = ${JSON.stringify(built)};\n` +
    `export const errorCodes = Object.freeze(${JSON.stringify(codes, null, 2)});\n`,
);
writeFileSync(
  join(pkg, 'error-codes.d.ts'),
  '// Generated by scripts/build.mjs from the core\'s ErrorCode::ALL: do not edit.\n' +
    '/** Every stable error code of trustmeta (codes are added, never renamed or reused). */\n' +
    `export type ErrorCode =\n${Object.keys(codes).map((c) => `  | ${JSON.stringify(c)}`).join('\n')};\n`,
);

// The WebCrypto entry: the same wrapper bound to its own module, every operation (and
// toSmp, IssuerTrust.fromMetadata) returning a Promise.
const web = join(pkg, 'webcrypto');
for (const f of ['api.js', 'fetch.js', 'index.js', 'node.js', 'meta.js', 'error-codes.d.ts']) copyFileSync(join(pkg, f), join(web, f));
const generated = '// Generated by scripts/build.mjs from ../operations.js: the WebCrypto entry, each operation asynchronous.\n';
const opsJs = readFileSync(join(wasmDir, 'js', 'operations.js'), 'utf8');
if (!opsJs.includes("import { call } from './api.js';")) throw new Error('operations.js no longer imports `call`');
writeFileSync(join(web, 'operations.js'), generated + opsJs.replace("import { call } from './api.js';", "import { callAsync as call } from './api.js';"));
const opsDts = readFileSync(join(wasmDir, 'js', 'operations.d.ts'), 'utf8');
const asyncDts = opsDts.replace(/^(export declare function \w+\([^\n]*\)): ([^;\n]+);$/gm, '$1: Promise<$2>;');
if ((asyncDts.match(/: Promise</g) ?? []).length !== (opsDts.match(/^export declare function /gm) ?? []).length) {
  throw new Error('operations.d.ts: not every operation could be declared asynchronous');
}
writeFileSync(join(web, 'operations.d.ts'), generated.replace('.js', '.d.ts') + asyncDts);
const indexDts = readFileSync(join(wasmDir, 'js', 'index.d.ts'), 'utf8')
  .replace('static fromMetadata(xml: Uint8Array, store: TrustStore, options?: MetadataIssuerTrustOptions): IssuerTrust;', 'static fromMetadata(xml: Uint8Array, store: TrustStore, options?: MetadataIssuerTrustOptions): Promise<IssuerTrust>;')
  .replace('options?: ToSmpOptions): readonly SmpRecord[];', 'options?: ToSmpOptions): Promise<readonly SmpRecord[]>;');
if (!indexDts.includes('Promise<IssuerTrust>') || !indexDts.includes('Promise<readonly SmpRecord[]>')) {
  throw new Error('index.d.ts: fromMetadata or toSmp could not be declared asynchronous');
}
writeFileSync(join(web, 'index.d.ts'), generated.replace('operations.js', 'index.d.ts') + indexDts);

console.log(`\ntrustmeta ${version} written to ${pkg}`);
for (const { file, beforeOpt, afterOpt } of sizes) {
  console.log(`${file}: ${kb(beforeOpt)} from cargo + wasm-bindgen`);
  if (afterOpt !== null) console.log(`${file}: ${kb(afterOpt)} after wasm-opt -Oz`);
}
