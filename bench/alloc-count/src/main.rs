//! Heap allocations of one trustmeta verification, counted by a global allocator that
//! wraps the system one (the DESIGN goal: at most 20 to verify a small SMP record), and
//! the peak heap of verifying the metadata aggregate.
//!
//! usage: trustmeta-alloc-count [FIXTURES_DIR]   (default target/bench-fixtures)
//!
//! It lives outside the trustmeta workspace because a `GlobalAlloc` needs `unsafe`, which
//! the workspace forbids in every target; the unsafe here only forwards to `System`.

use std::alloc::{GlobalAlloc, Layout, System};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

use trustmeta::{
    verify_with, DateTime, Fast, Limits, Policy, Portable, SignatureVerifier, TrustStore,
};

struct Counting;

static ALLOCS: AtomicUsize = AtomicUsize::new(0);
static REALLOCS: AtomicUsize = AtomicUsize::new(0);
static BYTES: AtomicUsize = AtomicUsize::new(0);
static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn grew(by: usize) {
    let live = LIVE.fetch_add(by, Relaxed) + by;
    PEAK.fetch_max(live, Relaxed);
}

// SAFETY: every method forwards to the system allocator with the caller's arguments
// unchanged; the counters are atomics and never affect what is returned.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCS.fetch_add(1, Relaxed);
        BYTES.fetch_add(layout.size(), Relaxed);
        grew(layout.size());
        // SAFETY: forwarded as is.
        unsafe { System.alloc(layout) }
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        ALLOCS.fetch_add(1, Relaxed);
        BYTES.fetch_add(layout.size(), Relaxed);
        grew(layout.size());
        // SAFETY: forwarded as is.
        unsafe { System.alloc_zeroed(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Relaxed);
        // SAFETY: forwarded as is.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        REALLOCS.fetch_add(1, Relaxed);
        if new_size > layout.size() {
            BYTES.fetch_add(new_size - layout.size(), Relaxed);
            grew(new_size - layout.size());
        } else {
            LIVE.fetch_sub(layout.size() - new_size, Relaxed);
        }
        // SAFETY: forwarded as is.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

struct Count {
    allocs: usize,
    reallocs: usize,
    bytes: usize,
    peak_above_start: usize,
}

/// Counts what `f` allocates (the result is dropped inside, so its frees are included
/// in the live/peak figures but not in the counts).
fn count<T>(f: impl FnOnce() -> T) -> (T, Count) {
    let (a0, r0, b0) = (
        ALLOCS.load(Relaxed),
        REALLOCS.load(Relaxed),
        BYTES.load(Relaxed),
    );
    let live0 = LIVE.load(Relaxed);
    PEAK.store(live0, Relaxed);
    let v = f();
    let c = Count {
        allocs: ALLOCS.load(Relaxed) - a0,
        reallocs: REALLOCS.load(Relaxed) - r0,
        bytes: BYTES.load(Relaxed) - b0,
        peak_above_start: PEAK.load(Relaxed).saturating_sub(live0),
    };
    (v, c)
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

fn main() {
    let dir = std::env::args_os()
        .nth(1)
        .map_or_else(|| PathBuf::from("target/bench-fixtures"), PathBuf::from);
    let now = DateTime::from_unix(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64),
    );
    let policy = Policy::default();
    let backends: [(&str, &dyn SignatureVerifier); 2] = [("fast", &Fast), ("portable", &Portable)];
    for (fixture, cert) in [
        ("smp-signed.xml", "rsa.crt"),
        ("smp-signed-ec.xml", "ec.crt"),
        ("saml-response.xml", "rsa.crt"),
        ("saml-response-signed.xml", "rsa.crt"),
    ] {
        let xml = read(&dir, fixture);
        let store = TrustStore::from_pem(&read(&dir, cert)).expect("fixture certificate");
        for (name, backend) in backends {
            // Once to warm up lazily initialised state (none is expected), then counted.
            verify_with(&xml, &store, &policy, now, backend).expect("verifies");
            let (ok, c) = count(|| verify_with(&xml, &store, &policy, now, backend).is_ok());
            assert!(ok);
            let goal = if fixture == "smp-signed.xml" && name == "fast" {
                format!(
                    "  (goal <= 20: {})",
                    if c.allocs <= 20 { "met" } else { "NOT met" }
                )
            } else {
                String::new()
            };
            println!(
                "allocations per verify: {:>5}  trustmeta-{name:<8} {fixture:<26} (+{} reallocs, {} bytes requested, heap peak {} bytes){goal}",
                c.allocs, c.reallocs, c.bytes, c.peak_above_start
            );
        }
    }
    let agg = dir.join("md-aggregate.xml");
    if agg.exists() {
        let store = TrustStore::from_pem(&read(&dir, "rsa.crt")).expect("fixture certificate");
        let big = Policy {
            limits: Limits {
                max_input_bytes: 256 * 1024 * 1024,
                max_nodes: u32::MAX,
                ..Limits::default()
            },
            ..Policy::default()
        };
        let (len, c) = count(|| {
            let data = read(&dir, "md-aggregate.xml");
            verify_with(&data, &store, &big, now, &Fast).expect("aggregate verifies");
            data.len()
        });
        println!(
            "heap of one md-aggregate.xml verify (input {:.1} MB read into memory): peak {:.1} MB live, {} allocations, {:.1} MB requested in all",
            len as f64 / 1e6,
            c.peak_above_start as f64 / 1e6,
            c.allocs + c.reallocs,
            c.bytes as f64 / 1e6
        );
    }
}
