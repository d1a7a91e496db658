//! `trustmeta smp lookup` end to end: a real DNS server (dnsmasq, started here on a random
//! loopback port) and an HTTP server written here (std TcpListener on a random loopback
//! port) serving the signed records of tests/data/smp/ and tests/data/smp-lookup/.
//!
//! Needs `dnsmasq` (Debian package dnsmasq-base; scripts/test-rust.sh installs it). When
//! it is missing every test here says so and passes without running.

mod common;

use core::sync::atomic::{AtomicUsize, Ordering};
use core::time::Duration;
use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream, UdpSocket};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use serde_json::Value;

const PARTICIPANT: &str = "iso6523-actorid-upis::0088:5798000000001";
const DOCUMENT: &str = "busdox-docid-qns::urn:oasis:names:specification:ubl:schema:xsd:Invoice-2::Invoice##urn:cen.eu:en16931:2017::2.1";
const ZONE: &str = "lookup.test";
const AT: &str = "2026-06-01T00:00:00Z";

fn data(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/data")
        .join(path)
}

fn record(name: &str) -> Vec<u8> {
    std::fs::read(data(name)).unwrap()
}

fn trustmeta(args: &[&str]) -> std::process::Output {
    common::command().args(args).output().unwrap()
}

fn name(cname: bool) -> String {
    let mut args = vec!["smp", "name", PARTICIPANT, "--zone", ZONE];
    if cname {
        args.push("--cname");
    }
    let out = trustmeta(&args);
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

fn dnsmasq_path() -> Option<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).collect())
        .unwrap_or_default();
    dirs.extend(["/usr/sbin", "/sbin", "/usr/local/sbin"].map(PathBuf::from));
    dirs.into_iter()
        .map(|d| d.join("dnsmasq"))
        .find(|p| p.is_file())
}

/// dnsmasq in the foreground, answering only from the records given; killed on drop.
struct Dns {
    child: Child,
    port: u16,
}

