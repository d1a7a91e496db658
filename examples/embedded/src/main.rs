//! trustmeta on a Cortex-M4 (QEMU's `mps2-an386`): verifies the README's SMP record and a
//! SAML response against pinned keys (both embedded in the image), then streams metadata
//! aggregates named on the semihosting command line through verification in 1 KB chunks
//! read with semihosting file I/O. A tampered copy of each must be refused.
//!
//! For every operation it prints, over defmt on semihosting: the verdict, the heap peak
//! and allocation count (a counting wrapper around the allocator), the stack high-water
//! mark (the stack is painted before and scanned after) and the cost in cycles (DWT) or,
//! where the DWT cycle counter does not count (QEMU), in instructions counted by SysTick
//! under `qemu -icount shift=0`.
//!
//! Any wrong verdict, an allocation failure or a panic ends QEMU with a nonzero status.

#![no_std]
#![no_main]

extern crate alloc;

use core::alloc::{GlobalAlloc, Layout};
use core::mem::MaybeUninit;
use core::sync::atomic::{AtomicU32, AtomicUsize, Ordering::Relaxed};

use cortex_m::peripheral::{syst::SystClkSource, DWT, SYST};
use cortex_m_rt::{entry, exception};
use defmt_semihosting as _;
use embedded_alloc::LlffHeap;
use semihosting::io::Read as _;
use trustmeta::{
    verify_response, verify_smp, DateTime, DocumentId, Error, IssuerTrust, MemoryReplayCache,
    MetadataProfile, MetadataStreamVerifier, ParticipantId, Policy, ResponseExpectations,
    SmpQuestion, TrustStore,
};

// The heap is a fixed array of HEAP_SIZE bytes (32 KiB unless TRUSTMETA_HEAP_KB says
// otherwise at build time): everything below must fit in it.
include!(concat!(env!("OUT_DIR"), "/heap_size.rs"));
/// Bytes handed to the streaming verifier per call, as a small device reads them.
const CHUNK: usize = 1024;

// --- A counting allocator ------------------------------------------------------------

struct Counting {
    heap: LlffHeap,
}

static ALLOCS: AtomicUsize = AtomicUsize::new(0);
static REALLOCS: AtomicUsize = AtomicUsize::new(0);
static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn grew(by: usize) {
    let live = LIVE.fetch_add(by, Relaxed) + by;
    PEAK.fetch_max(live, Relaxed);
}

// SAFETY: every method forwards to the heap with the caller's arguments unchanged; the
// counters never affect what is returned.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded as is.
        let p = unsafe { self.heap.alloc(layout) };
        if !p.is_null() {
            ALLOCS.fetch_add(1, Relaxed);
            grew(layout.size());
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Relaxed);
        // SAFETY: forwarded as is.
        unsafe { self.heap.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: forwarded as is.
        let p = unsafe { self.heap.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            REALLOCS.fetch_add(1, Relaxed);
            if new_size > layout.size() {
                grew(new_size - layout.size());
            } else {
                LIVE.fetch_sub(layout.size() - new_size, Relaxed);
            }
        }
        p
    }
}

#[global_allocator]
static HEAP: Counting = Counting {
    heap: LlffHeap::empty(),
};

// --- Stack painting ------------------------------------------------------------------

const PAINT: u32 = 0x5AFE_C0DE;

extern "C" {
    /// The top of the stack (cortex-m-rt's link.x).
    static _stack_start: u32;
    /// The lowest address the stack may reach: the end of the static data.
    static _stack_end: u32;
}

fn stack_bounds() -> (usize, usize) {
    // Only the symbols' addresses are taken.
    (
        core::ptr::addr_of!(_stack_end) as usize,
        core::ptr::addr_of!(_stack_start) as usize,
    )
}

/// Fills the unused stack below the current frame with `PAINT`; returns the stack
/// pointer it painted below.
#[inline(always)]
fn paint_stack() -> usize {
    let (low, _) = stack_bounds();
    let sp = cortex_m::register::msp::read() as usize;
    // Leave room for this function's own frame and the exception frame of an interrupt.
    let high = sp - 128;
    let mut p = low;
    while p < high {
        // SAFETY: [low, high) is stack memory below every live frame; nothing else uses it.
        unsafe { core::ptr::write_volatile(p as *mut u32, PAINT) };
        p += 4;
    }
    sp
}

