//! A throwaway PKI made with `openssl` and a real `openssl ocsp` responder, for the OCSP
//! tests of the core and of the CLI. Nothing is skipped: without `openssl` the tests fail.
//!
//! The CA (RSA-2048) issues: `responder` (RSA, OCSP-signing EKU, id-pkix-ocsp-nocheck),
//! `ecresponder` (P-256, the same), `checkable` (RSA, OCSP-signing EKU without
//! id-pkix-ocsp-nocheck: its own status is unknown, so it must be refused), `noeku` (P-256,
//! serverAuth only: must be refused as a responder),
//! and the leaves `good` (serial 2001), `revoked` (2002, keyCompromise at
//! 2025-01-02T03:04:05Z) and `unknown` (2003, not in the responder's index).
#![allow(dead_code, unreachable_pub)]

use core::sync::atomic::{AtomicUsize, Ordering};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

/// The revocation time written to the responder's index for `revoked`.
pub const REVOKED_AT: &str = "2025-01-02T03:04:05Z";

const EXTENSIONS: &str = "\
[ocsp]
basicConstraints=CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=OCSPSigning
noCheck=ignored
[nocheckless]
basicConstraints=CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=OCSPSigning
[noeku]
basicConstraints=CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=serverAuth
[leaf]
basicConstraints=CA:FALSE
keyUsage=critical,digitalSignature
";

/// The temp directory with the CA, its certificates and keys; removed on drop.
pub struct Pki {
    pub dir: PathBuf,
}