impl Drop for Dns {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A loopback port free for UDP and TCP both: dnsmasq listens on both.
fn free_udp_port() -> u16 {
    loop {
        let udp = UdpSocket::bind("127.0.0.1:0").unwrap();
        let port = udp.local_addr().unwrap().port();
        if std::net::TcpListener::bind(("127.0.0.1", port)).is_ok() {
            return port;
        }
    }
}

/// Starts dnsmasq with `records` (extra options); `None` (after printing why) when
/// dnsmasq is not installed.
fn start_dns(records: &[String]) -> Option<Dns> {
    let Some(bin) = dnsmasq_path() else {
        eprintln!(
            "SKIPPED: dnsmasq is not installed, so the end-to-end lookup tests cannot run; \
             install it with `apt-get install -y dnsmasq-base` (scripts/test-rust.sh does)"
        );
        return None;
    };
    // The port is free when chosen but could be taken before dnsmasq binds it: retry.
    for _ in 0..5 {
        let port = free_udp_port();
        let child = Command::new(&bin)
            .args([
                "--no-daemon",
                &format!("--port={port}"),
                "--listen-address=127.0.0.1",
                "--bind-interfaces",
                "--no-resolv",
                "--no-hosts",
                "--conf-file=/dev/null",
                "--pid-file=",
                // Names under the zone are answered from the records below only: an unknown
                // one is NXDOMAIN, not forwarded.
                &format!("--local=/{ZONE}/"),
            ])
            .args(records)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("dnsmasq starts");
        let mut dns = Dns { child, port };
        if wait_ready(&mut dns) {
            return Some(dns);
        }
    }
    panic!("dnsmasq did not start on a loopback port after 5 attempts");
}

/// Sends an A query for the zone until dnsmasq answers (at most 5 s); false if it exits.
fn wait_ready(dns: &mut Dns) -> bool {
    let socket = UdpSocket::bind("127.0.0.1:0").unwrap();
    socket
        .set_read_timeout(Some(Duration::from_millis(200)))
        .unwrap();
    let mut query = vec![0x12, 0x34, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0];
    for label in ZONE.split('.') {
        query.push(u8::try_from(label.len()).unwrap());
        query.extend_from_slice(label.as_bytes());
    }
    query.extend_from_slice(&[0, 0, 1, 0, 1]);
    let deadline = Instant::now() + Duration::from_secs(5);
    while Instant::now() < deadline {
        if let Ok(Some(status)) = dns.child.try_wait() {
            let mut err = String::new();
            if let Some(mut e) = dns.child.stderr.take() {
                let _ = e.read_to_string(&mut err);
            }
            eprintln!("dnsmasq exited ({status}): {err}");
            return false;
        }
        let _ = socket.send_to(&query, ("127.0.0.1", dns.port));
        let mut buf = [0u8; 512];
        if let Ok((n, _)) = socket.recv_from(&mut buf) {
            if n >= 2 && buf[..2] == [0x12, 0x34] {
                return true;
            }
        }
    }
    false
}

/// The NAPTR record pointing the participant's BDXL name at `base`, an SMP 1.0 server.
fn naptr_to(base: &str) -> String {
    naptr_service(base, 100, "Meta:SMP")
}

/// A NAPTR record of `service` and `order` pointing the BDXL name at `base`.
fn naptr_service(base: &str, order: u16, service: &str) -> String {
    format!(
        "--naptr-record={},{order},10,U,{service},!^.*$!{base}!",
        name(false)
    )
}

#[derive(Clone)]
struct Route {
    status: u16,
    body: Vec<u8>,
}

/// A small HTTP/1.1 server: `/target` serves the "target" route, any `/…/services/…` path
/// the "record" route; ETag/If-None-Match with 304; every request is counted.
struct Http {
    port: u16,
    routes: Arc<Mutex<HashMap<&'static str, Route>>>,
    requests: Arc<AtomicUsize>,
    not_modified: Arc<AtomicUsize>,
}

impl Http {
    fn start() -> Http {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let routes: Arc<Mutex<HashMap<&'static str, Route>>> = Arc::default();
        let requests = Arc::new(AtomicUsize::new(0));
        let not_modified = Arc::new(AtomicUsize::new(0));
        let (r, q, n) = (routes.clone(), requests.clone(), not_modified.clone());
        // The thread ends with the test process.
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let _ = serve(stream, &r, &q, &n);
            }
        });
        Http {
            port,
            routes,
            requests,
            not_modified,
        }
    }

    fn base(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    fn set(&self, key: &'static str, status: u16, body: Vec<u8>) {
        self.routes
            .lock()
            .unwrap()
            .insert(key, Route { status, body });
    }

    fn requests(&self) -> usize {
        self.requests.load(Ordering::SeqCst)
    }
}

fn etag_of(body: &[u8]) -> String {
    // FNV-1a: enough to tell the served bodies apart.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in body {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    format!("\"{h:016x}\"")
}

fn serve(
    mut stream: TcpStream,
    routes: &Mutex<HashMap<&'static str, Route>>,
    requests: &AtomicUsize,
    not_modified: &AtomicUsize,
) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(5)))?;
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") && head.len() < 65536 {
        if stream.read(&mut byte)? == 0 {
            return Ok(());
        }
        head.push(byte[0]);
    }
    requests.fetch_add(1, Ordering::SeqCst);
    let head = String::from_utf8_lossy(&head);
    let path = head.split_whitespace().nth(1).unwrap_or("/").to_string();
    let if_none_match = head.lines().find_map(|l| {
        let (k, v) = l.split_once(':')?;
        k.eq_ignore_ascii_case("if-none-match")
            .then(|| v.trim().to_string())
    });
    let key = if path == "/target" {
        "target"
    } else if path.contains("/services/") {
        "record"
    } else {
        ""
    };
    let route = routes.lock().unwrap().get(key).cloned().unwrap_or(Route {
        status: 404,
        body: b"not found".to_vec(),
    });
    let etag = etag_of(&route.body);
    let (status, body): (u16, &[u8]) =
        if route.status == 200 && if_none_match.as_deref() == Some(etag.as_str()) {
            not_modified.fetch_add(1, Ordering::SeqCst);
            (304, b"")
        } else {
            (route.status, &route.body)
        };
    let reason = match status {
        200 => "OK",
        304 => "Not Modified",
        _ => "Not Found",
    };
    let mut response = format!("HTTP/1.1 {status} {reason}\r\nConnection: close\r\n");
    if status != 304 {
        response.push_str(&format!(
            "Content-Type: application/xml\r\nContent-Length: {}\r\n",
            body.len()
        ));
    }
    if status != 404 {
        response.push_str(&format!("ETag: {etag}\r\n"));
    }
    response.push_str("\r\n");
    stream.write_all(response.as_bytes())?;
    stream.write_all(body)?;
    stream.flush()
}

