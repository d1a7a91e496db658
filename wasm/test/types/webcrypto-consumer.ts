// Compiled (not run) with consumer.ts: the WebCrypto entry's declarations, where every
// operation returns a Promise of the synchronous entry's result.
import { init, IssuerTrust, ReplayCache, toSmp, TrustmetaError, TrustStore, verify, verifySamlResponse, verifySmp } from 'trustmeta/webcrypto';
import type { SmpRecord, VerifiedDocument, VerifiedSamlResponse, VerifiedServiceMetadata } from 'trustmeta/webcrypto';

await init();
const store: TrustStore = TrustStore.fromPem('-----BEGIN CERTIFICATE-----\n…');
const doc: VerifiedDocument = await verify(new Uint8Array(), store, { now: new Date() });
const pending: Promise<VerifiedServiceMetadata> = verifySmp(new Uint8Array(), store, { participant: 'p', document: 'd' });
// @ts-expect-error the result is a Promise, not the record
const notAwaited: VerifiedDocument = verify(new Uint8Array(), store);
const trust: IssuerTrust = await IssuerTrust.fromMetadata(new Uint8Array(), store);
const r: VerifiedSamlResponse = await verifySamlResponse(new Uint8Array(), trust, { audience: 'a', acs: 'b', cache: new ReplayCache(10) });
const records: readonly SmpRecord[] = await toSmp(new Uint8Array(), store);
try {
  await pending;
} catch (e) {
  if (e instanceof TrustmetaError) console.log(e.code);
}
console.log(doc.signerSha256, notAwaited, r.nameId, records.length);
