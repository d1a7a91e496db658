//! In-process verification speed of trustmeta on the benchmark fixtures, with the `ring`
//! backend ([`Fast`]) and the RustCrypto one ([`Portable`]).
//!
//! ```sh
//! python3 bench/make_fixtures.py                  # target/bench-fixtures
//! cargo bench -p trustmeta --features fast --bench verify
//! ```
//!
//! Environment:
//! - `TRUSTMETA_BENCH_FIXTURES` — the fixtures folder (default `target/bench-fixtures`;
//!   a relative path is taken from the workspace root).
//! - `TRUSTMETA_BENCH_BATCH_MS` — length of one timed batch (default 200).
//! - `TRUSTMETA_BENCH_BATCHES` — batches per figure (default 7; the median is reported).
//! - `TRUSTMETA_BENCH_AGGREGATE_RUNS` — verifications of `md-aggregate.xml` (default 3;
//!   0 skips it).
//! - `TRUSTMETA_BENCH_PROFILE_SECS` — only loop over the fast SMP verify for that many
//!   seconds (for `perf record`), print nothing else.
//!
//! Every figure line has the form `IMPL  FIXTURE  MEDIAN us/verify  (best B, BxN)`, the
//! format the peer scripts in `bench/` print too, so `bench/summary.py` can put them side
//! by side. Speed is measured here and compared in one run; it is never asserted.
//!
//! Heap allocations per verify are counted in `bench/alloc-count` (a counting global allocator
//! needs `unsafe`, which this workspace forbids in every target).
//!
//! Decryption rows (`saml-eidas*.xml`, see `bench/make_fixtures.py`): `verify_response` of
//! the eIDAS-style response with its assertion encrypted to the relying party (RSA-OAEP
//! to RSA-3072, or ECDH-ES on P-256) and of its plaintext twin, so that what decryption
//! adds is read off one run; then decryption alone and the private-key operation alone,
//! the floor that no XML work can lower.

use core::time::Duration;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Instant;

use trustmeta::xmlenc::{AgreementCurve, DecryptionKey, Decryptor, OaepDigest, Pkcs8Key};
use trustmeta::{
    decrypt_assertion_unverified, verify_response_with, verify_smp_with, verify_with,
    C14nAlgorithm, Certificate, CryptoError, DateTime, DigestAlgorithm, DocumentId, Fast,
    IssuerTrust, Limits, MemoryReplayCache, ParticipantId, Policy, Portable, PublicKey,
    ResponseExpectations, SamlProfile, SignatureAlgorithm, SignatureVerifier, SignedParts,
    SmpQuestion, TrustStore,
};

/// The small fixtures, the certificate each is pinned to, and the goal for the fast
/// backend (µs) from DESIGN.md, where there is one.
const SMALL: &[(&str, &str)] = &[
    ("smp-signed.xml", "rsa.crt"),
    ("smp-signed-ec.xml", "ec.crt"),
    ("saml-response.xml", "rsa.crt"),
    ("saml-response-signed.xml", "rsa.crt"),
];

const GOAL_FAST_US: f64 = 60.0;
const GOAL_PORTABLE_US: f64 = 200.0;
const GOAL_AGGREGATE_S: f64 = 0.30;
const GOAL_AGGREGATE_RSS_MB: f64 = 32.0;

fn env_num(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(default)
}

fn fixtures_dir() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let dir = std::env::var_os("TRUSTMETA_BENCH_FIXTURES")
        .map_or_else(|| PathBuf::from("target/bench-fixtures"), PathBuf::from);
    if dir.is_absolute() {
        dir
    } else {
        root.join(dir)
    }
}

fn read(dir: &Path, name: &str) -> Vec<u8> {
    std::fs::read(dir.join(name)).unwrap_or_else(|e| {
        eprintln!(
            "cannot read {}: {e}\nmake the fixtures first: python3 bench/make_fixtures.py",
            dir.join(name).display()
        );
        std::process::exit(2)
    })
}

