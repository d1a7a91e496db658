//! Verifies a large signed document from a file with the streaming verifier, reading
//! 256 KiB at a time, and prints the time taken; memory stays flat in the file size.
//!
//! ```sh
//! cargo run --release -p trustmeta --example stream_file -- CERT.pem FILE [RFC3339]
//! ```

use std::io::Read;
use std::time::Instant;

use trustmeta::{DateTime, Policy, StreamVerifier, TrustStore};

fn main() -> Result<(), Box<dyn core::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let [_, cert, file, rest @ ..] = args.as_slice() else {
        eprintln!("usage: stream_file CERT.pem FILE [RFC3339]");
        std::process::exit(2);
    };
    let store = TrustStore::from_pem(&std::fs::read(cert)?)?;
    let now = DateTime::parse_rfc3339(rest.first().map_or("2026-06-01T00:00:00Z", String::as_str))?;
    let policy = Policy::default();
    let t = Instant::now();
    let mut f = std::fs::File::open(file)?;
    let mut v = StreamVerifier::new(&store, &policy, now);
    let mut buf = vec![0u8; 256 * 1024];
    loop {
        let n = f.read(&mut buf)?;
        if n == 0 {
            break;
        }
        v.feed(&buf[..n])?;
    }
    let out = v.finish()?;
    println!(
        "verified {} ({} bytes) in {:.3} s",
        out.root.local_name,
        out.bytes,
        t.elapsed().as_secs_f64()
    );
    Ok(())
}
