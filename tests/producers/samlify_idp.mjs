// samlify as the identity provider https://idp.example.org/: writes encrypted SAML responses
// for the relying party https://sp.example.org/metadata into OUTDIR, and appends to
// OUTDIR/cases.tsv what each must give.
//
//   node samlify_idp.mjs OUTDIR
//
// samlify signs with xml-crypto and encrypts with @authenio/xml-encryption (no xmlsec1). Its
// clock (Date) is frozen at 2026-06-01T10:00:00Z, so the responses verify at the same instant
// as the project's own test messages.
//
// The responses:
//   a. the assertion signed, then encrypted (AES-256-GCM), then the Response signed over the
//      EncryptedAssertion (samlify's encryptThenSign);
//   b. samlify's default algorithms (aes256-cbc content, rsa-oaep-mgf1p key transport), the
//      assertion signed, the Response not;
//   c. AES-128-GCM (samlify's only named GCM constant), the assertion signed, the Response not;
//   d. samlify's default order when the SP wants both signed: the Response is signed over the
//      plaintext Assertion and then the Assertion is encrypted inside it, so the Response
//      signature no longer matches what is sent and must be refused.
//
// Every assertion carries an AuthnStatement, which Web Browser SSO requires (saml-profiles
// §4.1.4.2): samlify's login-response template has only a `{AuthnStatement}` slot that it fills
// with nothing, so a customTagReplacement callback fills it.
import { mkdirSync, readFileSync, writeFileSync, existsSync, appendFileSync } from 'node:fs';
import { dirname, join, relative, resolve, isAbsolute } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const FROZEN = Date.UTC(2026, 5, 1, 10, 0, 0);
const RealDate = Date;
globalThis.Date = class extends RealDate {
  constructor(...args) {
    super(...(args.length ? args : [FROZEN]));
  }
  static now() {
    return FROZEN;
  }
};

const require = createRequire(import.meta.url);
const saml = require('samlify');
const samlifyVersion = JSON.parse(readFileSync(require.resolve('samlify/package.json'), 'utf8')).version;

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const PKI = 'tests/data/xmldsig-gen/pki';
const KEYS = 'tests/data/saml/encrypted/keys';
const IDP = 'https://idp.example.org/';
const SP = 'https://sp.example.org/metadata';
const ACS = 'https://sp.example.org/acs';
const REQUEST_ID = '_req-4711';
const NAME_ID = 'ross@octolabs.io';
const AT = '2026-06-01T10:01:00Z';
const AES256_GCM = 'http://www.w3.org/2009/xmlenc11#aes256-gcm';
const AES128_GCM = 'http://www.w3.org/2009/xmlenc11#aes128-gcm';
const AUTHN_INSTANT = '2026-06-01T09:59:30Z';
const SESSION_INDEX = '_session-1';
const AUTHN_CONTEXT = 'urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport';
const AUTHN_STATEMENT = '<saml:AuthnStatement AuthnInstant="{AuthnInstant}" SessionIndex="{SessionIndex}">'
  + '<saml:AuthnContext><saml:AuthnContextClassRef>{AuthnContextClassRef}</saml:AuthnContextClassRef>'
  + '</saml:AuthnContext></saml:AuthnStatement>';

if (process.argv.length !== 3) {
  console.error('usage: node samlify_idp.mjs OUTDIR');
  process.exit(2);
}
const out = resolve(process.argv[2]);
mkdirSync(out, { recursive: true });

const read = (p) => readFileSync(join(repo, p), 'utf8');
const certBody = (pem) => pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');

// the SP as samlify sees it: its encryption certificate and what it wants signed
function sp({ wantAssertionsSigned, wantMessageSigned }) {
  const metadata = `<?xml version="1.0"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="${SP}">
<md:SPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol" AuthnRequestsSigned="false" WantAssertionsSigned="${wantAssertionsSigned}">
<md:KeyDescriptor use="encryption"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>${certBody(read(`${KEYS}/sp-rsa.pem`))}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>
<md:NameIDFormat>urn:oasis:names:tc:SAML:2.0:nameid-format:persistent</md:NameIDFormat>
<md:AssertionConsumerService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="${ACS}" index="0"/>
</md:SPSSODescriptor></md:EntityDescriptor>`;
  return saml.ServiceProvider({ metadata, wantMessageSigned });
}

