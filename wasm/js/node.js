// trustmeta for node: the WebAssembly module is compiled and instantiated on import,
// so TrustStore and verify work at once. `init()` is kept for code shared with browsers.
import { readFileSync } from 'node:fs';
import { initSync } from './trustmeta_wasm.js';
import { markReady } from './api.js';

export { DecryptionKeys, Emreg, IssuerTrust, MetadataStreamVerifier, ReplayCache, TrustStore, TrustmetaError, errorCodes, toSmp, version } from './api.js';
export * from './operations.js';
export { fetchMetadata, fetchSmp } from './fetch.js';

initSync({ module: readFileSync(new URL('./trustmeta_wasm_bg.wasm', import.meta.url)) });
markReady();

/** Already done on import in node; resolves at once. */
export function init() {
  return Promise.resolve();
}
