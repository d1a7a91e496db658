//! Refreshes a metadata aggregate into a state directory, then loads identity-provider
//! keys one issuer at a time from its index, and prints the time per lookup and the
//! process's peak memory.
//!
//! ```text
//! cargo run --release -p trustmeta-hosted --example issuer_keys -- \
//!     AGGREGATE.xml STATE-DIR SIGNER.pem [LOOKUPS]
//! ```

use std::time::Instant;

use trustmeta::{MetadataProfile, Policy, TrustStore};
use trustmeta_hosted::metadata::{MetadataSource, RefreshOptions, Refreshed};

fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn main() -> Result<(), Box<dyn core::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [aggregate, state, signer, rest @ ..] = args.as_slice() else {
        return Err("usage: issuer_keys AGGREGATE STATE-DIR SIGNER.pem [LOOKUPS]".into());
    };
    let lookups: usize = rest.first().map_or(Ok(1000), |n| n.parse())?;
    let store = TrustStore::from_pem(&std::fs::read(signer)?)?;
    let source = MetadataSource::new(
        aggregate.clone(),
        state,
        store,
        Policy::default(),
        MetadataProfile::Generic,
    );
    let t = Instant::now();
    let mut options = RefreshOptions::default();
    options.force = true;
    match source.refresh(&options)? {
        Refreshed::Updated { metadata, .. } => println!(
            "refresh: {} entities in {:.2} s, peak RSS {} KiB",
            metadata.summary.entities,
            t.elapsed().as_secs_f64(),
            peak_rss_kib().unwrap_or(0)
        ),
        Refreshed::Unchanged { reason } => println!("refresh: unchanged ({reason})"),
    }
    let t = Instant::now();
    let index = source.index()?;
    println!(
        "open index: {} entities in {:.1} ms",
        index.len(),
        t.elapsed().as_secs_f64() * 1e3
    );
    let mut ids = Vec::new();
    index.for_each(&mut |e| {
        if e.roles.iter().any(|r| r == "IDPSSODescriptor") {
            ids.push(e.entity_id);
        }
    })?;
    if ids.is_empty() {
        return Err("the aggregate has no identity provider".into());
    }
    // Spread over the whole aggregate: a multiplicative step visits every position.
    let mut times = Vec::with_capacity(lookups);
    for i in 0..lookups {
        let id = &ids[(i * 7919) % ids.len()];
        let t = Instant::now();
        let trust = index.issuer_trust(&[id.as_str()], "IDPSSODescriptor")?;
        times.push(t.elapsed().as_secs_f64() * 1e3);
        if trust.store_for(id).is_none() {
            return Err(format!("no keys for {id}").into());
        }
    }
    drop(ids);
    times.sort_by(f64::total_cmp);
    let pick = |q: f64| times[((times.len() - 1) as f64 * q) as usize];
    println!(
        "issuer keys: {lookups} lookups, median {:.3} ms, p99 {:.3} ms, max {:.3} ms",
        pick(0.5),
        pick(0.99),
        pick(1.0)
    );
    println!("peak RSS: {} KiB", peak_rss_kib().unwrap_or(0));
    Ok(())
}
