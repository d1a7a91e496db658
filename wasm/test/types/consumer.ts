// Compiled (not run) by test/package.test.mjs with `tsc --noEmit` against the built
// package's declarations: what a TypeScript user writes must type-check, and misuse must not.
import { decodeElmoField, decodePostBinding, DecryptionKeys, decryptSamlAssertion, Emreg, errorCodes, fetchMetadata, fetchSmp, init, IssuerTrust, MetadataStreamVerifier, parseReturnCode, ReplayCache, smpName, toSmp, TrustmetaError, TrustStore, verify, verifyElmo, verifySamlRequest, verifySamlRequestRedirect, verifySamlResponse, verifyServiceGroup, verifySmp, verifySmpExtensionSignatures, verifyMetadata, verifySmpRedirect, verifyTsl, version } from 'trustmeta';
import type { DecryptedPart, FetchedResponse, FetchSmpOptions, MetadataProfileName, SamlProfileName, SignedPartsName, TrustRoleName, ErrorCode, EtoegangRole, Learner, MetadataEndpoint, MetadataEntity, VerifiedMetadata, Ncp, Reference, SamlAttribute, SmpEndpoint, SmpRecord, TslService, VerifiedAuthnRequest, VerifiedDocument, VerifiedElmo, VerifiedSamlResponse, VerifiedServiceMetadata, VerifiedTsl, VerifyOptions } from 'trustmeta';

await init();
const v: string = version();
const store: TrustStore = TrustStore.fromPem('-----BEGIN CERTIFICATE-----\n…');
const same: TrustStore = new TrustStore().addPem(new Uint8Array()).addIntermediatesPem('…').addCrlsPem(new Uint8Array());
const size: number = store.size + same.size;
const options: VerifyOptions = { now: new Date(), allowSha1: false, allowStaleCrl: false, minRsaBits: 2048 };
const doc: VerifiedDocument = verify(new Uint8Array(), store, options);
// @ts-expect-error a CRL is PEM text or DER bytes
store.addCrlsPem(42);
const sha: string | null = doc.signerSha256;
const subject: string | null = doc.signerSubject;
const refs: Reference[] = doc.references;
const digests: string[] = refs.map((r) => r.digest + r.uri + r.element + r.transforms.join());
const signed: string[] = doc.signedXml;
const at: Date = doc.verifiedAt;
const chain: string[] = doc.chain.map((c) => c.subject + c.sha256);
const flags: boolean = doc.pinned;
const names: string = doc.signerKey + doc.signatureAlgorithm + doc.canonicalization + doc.legacyAlgorithms.join();
const code: ErrorCode = 'dsig.digest_mismatch';
const n: number = errorCodes[code];
try {
  verify(new Uint8Array(), store);
} catch (e) {
  if (e instanceof TrustmetaError) {
    const c: ErrorCode = e.code;
    const m: string = e.message;
    const num: number = e.number;
    console.log(c, m, num);
  }
}
const rec: VerifiedServiceMetadata = verifySmp(new Uint8Array(), store, { participant: 'a::b', document: 'c::d', transportProfile: 'peppol-transport-as4-v2_0', now: new Date() });
const eps: SmpEndpoint[] = rec.endpoints;
const until: Date | null = eps[0].expiration;
const cert: string | null = eps[0].certificateSha256;
const why: string = rec.filteredEndpoints.map((f) => f.reason + f.message).join();
const href: string | undefined = rec.redirect?.href;
const smpSigner: string | null = rec.signerSha256;
const target: VerifiedServiceMetadata = verifySmpRedirect(new Uint8Array(), new Uint8Array(), store, { participant: 'a::b', document: 'c::d' });
console.log(target.endpoints.length);
const group = verifyServiceGroup(new Uint8Array(), store, { participant: 'a::b', allowUnsigned: true });
const firstDoc: string | null = group.references[0].document;
console.log(firstDoc, group.signed);
const owners: string[] = verifySmpExtensionSignatures(new Uint8Array(), store).map((x) => x.coveredElement + (x.signerSubject ?? ''));
console.log(owners);
const checked: boolean | null = verifySmp(new Uint8Array(), store, { participant: 'a::b', document: 'c::d', apStore: store }).endpoints[0].certificateTrusted;
console.log(checked);
const dns: string = smpName('a::b', 'zone', { cname: true });
console.log(until, cert, why, href, smpSigner, dns);
store.free();

const emreg: Emreg = Emreg.parse(new Uint8Array());
const firstNcp: Ncp = emreg.ncps[0];
const offered: string[] = emreg.choices('NO').map((c) => c.ncp.acronym + (c.institution ?? ''));
const single: boolean | undefined = emreg.country('no')?.singleFetch;
const elmo: VerifiedElmo = verifyElmo(decodeElmoField('H4sI…', { maxElmoBytes: 1 << 20 }), emreg, { ncp: firstNcp.acronym, allowSha1: true });
const learner: Learner = elmo.learner;
const born: string | null = learner.birthDate;
const rc: 'OK' | 'NO_RESULTS' | 'CANCEL' | 'ERROR' = parseReturnCode('NCP_OK');
console.log(offered, single, born, rc, elmo.reports + elmo.nestedSignatures, elmo.signerSubject, emreg.emps, emreg.skippedNulls);
emreg.free();
// @ts-expect-error the NCP is required
verifyElmo(new Uint8Array(), emreg, { now: new Date() });
// @ts-expect-error an Emreg is made by Emreg.parse
new Emreg();