function idp(algorithms) {
  return saml.IdentityProvider({
    entityID: IDP,
    signingCert: read(`${PKI}/leaf-rsa2048.pem`),
    privateKey: read(`${PKI}/leaf-rsa2048.key`),
    isAssertionEncrypted: true,
    nameIDFormat: ['urn:oasis:names:tc:SAML:2.0:nameid-format:persistent'],
    singleSignOnService: [{ Binding: 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect', Location: 'https://idp.example.org/sso' }],
    ...algorithms,
  });
}

// samlify hands the callback only the template, not the values it would have put in, and
// escapes every value it substitutes, so the AuthnStatement goes into the template as markup
// (as samlify itself does with `{AttributeStatement}`) and then every tag gets the value
// samlify's base64LoginResponse would give it.
function withAuthnStatement(identityProvider, serviceProvider, request, user) {
  return (template) => {
    const idpMeta = identityProvider.entityMeta;
    const spMeta = serviceProvider.entityMeta;
    const acs = spMeta.getAssertionConsumerService('post');
    const now = new Date();
    const fiveMinutesLater = new Date(now.getTime());
    fiveMinutesLater.setMinutes(fiveMinutesLater.getMinutes() + 5);
    const setting = identityProvider.entitySetting;
    const id = setting.generateID();
    const context = saml.SamlLib.replaceTagsByValue(template.replace('{AuthnStatement}', AUTHN_STATEMENT), {
      ID: id,
      AssertionID: setting.generateID(),
      Destination: acs,
      Audience: spMeta.getEntityID(),
      EntityID: spMeta.getEntityID(),
      SubjectRecipient: acs,
      Issuer: idpMeta.getEntityID(),
      IssueInstant: now.toISOString(),
      AssertionConsumerServiceURL: acs,
      StatusCode: saml.Constants.StatusCode.Success,
      ConditionsNotBefore: now.toISOString(),
      ConditionsNotOnOrAfter: fiveMinutesLater.toISOString(),
      SubjectConfirmationDataNotOnOrAfter: fiveMinutesLater.toISOString(),
      NameIDFormat: Array.isArray(setting.nameIDFormat) ? setting.nameIDFormat[0] : setting.nameIDFormat,
      NameID: user.email,
      InResponseTo: request.extract.request.id,
      AuthnInstant: AUTHN_INSTANT,
      SessionIndex: SESSION_INDEX,
      AuthnContextClassRef: AUTHN_CONTEXT,
      AttributeStatement: '',
    });
    return { id, context };
  };
}

const rel = (p) => {
  const r = relative(repo, p);
  return r.startsWith('..') || isAbsolute(r) ? p : r;
};

const cases = [
  // name, idp algorithms, sp wants, encryptThenSign, manifest rows [id, options, expect, keys?]
  ['samlify_aes256-gcm_encrypt-then-sign.xml', { dataEncryptionAlgorithm: AES256_GCM },
    { wantAssertionsSigned: true, wantMessageSigned: true }, true,
    [['samlify-aes256gcm-encrypt-then-sign', 'signed=both', `ok ${NAME_ID}`]]],
  ['samlify_default-aes256-cbc_assertion-signed.xml', {},
    { wantAssertionsSigned: true, wantMessageSigned: false }, false,
    [['samlify-default-aes256cbc', 'allow_legacy_encryption', `ok ${NAME_ID}`],
     ['samlify-default-aes256cbc-refused', '-', 'xmlenc.legacy_content_encryption']]],
  ['samlify_aes128-gcm_assertion-signed.xml', { dataEncryptionAlgorithm: AES128_GCM },
    { wantAssertionsSigned: true, wantMessageSigned: false }, false,
    [['samlify-aes128gcm-assertion-signed', 'signed=assertion', `ok ${NAME_ID}`],
     ['samlify-aes128gcm-no-key', '-', 'saml.encrypted_unsupported', '-']]],
  ['samlify_default-order_sign-then-encrypt.xml', {},
    { wantAssertionsSigned: true, wantMessageSigned: true }, false,
    [['samlify-default-order-response-signature-broken', 'allow_legacy_encryption', 'dsig.digest_mismatch']]],
];

const manifest = join(out, 'cases.tsv');
if (!existsSync(manifest)) {
  appendFileSync(manifest, 'id\tfile\ttrust\tat\taudience\tacs\trequest_id\tdecrypt_keys\toptions\texpect\n');
}
const requestInfo = { extract: { request: { id: REQUEST_ID } } };
let rows = 0;
for (const [name, algorithms, wants, encryptThenSign, manifestRows] of cases) {
  const identityProvider = idp(algorithms);
  const serviceProvider = sp(wants);
  const user = { email: NAME_ID };
  const customTagReplacement = withAuthnStatement(identityProvider, serviceProvider, requestInfo, user);
  const { context } = await identityProvider.createLoginResponse(
    serviceProvider, requestInfo, 'post', user, { encryptThenSign, customTagReplacement });
  const xml = Buffer.from(context, 'base64').toString('utf8');
  if (!xml.includes('EncryptedAssertion') || xml.includes(NAME_ID) || xml.includes('AuthnStatement')) {
    throw new Error(`${name}: samlify did not encrypt the assertion`);
  }
  const file = join(out, name);
  writeFileSync(file, xml);
  console.log(`samlify_idp: ${name}`);
  for (const [id, options, expect, keys] of manifestRows) {
    appendFileSync(manifest, [id, rel(file), `${PKI}/leaf-rsa2048.pem`, AT, SP, ACS, REQUEST_ID,
      keys ?? `${KEYS}/sp-rsa.key.pem`, options, expect].join('\t') + '\n');
    rows += 1;
  }
}
console.log(`samlify_idp: samlify ${samlifyVersion}, ${rows} cases added to ${manifest}`);