/// Runs `smp lookup --json` against the DNS server on `dns_port`.
fn lookup(dns_port: u16, extra: &[&str]) -> (i32, Value) {
    lookup_with(&[dns_port], extra)
}

/// Runs `smp lookup --json` asking the DNS servers on `dns_ports`, in that order.
fn lookup_with(dns_ports: &[u16], extra: &[&str]) -> (i32, Value) {
    lookup_document(dns_ports, DOCUMENT, extra)
}

/// Runs `smp lookup --json` for `document`, asking the DNS servers on `dns_ports`.
fn lookup_document(dns_ports: &[u16], document: &str, extra: &[&str]) -> (i32, Value) {
    let root = data("xmldsig-gen/pki/root.pem");
    let resolvers: Vec<String> = dns_ports.iter().map(|p| format!("127.0.0.1:{p}")).collect();
    let mut args = vec![
        "smp",
        "lookup",
        PARTICIPANT,
        document,
        "--zone",
        ZONE,
        "--trust",
        root.to_str().unwrap(),
        "--at",
        AT,
        "--timeout",
        "10",
        "--json",
    ];
    for r in &resolvers {
        args.extend_from_slice(&["--resolver", r]);
    }
    args.extend_from_slice(extra);
    let out = trustmeta(&args);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let json: Value = serde_json::from_str(stdout.trim()).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {stdout}\nstderr: {}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (out.status.code().unwrap(), json)
}

fn code(json: &Value) -> &str {
    json["error"]["code"].as_str().unwrap_or("")
}

