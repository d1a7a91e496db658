//! In-process verify timings of the bergshamra crate (pure Rust, the closest Rust peer) on
//! the benchmark fixtures, measured the same way as `core/benches/verify.rs` and printed
//! in the same line format.
//!
//! usage: bergshamra-peer [FIXTURES_DIR]   (default target/bench-fixtures)
//! env: TRUSTMETA_BENCH_BATCH_MS, TRUSTMETA_BENCH_BATCHES, TRUSTMETA_BENCH_AGGREGATE_RUNS
//!
//! The context is `DsigContext::new` (bergshamra's hardened defaults: only keys from the
//! KeysManager, XSW checks) with the fixture certificate loaded once, as trustmeta's
//! TrustStore is built once; each iteration checks UTF-8 and verifies, since trustmeta
//! takes bytes.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use bergshamra::keys::loader::load_x509_cert_pem;
use bergshamra::{DsigContext, KeysManager};

fn env_num(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(default)
}

struct Stats {
    median: Duration,
    best: Duration,
    batches: usize,
    per_batch: u64,
}

fn measure(mut f: impl FnMut()) -> Stats {
    let batch = Duration::from_millis(env_num("TRUSTMETA_BENCH_BATCH_MS", 200));
    let batches = env_num("TRUSTMETA_BENCH_BATCHES", 7).max(1) as usize;
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
            t.elapsed() / n as u32
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

fn read(dir: &Path, name: &str) -> Vec<u8> {
    std::fs::read(dir.join(name)).unwrap_or_else(|e| {
        eprintln!(
            "cannot read {}: {e} (run bench/make_fixtures.py first)",
            dir.join(name).display()
        );
        std::process::exit(2)
    })
}

fn context(dir: &Path, cert: &str) -> DsigContext {
    let mut km = KeysManager::new();
    km.add_key(load_x509_cert_pem(&read(dir, cert)).expect("fixture certificate"));
    // `ID` is among bergshamra's default ID attributes (adding it again makes every ID a
    // duplicate).
    DsigContext::new(km)
}

fn verify(ctx: &DsigContext, xml: &[u8]) -> bool {
    let s = std::str::from_utf8(xml).expect("UTF-8");
    matches!(bergshamra::verify(ctx, s), Ok(r) if r.is_valid())
}

fn vm_hwm_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let l = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    l.split_whitespace().nth(1)?.parse().ok()
}

fn main() {
    let dir = std::env::args_os()
        .nth(1)
        .map_or_else(|| PathBuf::from("target/bench-fixtures"), PathBuf::from);
    for (fixture, cert) in [
        ("smp-signed.xml", "rsa.crt"),
        ("smp-signed-ec.xml", "ec.crt"),
        ("saml-response.xml", "rsa.crt"),
        ("saml-response-signed.xml", "rsa.crt"),
    ] {
        let xml = read(&dir, fixture);
        let ctx = context(&dir, cert);
        if !verify(&ctx, &xml) {
            println!(
                "{:<22} {fixture:<26} does not verify: {:?}",
                "bergshamra-rs",
                bergshamra::verify(&ctx, std::str::from_utf8(&xml).unwrap_or(""))
            );
            continue;
        }
        let s = measure(|| assert!(verify(&ctx, &xml)));
        println!(
            "{:<22} {fixture:<26} {:>10.1} us/verify  (best {:.1}, {}x{})",
            "bergshamra-rs",
            s.median.as_secs_f64() * 1e6,
            s.best.as_secs_f64() * 1e6,
            s.batches,
            s.per_batch
        );
    }
    let runs = env_num("TRUSTMETA_BENCH_AGGREGATE_RUNS", 3);
    if runs == 0 || !dir.join("md-aggregate.xml").exists() {
        return;
    }
    let ctx = context(&dir, "rsa.crt");
    let mut best = f64::INFINITY;
    let mut mb = 0.0;
    for run in 1..=runs {
        let t = Instant::now();
        let data = read(&dir, "md-aggregate.xml");
        mb = data.len() as f64 / 1e6;
        let ok = verify(&ctx, &data);
        let secs = t.elapsed().as_secs_f64();
        if !ok {
            println!(
                "{:<22} {:<26} does not verify",
                "bergshamra-rs", "md-aggregate.xml"
            );
            return;
        }
        best = best.min(secs);
        println!(
            "{:<22} {:<18} run {run}: {secs:.3} s, {mb:.1} MB",
            "bergshamra-rs", "md-aggregate.xml"
        );
    }
    println!(
        "{:<22} {:<26} {:>10.3} s/verify  (best of {runs}; peak RSS {:.0} MB = VmHWM; input {mb:.1} MB)",
        "bergshamra-rs",
        "md-aggregate.xml",
        best,
        vm_hwm_kb().unwrap_or(0) as f64 / 1024.0
    );
}