const tsl: VerifiedTsl = verifyTsl(new Uint8Array(), store, { now: new Date() });
const seq: number = tsl.sequenceNumber;
const next: Date | null = tsl.nextUpdate;
const svc: TslService | undefined = tsl.services[0];
const der: Uint8Array | undefined = tsl.pointers[0]?.certificates[0];
const role: string | undefined = tsl.openncp?.services[0]?.role;
const records: readonly SmpRecord[] = toSmp(new Uint8Array(), store, { format: 'busdox', allowSha1: false });
console.log(seq, next, svc?.statusStartingTime, der, role, records[0]?.xml, tsl.signerSubject);
// @ts-expect-error an unknown SMP format
toSmp(new Uint8Array(), store, { format: 'smp2' });

const trust: IssuerTrust = new IssuerTrust().add('https://idp.example.org/', store.addKeysPem('…'));
const cache = new ReplayCache(1000);
const seenIds = new Map<string, number>();
const sharedCache: ReplayCache = ReplayCache.fromCallback((id, expiresAtMs, nowMs) => {
  if ((seenIds.get(id) ?? 0) > nowMs) return false;
  seenIds.set(id, expiresAtMs);
  return true;
});
console.log(sharedCache.size);
// @ts-expect-error the callback answers synchronously, with a boolean
ReplayCache.fromCallback(async () => true);
const saml: VerifiedSamlResponse = verifySamlResponse(decodePostBinding('PHg+', { relayState: 'state' }), IssuerTrust.anyIssuer(store), {
  audience: 'https://sp.example.org/',
  acs: 'https://sp.example.org/acs',
  profile: 'stork',
  signed: 'both',
  cache,
});
const attr: SamlAttribute | undefined = saml.attributes[0];
const req: VerifiedAuthnRequest = verifySamlRequest(new Uint8Array(), trust, { maxAge: 60 });
const redirected: VerifiedAuthnRequest = verifySamlRequestRedirect('SAMLRequest=…', trust);
console.log(saml.nameId, saml.storkQaa, attr?.status, cache.size, req.storkQaa, redirected.relayState, saml.signatures[0]?.signerSubject);
// @ts-expect-error the audience and ACS URL are required
verifySamlResponse(new Uint8Array(), trust, { requestId: 'x' });

const keys: DecryptionKeys = DecryptionKeys.fromPem('-----BEGIN PRIVATE KEY-----\n…').addPem(new Uint8Array());
const keyCount: number = new DecryptionKeys().size + keys.size;
const decrypted: VerifiedSamlResponse = verifySamlResponse(new Uint8Array(), trust, { audience: 'a', acs: 'b', decryptKeys: keys, allowLegacyEncryption: false });
const parts: DecryptedPart[] = decrypted.decrypted;
const how: string = parts.map((p) => p.element + p.contentAlgorithm + p.keyAlgorithm + String(p.legacy)).join();
const unverified = decryptSamlAssertion(new Uint8Array(), keys, { allowLegacyEncryption: true });
const plain: string = unverified.xml;
const part: DecryptedPart = unverified.decrypted;
console.log(keyCount, how, plain, part);
keys.free();
// @ts-expect-error a TrustStore holds certificates, not decryption keys
decryptSamlAssertion(new Uint8Array(), store);
// @ts-expect-error the keys are an option of verifySamlResponse, named decryptKeys
verifySamlResponse(new Uint8Array(), trust, { audience: 'a', acs: 'b', keys });
// @ts-expect-error not a SAML profile
verifySamlRequest(new Uint8Array(), trust, { profile: 'saml2' });
// Each choice option is a union of its names, named by an exported type.
const samlProfile: SamlProfileName = 'eidas';
const signedParts: SignedPartsName = 'assertion';
const metadataProfile: MetadataProfileName = 'etoegang';
const trustRole: TrustRoleName = 'SPSSODescriptor';
verifySamlResponse(new Uint8Array(), trust, { audience: 'a', acs: 'b', profile: samlProfile, signed: signedParts });
IssuerTrust.fromMetadata(new Uint8Array(), store, { role: trustRole, profile: metadataProfile });
// @ts-expect-error a misspelled SAML profile
verifySamlResponse(new Uint8Array(), trust, { audience: 'a', acs: 'b', profile: 'eidass' });
// @ts-expect-error a misspelled choice of signatures
verifySamlResponse(new Uint8Array(), trust, { audience: 'a', acs: 'b', signed: 'al' });
// @ts-expect-error a misspelled metadata profile
verifyMetadata(new Uint8Array(), store, { profile: 'etoegan' });
// @ts-expect-error roles are spelled as the element names
IssuerTrust.fromMetadata(new Uint8Array(), store, { role: 'IdPSSODescriptor' });
// @ts-expect-error not a metadata profile
new MetadataStreamVerifier(store, { profile: 'stork' });
const anyText: string = 'generic';
// @ts-expect-error a string is not known to be a profile
verifyMetadata(new Uint8Array(), store, { profile: anyText });