/// The lowest stack address written since `paint_stack`.
fn stack_low_water() -> usize {
    let (low, top) = stack_bounds();
    let mut p = low;
    // SAFETY: reads words of the stack region, which is always mapped.
    while p < top && unsafe { core::ptr::read_volatile(p as *const u32) } == PAINT {
        p += 4;
    }
    p
}

/// The deepest the stack has been from its top, over the whole run.
static STACK_MAX: AtomicUsize = AtomicUsize::new(0);

// --- Counting time -------------------------------------------------------------------

static SYSTICK_WRAPS: AtomicU32 = AtomicU32::new(0);

#[exception]
fn SysTick() {
    SYSTICK_WRAPS.fetch_add(1, Relaxed);
}

/// SysTick ticks since start (24-bit counter extended by its wrap interrupts).
fn systick_now() -> u64 {
    loop {
        let w = SYSTICK_WRAPS.load(Relaxed);
        let v = SYST::get_current();
        if SYSTICK_WRAPS.load(Relaxed) == w {
            return (u64::from(w) << 24) | u64::from(0x00FF_FFFF - v);
        }
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Clock {
    /// The DWT cycle counter counts.
    Cycles,
    /// It does not (QEMU leaves it at 0): SysTick on the core clock instead.
    SysTick,
}

struct Meter {
    clock: Clock,
    /// A delay loop of `CALIBRATION` instructions took this many SysTick ticks.
    calibration_ticks: u64,
}

/// Instructions in `cortex_m::asm::delay(1_000_000)`: 1,000,001 turns of a
/// two-instruction loop.
const CALIBRATION: u64 = 2_000_002;

impl Meter {
    fn now(&self) -> u64 {
        match self.clock {
            Clock::Cycles => u64::from(DWT::cycle_count()),
            Clock::SysTick => systick_now(),
        }
    }
}

/// What one operation cost.
struct Cost {
    ticks: u64,
    heap_before: usize,
    heap_peak: usize,
    allocs: usize,
    reallocs: usize,
    /// Bytes of stack the operation used below its caller's frame.
    stack: usize,
}

fn measure<T>(m: &Meter, f: impl FnOnce() -> T) -> (T, Cost) {
    let (a0, r0) = (ALLOCS.load(Relaxed), REALLOCS.load(Relaxed));
    let live0 = LIVE.load(Relaxed);
    PEAK.store(live0, Relaxed);
    let sp = paint_stack();
    let t0 = m.now();
    let v = f();
    let t1 = m.now();
    let cost = Cost {
        ticks: t1.wrapping_sub(t0),
        heap_before: live0,
        heap_peak: PEAK.load(Relaxed) - live0,
        allocs: ALLOCS.load(Relaxed) - a0,
        reallocs: REALLOCS.load(Relaxed) - r0,
        stack: sp.saturating_sub(stack_low_water()),
    };
    STACK_MAX.fetch_max(stack_bounds().1 - stack_low_water(), Relaxed);
    (v, cost)
}

// --- Verdicts ------------------------------------------------------------------------

static FAILURES: AtomicU32 = AtomicU32::new(0);

/// What an operation is, for the goals printed at the end.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    /// Loading a trust anchor: done once, before any document.
    Setup,
    /// Verifying a small document in memory.
    Small,
    /// Streaming an aggregate.
    Stream,
}

/// The most heap (in use before + peak) and allocations of a small verify, and the most
/// heap of a streamed one.
static SMALL_HEAP: AtomicUsize = AtomicUsize::new(0);
static SMALL_ALLOCS: AtomicUsize = AtomicUsize::new(0);
static STREAM_HEAP: AtomicUsize = AtomicUsize::new(0);

/// Prints one operation's verdict and cost; counts a wrong verdict.
fn report<T>(name: &str, kind: Kind, m: &Meter, r: &Result<T, Error>, want_ok: bool, cost: &Cost) {
    let heap = cost.heap_before + cost.heap_peak;
    match kind {
        Kind::Setup => {}
        Kind::Small => {
            SMALL_HEAP.fetch_max(heap, Relaxed);
            SMALL_ALLOCS.fetch_max(cost.allocs, Relaxed);
        }
        Kind::Stream => {
            STREAM_HEAP.fetch_max(heap, Relaxed);
        }
    }
    let verdict = match r {
        Ok(_) => "verified",
        Err(e) => e.code().as_str(),
    };
    let right = r.is_ok() == want_ok;
    if !right {
        FAILURES.fetch_add(1, Relaxed);
    }
    let expect = if want_ok { "verified" } else { "a refusal" };
    defmt::println!(
        "{=str}: {=str} ({=str}, expected {=str})",
        name,
        verdict,
        if right { "right" } else { "WRONG" },
        expect
    );
    match m.clock {
        Clock::Cycles => defmt::println!("  {=u64} cycles (DWT)", cost.ticks),
        // SysTick counts QEMU's virtual time, which `-icount shift=0` advances by one
        // nanosecond per instruction: instructions, not cycles.
        Clock::SysTick => defmt::println!(
            "  {=u64} instructions (+-{=u64})",
            cost.ticks * CALIBRATION / m.calibration_ticks,
            CALIBRATION.div_ceil(m.calibration_ticks)
        ),
    }
    defmt::println!(
        "  heap peak {=usize} B above the {=usize} B in use before, of {=usize}; {=usize} allocations (+{=usize} reallocs); stack {=usize} B below the caller",
        cost.heap_peak,
        cost.heap_before,
        HEAP_SIZE,
        cost.allocs,
        cost.reallocs,
        cost.stack
    );
}

fn fail(why: &str) -> ! {
    defmt::println!("error: {=str}", why);
    semihosting::process::exit(1)
}

fn at(s: &str) -> DateTime {
    DateTime::parse_rfc3339(s).unwrap_or_else(|_| fail("bad built-in time"))
}

// --- The documents -------------------------------------------------------------------

const SMP: &[u8] = include_bytes!("../../../tests/data/sample/smp-signed.xml");
const SMP_SIGNER: &[u8] = include_bytes!("../../../tests/data/sample/signer.pem");
const SMP_NOW: &str = "2026-06-01T00:00:00Z";
const PARTICIPANT: &str = "iso6523-actorid-upis::0088:5798000000001";
const DOCUMENT: &str = "busdox-docid-qns::urn:oasis:names:specification:ubl:schema:xsd:Invoice-2::Invoice##urn:cen.eu:en16931:2017::2.1";

const SAML: &[u8] = include_bytes!("../../../tests/data/saml/signed/response-signed.xml");
/// The identity provider's signing certificate, pinned (no chain).
const SAML_SIGNER: &[u8] = include_bytes!("../../../tests/data/xmldsig-gen/pki/leaf-rsa2048.pem");
const SAML_NOW: &str = "2026-06-01T10:01:00Z";
const IDP: &str = "https://idp.example.org/";
const SP: &str = "https://sp.example.org/metadata";
const ACS: &str = "https://sp.example.org/acs";
const REQUEST_ID: &str = "_req-4711";

/// The aggregates' signer (make_aggregate.py signs with this key).
const MD_SIGNER: &[u8] = include_bytes!("../../../tests/data/metadata/signed/signer.pem");
const MD_NOW: &str = "2026-06-01T00:00:00Z";

/// `doc` with the first `from` replaced by `to` (same length), for the negative cases;
/// written into `out` (on the stack) so that the heap holds only what verification needs.
fn tampered<'b>(doc: &[u8], from: &[u8], to: &[u8], out: &'b mut [u8]) -> &'b [u8] {
    let out = out
        .get_mut(..doc.len())
        .unwrap_or_else(|| fail("tamper buffer too small"));
    out.copy_from_slice(doc);
    let i = out
        .windows(from.len())
        .position(|w| w == from)
        .unwrap_or_else(|| fail("tamper target not found"));
    out[i..i + to.len()].copy_from_slice(to);
    out
}

