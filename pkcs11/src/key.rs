//! [`Pkcs11Key`]: the seam's private-key operations done by a PKCS#11 token.

use core::fmt;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};

use cryptoki::context::{CInitializeArgs, CInitializeFlags, Function, Pkcs11};
use cryptoki::error::{Error as CkError, RvError};
use cryptoki::mechanism::elliptic_curve::{EcKdf, Ecdh1DeriveParams};
use cryptoki::mechanism::rsa::{PkcsMgfType, PkcsOaepParams, PkcsOaepSource};
use cryptoki::mechanism::{Mechanism, MechanismType};
use cryptoki::object::{Attribute, AttributeType, KeyType, ObjectClass, ObjectHandle};
use cryptoki::session::{Session, UserType};
use cryptoki::slot::Slot;
use cryptoki::types::{AuthPin, Ulong};
use trustmeta::xmlenc::{AgreementCurve, DecryptionKey, KeyFailure, OaepDigest, XmlEncError};
use zeroize::Zeroizing;

use crate::uri::KeyUri;

/// The modules loaded in this process, each initialized once.
///
/// `C_Initialize` may be called once per process and module (a second call answers
/// `CKR_CRYPTOKI_ALREADY_INITIALIZED`), and `C_Finalize` ends every session of the
/// module, so all keys on one module share one context, kept for the life of the
/// process.
static MODULES: Mutex<Vec<(PathBuf, Pkcs11)>> = Mutex::new(Vec::new());

/// A statically linked program (the musl CLI that is shipped) cannot load a shared
/// library at all: say what to use instead.
const STATIC_HINT: &str = if cfg!(all(target_env = "musl", target_feature = "crt-static")) {
    " (this build is statically linked and cannot load PKCS#11 modules: use a dynamically \
     linked one, such as the Python wheel, the C library or a `cargo build` for the GNU target)"
} else {
    ""
};

fn load_module(path: &Path) -> Result<Pkcs11, String> {
    let mut modules = MODULES.lock().unwrap_or_else(PoisonError::into_inner);
    let canonical = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    if let Some((_, ctx)) = modules.iter().find(|(p, _)| *p == canonical) {
        return Ok(ctx.clone());
    }
    let ctx = Pkcs11::new(path).map_err(|e| {
        format!(
            "cannot load the PKCS#11 module {}: {}{STATIC_HINT}",
            path.display(),
            match e {
                CkError::LibraryLoading(e) => e.to_string(),
                e => describe(&e),
            }
        )
    })?;
    match ctx.initialize(CInitializeArgs::new(CInitializeFlags::OS_LOCKING_OK)) {
        // Another library of this process may have initialized the module already; its
        // functions serve this context all the same.
        Ok(()) | Err(CkError::Pkcs11(RvError::CryptokiAlreadyInitialized, _)) => {}
        Err(e) => {
            return Err(format!(
                "the PKCS#11 module {} did not initialize: {}",
                path.display(),
                describe(&e)
            ))
        }
    }
    modules.push((canonical, ctx.clone()));
    Ok(ctx)
}

/// `CKR_PIN_INCORRECT` for [`RvError::PinIncorrect`]: the names the PKCS#11 standard,
/// the token's documentation and its logs use.
fn ckr(rv: RvError) -> String {
    let debug = format!("{rv:?}");
    let (name, code) = debug.split_once('(').unwrap_or((&debug, ""));
    let mut out = String::from("CKR");
    for c in name.chars() {
        if c.is_ascii_uppercase() {
            out.push('_');
        }
        out.push(c.to_ascii_uppercase());
    }
    if !code.is_empty() {
        out.push_str(&format!(
            " 0x{:x}",
            code.trim_end_matches(')').parse::<u64>().unwrap_or(0)
        ));
    }
    out
}

fn describe(e: &CkError) -> String {
    match e {
        CkError::Pkcs11(rv, f) => format!("C_{f:?} returned {}", ckr(*rv)),
        e => e.to_string(),
    }
}

fn unavailable(reason: String) -> XmlEncError {
    XmlEncError::KeyUnavailable { reason }
}

/// What the key is, as the seam asks: RSA, or EC on a curve ECDH-ES uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Rsa,
    Ec(AgreementCurve),
}