const meta: VerifiedMetadata = verifyMetadata(new Uint8Array(), store, { now: new Date(), profile: 'etoegang', allowSha1: false });
const sequence: number | undefined = meta.etoegang?.sequence;
const env: 'P' | 'A' | undefined = meta.etoegang?.environment;
const refresh: Date | null = meta.expires;
const cacheSecs: number | undefined = meta.cacheDuration?.seconds;
const mdGroups: readonly string[] = meta.groups;
const viaStream: VerifiedMetadata = new MetadataStreamVerifier(store, { profile: 'generic' }).feed(new Uint8Array()).feed(new Uint8Array()).finish();
new MetadataStreamVerifier(store).free();
const entity: MetadataEntity | null = meta.findEntity('urn:etoegang:AD:1');
const ebRoles: readonly EtoegangRole[] = entity?.validatedAs ?? [];
const abbreviation: EtoegangRole | null | undefined = entity?.etoegangRole;
const signingDer: Uint8Array | undefined = entity?.signingCertificates[0];
const endpoint: MetadataEndpoint | undefined = entity?.endpoints[0];
const endpointIndex: number | null | undefined = endpoint?.index;
const label: string | undefined = entity?.displayNames[0]?.text;
const listed: string[] = meta.entityIds().map(({ entityId, group: inGroup }) => entityId + (inGroup ?? ''));
const streamedIds: ReadonlyMap<string, string | null> = new Map(viaStream.entityIds().map((e) => [e.entityId, e.group]));
const fromStream: MetadataEntity | null = viaStream.findEntity('urn:etoegang:AD:1');
const fromMd: IssuerTrust = IssuerTrust.fromMetadata(new Uint8Array(), store, { role: 'SPSSODescriptor', profile: 'etoegang', now: new Date() });
console.log(streamedIds, fromStream, sequence, env, refresh, cacheSecs, mdGroups, viaStream.streamed, viaStream.nestedSignatures, meta.signerSubject, ebRoles, abbreviation, signingDer, endpointIndex, label, listed, fromMd, entity?.offeredForAdSelection);
// @ts-expect-error lookups take no bytes: the result holds what verification produced
meta.findEntity(new Uint8Array(), 'urn:etoegang:AD:1');
// @ts-expect-error the entity list is not to be changed
meta.entityIds()[0].entityId = 'https://idp.example.org/';
// @ts-expect-error not a metadata profile
verifyMetadata(new Uint8Array(), store, { profile: 'eherkenning' });
// @ts-expect-error the time option is `now`
verifyMetadata(new Uint8Array(), store, { at: new Date() });
// @ts-expect-error a chunk is bytes
new MetadataStreamVerifier(store).feed('<x/>');
// @ts-expect-error not a role descriptor
IssuerTrust.fromMetadata(new Uint8Array(), store, { role: 'IdP' });
// @ts-expect-error not an eToegang role
const notRole: EtoegangRole = 'IS';

// @ts-expect-error the question is required
verifySmp(new Uint8Array(), store, { now: new Date() });

const onResponse = (r: FetchedResponse): void => console.log(r.status, r.url, r.headers.get('etag'));
const smpOptions: FetchSmpOptions = { participant: 'a::b', document: 'c::d', maxBytes: 1 << 20, timeoutMs: 5000, headers: { 'X-Trace': '1' }, signal: AbortSignal.timeout(1000), onResponse };
const fetchedSmp: VerifiedServiceMetadata = await fetchSmp('https://smp.example.org/a', store, smpOptions);
const fetchedMd: VerifiedMetadata | null = await fetchMetadata(new URL('https://md.example.org/'), store, { profile: 'etoegang', ifNoneMatch: '"36"', ifModifiedSince: new Date(), fetch });
console.log(fetchedSmp.endpoints, fetchedMd?.entities);
// @ts-expect-error the question is required
await fetchSmp('https://smp.example.org/a', store, { maxBytes: 1 });
// @ts-expect-error conditional requests are for metadata
await fetchSmp('https://smp.example.org/a', store, { participant: 'a::b', document: 'c::d', ifNoneMatch: '"36"' });
// @ts-expect-error the result may be null (304 Not Modified)
const notNull: VerifiedMetadata = await fetchMetadata('https://md.example.org/', store);

// @ts-expect-error a string is not accepted as xml
verify('<x/>', store);
// @ts-expect-error an unknown option
verify(new Uint8Array(), store, { allowSHA1: true });
// @ts-expect-error not an error code
const bad: ErrorCode = 'dsig.nope';

console.log(v, size, sha, subject, digests, signed, at, chain, flags, names, n, bad, notRole, notNull);
