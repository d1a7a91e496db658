// Type declarations of the npm package `trustmeta`: the hand-written part (loading,
// errors, the classes that keep state, toSmp, retrieval with fetch). The results and
// operations are generated from the table into operations.d.ts, re-exported here.
import type { ErrorCode } from './error-codes.js';
import type {
  Certificate,
  Country,
  Endpoint,
  FilteredEndpoint,
  MetadataEntity,
  MetadataIssuerTrustOptions,
  MetadataStreamOptions,
  Ncp,
  NcpChoice,
  Redirect,
  RequestedAttribute,
  ServiceReference,
  Signature,
  SmpRecord,
  VerifiedMetadata,
  VerifyMetadataOptions,
  VerifiedServiceMetadata,
  VerifyOcspResponseOptions,
  VerifySamlResponseOptions,
  VerifySmpOptions,
  VerifyTslOptions,
} from './operations.js';

export type { ErrorCode };
export * from './operations.js';

/**
 * Loads the WebAssembly module. In a browser, await it once before anything else; in
 * node the module is ready on import and this resolves at once. Later calls return the
 * same promise. By default the module is fetched from `trustmeta_wasm_bg.wasm` beside
 * the package's index.js.
 */
export declare function init(
  moduleOrPath?: string | URL | Request | Response | BufferSource | WebAssembly.Module,
): Promise<void>;

/** The package version (the Rust workspace version it was built from). */
export declare function version(): string;

/**
 * Every error code, mapped to its number (1xx XML, 2xx signature structure, 3xx crypto,
 * 4xx PKI, 5xx time, then one hundred per family: 6xx SMP, 7xx EMREX, 8xx trusted lists,
 * 9xx OCSP, 10xx SAML, 11xx SAML metadata). Derived from the Rust core's table; codes are
 * added, never renamed or reused.
 */
export declare const errorCodes: Readonly<Record<ErrorCode, number>>;

/** Thrown by the operations and the classes when trustmeta refuses something. */
export declare class TrustmetaError extends Error {
  readonly name: 'TrustmetaError';
  /** The stable code, e.g. `dsig.digest_mismatch`. */
  readonly code: ErrorCode;
  /** The code's number, as in `errorCodes`. */
  readonly number: number;
}

/**
 * What you trust: pinned certificates and keys, CA anchors, untrusted intermediates that
 * may complete a path, and CRLs that revoke certificates on one. A certificate in the
 * document's KeyInfo never grants trust.
 */
export declare class TrustStore {
  /** An empty store; add to it with `addPem`. */
  constructor();
  /**
   * A store trusting every CERTIFICATE and PUBLIC KEY block of `pem`, or the single DER
   * certificate `pem` is when it is not PEM.
   * @throws {TrustmetaError} `pki.bad_pem`, `pki.bad_certificate`
   * @throws {TypeError} when `pem` is neither a string nor a Uint8Array
   */
  static fromPem(pem: string | Uint8Array): TrustStore;
  /** Trusts more certificates and keys (as `fromPem`); returns the store. */
  addPem(pem: string | Uint8Array): this;
  /** Adds certificates that may complete a path but are never trusted themselves. */
  addIntermediatesPem(pem: string | Uint8Array): this;
  /**
   * Adds every certificate revocation list of `pem` (its X509 CRL blocks, or one DER CRL),
   * each used for the certificates of the CA that signed it: a path through a certificate
   * it lists is then refused (`pki.revoked`), and one whose CRL is past its nextUpdate
   * too (`pki.crl_expired`) unless the operation's `allowStaleCrl` option is set. Returns
   * the store; on error it is unchanged.
   * @throws {TrustmetaError} `pki.crl_invalid`
   * @throws {TypeError} when `pem` is neither a string nor a Uint8Array
   */
  addCrlsPem(pem: string | Uint8Array): this;
  /**
   * Trusts only the public key of each certificate in `pem` (pinned), ignoring the
   * certificates' validity: the SAML metadata interoperability profile's rule.
   * @throws {TrustmetaError} `pki.bad_pem` (no certificate), `pki.bad_certificate`
   */
  addKeysPem(pem: string | Uint8Array): this;
  /** Number of trusted certificates and keys (intermediates and CRLs not counted). */
  readonly size: number;
  /** Releases the WebAssembly memory now rather than when garbage-collected. */
  free(): void;
}