#[test]
fn naptr_found_prints_verified_endpoints() {
    let http = Http::start();
    http.set("record", 200, record("smp/signed/smp1-exc.xml"));
    let Some(dns) = start_dns(&[naptr_to(&http.base())]) else {
        return;
    };
    let (status, json) = lookup(dns.port, &[]);
    assert_eq!(status, 0, "{json}");
    assert_eq!(json["valid"], true);
    assert_eq!(json["dns"]["record_type"], "NAPTR");
    assert_eq!(json["dns"]["name"], name(false));
    assert!(json["smp_url"].as_str().unwrap().starts_with(&format!(
        "{}/iso6523-actorid-upis%3A%3A0088%3A5798000000001/services/busdox-docid-qns%3A%3A",
        http.base()
    )));
    assert_eq!(json["cache"], Value::Null);
    let e = &json["endpoints"][0];
    assert_eq!(e["transport_profile"], "peppol-transport-as4-v2_0");
    assert_eq!(e["uri"], "https://ap.example.org/as4");
    assert_eq!(e["certificate_sha256"].as_str().unwrap().len(), 64);
    assert_eq!(e["activation"], "2025-01-01T00:00:00Z");

    // The text output names the same endpoint and its dates.
    let root = data("xmldsig-gen/pki/root.pem");
    let resolver = format!("127.0.0.1:{}", dns.port);
    let out = trustmeta(&[
        "smp",
        "lookup",
        PARTICIPANT,
        DOCUMENT,
        "--zone",
        ZONE,
        "--trust",
        root.to_str().unwrap(),
        "--resolver",
        &resolver,
        "--at",
        AT,
    ]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    assert!(text.contains("endpoint:  peppol-transport-as4-v2_0 https://ap.example.org/as4"));
    assert!(text.contains("certificate sha256 "));
    assert!(text.contains("active    2025-01-01T00:00:00Z to 2045-01-01T00:00:00Z"));

    // Asking for a transport profile the record does not have: the core's code, exit 1.
    let (status, json) = lookup(
        dns.port,
        &["--transport-profile", "bdxr-transport-ebms3-as4-v1p0"],
    );
    assert_eq!(status, 1);
    assert_eq!(code(&json), "smp.transport_profile_not_found");
}

#[test]
fn falls_back_to_the_peppol_cname() {
    let http = Http::start();
    http.set("record", 200, record("smp/signed/smp1-exc.xml"));
    let cname = name(true);
    let Some(dns) = start_dns(&[
        format!("--host-record=smp-host.{ZONE},127.0.0.1"),
        format!("--cname={cname},smp-host.{ZONE}"),
    ]) else {
        return;
    };
    // The SMP is at http://{cname}/ (port 80): --connect-to keeps the host, resolved
    // through dnsmasq, and sends the request to the test server's port.
    let connect = format!("{cname}:80::{}", http.port);
    let (status, json) = lookup(dns.port, &["--connect-to", &connect]);
    assert_eq!(status, 0, "{json}");
    assert_eq!(json["dns"]["record_type"], "CNAME");
    assert_eq!(json["dns"]["name"], cname);
    assert!(json["smp_url"]
        .as_str()
        .unwrap()
        .starts_with(&format!("http://{cname}/iso6523-actorid-upis%3A%3A")));
    assert_eq!(json["endpoints"][0]["uri"], "https://ap.example.org/as4");
    assert_eq!(http.requests(), 1);
}

#[test]
fn unknown_participant_is_not_registered() {
    let http = Http::start();
    let Some(dns) = start_dns(&[naptr_to(&http.base())]) else {
        return;
    };
    let root = data("xmldsig-gen/pki/root.pem");
    let resolver = format!("127.0.0.1:{}", dns.port);
    let out = trustmeta(&[
        "smp",
        "lookup",
        "iso6523-actorid-upis::0088:0000000000000",
        DOCUMENT,
        "--zone",
        ZONE,
        "--trust",
        root.to_str().unwrap(),
        "--resolver",
        &resolver,
        "--json",
    ]);
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(1), "{json}");
    assert_eq!(code(&json), "lookup.not_registered");
    assert_eq!(http.requests(), 0);
}

#[test]
fn silent_resolver_is_a_dns_failure() {
    // A UDP port nobody listens on (no dnsmasq needed).
    let port = free_udp_port();
    let started = Instant::now();
    let (status, json) = lookup(port, &[]);
    assert_eq!(status, 2, "{json}");
    assert_eq!(code(&json), "lookup.dns_failure");
    assert!(started.elapsed() < Duration::from_secs(30));
}

#[test]
fn missing_document_is_no_service() {
    let http = Http::start();
    http.set("record", 404, b"no such document".to_vec());
    let Some(dns) = start_dns(&[naptr_to(&http.base())]) else {
        return;
    };
    let (status, json) = lookup(dns.port, &[]);
    assert_eq!(status, 1, "{json}");
    assert_eq!(code(&json), "lookup.no_service");
    assert_eq!(json["dns"]["record_type"], "NAPTR");
}

#[test]
fn redirect_is_followed_once_and_checked() {
    let http = Http::start();
    http.set("record", 200, record("smp-lookup/signed/redirect.xml"));
    http.set("target", 200, record("smp/signed/smp1-exc.xml"));
    let Some(dns) = start_dns(&[naptr_to(&http.base())]) else {
        return;
    };
    let connect = format!("smp-redirect.{ZONE}:80:127.0.0.1:{}", http.port);
    let (status, json) = lookup(dns.port, &["--connect-to", &connect]);
    assert_eq!(status, 0, "{json}");
    assert_eq!(
        json["smp_url"],
        format!("http://smp-redirect.{ZONE}/target")
    );
    assert!(json["redirected_from"]
        .as_str()
        .unwrap()
        .starts_with(&http.base()));
    assert_eq!(json["endpoints"][0]["uri"], "https://ap.example.org/as4");
    assert_eq!(http.requests(), 2);

    // The target signed by another certificate than the redirect names.
    http.set("target", 200, record("smp/signed/smp1-other-signer.xml"));
    let (status, json) = lookup(dns.port, &["--connect-to", &connect]);
    assert_eq!(status, 1, "{json}");
    assert_eq!(code(&json), "smp.redirect_signer_mismatch");

    // A target that redirects again.
    http.set("target", 200, record("smp-lookup/signed/redirect.xml"));
    let (status, json) = lookup(dns.port, &["--connect-to", &connect]);
    assert_eq!(status, 1, "{json}");
    assert_eq!(code(&json), "smp.double_redirect");
}

