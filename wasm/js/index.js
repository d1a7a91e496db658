// trustmeta for browsers (and any runtime that fetches the .wasm): call `await init()`
// once before using TrustStore or verify. node uses node.js instead, ready on import.
import initWasm from './trustmeta_wasm.js';
import { markReady } from './api.js';

export { DecryptionKeys, Emreg, IssuerTrust, MetadataStreamVerifier, ReplayCache, TrustStore, TrustmetaError, errorCodes, toSmp, version } from './api.js';
export * from './operations.js';
export { fetchMetadata, fetchSmp } from './fetch.js';

let loading;

/**
 * Loads and instantiates the WebAssembly module; resolves when trustmeta is ready.
 * Safe to call more than once (later calls return the same promise). By default the
 * module is fetched from `trustmeta_wasm_bg.wasm` beside this file; pass a URL, a
 * Response, bytes or a compiled WebAssembly.Module to load it from elsewhere.
 */
export function init(moduleOrPath) {
  loading ??= initWasm(moduleOrPath === undefined ? undefined : { module_or_path: moduleOrPath }).then(
    () => markReady(),
    (e) => {
      loading = undefined;
      throw e;
    },
  );
  return loading;
}
