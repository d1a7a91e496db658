// Shows what a verifier returned. Every value goes in as text (textContent, never
// innerHTML): a document's content is shown, not interpreted, however it is written.

const $ = (id) => document.getElementById(id);

/** The longest signed content shown; the rest is counted. */
const SHOWN_CHARS = 200_000;
/** Entities listed of a metadata aggregate, and how many of those are looked up in detail. */
const LISTED_ENTITIES = 500;
const DETAILED_ENTITIES = 100;

function el(tag, text, attrs = {}) {
  const e = document.createElement(tag);
  if (text !== undefined && text !== null) e.textContent = String(text);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  return e;
}

export function time(d) {
  return d ? d.toISOString().replace('.000Z', 'Z') : '—';
}

function show(value) {
  if (value === null || value === undefined || value === '') return '—';
  if (value instanceof Date) return time(value);
  if (Array.isArray(value)) return value.length ? value.join(', ') : '—';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return String(value);
}

/** A `<dl>` of [label, value] rows; each `dd` gets `data-field` = the result's field name. */
function fields(rows) {
  const dl = el('dl');
  for (const [label, field, value] of rows) {
    dl.append(el('dt', label), el('dd', show(value), { 'data-field': field }));
  }
  return dl;
}

/** A table of `rows` (arrays of values) under `headers`, with a caption. */
function table(caption, headers, rows, id) {
  const t = el('table', undefined, id ? { id } : {});
  const head = el('tr');
  head.append(...headers.map((h) => el('th', h)));
  const body = el('tbody');
  for (const row of rows) {
    const tr = el('tr');
    tr.append(...row.map((v) => el('td', show(v))));
    body.append(tr);
  }
  const thead = el('thead');
  thead.append(head);
  t.append(el('caption', caption), thead, body);
  return t;
}

/** The signer part, from any result carrying a verification report. */
export function showSigner(sig) {
  const text = (id, v) => ($(id).textContent = v);
  text('signer-subject', sig.signerSubject ?? '(a pinned public key, no certificate)');
  text('signer-sha256', sig.signerSha256 ?? '—');
  text('signer-key', sig.signerKey ?? '—');
  const chain = sig.chain ?? [];
  text(
    'trusted-as',
    sig.pinned
      ? 'pinned: the signer itself is in your trust store'
      : chain.length
        ? `chain of ${chain.length}: ${chain.map((c) => c.subject).join(' → ')}`
        : '—',
  );
  text('signature-algorithm', sig.signatureAlgorithm ?? '—');
  text('canonicalization', sig.canonicalization ?? '—');
  $('references').replaceChildren(
    ...(sig.references ?? []).map((r) =>
      el(
        'li',
        `URI "${r.uri}" → <${r.element}>, digest ${r.digest.replace(/^.*#/, '')}, transforms: ${r.transforms.join(', ') || 'none'}` +
          (r.uncheckedManifest ? ' (a Manifest: what it lists was not checked)' : ''),
      ),
    ),
  );
  const legacy = sig.legacyAlgorithms ?? [];
  text('legacy', legacy.length ? `${legacy.join(', ')} (allowed by your choice)` : 'none');
  text('verified-at', time(sig.verifiedAt));
}

/** The signed content, or why it is not shown. */
export function showSigned(signedXml, note) {
  let shown = signedXml.join('\n\n');
  const more = shown.length - SHOWN_CHARS;
  if (more > 0) shown = `${shown.slice(0, SHOWN_CHARS)}\n… (${more} more characters)`;
  $('signed-xml').textContent = shown;
  $('signed-xml').hidden = signedXml.length === 0;
  $('signed-note').textContent = note ?? '';
  $('signed-note').hidden = !note;
}

function smp(r) {
  const parts = [
    fields([
      ['Vocabulary', 'version', r.version],
      ['Participant', 'participant', r.participant],
      ['Document type', 'document', r.document],
      ['Other signatures', 'otherSignatures', r.otherSignatures ? `${r.otherSignatures} below the document element (counted, not verified)` : 'none'],
    ]),
    table(
      'Endpoints active at the verification time',
      ['Transport profile', 'Address', 'Certificate SHA-256', 'Active from', 'Until'],
      r.endpoints.map((e) => [e.transportProfile, e.uri, e.certificateSha256, e.activation, e.expiration]),
      'smp-endpoints',
    ),
  ];
  if (r.filteredEndpoints.length) {
    parts.push(table('Endpoints left out for their dates', ['Address', 'Why'], r.filteredEndpoints.map((f) => [f.endpoint.uri, f.message])));
  }
  if (r.redirect) {
    parts.push(
      fields([
        ['Redirect to', 'redirect.href', r.redirect.href],
        ['Its signer (SMP 1.x)', 'redirect.certificateUid', r.redirect.certificateUid],
        ['Its certificates (SMP 2.0)', 'redirect.certificates', r.redirect.certificates],
      ]),
    );
  }
  return parts;
}

function smpGroup(r) {
  return [
    fields([
      ['Vocabulary', 'version', r.version],
      ['Participant', 'participant', r.participant],
      ['Signed', 'signed', r.signed],
      ['Other signatures', 'otherSignatures', r.otherSignatures || 'none'],
    ]),
    table('Services', ['Document type', 'Reference'], r.references.map((s) => [s.document, s.href]), 'smp-services'),
  ];
}