/// Median and best per-call time of several timed batches.
struct Stats {
    median: Duration,
    best: Duration,
    batches: usize,
    per_batch: u64,
}

impl Stats {
    fn us(d: Duration) -> f64 {
        d.as_secs_f64() * 1e6
    }
}

/// Warms `f` up, sizes a batch to about `TRUSTMETA_BENCH_BATCH_MS`, then times that many
/// batches and keeps the median and the best per-call time.
fn measure(mut f: impl FnMut()) -> Stats {
    let batch = Duration::from_millis(env_num("TRUSTMETA_BENCH_BATCH_MS", 200));
    let batches = usize::try_from(env_num("TRUSTMETA_BENCH_BATCHES", 7).max(1)).unwrap_or(7);
    // Warm-up (caches, branch predictors, allocator pools), at least 3 calls / 100 ms.
    let t = Instant::now();
    let mut calls = 0u64;
    while calls < 3 || t.elapsed() < batch / 2 {
        f();
        calls += 1;
    }
    let per_call = t.elapsed().as_secs_f64() / calls as f64;
    let n = ((batch.as_secs_f64() / per_call) as u64).max(1);
    let mut times: Vec<Duration> = (0..batches)
        .map(|_| {
            let t = Instant::now();
            for _ in 0..n {
                f();
            }
            t.elapsed() / u32::try_from(n).unwrap_or(u32::MAX)
        })
        .collect();
    times.sort();
    Stats {
        median: times[times.len() / 2],
        best: times[0],
        batches,
        per_batch: n,
    }
}

fn line(imp: &str, fixture: &str, s: &Stats, note: &str) {
    println!(
        "{imp:<22} {fixture:<26} {:>10.1} us/verify  (best {:.1}, {}x{}){note}",
        Stats::us(s.median),
        Stats::us(s.best),
        s.batches,
        s.per_batch
    );
}

/// One signature check the core asked its backend for, captured to replay it bare.
struct Call {
    algorithm: SignatureAlgorithm,
    key: PublicKey,
    message: Vec<u8>,
    signature: Vec<u8>,
}

/// Delegates to a backend, adding up the time spent in it and keeping the calls.
struct Timed<'a> {
    inner: &'a dyn SignatureVerifier,
    spent: Mutex<Duration>,
    calls: Mutex<Vec<Call>>,
    record: bool,
}

impl<'a> Timed<'a> {
    fn new(inner: &'a dyn SignatureVerifier, record: bool) -> Self {
        Timed {
            inner,
            spent: Mutex::new(Duration::ZERO),
            calls: Mutex::new(Vec::new()),
            record,
        }
    }
}

impl SignatureVerifier for Timed<'_> {
    fn verify(
        &self,
        algorithm: SignatureAlgorithm,
        key: &PublicKey,
        message: &[u8],
        signature: &[u8],
    ) -> Result<(), CryptoError> {
        let t = Instant::now();
        let r = self.inner.verify(algorithm, key, message, signature);
        let took = t.elapsed();
        *self.spent.lock().unwrap() += took;
        if self.record {
            self.calls.lock().unwrap().push(Call {
                algorithm,
                key: key.clone(),
                message: message.to_vec(),
                signature: signature.to_vec(),
            });
        }
        r
    }
}

/// Decodes standard base64, skipping whitespace (enough for PEM bodies and XML text).
fn base64_decode(s: &[u8]) -> Vec<u8> {
    let val = |c: u8| match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    };
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0u32);
    for v in s.iter().filter_map(|&c| val(c)) {
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    out
}

/// The DER of the first certificate in a PEM file.
fn pem_to_der(pem: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(pem);
    let body: String = text
        .lines()
        .skip_while(|l| !l.starts_with("-----BEGIN CERTIFICATE"))
        .skip(1)
        .take_while(|l| !l.starts_with("-----END"))
        .collect();
    base64_decode(body.as_bytes())
}