fn smp(m: &Meter) {
    let (store, cost) = measure(m, || TrustStore::from_pem(SMP_SIGNER).map_err(Error::from));
    report(
        "smp: load pinned certificate",
        Kind::Setup,
        m,
        &store,
        true,
        &cost,
    );
    let Ok(store) = store else { return };
    let question = SmpQuestion::new(
        ParticipantId::parse(PARTICIPANT).unwrap_or_else(|_| fail("participant")),
        DocumentId::parse(DOCUMENT).unwrap_or_else(|_| fail("document type")),
    );
    let policy = Policy::default();
    let now = at(SMP_NOW);
    let (r, cost) = measure(m, || {
        verify_smp(SMP, &question, &store, &policy, now).map(|v| v.endpoints().len())
    });
    report(
        "smp: verify_smp smp-signed.xml",
        Kind::Small,
        m,
        &r,
        true,
        &cost,
    );
    if let Ok(n) = r {
        defmt::println!("  {=usize} endpoint(s) signed for the participant", n);
    }
    let mut buf = [0u8; 8192];
    let bad = tampered(SMP, b"https://", b"https://x", &mut buf);
    let (r, cost) = measure(m, || verify_smp(bad, &question, &store, &policy, now));
    report(
        "smp: tampered endpoint URL",
        Kind::Small,
        m,
        &r,
        false,
        &cost,
    );
}