fn cache_files(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let p = e.unwrap().path();
            let bytes = std::fs::read(&p).unwrap();
            (p, bytes)
        })
        .collect();
    files.sort();
    files
}

#[test]
fn cache_hits_revalidates_replaces_and_keeps_good_copies() {
    let http = Http::start();
    http.set("record", 200, record("smp/signed/smp1-exc.xml"));
    let Some(dns) = start_dns(&[naptr_to(&http.base())]) else {
        return;
    };
    let dir = std::env::temp_dir().join(format!(
        "trustmeta-lookup-cache-{}-{}",
        std::process::id(),
        http.port
    ));
    let _ = std::fs::remove_dir_all(&dir);
    let cache = dir.to_str().unwrap();

    // First lookup: fetched and stored.
    let (status, json) = lookup(dns.port, &["--cache", cache]);
    assert_eq!(status, 0, "{json}");
    assert_eq!(json["cache"], "miss");
    assert_eq!(http.requests(), 1);
    assert_eq!(cache_files(&dir).len(), 1);

    // Within the time to live: no request at all.
    let (status, json) = lookup(dns.port, &["--cache", cache]);
    assert_eq!(status, 0, "{json}");
    assert_eq!(json["cache"], "hit");
    assert_eq!(http.requests(), 1);

    // After it: a conditional request, answered 304; the entry is kept.
    let (status, json) = lookup(dns.port, &["--cache", cache, "--cache-ttl", "0"]);
    assert_eq!(status, 0, "{json}");
    assert_eq!(json["cache"], "revalidated");
    assert_eq!(http.requests(), 2);
    assert_eq!(http.not_modified.load(Ordering::SeqCst), 1);

    // The same signed content, signed with another canonicalization: a 200 whose
    // signed-content fingerprint is unchanged.
    http.set("record", 200, record("smp/signed/smp1-c14n10.xml"));
    let (status, json) = lookup(dns.port, &["--cache", cache, "--cache-ttl", "0"]);
    assert_eq!(status, 0, "{json}");
    assert_eq!(json["cache"], "revalidated");

    // A changed, valid record replaces the entry.
    http.set(
        "record",
        200,
        record("smp/signed/smp1-expired-endpoint.xml"),
    );
    let (status, json) = lookup(dns.port, &["--cache", cache, "--cache-ttl", "0"]);
    assert_eq!(status, 0, "{json}");
    assert_eq!(json["cache"], "replaced");
    assert_eq!(json["filtered_endpoints"].as_array().unwrap().len(), 1);
    let good = cache_files(&dir);
    assert_eq!(good.len(), 1);

    // A tampered record after the time to live is rejected, and the good copy stays.
    let tampered = String::from_utf8(record("smp/signed/smp1-exc.xml"))
        .unwrap()
        .replace("https://ap.example.org/as4", "https://evil.example.org/as4");
    http.set("record", 200, tampered.into_bytes());
    let before = http.requests();
    let (status, json) = lookup(dns.port, &["--cache", cache, "--cache-ttl", "0"]);
    assert_eq!(status, 1, "{json}");
    assert!(code(&json).starts_with("dsig."), "{json}");
    assert_eq!(http.requests(), before + 1);
    assert_eq!(cache_files(&dir), good);

    // And it is still served from the cache within the time to live.
    let (status, json) = lookup(dns.port, &["--cache", cache]);
    assert_eq!(status, 0, "{json}");
    assert_eq!(json["cache"], "hit");
    assert_eq!(json["filtered_endpoints"].as_array().unwrap().len(), 1);
    assert_eq!(http.requests(), before + 1);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn an_smp2_naptr_record_is_asked_in_smp_2_0() {
    // eDelivery BDXL 2.0 announces an SMP 2.0 server with the service oasis-bdxr-smp-2;
    // ordered before the SMP 1.0 record, it is the one used.
    let http = Http::start();
    http.set("record", 200, record("smp/signed/smp2-exc.xml"));
    let Some(dns) = start_dns(&[
        naptr_service(&http.base(), 10, "oasis-bdxr-smp-2"),
        naptr_service("http://127.0.0.1:9/unused", 20, "Meta:SMP"),
    ]) else {
        return;
    };
    // The OASIS SMP 2.0 record names its document in the bdx-docid-qns scheme.
    let document = DOCUMENT.replacen("busdox-docid-qns", "bdx-docid-qns", 1);
    let (status, json) = lookup_document(&[dns.port], &document, &[]);
    assert_eq!(status, 0, "{json}");
    assert_eq!(json["smp_api"], "2");
    assert_eq!(json["version"], "oasis-smp-2.0");
    assert!(
        json["smp_url"].as_str().unwrap().starts_with(&format!(
        "{}/bdxr-smp-2/iso6523-actorid-upis%3A%3A0088%3A5798000000001/services/bdx-docid-qns%3A%3A",
        http.base()
    )),
        "{json}"
    );
    // --smp-version overrides the discovery: SMP 1.0 paths (the server here serves the
    // record on any services path).
    let (status, json) = lookup_document(&[dns.port], &document, &["--smp-version", "1"]);
    assert_eq!(status, 0, "{json}");
    assert_eq!(json["smp_api"], "1", "{json}");
    assert!(
        json["smp_url"].as_str().unwrap().starts_with(&format!(
            "{}/iso6523-actorid-upis%3A%3A0088%3A5798000000001/services/",
            http.base()
        )),
        "{json}"
    );
}

#[test]
fn a_nameserver_that_does_not_answer_is_passed_over() {
    let http = Http::start();
    http.set("record", 200, record("smp/signed/smp1-exc.xml"));
    let Some(dns) = start_dns(&[naptr_to(&http.base())]) else {
        return;
    };
    // Listed first, bound and silent: queries to it time out.
    let silent = UdpSocket::bind("127.0.0.1:0").unwrap();
    let silent_port = silent.local_addr().unwrap().port();
    let started = Instant::now();
    let (status, json) = lookup_with(&[silent_port, dns.port], &[]);
    assert_eq!(status, 0, "{json}");
    assert_eq!(json["dns"]["record_type"], "NAPTR");
    assert!(
        started.elapsed() < Duration::from_secs(15),
        "{:?}",
        started.elapsed()
    );
    // Alone, it is a DNS failure.
    let (status, json) = lookup_with(&[silent_port], &[]);
    assert_eq!(status, 2, "{json}");
    assert_eq!(code(&json), "lookup.dns_failure");
    drop(silent);
}

// ---- the shared case table ---------------------------------------------------------

/// An HTTP server for one case of tests/data/smp-lookup/cases.json: the first route whose
/// path prefix starts the request path answers; any other path is a 404.
struct CaseHttp {
    port: u16,
    requests: Arc<AtomicUsize>,
}

impl CaseHttp {
    fn start(routes: Vec<(String, u16, Vec<u8>)>) -> CaseHttp {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let requests = Arc::new(AtomicUsize::new(0));
        let counted = requests.clone();
        let routes = Arc::new(routes);
        // The thread ends with the test process.
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let _ = serve_case(stream, &routes, &counted);
            }
        });
        CaseHttp { port, requests }
    }
}