/** Which keys may sign for which SAML issuer. Stores are copied when added. */
export declare class IssuerTrust {
  /** No issuer trusted yet. */
  constructor();
  /** Trust that uses (a copy of) `store` for every issuer. */
  static anyIssuer(store: TrustStore): IssuerTrust;
  /**
   * Verifies SAML metadata (as `verifyMetadata`) and trusts the signing keys of each
   * entity's `role` descriptors for its entityID, pinned: `metadataIssuerTrust`.
   * @throws {TrustmetaError} as `verifyMetadata`; nothing is trusted then
   */
  static fromMetadata(xml: Uint8Array, store: TrustStore, options?: MetadataIssuerTrustOptions): IssuerTrust;
  /** Trusts (a copy of) `store` for messages whose Issuer is `entityId` (exactly). */
  add(entityId: string, store: TrustStore): this;
  /** Releases the WebAssembly memory now rather than when garbage-collected. */
  free(): void;
}

/**
 * The IDs of accepted SAML assertions, until they expire: one per relying party, passed
 * to every `verifySamlResponse`, so that a bearer assertion is accepted once.
 */
export declare class ReplayCache {
  /** A cache holding at most `capacity` unexpired assertion IDs. */
  constructor(capacity: number);
  /**
   * A cache kept by `checkAndInsert`, e.g. a `Map` shared by every verifier of a relying
   * party, or a synchronous client of a store every worker reaches. It must test and
   * record `id` in one step and return `true` when the ID was not recorded (or its record
   * has expired at `nowMs`) and is now recorded until `expiresAtMs`, `false` when it is
   * recorded and not expired (a replay: `saml.replay`). A throw, or any answer that is
   * not a boolean (a Promise included: it is called synchronously), refuses the response
   * with `saml.replay_cache_unavailable`; it is never accepted unchecked. Times are
   * milliseconds since 1970; `nowMs` is the verification's time.
   * @throws {TypeError} when `checkAndInsert` is not a function
   */
  static fromCallback(checkAndInsert: (id: string, expiresAtMs: number, nowMs: number) => boolean): ReplayCache;
  /** How many assertion IDs it holds (0 for a cache kept by a callback). */
  readonly size: number;
  /** Releases the WebAssembly memory now rather than when garbage-collected. */
  free(): void;
}

/**
 * The relying party's private keys for encrypted SAML content (`EncryptedAssertion`,
 * `EncryptedID`, `EncryptedAttribute`): `decryptKeys` of `verifySamlResponse`, `keys` of
 * `decryptSamlAssertion`. The recipient a message names only chooses among them.
 */
export declare class DecryptionKeys {
  // Nominal, so that a TrustStore (certificates, not private keys) is not accepted here.
  #private;
  /** No keys yet; add them with `addPem`. */
  constructor();
  /**
   * Keys holding the first private key of `pem`: PKCS#8 `PRIVATE KEY`, `RSA PRIVATE KEY`
   * or `EC PRIVATE KEY` (P-256, P-384, P-521, brainpoolP256r1/P384r1/P512r1), unencrypted.
   * @throws {TrustmetaError} `xmlenc.bad_key`
   * @throws {TypeError} when `pem` is neither a string nor a Uint8Array
   */
  static fromPem(pem: string | Uint8Array): DecryptionKeys;
  /**
   * Adds the first private key of `pem` (as `fromPem`); returns the keys.
   * @throws {TrustmetaError} `xmlenc.bad_key`
   */
  addPem(pem: string | Uint8Array): this;
  /** How many keys. */
  readonly size: number;
  /** Releases the WebAssembly memory now rather than when garbage-collected. */
  free(): void;
}