fn saml(m: &Meter) {
    let (store, cost) = measure(m, || TrustStore::from_pem(SAML_SIGNER).map_err(Error::from));
    report(
        "saml: load pinned certificate",
        Kind::Setup,
        m,
        &store,
        true,
        &cost,
    );
    let Ok(store) = store else { return };
    let mut trust = IssuerTrust::new();
    trust.add(IDP, store);
    let policy = Policy::default();
    let mut expect = ResponseExpectations::new(SP, ACS, at(SAML_NOW));
    expect.request_id = Some(REQUEST_ID);
    let (r, cost) = measure(m, || {
        let mut replay = MemoryReplayCache::new(4);
        verify_response(SAML, &trust, &policy, &expect, &mut replay).map(|v| v.assertion.id)
    });
    report(
        "saml: verify_response response-signed.xml",
        Kind::Small,
        m,
        &r,
        true,
        &cost,
    );
    let mut buf = [0u8; 8192];
    let bad = tampered(SAML, b"ross@octolabs.io", b"root@octolabs.io", &mut buf);
    let (r, cost) = measure(m, || {
        let mut replay = MemoryReplayCache::new(4);
        verify_response(bad, &trust, &policy, &expect, &mut replay).map(|_| ())
    });
    report("saml: tampered subject", Kind::Small, m, &r, false, &cost);
}

/// Streams the file at `path` through a metadata verifier in `CHUNK`-byte reads; with
/// `tamper`, one letter in the middle of the file is changed on the way.
fn stream(path: &str, store: &TrustStore, tamper: bool) -> Result<(u64, usize), Error> {
    let mut cpath = [0u8; 256];
    if path.len() >= cpath.len() {
        fail("path too long");
    }
    cpath[..path.len()].copy_from_slice(path.as_bytes());
    let cpath = core::ffi::CStr::from_bytes_until_nul(&cpath).unwrap_or_else(|_| fail("path"));
    let mut file = semihosting::fs::File::open(cpath).unwrap_or_else(|_| fail("cannot open"));
    let len = file
        .metadata()
        .map(|md| md.len())
        .unwrap_or_else(|_| fail("cannot stat"));
    let middle = len / 2;
    let mut v = MetadataStreamVerifier::new(
        store,
        &Policy::default(),
        at(MD_NOW),
        MetadataProfile::Generic,
    );
    let mut buf = [0u8; CHUNK];
    let mut read: u64 = 0;
    let mut changed = !tamper;
    loop {
        let n = file.read(&mut buf).unwrap_or_else(|_| fail("read error"));
        if n == 0 {
            break;
        }
        let chunk = &mut buf[..n];
        if !changed && read + n as u64 > middle {
            // One letter of an organization's name after the middle: content, not markup.
            const NAME: &[u8] = b"Organisatie ";
            if let Some(i) = chunk.windows(NAME.len()).position(|w| w == NAME) {
                chunk[i] = b'o';
                changed = true;
            }
        }
        read += n as u64;
        v.feed(chunk)?;
    }
    if read != len {
        fail("short read");
    }
    if !changed {
        fail("no organization name after the middle of the aggregate to tamper with");
    }
    let md = v.finish()?;
    Ok((read, md.summary.entities))
}

fn metadata(m: &Meter) {
    let store = TrustStore::from_pem(MD_SIGNER).unwrap_or_else(|_| fail("metadata signer"));
    let args = semihosting::experimental::env::args::<1024>()
        .unwrap_or_else(|_| fail("no semihosting command line"));
    let mut first = true;
    // The first word is the program's name.
    for arg in (&args).skip(1) {
        let Ok(path) = arg else {
            fail("argument is not UTF-8")
        };
        let (r, cost) = measure(m, || stream(path, &store, false));
        defmt::println!(
            "metadata: streamed {=str} in {=usize}-byte reads",
            path,
            CHUNK
        );
        report(
            "metadata: MetadataStreamVerifier",
            Kind::Stream,
            m,
            &r,
            true,
            &cost,
        );
        if let Ok((bytes, entities)) = r {
            defmt::println!("  {=u64} bytes, {=usize} entities", bytes, entities);
        }
        // A tampered copy of the first (smallest) aggregate must be refused.
        if first {
            let (r, cost) = measure(m, || stream(path, &store, true));
            report(
                "metadata: one letter changed mid-stream",
                Kind::Stream,
                m,
                &r,
                false,
                &cost,
            );
            first = false;
        }
    }
    if first {
        fail("no aggregate named on the semihosting command line");
    }
}

