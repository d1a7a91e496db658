// The example page: give it a signed document (drop, choose, paste, or a URL to stream)
// and the certificates you trust, press Verify, and read the verdict, the signer, the
// family's fields and exactly what was signed. Uses only the package's public API:
// `trustmeta/webcrypto` for documents held whole, and the synchronous `trustmeta`,
// loaded on first use, to stream metadata (a stream cannot be read twice, and WebCrypto
// answers only later).
import * as web from 'trustmeta/webcrypto';

import { showFamily, showSigned, showSigner } from './render.js';
import { KIND_NAMES, kindOf, kindOfUrl, pastedBytes, pastedPreview, pump, rootName, samlQuestion, size, smpQuestion } from './source.js';

const $ = (id) => document.getElementById(id);
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
/** Metadata files larger than this are streamed rather than read whole (`?stream=always`: every one). */
const STREAM_FILES_ABOVE = new URLSearchParams(location.search).get('stream') === 'always' ? -1 : 8 * 1024 * 1024;

/**
 * The document: the last of a file, pasted text or a URL that the person gave. A file
 * comes with a promise of its first 64 KiB, read once, which show its document element.
 */
let source = { kind: 'none' };
let trustFiles = [];
let runs = 0;
let portable;

/** A failure of the person's input, shown as such rather than as a verifier's refusal. */
class InputError extends Error {}

function text(id, value) {
  $(id).textContent = value;
}

/** The synchronous entry, for streaming; its module is fetched on first use. */
function portableEntry() {
  portable ??= import('trustmeta').then(async (m) => {
    await m.init();
    return m;
  });
  return portable;
}

// --- Input --------------------------------------------------------------------------------

/** The kind the chosen file or pasted text will be verified as ('auto' while unknown). */
async function kindToVerify() {
  const chosen = $('kind').value;
  if (chosen !== 'auto') return chosen;
  if (source.kind === 'file') return kindOf(await source.head);
  if (source.kind === 'url') return kindOfUrl(chosen);
  if (source.kind === 'text') return kindOf(pastedPreview($('xml-text').value));
  return 'auto';
}

/** Whether the document is streamed rather than held whole. */
async function streams() {
  if (source.kind === 'url') return true;
  return source.kind === 'file' && source.file.size > STREAM_FILES_ABOVE && (await kindToVerify()) === 'metadata';
}

async function describeSource() {
  const kind = await kindToVerify();
  let line = 'No document yet.';
  if (source.kind === 'file') {
    const root = rootName(await source.head);
    line = `${source.file.name}: ${size(source.file.size)}, ${root ? `<${root}>` : 'no XML document element'} → ${KIND_NAMES[kind]}${(await streams()) ? ', streamed' : ''}`;
  } else if (source.kind === 'text') {
    const root = rootName(pastedPreview($('xml-text').value));
    const form = $('xml-text').value.trim().startsWith('<') ? 'XML' : 'base64 form value';
    line = `Pasted ${form}: ${root ? `<${root}>` : 'no XML document element'} → ${KIND_NAMES[kind]}`;
  } else if (source.kind === 'url') {
    line = `Streamed from ${$('xml-url').value.trim()} as ${KIND_NAMES[kind]}`;
  }
  text('doc-info', line);
  showFieldsFor(kind);
}

/** Shows the questions of `kind` (all of them while the kind is not known yet). */
function showFieldsFor(kind) {
  for (const box of document.querySelectorAll('.for')) {
    box.hidden = kind !== 'auto' && !box.dataset.for.split(' ').includes(kind);
  }
}

function useFile(file) {
  source = { kind: 'file', file, head: file.slice(0, 64 * 1024).arrayBuffer().then((b) => new Uint8Array(b)) };
  $('xml-text').value = '';
  $('xml-url').value = '';
  describeSource();
}

function useTrust(files) {
  trustFiles = [...files];
  describeTrust();
}

function describeTrust() {
  const names = trustFiles.map((f) => f.name);
  if ($('trust-text').value.trim()) names.push('pasted PEM');
  text('trust-info', names.length ? `Trusting: ${names.join(', ')}` : 'Nothing trusted yet.');
}

/** Drag and drop onto `zone`: files to `onFiles`, dropped text (if any) to `onText`. */
function dropZone(zone, onFiles, onText) {
  zone.addEventListener('dragover', (e) => {
    e.preventDefault();
    zone.dataset.over = 'true';
  });
  zone.addEventListener('dragleave', () => (zone.dataset.over = 'false'));
  zone.addEventListener('drop', (e) => {
    e.preventDefault();
    zone.dataset.over = 'false';
    const files = e.dataTransfer?.files;
    if (files && files.length) onFiles(files);
    else if (onText && e.dataTransfer?.getData('text/plain')) onText(e.dataTransfer.getData('text/plain'));
  });
}