function samlResponse(r) {
  return [
    fields([
      ['Issuer', 'issuer', r.issuer],
      ['Response ID', 'id', r.id],
      ['In response to', 'inResponseTo', r.inResponseTo],
      ['Destination', 'destination', r.destination],
      ['Assertion ID', 'assertionId', r.assertionId],
      ['Issued', 'issueInstant', r.issueInstant],
      ['Subject', 'nameId', r.nameId],
      ['Subject format', 'nameIdFormat', r.nameIdFormat],
      ['Level of assurance', 'loa', r.loa ?? (r.storkQaa === null ? null : `STORK QAA ${r.storkQaa}`)],
      ['Valid', 'notBefore', `${time(r.notBefore)} to ${time(r.notOnOrAfter)}`],
      ['Audiences', 'audiences', r.audiences],
      ['One-time use', 'oneTimeUse', r.oneTimeUse],
      ['Session', 'sessionIndex', r.sessionIndex],
      ['Signed by', 'signedBy', `the ${r.signedBy === 'both' ? 'response and the assertion' : r.signedBy} (${r.signatures.length} signature${r.signatures.length === 1 ? '' : 's'})`],
    ]),
    table(
      'Attributes',
      ['Name', 'Values', 'Status'],
      r.attributes.map((a) => [a.friendlyName ? `${a.friendlyName} (${a.name})` : a.name, a.values, a.status]),
      'saml-attributes',
    ),
  ];
}

function samlRequest(r) {
  return [
    fields([
      ['Issuer', 'issuer', r.issuer],
      ['Request ID', 'id', r.id],
      ['Issued', 'issueInstant', r.issueInstant],
      ['Destination', 'destination', r.destination],
      ['Answer to', 'acsUrl', r.acsUrl],
      ['Provider name', 'providerName', r.providerName],
      ['Subject format asked', 'nameIdFormat', r.nameIdFormat],
      ['eIDAS SP type', 'spType', r.spType],
      ['Levels asked', 'requestedLoa', r.requestedLoa.length ? `${r.requestedLoa.join(', ')} (${r.loaComparison ?? 'exact'})` : null],
      ['STORK QAA', 'storkQaa', r.storkQaa],
      ['Force authentication', 'forceAuthn', r.forceAuthn],
    ]),
    table(
      'Attributes asked for',
      ['Name', 'Required', 'Values'],
      r.requestedAttributes.map((a) => [a.friendlyName ? `${a.friendlyName} (${a.name})` : a.name, a.required, a.values]),
      'saml-requested',
    ),
  ];
}

function duration(d) {
  if (!d) return null;
  const days = Math.floor(d.seconds / 86400);
  const rest = d.seconds % 86400;
  return [d.months && `${d.months} months`, days && `${days} days`, rest && `${rest} s`].filter(Boolean).join(' ') || '0 s';
}

function metadata(r) {
  const ids = r.entityIds();
  const listed = ids.slice(0, LISTED_ENTITIES);
  const rows = listed.map((e, i) => {
    // A streamed result never held the document: only names and groups are known.
    const entity = !r.streamed && i < DETAILED_ENTITIES ? r.findEntity(e.entityId) : null;
    return [
      e.entityId,
      e.group,
      entity ? entity.roles : null,
      entity ? (entity.displayNames[0]?.text ?? entity.organizationName) : null,
    ];
  });
  const caption =
    ids.length > listed.length ? `Entities (the first ${listed.length} of ${ids.length})` : `Entities (${ids.length})`;
  return [
    fields([
      ['Document element', 'root', r.root],
      ['Name', 'name', r.name],
      ['Entity ID', 'entityId', r.entityId],
      ['ID', 'id', r.id],
      ['Valid until', 'validUntil', r.validUntil],
      ['Cache for', 'cacheDuration', duration(r.cacheDuration)],
      ['Use until', 'expires', r.expires],
      ['Publisher', 'publisher', r.publisher],
      ['Published', 'creationInstant', r.creationInstant],
      ['Entities', 'entities', r.entities],
      ['Groups', 'groups', r.groups],
      ['eToegang', 'etoegang', r.etoegang && `version ${r.etoegang.version}, ${r.etoegang.environment === 'P' ? 'production' : 'acceptance'}, sequence ${r.etoegang.sequence}`],
      ['Read', 'streamed', r.streamed ? 'streamed: verified as it arrived, never held whole' : 'whole, in memory'],
      ['Inner signatures', 'nestedSignatures', r.nestedSignatures ? `${r.nestedSignatures} (counted, not checked)` : 'none'],
    ]),
    table(caption, ['Entity ID', 'Group', 'Roles', 'Name'], rows, 'metadata-entities'),
  ];
}

const FAMILIES = {
  smp: ['SMP record', smp],
  'smp-group': ['SMP service group', smpGroup],
  'saml-response': ['SAML response', samlResponse],
  'saml-request': ['SAML AuthnRequest', samlRequest],
  metadata: ['SAML metadata', metadata],
  generic: ['Signed XML', () => []],
};

/** The family's own fields of result `r` of kind `kind`. */
export function showFamily(kind, r) {
  const [title, render] = FAMILIES[kind];
  $('family-title').textContent = title;
  $('family').replaceChildren(...render(r));
}
