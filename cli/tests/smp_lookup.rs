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

fn free_udp_port() -> u16 {
    UdpSocket::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
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