/** The whole document given as a file or as pasted text. */
async function documentBytes() {
  if (source.kind === 'file') return new Uint8Array(await source.file.arrayBuffer());
  return pastedBytes($('xml-text').value, web.decodePostBinding);
}

async function trustStore(entry) {
  const store = new entry.TrustStore();
  try {
    for (const f of trustFiles) store.addPem(new Uint8Array(await f.arrayBuffer()));
    const pasted = $('trust-text').value.trim();
    if (pasted) store.addPem(pasted);
  } catch (e) {
    store.free();
    throw e;
  }
  if (store.size === 0) {
    store.free();
    throw new InputError('Choose, drop or paste at least one certificate you trust.');
  }
  return store;
}

function verificationTime() {
  const at = $('at').value.trim();
  if (at === '') return new Date();
  if (!RFC3339.test(at)) throw new InputError(`"${at}" is not an RFC 3339 time such as 2026-06-01T00:00:00Z.`);
  return new Date(at);
}

// --- Verification -------------------------------------------------------------------------

/** Runs the family verifier of `kind` on `bytes` held whole; resolves to [result, signer]. */
async function verifyWhole(kind, bytes, store, common) {
  switch (kind) {
    case 'smp': {
      const asked = smpQuestion(bytes);
      const participant = $('participant').value.trim() || asked.participant;
      const document = $('document').value.trim() || asked.document;
      if (!participant || !document) throw new InputError('Enter the participant and document type to ask the record about.');
      const r = await web.verifySmp(bytes, store, { ...common, participant, document });
      return [r, r];
    }
    case 'smp-group': {
      const participant = $('participant').value.trim() || smpQuestion(bytes).participant;
      if (!participant) throw new InputError('Enter the participant the service group is about.');
      const r = await web.verifyServiceGroup(bytes, store, { ...common, participant });
      return [r, r];
    }
    case 'saml-response': {
      const audience = $('audience').value.trim();
      const acs = $('acs').value.trim();
      if (!audience || !acs) {
        throw new InputError('Enter your entity ID and assertion consumer service URL: a response is only valid for the party it names.');
      }
      const trust = web.IssuerTrust.anyIssuer(store);
      try {
        const requestId = $('request-id').value.trim() || undefined;
        const r = await web.verifySamlResponse(bytes, trust, { ...common, audience, acs, requestId, profile: $('saml-profile').value });
        return [r, r.signatures[0]];
      } finally {
        trust.free();
      }
    }
    case 'saml-request': {
      const trust = web.IssuerTrust.anyIssuer(store);
      try {
        const r = await web.verifySamlRequest(bytes, trust, { ...common, profile: $('saml-profile').value });
        return [r, r.signature];
      } finally {
        trust.free();
      }
    }
    case 'metadata': {
      const r = await web.verifyMetadata(bytes, store, { ...common, profile: $('metadata-profile').value });
      return [r, r];
    }
    default: {
      const r = await web.verify(bytes, store, common);
      return [r, r];
    }
  }
}

/** Metadata streamed from a URL's body or a file, through the synchronous entry. */
async function verifyStreamed(common, progress) {
  const tm = await portableEntry();
  const store = await trustStore(tm);
  const options = { ...common, profile: $('metadata-profile').value };
  try {
    if (source.kind === 'url') {
      let bytes = 0;
      let pieces = 0;
      // Counts the body as the verifier reads it; the package's own limits still apply.
      const counting = async (input, init) => {
        const res = await fetch(input, init);
        if (!res.body) return res;
        const body = res.body.pipeThrough(
          new TransformStream({
            transform(chunk, out) {
              bytes += chunk.length;
              pieces += 1;
              progress(bytes, pieces);
              out.enqueue(chunk);
            },
          }),
        );
        return new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
      };
      const r = await tm.fetchMetadata($('xml-url').value.trim(), store, { ...options, fetch: counting });
      if (r === null) throw new InputError('The server answered 304 Not Modified to a request that was not conditional.');
      return [r, { bytes, pieces }];
    }
    const verifier = new tm.MetadataStreamVerifier(store, options);
    try {
      const read = await pump(source.file.stream(), (piece) => verifier.feed(piece), progress);
      return [verifier.finish(), read];
    } finally {
      verifier.free();
    }
  } finally {
    store.free();
  }
}

/** The signed content of a document held whole, read again by the generic verifier. */
async function signedContent(bytes, store, common) {
  try {
    const doc = await web.verify(bytes, store, common);
    return [doc.signedXml, null];
  } catch (e) {
    return [[], `The signed content could not be shown (${e.code ?? e.message}); the fields above are signed.`];
  }
}

function showVerdict(state, title, detail) {
  $('result').hidden = false;
  $('verdict').dataset.state = state;
  // Counts finished verifications, so a reader (or a test) can tell a new verdict from the last one.
  $('verdict').dataset.run = String(++runs);
  text('verdict-title', title);
  text('verdict-detail', detail);
  $('report').hidden = state !== 'verified';
}

