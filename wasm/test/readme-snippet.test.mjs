// The README's node example is wasm/examples/readme-snippet.mjs, verbatim, and it runs.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

import { repo, sampleSha256, wasmDir } from './helpers.mjs';

const snippetPath = join(wasmDir, 'examples/readme-snippet.mjs');

test('the README shows the snippet file verbatim', () => {
  const readme = readFileSync(join(wasmDir, 'README.md'), 'utf8');
  const code = readFileSync(snippetPath, 'utf8')
    .split('\n')
    .filter((line) => !line.startsWith('//'))
    .join('\n')
    .trim();
  const blocks = [...readme.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1].trim());
  assert.ok(blocks.includes(code), `README.md has no \`\`\`js block equal to:\n${code}`);
});

test('the snippet prints the signer certificate fingerprint', () => {
  const out = execFileSync(process.execPath, [snippetPath], { cwd: repo, encoding: 'utf8' });
  assert.equal(out.trim(), sampleSha256);
});