/// The text of the `nth` `<tag>` element of an XML document (no parsing: enough to
/// pick a value out of a fixture this bench made).
fn element_text<'x>(xml: &'x [u8], tag: &str, nth: usize) -> Option<&'x [u8]> {
    let open = format!("<{tag}>");
    let close = format!("</{tag}>");
    let find = |hay: &[u8], needle: &[u8]| hay.windows(needle.len()).position(|w| w == needle);
    let mut rest = xml;
    for i in 0..=nth {
        let start = find(rest, open.as_bytes())? + open.len();
        let len = find(&rest[start..], close.as_bytes())?;
        if i == nth {
            return Some(&rest[start..start + len]);
        }
        rest = &rest[start + len..];
    }
    None
}

/// `verify_response` with decryption, against the plaintext twin, then decryption and the
/// private-key operation alone. The keys and decryptors are set up once, as the trust
/// store is; each timed call takes the response bytes.
#[allow(clippy::too_many_lines)]
fn decryption(
    dir: &Path,
    policy: &Policy,
    now: DateTime,
    backends: &[(&str, &dyn SignatureVerifier)],
) {
    let plain = "saml-eidas.xml";
    if !dir.join(plain).exists() {
        println!("# not measured: decryption (no {plain}; remake the fixtures)");
        return;
    }
    println!(
        "# decryption: eIDAS-style response, Response and Assertion signed (ECDSA P-256), profile eidas"
    );
    let store = TrustStore::from_pem(&read(dir, "ec.crt")).expect("fixture certificate");
    let trust = IssuerTrust::any_issuer(store);
    let rsa_key = Pkcs8Key::from_pem(&read(dir, "sp-rsa3072.key")).expect("RSA-3072 key");
    let ec_key = Pkcs8Key::from_pem(&read(dir, "sp-ec.key")).expect("P-256 key");
    let rsa_decryptor = Decryptor::new(vec![&rsa_key as &dyn DecryptionKey]);
    let ec_decryptor = Decryptor::new(vec![&ec_key as &dyn DecryptionKey]);
    let cases: [(&str, Option<&Decryptor<'_>>); 3] = [
        (plain, None),
        ("saml-eidas-enc-rsa.xml", Some(&rsa_decryptor)),
        ("saml-eidas-enc-ec.xml", Some(&ec_decryptor)),
    ];
    for (fixture, decryptor) in cases {
        if !dir.join(fixture).exists() {
            println!("# not measured: {fixture} (no such fixture)");
            continue;
        }
        let xml = read(dir, fixture);
        // The plaintext twin is changed in a signed value, the encrypted ones in their
        // content ciphertext (FIXTURE.tampered, written with the fixture).
        let tampered = if decryptor.is_some() {
            read(dir, &format!("{fixture}.tampered"))
        } else {
            String::from_utf8_lossy(&xml)
                .replacen("ES/NL/02635542Y", "ES/NL/02635542Z", 1)
                .into_bytes()
        };
        let mut expect =
            ResponseExpectations::new("https://sp.example.eu", "https://sp.example.eu/acs", now);
        expect.request_id = Some("_req1");
        expect.profile = SamlProfile::Eidas;
        expect.signed = SignedParts::Both;
        expect.decrypt = decryptor;
        for &(name, backend) in backends {
            let label = format!("{name}-verify_response");
            let run = |doc: &[u8]| {
                let mut cache = MemoryReplayCache::new(8);
                verify_response_with(doc, &trust, policy, &expect, &mut cache, backend)
            };
            match run(&xml) {
                Ok(v) if v.decrypted.len() == usize::from(decryptor.is_some()) => {}
                Ok(v) => {
                    println!(
                        "{label:<22} {fixture:<26} does not verify: {} part(s) decrypted",
                        v.decrypted.len()
                    );
                    continue;
                }
                Err(e) => {
                    println!("{label:<22} {fixture:<26} does not verify: {e}");
                    continue;
                }
            }
            if run(&tampered).is_ok() {
                println!("{label:<22} {fixture:<26} ACCEPTS A TAMPERED COPY: not timed");
                continue;
            }
            let s = measure(|| {
                let v = run(&xml).expect("verifies");
                core::hint::black_box(v.assertion.attributes.len());
            });
            let note = if decryptor.is_some() {
                "  decrypt + verify"
            } else {
                "  verify only (the plaintext twin)"
            };
            line(&label, fixture, &s, note);
        }
        let Some(decryptor) = decryptor else {
            continue;
        };
        // Decryption without any signature check: parse, key, content.
        let s = measure(|| {
            let a = decrypt_assertion_unverified(&xml, decryptor, policy).expect("decrypts");
            core::hint::black_box(a.xml.len());
        });
        line(
            "trustmeta-decrypt-only",
            fixture,
            &s,
            "  decrypt_assertion_unverified: parse, unwrap the key, decrypt; no signature",
        );
    }

    // The private-key operation alone, replayed on the fixture's own EncryptedKey or
    // ephemeral key: the part of decryption no XML work can lower.
    let rsa_fixture = "saml-eidas-enc-rsa.xml";
    if dir.join(rsa_fixture).exists() {
        let xml = read(dir, rsa_fixture);
        let wrapped = base64_decode(element_text(&xml, "xenc:CipherValue", 0).unwrap_or_default());
        match rsa_key.rsa_oaep_decrypt(OaepDigest::Sha1, OaepDigest::Sha1, &[], &wrapped) {
            Ok(k) if k.len() == 32 => {
                let s = measure(|| {
                    let k = rsa_key
                        .rsa_oaep_decrypt(OaepDigest::Sha1, OaepDigest::Sha1, &[], &wrapped)
                        .expect("unwraps");
                    core::hint::black_box(k.len());
                });
                line(
                    "trustmeta-key-bare",
                    rsa_fixture,
                    &s,
                    "  one RSA-3072 OAEP decryption of the EncryptedKey (AWS-LC, blinded)",
                );
            }
            _ => println!("trustmeta-key-bare     {rsa_fixture:<26} does not verify: the EncryptedKey does not unwrap"),
        }
    }
    let ec_fixture = "saml-eidas-enc-ec.xml";
    if dir.join(ec_fixture).exists() {
        let xml = read(dir, ec_fixture);
        let point = base64_decode(element_text(&xml, "ds11:PublicKey", 0).unwrap_or_default());
        if ec_key.ecdh(AgreementCurve::P256, &point).is_ok() {
            let s = measure(|| {
                let z = ec_key.ecdh(AgreementCurve::P256, &point).expect("agrees");
                core::hint::black_box(z.len());
            });
            line(
                "trustmeta-key-bare",
                ec_fixture,
                &s,
                "  one ECDH on P-256 with the ephemeral key (AWS-LC)",
            );
        } else {
            println!("trustmeta-key-bare     {ec_fixture:<26} does not verify: no ECDH with the originator key");
        }
    }
}

fn vm_hwm_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let l = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    l.split_whitespace().nth(1)?.parse().ok()
}

