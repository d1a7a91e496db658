//! `Pkcs11Key` against a real PKCS#11 module: SoftHSM2, with a token that
//! scripts/softhsm.sh makes and fills with the relying party's test keys.
//!
//! The checks run in one test, in order: PKCS#11 logs an application in per token, so a
//! wrong PIN is only refused while nothing in this process is logged in yet, and SoftHSM2
//! reads its configuration once, when the module is first initialized. The closing line
//! is `pkcs11: N passed, M failed`.
//!
//! Skips, saying why, only when softhsm.sh cannot install SoftHSM2 (exit 3) and
//! `TRUSTMETA_REQUIRE_SOFTHSM` is not set; scripts/test-rust.sh sets it.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;

use trustmeta::xmlenc::{
    AgreementCurve, DecryptionKey, Decryptor, KeyFailure, OaepDigest, Pkcs8Key,
};
use trustmeta::{
    decrypt_assertion_unverified, verify_response, DateTime, IssuerTrust, MemoryReplayCache,
    Policy, ResponseExpectations, SignedParts, TrustStore,
};
use trustmeta_pkcs11::Pkcs11Key;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

fn shared() -> PathBuf {
    std::env::var_os("TRUSTMETA_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo().join("../shared"))
}

fn read(p: &Path) -> Vec<u8> {
    std::fs::read(p).unwrap_or_else(|e| panic!("cannot read {}: {e}", p.display()))
}

fn eidas(name: &str) -> Vec<u8> {
    read(
        &shared()
            .join("vectors/eidas/encryption/responses")
            .join(name),
    )
}

/// Runs scripts/softhsm.sh into a fresh directory and returns its environment, already
/// applied to this process; `None` when SoftHSM2 cannot be installed.
fn softhsm() -> Option<HashMap<String, String>> {
    let dir =
        PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("softhsm-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let out = Command::new("bash")
        .arg(repo().join("scripts/softhsm.sh"))
        .arg(&dir)
        .output()
        .expect("bash runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    if out.status.code() == Some(3) {
        let why = stderr.lines().last().unwrap_or("").to_string();
        if std::env::var_os("TRUSTMETA_REQUIRE_SOFTHSM").is_some() {
            panic!("SoftHSM2 is required (TRUSTMETA_REQUIRE_SOFTHSM) but: {why}");
        }
        println!("skipping the SoftHSM2 tests: {why}");
        return None;
    }
    assert!(out.status.success(), "scripts/softhsm.sh failed:\n{stderr}");
    let env: HashMap<String, String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .filter_map(|l| l.strip_prefix("export ")?.split_once('='))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    // SoftHSM2 finds its token directory through this when the module initializes.
    std::env::set_var("SOFTHSM2_CONF", &env["SOFTHSM2_CONF"]);
    Some(env)
}

struct Token {
    module: PathBuf,
    label: String,
    pin: String,
}

impl Token {
    fn uri(&self, object: &str) -> String {
        format!("pkcs11:token={};object={object}", self.label)
    }

    fn open(&self, object: &str) -> Pkcs11Key {
        Pkcs11Key::open(&self.module, &self.uri(object), &self.pin)
            .unwrap_or_else(|e| panic!("{object}: {e}"))
    }

    /// `xmlenc.key_unavailable` and its message, or what came instead.
    fn refusal(&self, uri: &str, pin: &str) -> Result<String, String> {
        self.refusal_with(&self.module, uri, pin)
    }

    fn refusal_with(&self, module: &Path, uri: &str, pin: &str) -> Result<String, String> {
        match Pkcs11Key::open(module, uri, pin) {
            Ok(k) => Err(format!("opened {k:?}")),
            Err(e) if e.code().as_str() == "xmlenc.key_unavailable" => Ok(e.to_string()),
            Err(e) => Err(format!("{}: {e}", e.code().as_str())),
        }
    }
}

/// `ok NAMEID` or the error code, decrypting without verifying.
fn decrypt(xml: &[u8], keys: &[&dyn DecryptionKey]) -> String {
    let decryptor = Decryptor::new(keys.to_vec());
    match decrypt_assertion_unverified(xml, &decryptor, &Policy::default()) {
        Ok(a) => format!("ok {}", name_id_of(&a.xml)),
        Err(e) => e.code().as_str().to_string(),
    }
}

fn name_id_of(xml: &[u8]) -> String {
    let text = String::from_utf8_lossy(xml);
    text.split("NameID")
        .nth(1)
        .and_then(|s| s.split_once('>'))
        .and_then(|(_, rest)| rest.split_once('<'))
        .map(|(v, _)| v.trim().to_string())
        .unwrap_or_default()
}

/// `ok NAMEID` or the error code, verifying an xmlsec1-made response as
/// core/tests/saml_encrypted_conformance.rs does.
fn verify(file: &str, keys: &[&dyn DecryptionKey]) -> String {
    let xml = read(&repo().join("tests/data/saml/encrypted/xmlsec1").join(file));
    let mut store = TrustStore::new();
    store
        .add_pem(&read(
            &repo().join("tests/data/xmldsig-gen/pki/leaf-rsa2048.pem"),
        ))
        .unwrap();
    let trust = IssuerTrust::any_issuer(store);
    let decryptor = Decryptor::new(keys.to_vec());
    let mut expect = ResponseExpectations::new(
        "https://sp.example.org/metadata",
        "https://sp.example.org/acs",
        DateTime::parse_rfc3339("2026-06-01T10:01:00Z").unwrap(),
    );
    expect.request_id = Some("_req-4711");
    expect.signed = SignedParts::ResponseOrAssertion;
    expect.decrypt = Some(&decryptor);
    let policy = Policy::default();
    match verify_response(
        &xml,
        &trust,
        &policy,
        &expect,
        &mut MemoryReplayCache::new(16),
    ) {
        Ok(r) if r.decrypted.is_empty() => "nothing was decrypted".into(),
        Ok(r) => format!(
            "ok {}",
            r.assertion.name_id.map(|n| n.value).unwrap_or_default()
        ),
        Err(e) => e.code().as_str().to_string(),
    }
}

struct Tally {
    passed: usize,
    failed: Vec<String>,
}

impl Tally {
    fn check(&mut self, name: &str, result: Result<(), String>) {
        match result {
            Ok(()) => {
                println!("ok   {name}");
                self.passed += 1;
            }
            Err(why) => {
                println!("FAIL {name}: {why}");
                self.failed.push(name.to_string());
            }
        }
    }
}

fn expect_eq(got: String, want: &str) -> Result<(), String> {
    if got == want {
        Ok(())
    } else {
        Err(format!("expected {want}, got {got}"))
    }
}

fn contains(got: Result<String, String>, want: &str) -> Result<(), String> {
    let msg = got?;
    if msg.contains(want) {
        Ok(())
    } else {
        Err(format!("the message does not say `{want}`: {msg}"))
    }
}

const EIDAS_RSA_MGF1P: &str = "saml_rsa_rsa-oaep-mgf1p_encrypted_response.xml";
const EIDAS_RSA_OAEP11: &str = "saml_rsa_rsa-oaep_encrypted_response.xml";
const EIDAS_EC_P256: &str = "saml_ec_NistCurve_kw-aes256_encrypted_response.xml";
const BOTH_SIGNED: &str = "oaep-mgf1p-sha1_aes256-gcm_both-signed.xml";

#[test]
fn decrypts_through_softhsm2() {
    let Some(env) = softhsm() else { return };
    let token = Token {
        module: PathBuf::from(&env["TRUSTMETA_PKCS11_MODULE"]),
        label: env["TRUSTMETA_PKCS11_TOKEN"].clone(),
        pin: env["TRUSTMETA_PKCS11_PIN"].clone(),
    };
    let mut t = Tally {
        passed: 0,
        failed: Vec::new(),
    };

    // Refusals when opening. The wrong PIN comes first: once any key of this process is
    // logged in to the token, C_Login no longer checks a PIN.
    t.check(
        "a wrong PIN is xmlenc.key_unavailable",
        contains(
            token.refusal(&token.uri("sp-rsa"), "0000"),
            "refused the PIN (CKR_PIN_INCORRECT)",
        ),
    );
    t.check(
        "a missing object is xmlenc.key_unavailable",
        contains(
            token.refusal(&token.uri("no-such-key"), &token.pin),
            "has no private key object=no-such-key",
        ),
    );
    t.check(
        "a missing token is xmlenc.key_unavailable",
        contains(
            token.refusal("pkcs11:token=no-such-token;object=sp-rsa", &token.pin),
            "no token matches token=no-such-token (tokens present: trustmeta-test)",
        ),
    );
    t.check(
        "an unloadable module is xmlenc.key_unavailable",
        contains(
            token.refusal_with(
                Path::new("/nonexistent/libpkcs11.so"),
                &token.uri("sp-rsa"),
                &token.pin,
            ),
            "cannot load the PKCS#11 module /nonexistent/libpkcs11.so",
        ),
    );
    t.check(
        "a PIN in the URI is refused",
        contains(
            token.refusal(
                &format!("{}?pin-value=1234", token.uri("sp-rsa")),
                &token.pin,
            ),
            "the PIN and the module are given apart",
        ),
    );
    t.check(
        "an EC key that may not derive is refused when opening",
        contains(
            token.refusal(&token.uri("sp-ec-noderive"), &token.pin),
            "CKA_DERIVE is false",
        ),
    );

    let sp_rsa = token.open("sp-rsa");
    let sp_ec = token.open("sp-ec-p256");
    let eidas_rsa = Pkcs11Key::open(
        &token.module,
        &format!("pkcs11:token={};id=%03;type=private", token.label),
        &token.pin,
    )
    .expect("eidas-rsa by id");
    let eidas_ec = token.open("eidas-ec-nist");

    // The public keys read from the token are the ones the PEM keys give: the recipient a
    // message names is matched by these bytes.
    for (name, key, pem) in [
        (
            "sp-rsa",
            &sp_rsa,
            repo().join("tests/data/saml/encrypted/keys/sp-rsa.key.pem"),
        ),
        (
            "sp-ec-p256",
            &sp_ec,
            repo().join("tests/data/saml/encrypted/keys/sp-ec-p256.key.pem"),
        ),
        (
            "eidas-rsa",
            &eidas_rsa,
            shared().join("vectors/eidas/encryption/keys/test-rsa.key.pem"),
        ),
        (
            "eidas-ec-nist",
            &eidas_ec,
            shared().join("vectors/eidas/encryption/keys/test-ec-nist.key.pem"),
        ),
    ] {
        let want = Pkcs8Key::from_pem(&read(&pem)).unwrap();
        t.check(
            &format!("{name}: the SubjectPublicKeyInfo is the PEM key's"),
            if key.public_key_der() == want.public_key_der() {
                Ok(())
            } else {
                Err("they differ".into())
            },
        );
    }

    t.check(
        "eIDAS rsa-oaep-mgf1p through the token",
        expect_eq(
            decrypt(&eidas(EIDAS_RSA_MGF1P), &[&eidas_rsa]),
            "ok 0123456",
        ),
    );
    t.check(
        "eIDAS xmlenc11 rsa-oaep through the token",
        expect_eq(
            decrypt(&eidas(EIDAS_RSA_OAEP11), &[&eidas_rsa]),
            "ok 0123456",
        ),
    );
    t.check(
        "eIDAS ECDH-ES P-256 kw-aes256 through the token",
        expect_eq(decrypt(&eidas(EIDAS_EC_P256), &[&eidas_ec]), "ok 0123456"),
    );
    t.check(
        "eIDAS ECDH-ES with every token key offered",
        expect_eq(
            decrypt(
                &eidas(EIDAS_EC_P256),
                &[&sp_rsa, &eidas_rsa, &sp_ec, &eidas_ec],
            ),
            "ok 0123456",
        ),
    );
    t.check(
        "verify_response: xmlsec1, both signed, key in the token",
        expect_eq(verify(BOTH_SIGNED, &[&sp_rsa]), "ok ross@octolabs.io"),
    );
    // SoftHSM2 2.6 does OAEP with SHA-1 only and refuses other digests in C_DecryptInit
    // (CKR_ARGUMENTS_BAD): a limit of the store, said as such, never a failed decryption.
    t.check(
        "eIDAS rsa-oaep SHA-256: decrypted, or the token's limit said",
        match decrypt(
            &eidas("saml_rsa_rsa-oaep_encrypted_response_DEREncodedKeyValue.xml"),
            &[&eidas_rsa],
        )
        .as_str()
        {
            "ok 0123456" | "xmlenc.key_unavailable" => Ok(()),
            other => Err(other.to_string()),
        },
    );

    // A ciphertext for another key. Named by certificate, the recipient is matched before
    // the token is asked anything: no_matching_key. Named by a KeyName no key carries,
    // every key is tried, the token's C_Decrypt fails, and that is decryption_failed:
    // the one answer for every failure about the ciphertext.
    t.check(
        "a message for another key's certificate: xmlenc.no_matching_key",
        expect_eq(
            verify("other-recipient-x509_response-signed.xml", &[&sp_rsa]),
            "xmlenc.no_matching_key",
        ),
    );
    t.check(
        "a message for another key's name: xmlenc.decryption_failed",
        expect_eq(
            verify("other-recipient-keyname_response-signed.xml", &[&sp_rsa]),
            "xmlenc.decryption_failed",
        ),
    );
    t.check(
        "the eIDAS RSA vector with the token's other RSA key: xmlenc.no_matching_key",
        expect_eq(
            decrypt(&eidas(EIDAS_RSA_MGF1P), &[&sp_rsa]),
            "xmlenc.no_matching_key",
        ),
    );

    // The seam, directly: failures about the input are all `Failed`.
    let garbage = vec![0x5a; 384];
    t.check(
        "C_Decrypt of garbage is Failed",
        match sp_rsa.rsa_oaep_decrypt(OaepDigest::Sha1, OaepDigest::Sha1, &[], &garbage) {
            Err(KeyFailure::Failed) => Ok(()),
            other => Err(format!("{other:?}")),
        },
    );
    t.check(
        "C_Decrypt of a short ciphertext is Failed",
        match sp_rsa.rsa_oaep_decrypt(OaepDigest::Sha1, OaepDigest::Sha1, &[], &[1, 2, 3]) {
            Err(KeyFailure::Failed) => Ok(()),
            other => Err(format!("{other:?}")),
        },
    );
    let mut off_curve = vec![0x04];
    off_curve.extend([0x01; 64]);
    t.check(
        "ECDH with a point off the curve is Failed",
        match sp_ec.ecdh(AgreementCurve::P256, &off_curve) {
            Err(KeyFailure::Failed) => Ok(()),
            other => Err(format!("{other:?}")),
        },
    );
    t.check(
        "ECDH with a truncated point is Failed",
        match sp_ec.ecdh(AgreementCurve::P256, &off_curve[..10]) {
            Err(KeyFailure::Failed) => Ok(()),
            other => Err(format!("{other:?}")),
        },
    );
    t.check(
        "the kinds: RSA asked for ECDH, EC for OAEP, P-256 for P-384 are WrongKind",
        match (
            sp_rsa.ecdh(AgreementCurve::P256, &off_curve),
            sp_ec.rsa_oaep_decrypt(OaepDigest::Sha1, OaepDigest::Sha1, &[], &garbage),
            sp_ec.ecdh(AgreementCurve::P384, &off_curve),
        ) {
            (
                Err(KeyFailure::WrongKind),
                Err(KeyFailure::WrongKind),
                Err(KeyFailure::WrongKind),
            ) => Ok(()),
            other => Err(format!("{other:?}")),
        },
    );
    let pem_ec = Pkcs8Key::from_pem(&read(
        &repo().join("tests/data/saml/encrypted/keys/sp-ec-p256.key.pem"),
    ))
    .unwrap();
    let peer = Pkcs8Key::from_pem(&read(
        &repo().join("tests/data/xmldsig-gen/pki/leaf-p256.key"),
    ))
    .unwrap();
    let peer_point = &peer.public_key_der()[peer.public_key_der().len() - 65..];
    t.check(
        "ECDH in the token gives the in-memory key's secret",
        match (
            sp_ec.ecdh(AgreementCurve::P256, peer_point),
            pem_ec.ecdh(AgreementCurve::P256, peer_point),
        ) {
            (Ok(a), Ok(b)) if a == b && a.len() == 32 => Ok(()),
            other => Err(format!("{other:?}")),
        },
    );

    // Shared between threads as the front doors hold keys: one session, behind a mutex.
    let shared_key: Arc<dyn DecryptionKey + Send + Sync> = Arc::new(token.open("eidas-rsa"));
    let threads: Vec<_> = (0..4)
        .map(|_| {
            let key = Arc::clone(&shared_key);
            std::thread::spawn(move || {
                let xml = eidas(EIDAS_RSA_MGF1P);
                (0..5).map(|_| decrypt(&xml, &[&*key])).collect::<Vec<_>>()
            })
        })
        .collect();
    let results: Vec<String> = threads
        .into_iter()
        .flat_map(|h| h.join().unwrap())
        .collect();
    t.check(
        "20 decryptions from 4 threads",
        if results.iter().all(|r| r == "ok 0123456") {
            Ok(())
        } else {
            Err(format!("{results:?}"))
        },
    );

    // A session the token has dropped (here: logged out by another session of the
    // process, as an HSM restart would) is opened again on the next call.
    t.check("a lost login is restored", relogin(&token, &eidas_rsa));

    println!("pkcs11: {} passed, {} failed", t.passed, t.failed.len());
    let _ = std::fs::remove_dir_all(
        Path::new(&env["TRUSTMETA_PKCS11_PIN_FILE"])
            .parent()
            .unwrap(),
    );
    assert!(t.failed.is_empty(), "failed: {:?}", t.failed);
}

fn relogin(token: &Token, key: &Pkcs11Key) -> Result<(), String> {
    use cryptoki::context::{CInitializeArgs, CInitializeFlags, Pkcs11};
    let ctx = Pkcs11::new(&token.module).map_err(|e| e.to_string())?;
    // The module is initialized already (by the keys); the same functions serve.
    let _ = ctx.initialize(CInitializeArgs::new(CInitializeFlags::OS_LOCKING_OK));
    let slot = ctx
        .get_slots_with_initialized_token()
        .map_err(|e| e.to_string())?
        .into_iter()
        .find(|s| {
            ctx.get_token_info(*s)
                .is_ok_and(|i| i.label() == token.label)
        })
        .ok_or("no slot")?;
    let session = ctx.open_ro_session(slot).map_err(|e| e.to_string())?;
    session.logout().map_err(|e| format!("logout: {e}"))?;
    drop(session);
    expect_eq(decrypt(&eidas(EIDAS_RSA_MGF1P), &[key]), "ok 0123456")
}