/**
 * A parsed EMREG registry list (EMREX). Nothing in it is signed: fetch it from the
 * registry over an authenticated channel.
 */
export declare class Emreg {
  private constructor();
  /**
   * Parses an EMREG list (JSON, `ncps` or `emps`).
   * @throws {TrustmetaError} `emrex.json_malformed`, `emrex.json_limit`, `emrex.emreg_malformed`
   * @throws {TypeError} when `data` is not a Uint8Array
   */
  static parse(data: Uint8Array): Emreg;
  /** The NCPs, in list order. */
  readonly ncps: Ncp[];
  /** The countries, in list order. */
  readonly countries: Country[];
  /** Whether the NCPs came from the newer `emps` member. */
  readonly emps: boolean;
  /** How many `null` entries were skipped. */
  readonly skippedNulls: number;
  /**
   * The NCP called `acronym` (case-sensitive).
   * @throws {TrustmetaError} `emrex.ncp_not_found`
   */
  ncp(acronym: string): Ncp;
  /** Country `code` (any case), or null when not listed. */
  country(code: string): Country | null;
  /** The NCPs of country `code` (any case). */
  ncpsOfCountry(code: string): Ncp[];
  /** What to offer a learner of country `code`: one entry per institution for a `singleFetch` country, otherwise one per NCP. */
  choices(code: string): NcpChoice[];
  /** Releases the WebAssembly memory now rather than when garbage-collected. */
  free(): void;
}

/**
 * Verifies SAML metadata fed in pieces, with memory that does not grow with the
 * document: `metadataStream(store, options)`. It holds (a copy of) `store`.
 */
export declare class MetadataStreamVerifier {
  constructor(store: TrustStore, options?: MetadataStreamOptions);
  /**
   * Reads the next bytes (any size, any split); returns the verifier.
   * @throws {TrustmetaError} at the first refusal, after which the verifier is spent
   */
  feed(chunk: Uint8Array): this;
  /**
   * Ends the document. Its result lists the entities (`entityIds()`), but
   * `findEntity()` throws `metadata.not_held`: the document was never held.
   * @throws {TrustmetaError} as `verifyMetadata`
   */
  finish(): VerifiedMetadata;
  /** Releases the WebAssembly memory now rather than when garbage-collected. */
  free(): void;
}

/** Options of `toSmp`: those of `verifyTsl`, and the vocabulary of the records. */
export interface ToSmpOptions extends VerifyTslOptions {
  /** The SMP vocabulary: `oasis-smp1` (OASIS SMP 1.0) or `busdox` (PEPPOL). Default: `'oasis-smp1'`. */
  format?: 'oasis-smp1' | 'busdox';
}

/**
 * Verifies an OpenNCP NCP configuration list as `verifyTsl` does, then maps it to
 * unsigned SMP ServiceMetadata records.
 * @throws {TrustmetaError} `tsl.not_openncp` for another list, or as `verifyTsl`
 * @throws {TypeError} when an argument is of the wrong type or value (the message names it)
 */
export declare function toSmp(xml: Uint8Array, store: TrustStore, options?: ToSmpOptions): readonly SmpRecord[];

/** What `onResponse` of `fetchSmp` and `fetchMetadata` is given, before the body is read. */
export interface FetchedResponse {
  /** The HTTP status. */
  readonly status: number;
  /** The URL that answered, after redirects. */
  readonly url: string;
  /** The response headers (`etag`, `last-modified`, `cache-control`, …). */
  readonly headers: Headers;
}