fn met(ok: bool) -> &'static str {
    if ok {
        "met"
    } else {
        "NOT met"
    }
}

#[allow(clippy::too_many_lines)]
/// Throughput on every core: the distinct records of smp-many/ (bench/make_records.py)
/// verified as SMP answers by one thread, then by two sharing the trust store; the best of
/// three runs of each. Each answer must name its record's own endpoint.
fn scaling(dir: &Path, policy: &Policy, now: DateTime) {
    let Ok(count) = std::fs::read_to_string(dir.join("smp-many/count")) else {
        println!("# not measured: Rust throughput (no smp-many/: bench/make_records.py)");
        return;
    };
    let count: usize = count.trim().parse().expect("smp-many/count");
    let records: Vec<Vec<u8>> = (0..count)
        .map(|i| read(dir, &format!("smp-many/{i:05}.xml")))
        .collect();
    let store = TrustStore::from_pem(&read(dir, "rsa.crt")).expect("fixture certificate");
    let question = smp_bench_question();
    let share = |first: usize, step: usize| {
        for i in (first..count).step_by(step) {
            let v = verify_smp_with(&records[i], &question, &store, policy, now, &Fast)
                .unwrap_or_else(|e| panic!("smp-many record {i}: {e}"));
            let want = format!("https://ap{i:05}.example.eu/as4");
            assert_eq!(v.endpoints()[0].uri, want, "smp-many record {i}");
        }
    };
    let run = |threads: usize| {
        let t = Instant::now();
        std::thread::scope(|s| {
            for k in 0..threads {
                s.spawn(move || share(k, threads));
            }
        });
        t.elapsed().as_secs_f64()
    };
    let (mut one, mut two) = (f64::MAX, f64::MAX);
    for _ in 0..3 {
        one = one.min(run(1));
        two = two.min(run(2));
    }
    println!(
        "scaling trustmeta-fast {count} records: 1 thread {one:.3} s, 2 threads {two:.3} s, speedup {:.2}x",
        one / two
    );
}