/// One logged-in session and the key's handle in it.
struct Live {
    session: Session,
    key: ObjectHandle,
}

/// How an operation went wrong: the store (no session, no login, no key: the
/// reason says which), or the token's answer to the operation, which only the
/// operation can judge.
enum OpError {
    Store(String),
    Token(CkError),
}

/// A private key in a PKCS#11 token, used where it lives.
///
/// The token does the private-key operations: `C_Decrypt` with `CKM_RSA_PKCS_OAEP` for
/// RSA-OAEP key transport, and `C_DeriveKey` with `CKM_ECDH1_DERIVE` for ECDH-ES. The
/// public key, read once when opening, names the recipient a message is matched
/// against.
///
/// One logged-in session serves all calls, behind a mutex: a PKCS#11 session runs one
/// operation at a time, and opening a session per call would cost a round trip to a
/// network HSM. When the token drops the session (a restart, a fail-over, a removed
/// card), the next call opens and logs in a new one, once, with the PIN kept for that
/// (wiped when the key is dropped).
///
/// PKCS#11 logs an application in per token, not per session: while another key of
/// this process is logged in to the same token, `C_Login` answers
/// `CKR_USER_ALREADY_LOGGED_IN` and the PIN given is not checked again.
pub struct Pkcs11Key {
    ctx: Pkcs11,
    uri: KeyUri,
    pin: AuthPin,
    kind: Kind,
    spki: Vec<u8>,
    names: Vec<String>,
    /// The token's label, for messages.
    token: String,
    live: Mutex<Option<Live>>,
}

impl fmt::Debug for Pkcs11Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.kind {
            Kind::Rsa => "RSA",
            Kind::Ec(_) => "EC",
        };
        write!(
            f,
            "Pkcs11Key({kind}, token={}, {}, {:?})",
            self.token,
            self.uri.describe_object(),
            self.names
        )
    }
}

impl Pkcs11Key {
    /// Opens the private key that `uri` (RFC 7512: `pkcs11:token=…;object=…;id=%01…`)
    /// names on a token of the PKCS#11 module (shared library) `module`, logging in with
    /// `pin`.
    ///
    /// The token is the one initialized token whose label, manufacturer, serial, model and
    /// slot match what the URI gives (any, if it gives none: then there must be one); the
    /// key is the one `CKO_PRIVATE_KEY` object with the URI's label and ID. Its public
    /// key comes from the `CKO_PUBLIC_KEY` object with the same ID (or the same label when
    /// it has no ID); an RSA key without one is read from the private object's modulus
    /// and exponent.
    ///
    /// # Errors
    /// [`XmlEncError::KeyUnavailable`] (`xmlenc.key_unavailable`), saying which: the URI
    /// is not understood, the module cannot be loaded or initialized, no token or several
    /// match, the PIN is refused or locked, no private key or several match, the key is
    /// neither RSA nor EC on a curve ECDH-ES uses, may not decrypt (RSA, `CKA_DECRYPT`)
    /// or derive (EC, `CKA_DERIVE`), or its public key cannot be found.
    pub fn open(module: &Path, uri: &str, pin: &str) -> Result<Pkcs11Key, XmlEncError> {
        let uri = KeyUri::parse(uri).map_err(unavailable)?;
        let ctx = load_module(module).map_err(unavailable)?;
        let pin = AuthPin::new(pin.into());
        let (live, token) = connect(&ctx, &uri, &pin).map_err(unavailable)?;
        let (kind, spki) = public_key(&live, &uri, &token).map_err(unavailable)?;
        Ok(Pkcs11Key {
            ctx,
            uri,
            pin,
            kind,
            spki,
            names: Vec::new(),
            token,
            live: Mutex::new(Some(live)),
        })
    }

    /// The same key, also answering to `name` in a `ds:KeyName`.
    pub fn with_name(mut self, name: &str) -> Self {
        self.names.push(name.to_string());
        self
    }