/** How `fetchSmp` and `fetchMetadata` retrieve a document. */
export interface FetchOptions {
  /**
   * The largest body read, in bytes: a larger one is refused (`lookup.http_failure`)
   * while it arrives, and the rest is not read. Default: 1 MiB for `fetchSmp`, 512 MiB
   * for `fetchMetadata`.
   */
  maxBytes?: number;
  /**
   * The whole exchange, body included, in milliseconds; then `lookup.http_failure`.
   * Default: 10 000 for `fetchSmp`, 120 000 for `fetchMetadata`.
   */
  timeoutMs?: number;
  /** The fetch to use. Default: `globalThis.fetch`. */
  fetch?: (input: string, init: RequestInit) => Promise<Response>;
  /** More request headers (in a browser, any but `Accept` makes a cross-origin request preflighted). */
  headers?: HeadersInit;
  /** Cancels the exchange: the promise then rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Called with each answer before its body is read; a throw stops the exchange. */
  onResponse?: (response: FetchedResponse) => void;
}

/** Options of `fetchSmp`: those of `verifySmp` and how to retrieve the record. */
export interface FetchSmpOptions extends VerifySmpOptions, FetchOptions {}

/** Options of `fetchMetadata`: those of `MetadataStreamVerifier`, how to retrieve, and a conditional request. */
export interface FetchMetadataOptions extends MetadataStreamOptions, FetchOptions {
  /** An ETag the verified copy came with: the server may answer 304, and the promise resolves to `null`. */
  ifNoneMatch?: string;
  /** When the verified copy was last modified (its `Last-Modified`): the server may answer 304, and the promise resolves to `null`. */
  ifModifiedSince?: Date | string;
}

/**
 * Fetches an SMP record (SMP 1.0 or 2.0) from `url` (absolute http or https; in a
 * browser, relative to the page) and verifies it exactly as `verifySmp` does. A body over
 * `maxBytes` is refused while it arrives; redirects are followed as fetch does, but only
 * to http or https. The verification options are checked before anything is fetched.
 * @throws {TrustmetaError} `lookup.no_service` (HTTP 404 or 410), `lookup.http_failure`
 *   (network, timeout, any other status than 200, a body over `maxBytes`), or as `verifySmp`
 * @throws {TypeError} when an argument is of the wrong type or value (the message names it)
 */
export declare function fetchSmp(url: string | URL, store: TrustStore, options: FetchSmpOptions): Promise<VerifiedServiceMetadata>;

/**
 * Fetches SAML metadata from `url` and verifies it while it arrives, each chunk of the
 * body fed to a `MetadataStreamVerifier`: the document is never held whole. Resolves to
 * what `finish()` gives, or to `null` when the server answered 304 Not Modified to a
 * conditional request (`ifNoneMatch`, `ifModifiedSince`): the copy verified before is
 * current.
 * @throws {TrustmetaError} `lookup.http_failure` (network, timeout, any status other than
 *   200 or that 304, a body over `maxBytes`), or as `MetadataStreamVerifier`
 * @throws {TypeError} when an argument is of the wrong type or value (the message names it)
 */
export declare function fetchMetadata(url: string | URL, store: TrustStore, options?: FetchMetadataOptions): Promise<VerifiedMetadata | null>;

// Earlier names of the types above.
export type ChainCertificate = Certificate;
export type SmpEndpoint = Endpoint;
export type FilteredSmpEndpoint = FilteredEndpoint;
export type SmpRedirect = Redirect;
export type SmpServiceReference = ServiceReference;
export type SamlSignature = Signature;
export type SamlRequestedAttribute = RequestedAttribute;
export type OcspOptions = VerifyOcspResponseOptions;
export type IssuerTrustFromMetadataOptions = MetadataIssuerTrustOptions;
export type SamlProfile = NonNullable<VerifySamlResponseOptions['profile']>;
export type MetadataProfile = NonNullable<VerifyMetadataOptions['profile']>;
export type EtoegangRole = NonNullable<MetadataEntity['etoegangRole']>;
