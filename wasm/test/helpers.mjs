// Paths and fixtures shared by the node tests. The tests import the built package by
// its name, `trustmeta` (node_modules/trustmeta links to ../pkg), never the sources.
import { createHash, X509Certificate } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const wasmDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const repo = resolve(wasmDir, '..');
export const pkgDir = join(wasmDir, 'pkg');
export const shared = process.env.TRUSTMETA_SHARED ? resolve(process.env.TRUSTMETA_SHARED) : resolve(repo, '..', 'shared');

/** A case file's path: `shared/…` in the shared vectors, anything else in the repository. */
export const resolvePath = (p) => (p.startsWith('shared/') ? join(shared, p.slice('shared/'.length)) : join(repo, p));

export const sampleXml = readFileSync(join(repo, 'tests/data/sample/smp-signed.xml'));
export const samplePem = readFileSync(join(repo, 'tests/data/sample/signer.pem'), 'utf8');
export const sampleAt = new Date('2026-06-01T00:00:00Z');

/** SHA-256 of the sample certificate's DER, computed independently of trustmeta. */
export const sampleSha256 = createHash('sha256').update(new X509Certificate(samplePem).raw).digest('hex');

/** The sample with one byte of signed content changed (the participant identifier). */
export function tamperedSample() {
  const bytes = new Uint8Array(sampleXml);
  const text = Buffer.from(bytes).toString('latin1');
  const at = text.indexOf('0088:5798000000001') + '0088:579800000000'.length;
  if (at < '0088:579800000000'.length) throw new Error('sample changed: participant identifier not found');
  bytes[at] = '2'.charCodeAt(0);
  return bytes;
}

/**
 * What a user gets from the registry: `npm pack` of the built package into `dir`, then
 * `npm install` of that tarball into a fresh project `dir/app` (offline: the package has no
 * dependencies). Returns the project's path and the tarball's name.
 */
export function installPackedTarball(dir) {
  const [info] = JSON.parse(execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', dir], { cwd: pkgDir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
  const project = join(dir, 'app');
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', type: 'module', private: true }));
  execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', join(dir, info.filename)], { cwd: project, stdio: ['ignore', 'pipe', 'pipe'] });
  return { project, tarball: info.filename };
}