fn serve_case(
    mut stream: TcpStream,
    routes: &[(String, u16, Vec<u8>)],
    requests: &AtomicUsize,
) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(5)))?;
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") && head.len() < 65536 {
        if stream.read(&mut byte)? == 0 {
            return Ok(());
        }
        head.push(byte[0]);
    }
    requests.fetch_add(1, Ordering::SeqCst);
    let head = String::from_utf8_lossy(&head);
    let path = head.split_whitespace().nth(1).unwrap_or("/");
    let (status, body) = routes
        .iter()
        .find(|(prefix, _, _)| path.starts_with(prefix.as_str()))
        .map_or((404, b"not found".to_vec()), |(_, s, b)| {
            (
                *s,
                if b.is_empty() {
                    format!("status {s}").into_bytes()
                } else {
                    b.clone()
                },
            )
        });
    let reason = match status {
        200 => "OK",
        404 => "Not Found",
        _ => "Status",
    };
    write!(
        stream,
        "HTTP/1.1 {status} {reason}\r\nConnection: close\r\nContent-Type: application/xml\r\nContent-Length: {}\r\n\r\n",
        body.len()
    )?;
    stream.write_all(&body)?;
    stream.flush()
}

/// A case's dnsmasq options.
fn dnsmasq_records(records: &Value, subst: &dyn Fn(&str) -> String) -> Vec<String> {
    let text = |r: &Value, k: &str| r[k].as_str().unwrap().to_string();
    records
        .as_array()
        .unwrap()
        .iter()
        .map(|r| match r["type"].as_str().unwrap() {
            "NAPTR" => format!(
                "--naptr-record={},{},{},{},{},{}",
                text(r, "name"),
                r["order"],
                r["preference"],
                text(r, "flags"),
                text(r, "service"),
                subst(&text(r, "regexp"))
            ),
            "CNAME" => format!("--cname={},{}", text(r, "name"), text(r, "target")),
            "A" => format!("--host-record={},{}", text(r, "name"), text(r, "address")),
            other => panic!("unknown DNS record type {other}"),
        })
        .collect()
}