#[entry]
fn main() -> ! {
    static mut HEAP_MEM: [MaybeUninit<u8>; HEAP_SIZE] = [MaybeUninit::uninit(); HEAP_SIZE];
    // SAFETY: `entry` runs once, before any allocation; HEAP_MEM is used by nothing else.
    unsafe {
        HEAP.heap
            .init(core::ptr::addr_of_mut!(*HEAP_MEM) as usize, HEAP_SIZE)
    };

    let mut cp = cortex_m::Peripherals::take().unwrap_or_else(|| fail("peripherals"));
    cp.DCB.enable_trace();
    cp.DWT.enable_cycle_counter();
    let c0 = DWT::cycle_count();
    cortex_m::asm::delay(1000);
    let dwt_counts = DWT::cycle_count() != c0;
    cp.SYST.set_clock_source(SystClkSource::Core);
    cp.SYST.set_reload(0x00FF_FFFF);
    cp.SYST.clear_current();
    cp.SYST.enable_interrupt();
    cp.SYST.enable_counter();
    // The counter reads 0 until its first reload.
    while SYST::get_current() == 0 {}
    let t0 = systick_now();
    cortex_m::asm::delay(1_000_000);
    let ticks = systick_now() - t0;
    let meter = Meter {
        clock: if dwt_counts {
            Clock::Cycles
        } else {
            Clock::SysTick
        },
        calibration_ticks: ticks.max(1),
    };
    defmt::println!(
        "trustmeta on a Cortex-M4 (qemu mps2-an386), heap {=usize} B",
        HEAP_SIZE
    );
    if dwt_counts {
        defmt::println!("DWT CYCCNT counts: costs in cycles");
    } else {
        defmt::println!(
            "DWT CYCCNT reads 0 (QEMU does not model it): costs in instructions, counted by SysTick under qemu -icount ({=u64} ticks for a loop of {=u64} instructions)",
            ticks,
            CALIBRATION
        );
    }

    smp(&meter);
    saml(&meter);
    metadata(&meter);

    let (low, top) = stack_bounds();
    defmt::println!(
        "stack high-water mark: {=usize} B from the top of the stack (of {=usize} B between the static data and the top)",
        STACK_MAX.load(Relaxed),
        top - low
    );
    let goal = |met: bool| if met { "met" } else { "NOT met" };
    let (small, allocs, streamed) = (
        SMALL_HEAP.load(Relaxed),
        SMALL_ALLOCS.load(Relaxed),
        STREAM_HEAP.load(Relaxed),
    );
    defmt::println!(
        "goal: small verify in a 32 KB heap: {=str} ({=usize} B at most, trust store included)",
        goal(small <= 32 * 1024),
        small
    );
    defmt::println!(
        "goal: streamed aggregate in <= 32 KB of heap: {=str} ({=usize} B at most, trust store included)",
        goal(streamed <= 32 * 1024),
        streamed
    );
    defmt::println!(
        "goal: <= 20 allocations per small verify: {=str} ({=usize} at most)",
        goal(allocs <= 20),
        allocs
    );
    let failures = FAILURES.load(Relaxed);
    if failures == 0 {
        defmt::println!("all verdicts right");
        semihosting::process::exit(0)
    }
    defmt::println!("{=u32} wrong verdict(s)", failures);
    semihosting::process::exit(1)
}

#[panic_handler]
fn panic(info: &core::panic::PanicInfo) -> ! {
    // Allocation failures arrive here too (the default alloc error handler panics).
    if let Some(loc) = info.location() {
        defmt::println!(
            "panic at {=str}:{=u32} (heap live {=usize} B of {=usize})",
            loc.file(),
            loc.line(),
            LIVE.load(Relaxed),
            HEAP_SIZE
        );
    } else {
        defmt::println!("panic");
    }
    semihosting::process::exit(101)
}
