// What the person gave the page: the document's bytes (a file, pasted text, a URL to
// stream), which family it belongs to, and the questions a family verifier needs.
//
// Nothing read here is ever shown as signed. The document element's name only chooses
// which verifier runs (each refuses a document of another family), and the participant,
// document type, audience and URL taken from the document are *questions*: the verifier
// compares them with what the signature covers and refuses a mismatch.

/** Pieces fed to a streaming verifier are at most this long, whatever the source delivers. */
export const CHUNK = 64 * 1024;

/** The kinds the page verifies, by the local name of the document element. */
const KIND_OF_ROOT = new Map([
  ['Response', 'saml-response'],
  ['AuthnRequest', 'saml-request'],
  ['SignedServiceMetadata', 'smp'],
  ['ServiceMetadata', 'smp'],
  ['ServiceGroup', 'smp-group'],
  ['EntitiesDescriptor', 'metadata'],
  ['EntityDescriptor', 'metadata'],
]);

export const KIND_NAMES = {
  'saml-response': 'SAML response',
  'saml-request': 'SAML AuthnRequest',
  smp: 'SMP record',
  'smp-group': 'SMP service group',
  metadata: 'SAML metadata',
  generic: 'signed XML',
};

/**
 * The local name of the document element of `bytes` (its first 64 KiB are looked at),
 * or null when there is none to be seen: not XML, or a DOCTYPE first (which every
 * verifier refuses).
 */
export function rootName(bytes) {
  let text = new TextDecoder('utf-8').decode(bytes.subarray(0, 64 * 1024));
  if (text.startsWith('\uFEFF')) text = text.slice(1);
  let at = 0;
  for (;;) {
    while (at < text.length && ' \t\r\n'.includes(text[at])) at++;
    if (text.startsWith('<?', at)) at = skipPast(text, at, '?>');
    else if (text.startsWith('<!--', at)) at = skipPast(text, at, '-->');
    else break;
    if (at < 0) return null;
  }
  const m = /^<(?:[A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)/.exec(text.slice(at, at + 256));
  return m ? m[1] : null;
}

function skipPast(text, at, end) {
  const i = text.indexOf(end, at);
  return i < 0 ? -1 : i + end.length;
}

/** The kind the page verifies `bytes` as when the person chose "recognize". */
export function kindOf(bytes) {
  return KIND_OF_ROOT.get(rootName(bytes)) ?? 'generic';
}

/** Kind of a document streamed from a URL, before any byte has arrived. */
export function kindOfUrl(chosen) {
  return chosen === 'auto' ? 'metadata' : chosen;
}

/**
 * The bytes of pasted text: the XML as UTF-8, or — when it does not start with `<` — the
 * base64 value of a SAML HTTP-POST form field, decoded by the package.
 */
export async function pastedBytes(text, decodePostBinding) {
  const trimmed = text.trim();
  if (trimmed.startsWith('<')) return new TextEncoder().encode(text);
  return decodePostBinding(trimmed.replace(/\s+/g, ''));
}

/**
 * The start of pasted text as bytes, to see its document element while the person types:
 * base64 is decoded here without the package (and without its checks). Verification
 * always decodes with `pastedBytes`.
 */
export function pastedPreview(text) {
  const trimmed = text.trim();
  if (trimmed.startsWith('<')) return new TextEncoder().encode(trimmed.slice(0, 64 * 1024));
  try {
    const head = trimmed.replace(/\s+/g, '').slice(0, 88 * 1024);
    return Uint8Array.from(atob(head.slice(0, head.length - (head.length % 4))), (c) => c.charCodeAt(0));
  } catch {
    return new Uint8Array();
  }
}

function parse(bytes) {
  const doc = new DOMParser().parseFromString(new TextDecoder().decode(bytes), 'application/xml');
  return doc.getElementsByTagName('parsererror').length ? null : doc;
}

function identifier(el, schemeAttr) {
  if (!el) return '';
  const scheme = el.getAttribute(schemeAttr) ?? '';
  const value = el.textContent.trim();
  return scheme ? `${scheme}::${value}` : value;
}

/**
 * The participant and document type an SMP record names (SMP 1.x `ParticipantIdentifier`,
 * `DocumentIdentifier`; SMP 2.0 `ParticipantID`, `ID`), written as `scheme::value`: the
 * question asked when the person left it empty. Empty strings when not found.
 */
export function smpQuestion(bytes) {
  const doc = parse(bytes);
  if (!doc) return { participant: '', document: '' };
  const first = (name) => doc.getElementsByTagNameNS('*', name)[0];
  const root = doc.documentElement;
  if (root.localName === 'ServiceMetadata' || root.localName === 'ServiceGroup') {
    const smp2Doc = [...root.children].find((c) => c.localName === 'ID');
    const smp2Participant = [...root.children].find((c) => c.localName === 'ParticipantID');
    if (smp2Participant) {
      return { participant: identifier(smp2Participant, 'schemeID'), document: identifier(smp2Doc, 'schemeID') };
    }
  }
  return {
    participant: identifier(first('ParticipantIdentifier'), 'scheme'),
    document: identifier(first('DocumentIdentifier'), 'scheme'),
  };
}

/** The audience and ACS URL a SAML response names, to fill the page's questions. */
export function samlQuestion(bytes) {
  const doc = parse(bytes);
  if (!doc) return { audience: '', acs: '' };
  const audience = doc.getElementsByTagNameNS('urn:oasis:names:tc:SAML:2.0:assertion', 'Audience')[0];
  return {
    audience: audience?.textContent.trim() ?? '',
    acs: doc.documentElement.getAttribute('Destination') ?? '',
  };
}

/**
 * Reads `stream` (a File's or a fetch body's) and hands `feed` pieces of at most
 * `CHUNK` bytes; `progress(bytes, pieces)` after each. Resolves to the totals.
 */
export async function pump(stream, feed, progress = () => {}) {
  const reader = stream.getReader();
  let bytes = 0;
  let pieces = 0;
  try {
    for (let r = await reader.read(); !r.done; r = await reader.read()) {
      for (let at = 0; at < r.value.length; at += CHUNK) {
        const piece = r.value.subarray(at, at + CHUNK);
        feed(piece);
        bytes += piece.length;
        pieces += 1;
      }
      progress(bytes, pieces);
    }
  } catch (e) {
    reader.cancel().catch(() => {});
    throw e;
  }
  return { bytes, pieces };
}

/** `n` bytes for a person: `812 B`, `4.5 KB`, `101.3 MB`. */
export function size(n) {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