/// The number of `code` in core/error-codes.txt, the committed list of stable codes.
fn error_number(code: &str) -> Option<u64> {
    let list = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../core/error-codes.txt"),
    )
    .unwrap();
    list.lines().find_map(|l| {
        let (n, c) = l.split_once('\t')?;
        (c == code).then(|| n.parse().unwrap())
    })
}

/// Runs one case through `smp lookup --json`; the mismatches, each a sentence. `None`
/// when dnsmasq is missing.
fn run_case(table: &Value, case: &Value) -> Option<Vec<String>> {
    let name = case["name"].as_str().unwrap();
    let routes = case["http"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let mut body = r["file"]
                .as_str()
                .map(|f| std::fs::read(data(f)).unwrap())
                .unwrap_or_default();
            if let Some(pair) = r["replace"].as_array() {
                let (from, to) = (pair[0].as_str().unwrap(), pair[1].as_str().unwrap());
                let text = String::from_utf8(body).unwrap();
                assert!(text.contains(from), "{name}: nothing to replace");
                body = text.replacen(from, to, 1).into_bytes();
            }
            (
                r["path_prefix"].as_str().unwrap().to_string(),
                u16::try_from(r["status"].as_u64().unwrap()).unwrap(),
                body,
            )
        })
        .collect();
    let http = CaseHttp::start(routes);
    let port = http.port;
    let subst = move |s: &str| {
        s.replace("{http_port}", &port.to_string())
            .replace("{http}", &format!("http://127.0.0.1:{port}"))
    };
    let wanted: Vec<&str> = case["nameservers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_str().unwrap())
        .collect();
    let silent = UdpSocket::bind("127.0.0.1:0").unwrap();
    let dns = if wanted.contains(&"dns") {
        Some(start_dns(&dnsmasq_records(&case["dns"], &subst))?)
    } else {
        None
    };
    let resolvers: Vec<String> = wanted
        .iter()
        .map(|n| match *n {
            "dns" => format!("127.0.0.1:{}", dns.as_ref().unwrap().port),
            "silent" => silent.local_addr().unwrap().to_string(),
            other => panic!("unknown nameserver {other}"),
        })
        .collect();
    let cache = std::env::temp_dir().join(format!(
        "trustmeta-lookup-case-{}-{name}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&cache);
    let root = data(table["trust"].as_str().unwrap());
    let mut args: Vec<String> = [
        "smp",
        "lookup",
        case["participant"].as_str().unwrap(),
        case["document"].as_str().unwrap(),
        "--zone",
        table["zone"].as_str().unwrap(),
        "--trust",
        root.to_str().unwrap(),
        "--at",
        table["at"].as_str().unwrap(),
        "--smp-version",
        case["smp_version"].as_str().unwrap_or("auto"),
        "--timeout",
        "10",
        "--json",
    ]
    .map(String::from)
    .to_vec();
    for r in &resolvers {
        args.extend(["--resolver".to_string(), r.clone()]);
    }
    for c in case["connect_to"].as_array().into_iter().flatten() {
        args.extend(["--connect-to".to_string(), subst(c.as_str().unwrap())]);
    }
    if case["cache"] == true {
        args.extend(["--cache".to_string(), cache.to_str().unwrap().to_string()]);
    }
    let mut problems = Vec::new();
    for (i, run) in case["runs"].as_array().unwrap().iter().enumerate() {
        let mut say = |what: String| problems.push(format!("{name} run {}: {what}", i + 1));
        let out = trustmeta(&args.iter().map(String::as_str).collect::<Vec<_>>());
        let stdout = String::from_utf8_lossy(&out.stdout);
        let Ok(json) = serde_json::from_str::<Value>(stdout.trim()) else {
            say(format!("not JSON: {stdout}"));
            continue;
        };
        let status = out.status.code().unwrap_or(-1);
        let outcome = run["outcome"].as_str().unwrap();
        if outcome == "ok" {
            if status != 0 || json["valid"] != true {
                say(format!("expected ok, got exit {status}: {json}"));
                continue;
            }
        } else {
            // Definite answers exit 1; failures to reach DNS or HTTP exit 2.
            let exit = if outcome == "lookup.dns_failure" || outcome == "lookup.http_failure" {
                2
            } else {
                1
            };
            if code(&json) != outcome || status != exit {
                say(format!(
                    "expected {outcome} (exit {exit}), got exit {status}: {json}"
                ));
            }
            // The number of core/error-codes.txt goes with the code.
            if json["error"]["number"].as_u64() != error_number(outcome) {
                say(format!("{outcome}: number {}", json["error"]["number"]));
            }
            continue;
        }
        let fields = [
            ("dns_name", &json["dns"]["name"]),
            ("dns_record_type", &json["dns"]["record_type"]),
            ("smp_api", &json["smp_api"]),
            ("smp_url_prefix", &json["smp_url"]),
            ("cache", &json["cache"]),
            ("version", &json["version"]),
            ("endpoint_uri", &json["endpoints"][0]["uri"]),
            (
                "transport_profile",
                &json["endpoints"][0]["transport_profile"],
            ),
        ];
        for (field, got) in fields {
            let Some(want) = run.get(field) else {
                continue;
            };
            let good = match (want.as_str(), got.as_str()) {
                (None, _) => got.is_null(),
                (Some(w), Some(g)) if field == "smp_url_prefix" => g.starts_with(&subst(w)),
                (Some(w), Some(g)) => g == subst(w),
                (Some(_), None) => false,
            };
            if !good {
                say(format!("{field}: expected {want}, got {got}"));
            }
        }
    }
    let requests = http.requests.load(Ordering::SeqCst);
    if Some(requests as u64) != case["requests"].as_u64() {
        problems.push(format!(
            "{name}: {requests} HTTP requests, expected {}",
            case["requests"]
        ));
    }
    let _ = std::fs::remove_dir_all(&cache);
    drop(silent);
    Some(problems)
}

#[test]
fn shared_lookup_cases() {
    let table: Value =
        serde_json::from_slice(&std::fs::read(data("smp-lookup/cases.json")).unwrap()).unwrap();
    let mut problems = Vec::new();
    for case in table["cases"].as_array().unwrap() {
        let Some(found) = run_case(&table, case) else {
            return;
        };
        eprintln!(
            "{} {}",
            if found.is_empty() { "ok  " } else { "FAIL" },
            case["name"].as_str().unwrap()
        );
        problems.extend(found);
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