async function onVerify(event) {
  event.preventDefault();
  // Nothing of an earlier verdict stays on screen while this one runs.
  $('verdict').dataset.state = 'working';
  $('report').hidden = true;
  text('verdict-title', 'Verifying…');
  text('verdict-detail', '');
  $('verify').disabled = true;
  let store;
  try {
    const now = verificationTime();
    const common = { now, allowSha1: $('allow-sha1').checked };
    const chosen = $('kind').value;
    let kind;
    let result;
    let signer;
    let signed = [[], null];
    if (source.kind === 'none') throw new InputError('Choose, drop or paste a signed document, or give a URL.');
    const progress = (bytes, pieces) => text('status', `Streaming: ${size(bytes)} read in ${pieces} piece${pieces === 1 ? '' : 's'}…`);
    if (source.kind === 'url' && kindOfUrl(chosen) === 'smp') {
      kind = 'smp';
      const participant = $('participant').value.trim();
      const document = $('document').value.trim();
      if (!participant || !document) throw new InputError('Enter the participant and document type to ask the SMP about.');
      store = await trustStore(web);
      result = await web.fetchSmp($('xml-url').value.trim(), store, { ...common, participant, document });
      signer = result;
      signed = [[], 'Fetched and verified by fetchSmp, which does not hand out the record, so its signed content is not shown.'];
    } else if (await streams()) {
      kind = kindOfUrl(chosen);
      if (kind !== 'metadata') throw new InputError(`A URL is read as SAML metadata or an SMP record; give the ${KIND_NAMES[kind]} as a file or pasted.`);
      const [r, read] = await verifyStreamed(common, progress);
      result = r;
      signer = r;
      signed = [[], `Verified while it streamed (${size(read.bytes)} in ${read.pieces} piece${read.pieces === 1 ? '' : 's'}) and never held whole, so it is not shown: the signature covers the whole document element except itself.`];
    } else {
      const bytes = await documentBytes();
      kind = chosen === 'auto' ? kindOf(bytes) : chosen;
      store = await trustStore(web);
      [result, signer] = await verifyWhole(kind, bytes, store, common);
      signed = kind === 'generic' ? [result.signedXml, null] : await signedContent(bytes, store, common);
    }
    // Filled while hidden; shown with the verdict.
    showSigner(signer);
    showFamily(kind, result);
    showSigned(...signed);
    showVerdict('verified', '✔ Verified', `— ${KIND_NAMES[kind]} signed by ${signer.signerSubject ?? 'a pinned key'}, trusted by you.`);
  } catch (e) {
    // Either entry's TrustmetaError: each module has its own class.
    if (e instanceof Error && e.name === 'TrustmetaError') {
      showVerdict('rejected', `✘ Rejected: ${e.code}`, `— ${e.message}`);
    } else if (e instanceof InputError) {
      showVerdict('error', 'Check the input', `— ${e.message}`);
    } else {
      showVerdict('error', 'Error', `— ${e.message}`);
    }
  } finally {
    store?.free();
    $('verify').disabled = false;
    text('status', 'Ready.');
  }
}

try {
  await web.init();
  text('version', web.version());
  $('xml-file').addEventListener('change', () => $('xml-file').files[0] && useFile($('xml-file').files[0]));
  $('xml-text').addEventListener('input', () => {
    source = $('xml-text').value.trim() ? { kind: 'text' } : { kind: 'none' };
    $('xml-file').value = '';
    $('xml-url').value = '';
    describeSource();
  });
  $('xml-url').addEventListener('input', () => {
    source = $('xml-url').value.trim() ? { kind: 'url' } : { kind: 'none' };
    $('xml-file').value = '';
    $('xml-text').value = '';
    describeSource();
  });
  $('kind').addEventListener('change', describeSource);
  $('trust-file').addEventListener('change', () => useTrust($('trust-file').files));
  $('trust-text').addEventListener('input', describeTrust);
  dropZone($('doc-drop'), (files) => useFile(files[0]), (t) => {
    $('xml-text').value = t;
    $('xml-text').dispatchEvent(new Event('input'));
  });
  dropZone($('trust-drop'), useTrust, (t) => {
    $('trust-text').value = t;
    describeTrust();
  });
  $('saml-fill').addEventListener('click', async () => {
    if (source.kind === 'none' || source.kind === 'url') return;
    const bytes = await documentBytes();
    const asked = samlQuestion(bytes);
    $('audience').value = asked.audience;
    $('acs').value = asked.acs;
  });
  showFieldsFor('auto');
  text('status', 'Ready.');
  $('verify').disabled = false;
  $('form').addEventListener('submit', onVerify);
  document.body.dataset.ready = 'true';
} catch (e) {
  text('status', `Could not load the WebAssembly module: ${e.message}`);
}
