// The example page: pick a signed XML file and a trusted certificate, press Verify,
// see the verdict and the signed content. Uses only the package's public API.
import { init, TrustStore, TrustmetaError, verify, version } from 'trustmeta';

const $ = (id) => document.getElementById(id);
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

function text(id, value) {
  $(id).textContent = value;
}

let runs = 0;

function showVerdict(state, title, detail) {
  $('result').hidden = false;
  $('verdict').dataset.state = state;
  // Counts finished verifications, so a reader (or a test) can tell a new verdict from the last one.
  $('verdict').dataset.run = String(++runs);
  text('verdict-title', title);
  text('verdict-detail', detail);
  $('report').hidden = state !== 'verified';
}

function showReport(doc) {
  text('signer-subject', doc.signerSubject ?? '(a pinned public key, no certificate)');
  text('signer-sha256', doc.signerSha256 ?? '—');
  text('signer-key', doc.signerKey);
  text(
    'trusted-as',
    doc.pinned
      ? 'pinned: the signer itself is in your trust store'
      : `chain of ${doc.chain.length}: ${doc.chain.map((c) => c.subject).join(' → ')}`,
  );
  text('signature-algorithm', doc.signatureAlgorithm);
  text('canonicalization', doc.canonicalization);
  $('references').replaceChildren(
    ...doc.references.map((r) => {
      const li = document.createElement('li');
      li.textContent = `URI "${r.uri}" → <${r.element}>, digest ${r.digest.replace(/^.*#/, '')}, transforms: ${r.transforms.join(', ') || 'none'}`;
      return li;
    }),
  );
  text('legacy', doc.legacyAlgorithms.length ? `${doc.legacyAlgorithms.join(', ')} (allowed by your choice)` : 'none');
  text('verified-at', doc.verifiedAt.toISOString().replace('.000Z', 'Z'));
  // textContent, never innerHTML: the signed content is shown, not interpreted.
  text('signed-xml', doc.signedXml.join('\n\n'));
}

async function bytesOf(file) {
  return new Uint8Array(await file.arrayBuffer());
}

async function onVerify(event) {
  event.preventDefault();
  $('verdict').dataset.state = 'working';
  $('report').hidden = true;
  const xmlFile = $('xml-file').files[0];
  const trustFiles = [...$('trust-file').files];
  if (!xmlFile || trustFiles.length === 0) {
    showVerdict('error', 'Choose both files', '— a signed XML document and at least one trusted certificate.');
    return;
  }
  const at = $('at').value.trim();
  if (at !== '' && !RFC3339.test(at)) {
    showVerdict('error', 'Check the time', `— "${at}" is not an RFC 3339 time such as 2026-06-01T00:00:00Z.`);
    return;
  }
  let store;
  try {
    store = new TrustStore();
    for (const f of trustFiles) store.addPem(await bytesOf(f));
    const doc = verify(await bytesOf(xmlFile), store, {
      now: at === '' ? new Date() : new Date(at),
      allowSha1: $('allow-sha1').checked,
    });
    showVerdict('verified', '✔ Verified', `— signed by ${doc.signerSubject ?? 'a pinned key'}, trusted by you.`);
    showReport(doc);
  } catch (e) {
    if (e instanceof TrustmetaError) {
      showVerdict('rejected', `✘ Rejected: ${e.code}`, `— ${e.message}`);
    } else {
      showVerdict('error', 'Error', `— ${e.message}`);
    }
  } finally {
    store?.free();
  }
}

try {
  await init();
  text('version', version());
  text('status', 'Ready.');
  $('verify').disabled = false;
  $('form').addEventListener('submit', onVerify);
  document.body.dataset.ready = 'true';
} catch (e) {
  text('status', `Could not load the WebAssembly module: ${e.message}`);
}