    fn lock(&self) -> MutexGuard<'_, Option<Live>> {
        // A panic inside an operation leaves at worst a session with an operation
        // active; the token refuses its next call and the retry opens a new one.
        self.live.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Runs `op` in the logged-in session, opening a new one (once) when the token has
    /// lost it.
    fn run<T>(
        &self,
        op: impl Fn(&Session, ObjectHandle) -> Result<T, CkError>,
    ) -> Result<T, OpError> {
        let mut live = self.lock();
        let mut fresh = false;
        if live.is_none() {
            *live = Some(
                connect(&self.ctx, &self.uri, &self.pin)
                    .map_err(OpError::Store)?
                    .0,
            );
            fresh = true;
        }
        loop {
            let Some(l) = live.as_ref() else {
                return Err(OpError::Store("no session".into()));
            };
            match op(&l.session, l.key) {
                Err(CkError::Pkcs11(rv, _)) if session_lost(rv) && !fresh => {
                    // The old session is gone; closing it may fail, which changes nothing.
                    *live = None;
                    *live = Some(
                        connect(&self.ctx, &self.uri, &self.pin)
                            .map_err(OpError::Store)?
                            .0,
                    );
                    fresh = true;
                }
                r => return r.map_err(OpError::Token),
            }
        }
    }
}

/// Errors that say the session, its login or the key's handle is gone, not that the
/// operation failed: a new session may succeed.
fn session_lost(rv: RvError) -> bool {
    matches!(
        rv,
        RvError::SessionHandleInvalid
            | RvError::SessionClosed
            | RvError::UserNotLoggedIn
            | RvError::ObjectHandleInvalid
            | RvError::KeyHandleInvalid
            | RvError::DeviceRemoved
            | RvError::TokenNotPresent
    )
}

fn token_matches(uri: &KeyUri, slot: Slot, info: &cryptoki::slot::TokenInfo) -> bool {
    let eq = |want: &Option<String>, have: &str| want.as_deref().is_none_or(|w| w == have);
    eq(&uri.token, info.label())
        && eq(&uri.manufacturer, info.manufacturer_id())
        && eq(&uri.serial, info.serial_number())
        && eq(&uri.model, info.model())
        && uri.slot_id.is_none_or(|s| s == slot.id())
}