/// The question smp-signed.xml answers.
fn smp_bench_question() -> SmpQuestion {
    SmpQuestion::new(
        ParticipantId::parse("ehealth-participantid-qns::urn:ehealth:pt:ncp-idp").expect("participant"),
        DocumentId::parse("ehealth-resid-qns::urn:ehealth:PatientIdentificationAndAuthentication::XCPD::CrossGatewayPatientDiscovery##ITI-55").expect("document"),
    )
}

fn main() {
    let dir = fixtures_dir();
    let now = DateTime::from_unix(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(0)),
    );
    let policy = Policy::default();
    // For profilers: only verify smp-signed.xml with the fast backend for that long, as a
    // plain signature, or as an SMP answer with TRUSTMETA_BENCH_PROFILE_OP=smp.
    let profile_secs = env_num("TRUSTMETA_BENCH_PROFILE_SECS", 0);
    if profile_secs > 0 {
        let xml = read(&dir, "smp-signed.xml");
        let store = TrustStore::from_pem(&read(&dir, "rsa.crt")).expect("fixture certificate");
        let as_smp = std::env::var("TRUSTMETA_BENCH_PROFILE_OP").is_ok_and(|op| op == "smp");
        let question = smp_bench_question();
        let t = Instant::now();
        let mut n = 0u64;
        while t.elapsed() < Duration::from_secs(profile_secs) {
            if as_smp {
                let v = verify_smp_with(&xml, &question, &store, &policy, now, &Fast)
                    .expect("verifies");
                core::hint::black_box(v.endpoints().len());
            } else {
                let doc = verify_with(&xml, &store, &policy, now, &Fast).expect("verifies");
                core::hint::black_box(&doc);
            }
            n += 1;
        }
        let what = if as_smp {
            "SMP answers"
        } else {
            "verifications"
        };
        println!("profiled {n} {what} of smp-signed.xml (fast)");
        return;
    }
    println!("# trustmeta in-process verify, fixtures {}", dir.display());
    println!(
        "# median of {} batches of ~{} ms each, after a warm-up; lower is better",
        env_num("TRUSTMETA_BENCH_BATCHES", 7),
        env_num("TRUSTMETA_BENCH_BATCH_MS", 200)
    );

    let backends: [(&str, &dyn SignatureVerifier); 2] =
        [("trustmeta-fast", &Fast), ("trustmeta-portable", &Portable)];
    let mut smp_fast = None;
    let mut smp_portable = None;
    for &(fixture, cert) in SMALL {
        let xml = read(&dir, fixture);
        let store = TrustStore::from_pem(&read(&dir, cert)).expect("fixture certificate");
        for (name, backend) in backends {
            if let Err(e) = verify_with(&xml, &store, &policy, now, backend) {
                eprintln!("{name} {fixture}: does not verify: {e}");
                std::process::exit(1);
            }
            let s = measure(|| {
                let doc = verify_with(&xml, &store, &policy, now, backend).expect("verifies");
                core::hint::black_box(&doc);
            });
            let goal = match (fixture, name) {
                ("smp-signed.xml", "trustmeta-fast") => {
                    smp_fast = Some(Stats::us(s.median));
                    format!(
                        "  goal <= {GOAL_FAST_US} us: {}",
                        met(Stats::us(s.median) <= GOAL_FAST_US)
                    )
                }
                ("smp-signed.xml", "trustmeta-portable") => {
                    smp_portable = Some(Stats::us(s.median));
                    format!(
                        "  goal <= {GOAL_PORTABLE_US} us: {}",
                        met(Stats::us(s.median) <= GOAL_PORTABLE_US)
                    )
                }
                _ => String::new(),
            };
            line(name, fixture, &s, &goal);
        }
    }

    // The SMP profile on top: the same record verified as the answer to a lookup, with
    // the question bound and the endpoints read out (issue goal: <= 60 us, fast backend).
    {
        let xml = read(&dir, "smp-signed.xml");
        let store = TrustStore::from_pem(&read(&dir, "rsa.crt")).expect("fixture certificate");
        let question = smp_bench_question();
        for (name, backend) in backends {
            let run = || verify_smp_with(&xml, &question, &store, &policy, now, backend);
            match run() {
                Ok(v) if !v.endpoints().is_empty() => {}
                Ok(_) => {
                    eprintln!("{name} verify_smp: no endpoint in the fixture");
                    std::process::exit(1);
                }
                Err(e) => {
                    eprintln!("{name} verify_smp: {e}");
                    std::process::exit(1);
                }
            }
            let s = measure(|| {
                let v = run().expect("verifies");
                core::hint::black_box(v.endpoints().len());
            });
            let goal = if name == "trustmeta-fast" {
                format!(
                    "  goal <= {GOAL_FAST_US} us: {}",
                    met(Stats::us(s.median) <= GOAL_FAST_US)
                )
            } else {
                String::new()
            };
            line(&format!("{name}-verify_smp"), "smp-signed.xml", &s, &goal);
            if name == "trustmeta-fast" {
                // What the front doors compute from the answer beyond the core's call (the
                // report is already built): the names as text and each endpoint's
                // certificate fingerprint. Python's and C's verify_smp are held to this.
                let s = measure(|| {
                    let v = run().expect("verifies");
                    core::hint::black_box(v.report());
                    core::hint::black_box(v.participant().map(ToString::to_string));
                    core::hint::black_box(v.document().map(ToString::to_string));
                    for e in v.endpoints() {
                        core::hint::black_box(
                            e.certificates
                                .first()
                                .map(trustmeta::EndpointCertificate::sha256_hex),
                        );
                    }
                });
                line(
                    "trustmeta-fast-verify_smp+result",
                    "smp-signed.xml",
                    &s,
                    "  verify_smp, then the names and each endpoint's certificate SHA-256, as the bindings do",
                );
            }
        }
    }

    // The SAML profile on top: the ~4 KB response verified as a relying party does (issue
    // goal: <= 60 us, fast backend), the replay cache included.
    for fixture in ["saml-response.xml", "saml-response-signed.xml"] {
        let xml = read(&dir, fixture);
        let store = TrustStore::from_pem(&read(&dir, "rsa.crt")).expect("fixture certificate");
        let trust = IssuerTrust::any_issuer(store);
        let mut expect =
            ResponseExpectations::new("https://sp.example.eu", "https://sp.example.eu/acs", now);
        expect.request_id = Some("_req1");
        for (name, backend) in backends {
            let run = || {
                let mut cache = MemoryReplayCache::new(8);
                verify_response_with(&xml, &trust, &policy, &expect, &mut cache, backend)
            };
            if let Err(e) = run() {
                eprintln!("{name} verify_response {fixture}: {e}");
                std::process::exit(1);
            }
            let s = measure(|| {
                let v = run().expect("verifies");
                core::hint::black_box(v.assertion.attributes.len());
            });
            let goal = if name == "trustmeta-fast" {
                format!(
                    "  goal <= {GOAL_FAST_US} us: {}",
                    met(Stats::us(s.median) <= GOAL_FAST_US)
                )
            } else {
                String::new()
            };
            line(&format!("{name}-verify_response"), fixture, &s, &goal);
        }
    }

    scaling(&dir, &policy, now);

    decryption(&dir, &policy, now, &backends);

    // Where the time of one SMP verify goes. The backend is wrapped so that the time the
    // core spends inside `SignatureVerifier::verify` is added up, and the exact call the
    // core made (canonical SignedInfo, signature value, key) is kept and then replayed on
    // its own: that is the floor any verifier with the same backend pays.
    println!("# split of smp-signed.xml (pinned RSA-2048 signer certificate)");
    let xml = read(&dir, "smp-signed.xml");
    let pem = read(&dir, "rsa.crt");
    let store = TrustStore::from_pem(&pem).expect("fixture certificate");
    for (name, backend) in backends {
        let rec = Timed::new(backend, true);
        verify_with(&xml, &store, &policy, now, &rec).expect("verifies");
        let calls = rec.calls.into_inner().unwrap();
        let Some(c) = calls.first() else {
            println!("{name}: the core made no backend call");
            continue;
        };
        let bare = measure(|| {
            backend
                .verify(c.algorithm, &c.key, &c.message, &c.signature)
                .expect("replayed signature verifies");
        });
        let label = format!("{name}-bare");
        line(
            &label,
            "smp-signed.xml",
            &bare,
            &format!(
                "  one {} {} verify of the {}-byte canonical SignedInfo ({} backend call(s) per document verify)",
                c.key.kind(),
                c.algorithm.name(),
                c.message.len(),
                calls.len()
            ),
        );
        // Same batches as `measure`, keeping for each the share spent in the backend; the
        // batch with the median total is reported.
        let timed = Timed::new(backend, false);
        let probe = measure(|| {
            core::hint::black_box(verify_with(&xml, &store, &policy, now, &timed).is_ok());
        });
        let mut batches: Vec<(f64, f64)> = (0..probe.batches)
            .map(|_| {
                *timed.spent.lock().unwrap() = Duration::ZERO;
                let t = Instant::now();
                for _ in 0..probe.per_batch {
                    let doc = verify_with(&xml, &store, &policy, now, &timed).expect("verifies");
                    core::hint::black_box(&doc);
                }
                let n = probe.per_batch as f64;
                (
                    t.elapsed().as_secs_f64() * 1e6 / n,
                    timed.spent.lock().unwrap().as_secs_f64() * 1e6 / n,
                )
            })
            .collect();
        batches.sort_by(|a, b| a.0.total_cmp(&b.0));
        let (total_us, in_backend) = batches[batches.len() / 2];
        println!(
            "{name:<22} split: total {total_us:.1} us = signature backend {in_backend:.1} us ({:.0}%) + XML, canonicalization, digests, certificate handling {:.1} us",
            100.0 * in_backend / total_us,
            total_us - in_backend
        );
    }

    // What the front doors (Python, C, WASM) do on top: the report and the canonical
    // bytes of every signed element, built eagerly.
    let with_result = measure(|| {
        let doc = verify_with(&xml, &store, &policy, now, &Fast).expect("verifies");
        core::hint::black_box(doc.report());
        for e in doc.signed_elements() {
            core::hint::black_box(e.canonical_xml());
        }
    });
    line(
        "trustmeta-fast+result",
        "smp-signed.xml",
        &with_result,
        "  verify, then report() and canonical_xml() of the signed element, as the bindings do",
    );

    // Phases through the public API, to see where the non-crypto time goes.
    let limits = Limits::default();
    let exc = C14nAlgorithm::from_uri("http://www.w3.org/2001/10/xml-exc-c14n#").expect("exc-c14n");
    let parse = measure(|| {
        core::hint::black_box(trustmeta::parse_xml(&xml, &limits).expect("parses"));
    });
    let c14n = measure(|| {
        core::hint::black_box(
            trustmeta::canonicalize_document(&xml, exc, &[], &[], &limits).expect("c14n"),
        );
    });
    let canonical = trustmeta::canonicalize_document(&xml, exc, &[], &[], &limits).expect("c14n");
    let digest = measure(|| {
        core::hint::black_box(DigestAlgorithm::Sha256.digest(&canonical));
    });
    let der = pem_to_der(&pem);
    let cert = measure(|| {
        core::hint::black_box(Certificate::from_der(&der).expect("certificate"));
    });
    let store_build = measure(|| {
        core::hint::black_box(TrustStore::from_pem(&pem).expect("store"));
    });
    println!(
        "# phases (each timed alone, so they overlap with the split above and do not add up exactly):"
    );
    for (what, s) in [
        ("parse + ID index (parse_xml)", &parse),
        ("parse + exc-c14n of the whole document", &c14n),
        ("sha256 of the canonical document", &digest),
        ("Certificate::from_der (the KeyInfo certificate)", &cert),
        ("TrustStore::from_pem (not per verify)", &store_build),
    ] {
        println!(
            "phase {:<50} {:>8.1} us  (best {:.1})",
            what,
            Stats::us(s.median),
            Stats::us(s.best)
        );
    }
    if let (Some(f), Some(p)) = (smp_fast, smp_portable) {
        println!(
            "# goals, smp-signed.xml: fast {f:.1} us (<= {GOAL_FAST_US}: {}), portable {p:.1} us (<= {GOAL_PORTABLE_US}: {})",
            met(f <= GOAL_FAST_US),
            met(p <= GOAL_PORTABLE_US)
        );
    }

    // The large aggregate, in process, last (so the peak RSS is its own).
    let runs = env_num("TRUSTMETA_BENCH_AGGREGATE_RUNS", 3);
    let agg_path = dir.join("md-aggregate.xml");
    if runs == 0 || !agg_path.exists() {
        println!("# md-aggregate.xml skipped");
        return;
    }
    let entities = std::fs::read_to_string(dir.join("md-aggregate.entities"))
        .map(|s| s.trim().to_owned())
        .unwrap_or_else(|_| "?".into());
    let before_kb = vm_hwm_kb().unwrap_or(0);
    let big_policy = Policy {
        limits: Limits {
            max_input_bytes: 256 * 1024 * 1024,
            max_nodes: u32::MAX,
            ..Limits::default()
        },
        ..Policy::default()
    };
    let mut best = f64::INFINITY;
    let mut input_mb = 0.0;
    for run in 1..=runs {
        // Reading the file is part of each run, as it is for `xmlsec1 --verify FILE`.
        let t = Instant::now();
        let data = read(&dir, "md-aggregate.xml");
        let t_read = t.elapsed().as_secs_f64();
        input_mb = data.len() as f64 / 1e6;
        let doc = verify_with(&data, &store, &big_policy, now, &Fast);
        let secs = t.elapsed().as_secs_f64();
        match doc {
            Ok(d) => {
                core::hint::black_box(&d);
            }
            Err(e) => {
                println!("trustmeta-fast          md-aggregate.xml refused: {e}");
                return;
            }
        }
        best = best.min(secs);
        println!(
            "trustmeta-fast         md-aggregate.xml   run {run}: {secs:.3} s (read {t_read:.3} s), {input_mb:.1} MB, {entities} entities"
        );
    }
    let hwm_kb = vm_hwm_kb().unwrap_or(0);
    let hwm_mb = hwm_kb as f64 / 1024.0;
    println!(
        "{:<22} {:<26} {:>10.3} s/verify  (best of {runs}; peak RSS {hwm_mb:.0} MB = VmHWM, {:.0} MB before; input {input_mb:.1} MB)",
        "trustmeta-fast",
        "md-aggregate.xml",
        best,
        before_kb as f64 / 1024.0
    );
    println!(
        "# goals, md-aggregate.xml: <= {GOAL_AGGREGATE_S} s: {} ; <= {GOAL_AGGREGATE_RSS_MB} MB RSS: {}",
        met(best <= GOAL_AGGREGATE_S),
        met(hwm_mb <= GOAL_AGGREGATE_RSS_MB)
    );
}