fn openssl(dir: &Path, args: &[&str]) {
    let out = Command::new("openssl")
        .args(args)
        .current_dir(dir)
        .output()
        .expect("openssl must be installed (scripts/setup.sh installs it)");
    assert!(
        out.status.success(),
        "openssl {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

impl Pki {
    pub fn new() -> Pki {
        static N: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "trustmeta-ocsp-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::SeqCst)
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("ext.cnf"), EXTENSIONS).unwrap();
        openssl(
            &dir,
            &[
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-keyout",
                "ca.key",
                "-out",
                "ca.pem",
                "-subj",
                "/CN=Test OCSP CA",
                "-days",
                "30",
                "-sha256",
                "-addext",
                "basicConstraints=critical,CA:TRUE",
                "-addext",
                "keyUsage=critical,keyCertSign,cRLSign",
            ],
        );
        openssl(
            &dir,
            &["ecparam", "-name", "prime256v1", "-out", "p256.param"],
        );
        let pki = Pki { dir };
        pki.issue("responder", "1001", "rsa:2048", "ocsp");
        pki.issue("ecresponder", "1002", "ec:p256.param", "ocsp");
        pki.issue("noeku", "1003", "ec:p256.param", "noeku");
        pki.issue("checkable", "1004", "rsa:2048", "nocheckless");
        // A responder whose certificate the CA signed with RSASSA-PSS (SHA-256, MGF1-SHA-256,
        // salt 32): its chain signature must verify as such.
        pki.issue_with(
            "pssresponder",
            "1005",
            "rsa:2048",
            "ocsp",
            &[
                "-sigopt",
                "rsa_padding_mode:pss",
                "-sigopt",
                "rsa_pss_saltlen:digest",
            ],
        );
        pki.issue("good", "2001", "rsa:2048", "leaf");
        pki.issue("revoked", "2002", "rsa:2048", "leaf");
        pki.issue("unknown", "2003", "rsa:2048", "leaf");
        // openssl's index format: status, expiry, revocation "time,reason", serial, file, DN.
        std::fs::write(
            pki.dir.join("index.txt"),
            "V\t300101000000Z\t\t2001\tunknown\t/CN=good\n\
             R\t300101000000Z\t250102030405Z,keyCompromise\t2002\tunknown\t/CN=revoked\n",
        )
        .unwrap();
        pki
    }

    fn issue(&self, name: &str, serial: &str, key: &str, ext: &str) {
        self.issue_with(name, serial, key, ext, &[]);
    }

    /// As `issue`, with more `openssl x509` options (`-sigopt` for a PSS signature).
    fn issue_with(&self, name: &str, serial: &str, key: &str, ext: &str, more: &[&str]) {
        let csr = format!("{name}.csr");
        openssl(
            &self.dir,
            &[
                "req",
                "-newkey",
                key,
                "-nodes",
                "-keyout",
                &format!("{name}.key"),
                "-subj",
                &format!("/CN={name}"),
                "-out",
                &csr,
            ],
        );
        let serial = format!("0x{serial}");
        let mut args = vec![
            "x509",
            "-req",
            "-in",
            &csr,
            "-CA",
            "ca.pem",
            "-CAkey",
            "ca.key",
            "-set_serial",
            &serial,
            "-days",
            "10",
            "-sha256",
            "-extfile",
            "ext.cnf",
            "-extensions",
            ext,
        ];
        let out = format!("{name}.pem");
        args.extend(["-out", &out]);
        args.extend(more);
        openssl(&self.dir, &args);
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }

    pub fn pem(&self, name: &str) -> Vec<u8> {
        std::fs::read(self.path(&format!("{name}.pem"))).unwrap()
    }

    /// Starts `openssl ocsp` as a responder signing with `signer` (a certificate name of
    /// this PKI), `-ndays 1` and any `extra` options.
    pub fn responder(&self, signer: &str, extra: &[&str]) -> Responder {
        self.responder_with(signer, Some("1"), extra)
    }

    /// As [`Pki::responder`], with `-ndays` given or (with `None`) left out, so that the
    /// responses have no nextUpdate.
    pub fn responder_with(&self, signer: &str, ndays: Option<&str>, extra: &[&str]) -> Responder {
        // openssl announces the port of `-port 0` on a buffered stdout only at exit, so
        // take a free port from the system and hand it over.
        let port = std::net::TcpListener::bind(("127.0.0.1", 0))
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let child = Command::new("openssl")
            .args([
                "ocsp",
                "-index",
                "index.txt",
                "-port",
                &port.to_string(),
                "-CA",
                "ca.pem",
            ])
            .args([
                "-rsigner",
                &format!("{signer}.pem"),
                "-rkey",
                &format!("{signer}.key"),
            ])
            .args(["-nrequest", "100"])
            .args(ndays.map(|n| ["-ndays", n]).iter().flatten())
            .args(extra)
            .current_dir(&self.dir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("openssl must be installed");
        let r = Responder { child, port };
        for _ in 0..100 {
            // Wait until the port is listened on. A probing connection would not do: the
            // responder serves one connection at a time and stalls on an empty one. Where
            // the kernel's socket table cannot be read, a port that cannot be bound is
            // taken as ready (openssl binds just before it listens).
            let ready = listening(port)
                .unwrap_or_else(|| std::net::TcpListener::bind(("127.0.0.1", port)).is_err());
            if ready {
                return r;
            }
            std::thread::sleep(core::time::Duration::from_millis(50));
        }
        panic!("openssl ocsp did not start listening on port {port}");
    }
}

/// Whether a socket listens on `port` (Linux's `/proc/net/tcp` and `tcp6`: state `0A`),
/// or `None` where those tables cannot be read.
fn listening(port: u16) -> Option<bool> {
    let mut read_any = false;
    for table in ["/proc/net/tcp", "/proc/net/tcp6"] {
        let Ok(text) = std::fs::read_to_string(table) else {
            continue;
        };
        read_any = true;
        let suffix = format!(":{port:04X}");
        if text.lines().skip(1).any(|l| {
            let mut f = l.split_whitespace();
            let local = f.nth(1).unwrap_or("");
            let state = f.nth(1).unwrap_or("");
            local.ends_with(&suffix) && state == "0A"
        }) {
            return Some(true);
        }
    }
    read_any.then_some(false)
}

impl Drop for Pki {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// A running `openssl ocsp` responder, killed on drop.
pub struct Responder {
    child: Child,
    pub port: u16,
}

impl Responder {
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// POSTs a DER request (RFC 6960 appendix A.1) and returns the DER response.
    pub fn post(&self, request: &[u8]) -> Vec<u8> {
        let mut s = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        write!(
            s,
            "POST / HTTP/1.0\r\nHost: 127.0.0.1\r\nContent-Type: application/ocsp-request\r\nContent-Length: {}\r\n\r\n",
            request.len()
        )
        .unwrap();
        s.write_all(request).unwrap();
        let mut reply = Vec::new();
        s.read_to_end(&mut reply).unwrap();
        let split = reply
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .expect("an HTTP reply");
        let head = String::from_utf8_lossy(&reply[..split]);
        assert!(head.starts_with("HTTP/1.0 200"), "responder said {head}");
        reply[split + 4..].to_vec()
    }

    /// Lets `openssl ocsp` build the request and fetch the response (`-respout`), as an
    /// independent client. `args` names the certificate, e.g. `["-cert", "good.pem"]`
    /// (a digest option such as `-sha256` must come before `-cert`).
    pub fn fetch_with_openssl(&self, pki: &Pki, args: &[&str]) -> Vec<u8> {
        let out = pki.path(&format!(
            "resp-{}.der",
            args.join("_").replace(['/', '.'], "")
        ));
        let status = Command::new("openssl")
            .args(["ocsp", "-issuer", "ca.pem"])
            .args(args)
            .args(["-url", &self.url(), "-noverify", "-respout"])
            .arg(&out)
            .current_dir(&pki.dir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .unwrap();
        assert!(status.success(), "openssl ocsp client failed for {args:?}");
        std::fs::read(out).unwrap()
    }
}

impl Drop for Responder {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A request built by `openssl ocsp -reqout` (without a nonce).
pub fn openssl_request(pki: &Pki, args: &[&str]) -> Vec<u8> {
    let out = pki.path("req-openssl.der");
    openssl(
        &pki.dir,
        &[
            &["ocsp", "-issuer", "ca.pem", "-no_nonce"],
            args,
            &["-reqout", out.to_str().unwrap()],
        ]
        .concat(),
    );
    std::fs::read(out).unwrap()
}