/// The URI's token, a logged-in read-only session on it and the key's handle; and the
/// token's label. Read-only suffices: decryption creates only session objects.
fn connect(ctx: &Pkcs11, uri: &KeyUri, pin: &AuthPin) -> Result<(Live, String), String> {
    let slots = ctx
        .get_slots_with_initialized_token()
        .map_err(|e| format!("cannot list the module's tokens: {}", describe(&e)))?;
    let mut found = Vec::new();
    let mut present = Vec::new();
    for slot in slots {
        let info = ctx
            .get_token_info(slot)
            .map_err(|e| format!("cannot read a token's information: {}", describe(&e)))?;
        present.push(info.label().to_string());
        if token_matches(uri, slot, &info) {
            found.push((slot, info));
        }
    }
    let (slot, info) = match found.len() {
        1 => found.remove(0),
        0 => {
            return Err(format!(
                "no token matches {} (tokens present: {})",
                uri.describe_token(),
                if present.is_empty() {
                    "none".to_string()
                } else {
                    present.join(", ")
                }
            ))
        }
        n => {
            return Err(format!(
                "{n} tokens match {} ({}): give token= or serial= to choose one",
                uri.describe_token(),
                found
                    .iter()
                    .map(|(_, i)| i.label().to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
        }
    };
    let label = info.label().to_string();
    let session = ctx
        .open_ro_session(slot)
        .map_err(|e| format!("cannot open a session on token {label}: {}", describe(&e)))?;
    if info.login_required() {
        match session.login(UserType::User, Some(pin)) {
            Ok(()) | Err(CkError::Pkcs11(RvError::UserAlreadyLoggedIn, _)) => {}
            Err(CkError::Pkcs11(
                rv @ (RvError::PinIncorrect | RvError::PinInvalid | RvError::PinLenRange),
                _,
            )) => return Err(format!("token {label} refused the PIN ({})", ckr(rv))),
            Err(CkError::Pkcs11(RvError::PinLocked, _)) => {
                return Err(format!(
                    "the user PIN of token {label} is locked (CKR_PIN_LOCKED)"
                ))
            }
            Err(e) => return Err(format!("cannot log in to token {label}: {}", describe(&e))),
        }
    }
    let mut template = vec![Attribute::Class(ObjectClass::PRIVATE_KEY)];
    if let Some(o) = &uri.object {
        template.push(Attribute::Label(o.as_bytes().to_vec()));
    }
    if let Some(id) = &uri.id {
        template.push(Attribute::Id(id.clone()));
    }
    let handles = session
        .find_objects(&template)
        .map_err(|e| format!("cannot search token {label} for the key: {}", describe(&e)))?;
    let key = match handles.as_slice() {
        [k] => *k,
        [] => {
            return Err(format!(
                "token {label} has no private key {}",
                uri.describe_object()
            ))
        }
        many => {
            return Err(format!(
                "{} private keys on token {label} match {}: give id= to choose one",
                many.len(),
                uri.describe_object()
            ))
        }
    };
    Ok((Live { session, key }, label))
}

fn attrs(
    session: &Session,
    object: ObjectHandle,
    which: &[AttributeType],
) -> Result<Vec<Attribute>, String> {
    session
        .get_attributes(object, which)
        .map_err(|e| format!("cannot read the key's attributes: {}", describe(&e)))
}

fn bytes_of(attrs: &[Attribute], want: AttributeType) -> Option<&[u8]> {
    attrs.iter().find_map(|a| match (a, want) {
        (Attribute::Id(v), AttributeType::Id)
        | (Attribute::Label(v), AttributeType::Label)
        | (Attribute::Modulus(v), AttributeType::Modulus)
        | (Attribute::PublicExponent(v), AttributeType::PublicExponent)
        | (Attribute::EcParams(v), AttributeType::EcParams)
        | (Attribute::EcPoint(v), AttributeType::EcPoint) => Some(v.as_slice()),
        _ => None,
    })
}

/// The key's kind and DER SubjectPublicKeyInfo, and a check that it may do what
/// decryption asks of it: refusing that when opening says why, where the first message
/// would only fail.
fn public_key(live: &Live, uri: &KeyUri, token: &str) -> Result<(Kind, Vec<u8>), String> {
    let s = &live.session;
    let what = format!("private key {} on token {token}", uri.describe_object());
    let private = attrs(
        s,
        live.key,
        &[
            AttributeType::KeyType,
            AttributeType::Id,
            AttributeType::Label,
            AttributeType::Decrypt,
            AttributeType::Derive,
        ],
    )?;
    let key_type = private.iter().find_map(|a| match a {
        Attribute::KeyType(t) => Some(*t),
        _ => None,
    });
    let flag = |want: AttributeType| {
        private.iter().find_map(|a| match (a, want) {
            (Attribute::Decrypt(b), AttributeType::Decrypt)
            | (Attribute::Derive(b), AttributeType::Derive) => Some(*b),
            _ => None,
        })
    };
    // The public key object pairs with the private one by CKA_ID, the PKCS#11
    // convention; by label when the key has no ID.
    let mut template = vec![Attribute::Class(ObjectClass::PUBLIC_KEY)];
    match (
        bytes_of(&private, AttributeType::Id),
        bytes_of(&private, AttributeType::Label),
    ) {
        (Some(id), _) if !id.is_empty() => template.push(Attribute::Id(id.to_vec())),
        (_, Some(label)) => template.push(Attribute::Label(label.to_vec())),
        _ => {}
    }
    match key_type {
        Some(KeyType::RSA) => {
            if flag(AttributeType::Decrypt) == Some(false) {
                return Err(format!("the {what} may not decrypt (CKA_DECRYPT is false)"));
            }
            template.push(Attribute::KeyType(KeyType::RSA));
            let wanted = [AttributeType::Modulus, AttributeType::PublicExponent];
            let own = attrs(s, live.key, &wanted)?;
            let public = find_public(s, &template)?;
            let from = match &public {
                Some(p) => {
                    let theirs = attrs(s, *p, &wanted)?;
                    let (mine, other) = (
                        bytes_of(&own, AttributeType::Modulus),
                        bytes_of(&theirs, AttributeType::Modulus),
                    );
                    if let (Some(a), Some(b)) = (mine, other) {
                        if trim(a) != trim(b) {
                            return Err(format!(
                                "the public key with the {what}'s ID has another modulus"
                            ));
                        }
                    }
                    theirs
                }
                None => own,
            };
            match (
                bytes_of(&from, AttributeType::Modulus),
                bytes_of(&from, AttributeType::PublicExponent),
            ) {
                (Some(n), Some(e)) => Ok((Kind::Rsa, crate::spki::rsa(n, e)?)),
                _ => Err(format!(
                    "no public key object pairs with the {what}, and it shows no modulus and \
                     exponent"
                )),
            }
        }
        Some(KeyType::EC) => {
            if flag(AttributeType::Derive) == Some(false) {
                return Err(format!(
                    "the {what} may not derive (CKA_DERIVE is false), which ECDH needs; \
                     import it with derive usage"
                ));
            }
            template.push(Attribute::KeyType(KeyType::EC));
            let params = attrs(s, live.key, &[AttributeType::EcParams])?;
            let oid = crate::spki::curve_oid(
                bytes_of(&params, AttributeType::EcParams)
                    .ok_or_else(|| format!("the {what} shows no CKA_EC_PARAMS"))?,
            )?;
            let curve = AgreementCurve::from_oid(&oid.to_string()).ok_or_else(|| {
                format!("the {what} is on curve {oid}, not one ECDH-ES uses here")
            })?;
            let public = find_public(s, &template)?.ok_or_else(|| {
                format!(
                    "no public key object (CKO_PUBLIC_KEY with the same ID) pairs with the {what}"
                )
            })?;
            let p = attrs(
                s,
                public,
                &[AttributeType::EcPoint, AttributeType::EcParams],
            )?;
            if bytes_of(&p, AttributeType::EcParams)
                .is_some_and(|e| Some(e) != bytes_of(&params, AttributeType::EcParams))
            {
                return Err(format!(
                    "the public key paired with the {what} is on another curve"
                ));
            }
            let point = crate::spki::ec_point(
                bytes_of(&p, AttributeType::EcPoint)
                    .ok_or_else(|| format!("the public key of the {what} shows no CKA_EC_POINT"))?,
                curve.field_len(),
            )?;
            Ok((Kind::Ec(curve), crate::spki::ec(oid, &point)?))
        }
        Some(other) => Err(format!(
            "the {what} is a {other} key; only RSA and EC keys decrypt"
        )),
        None => Err(format!("the {what} shows no CKA_KEY_TYPE")),
    }
}

fn trim(n: &[u8]) -> &[u8] {
    let zeros = n.iter().take_while(|b| **b == 0).count();
    &n[zeros..]
}

fn find_public(s: &Session, template: &[Attribute]) -> Result<Option<ObjectHandle>, String> {
    let found = s
        .find_objects(template)
        .map_err(|e| format!("cannot search for the public key: {}", describe(&e)))?;
    // Two public keys under one ID is a token set up wrongly; neither can be trusted
    // to be the pair.
    match found.as_slice() {
        [] => Ok(None),
        [p] => Ok(Some(*p)),
        many => Err(format!(
            "{} public key objects carry the key's ID; which is its pair is unclear",
            many.len()
        )),
    }
}

fn mechanism_of(d: OaepDigest) -> (MechanismType, PkcsMgfType) {
    match d {
        OaepDigest::Sha1 => (MechanismType::SHA1, PkcsMgfType::MGF1_SHA1),
        OaepDigest::Sha224 => (MechanismType::SHA224, PkcsMgfType::MGF1_SHA224),
        OaepDigest::Sha256 => (MechanismType::SHA256, PkcsMgfType::MGF1_SHA256),
        OaepDigest::Sha384 => (MechanismType::SHA384, PkcsMgfType::MGF1_SHA384),
        OaepDigest::Sha512 => (MechanismType::SHA512, PkcsMgfType::MGF1_SHA512),
    }
}

/// Whether a token's answer to `C_Decrypt` or `C_DeriveKey` may be about the input
/// (the ciphertext, the originator's point). All of those must look alike, or the
/// answers become a padding oracle; besides the codes for bad input, tokens answer a
/// bad padding or an invalid point with `CKR_GENERAL_ERROR` or `CKR_FUNCTION_FAILED`
/// (SoftHSM2 does), so those count too. Session, login, device and handle errors do
/// not: they say the store cannot be used.
fn about_input(rv: RvError) -> bool {
    matches!(
        rv,
        RvError::EncryptedDataInvalid
            | RvError::EncryptedDataLenRange
            | RvError::DataInvalid
            | RvError::DataLenRange
            | RvError::MechanismParamInvalid
            | RvError::DomainParamsInvalid
            | RvError::PublicKeyInvalid
            | RvError::CurveNotSupported
            | RvError::ArgumentsBad
            | RvError::GeneralError
            | RvError::FunctionFailed
    )
}

/// The seam's answer to a failed operation. Only the call that took the input can say
/// something about it: a failed `C_DecryptInit` (the token refusing the mechanism, say
/// OAEP with SHA-256) or a failed read of the derived secret is the store's.
fn failure(e: OpError, took_input: fn(Function) -> bool, what: &str) -> KeyFailure {
    match e {
        OpError::Store(reason) => KeyFailure::Unavailable(reason),
        OpError::Token(CkError::Pkcs11(rv, f)) if about_input(rv) && took_input(f) => {
            KeyFailure::Failed
        }
        OpError::Token(e) => KeyFailure::Unavailable(format!("{what}: {}", describe(&e))),
    }
}

impl DecryptionKey for Pkcs11Key {
    fn public_key_der(&self) -> &[u8] {
        &self.spki
    }

    fn names(&self) -> &[String] {
        &self.names
    }

    fn rsa_oaep_decrypt(
        &self,
        digest: OaepDigest,
        mgf: OaepDigest,
        label: &[u8],
        ciphertext: &[u8],
    ) -> Result<Zeroizing<Vec<u8>>, KeyFailure> {
        if self.kind != Kind::Rsa {
            return Err(KeyFailure::WrongKind);
        }
        let mgf_digest = mgf;
        let (hash, _) = mechanism_of(digest);
        let (_, mgf) = mechanism_of(mgf);
        // An empty label is "no label" (pSourceData NULL): some tokens, SoftHSM2 among
        // them, refuse a non-NULL pointer of length 0.
        let source = if label.is_empty() {
            PkcsOaepSource::empty()
        } else {
            PkcsOaepSource::data_specified(label)
        };
        let mechanism = Mechanism::RsaPkcsOaep(PkcsOaepParams::new(hash, mgf, source));
        self.run(|s, k| s.decrypt(&mechanism, k, ciphertext))
            .map(Zeroizing::new)
            .map_err(|e| {
                failure(
                    e,
                    |f| matches!(f, Function::Decrypt),
                    &format!("RSA-OAEP with {digest:?} and MGF1 with {mgf_digest:?} in the token"),
                )
            })
    }

    fn ecdh(
        &self,
        curve: AgreementCurve,
        originator_point: &[u8],
    ) -> Result<Zeroizing<Vec<u8>>, KeyFailure> {
        if self.kind != Kind::Ec(curve) {
            return Err(KeyFailure::WrongKind);
        }
        let len = Ulong::try_from(curve.field_len())
            .map_err(|_| KeyFailure::Unavailable("the secret's length".into()))?;
        // The shared secret itself (CKD_NULL), as a session object the token lets this
        // process read: the core runs the ConcatKDF the message names, which tokens
        // rarely offer. It lives only until it is read.
        let template = [
            Attribute::Class(ObjectClass::SECRET_KEY),
            Attribute::KeyType(KeyType::GENERIC_SECRET),
            Attribute::Token(false),
            Attribute::Sensitive(false),
            Attribute::Extractable(true),
            Attribute::ValueLen(len),
        ];
        let mechanism =
            Mechanism::Ecdh1Derive(Ecdh1DeriveParams::new(EcKdf::null(), originator_point));
        let derived = self.run(|s, k| {
            let secret = s.derive_key(&mechanism, k, &template)?;
            let value = s.get_attributes(secret, &[AttributeType::Value]);
            // A leftover object would end with the session anyway.
            let _ = s.destroy_object(secret);
            Ok(value?.into_iter().find_map(|a| match a {
                Attribute::Value(v) => Some(Zeroizing::new(v)),
                _ => None,
            }))
        });
        match derived {
            Ok(Some(z)) if z.len() == curve.field_len() => Ok(z),
            Ok(_) => Err(KeyFailure::Unavailable(
                "the token did not reveal the ECDH secret (CKA_VALUE)".into(),
            )),
            Err(e) => Err(failure(
                e,
                |f| matches!(f, Function::DeriveKey),
                "ECDH in the token",
            )),
        }
    }
}
