import { readFileSync } from 'node:fs';
import * as wc from 'trustmeta/webcrypto';
import * as glue from '../pkg/webcrypto/trustmeta_wasm.js';
const repo = '/work/wt-webcrypto';
const xml = readFileSync(`${repo}/tests/data/sample/smp-signed.xml`);
const pem = readFileSync(`${repo}/tests/data/sample/signer.pem`, 'utf8');
const now = new Date('2026-06-01T00:00:00Z');
const raw = new glue.RawTrustStore(); raw.addPem(new TextEncoder().encode(pem));
function bench(name, f, N = 1000) { for (let i = 0; i < 50; i++) f(); const ts = []; for (let r = 0; r < 5; r++) { const t0 = performance.now(); for (let i = 0; i < N; i++) f(); ts.push((performance.now() - t0) * 1000 / N); } ts.sort((a,b)=>a-b); console.log(name, ts[2].toFixed(1), 'µs'); }
bench('pass verify', () => { const c = new glue.RawChecks(); glue.rawCallChecked('verify', [xml, raw.token()], { now }, 0, c, false); c.asked(); c.free(); });
bench('pass smpName', () => { const c = new glue.RawChecks(); glue.rawCallChecked('smp_name', ['iso6523-actorid-upis::0088:5798000000001', 'acc.edelivery.tech.ec.europa.eu'], undefined, 0, c, false); c.free(); });
bench('decodePostBinding 6KB', () => { const c = new glue.RawChecks(); glue.rawCallChecked('decode_post_binding', [Buffer.from(xml).toString('base64')], undefined, 0, c, false); c.free(); });
