//! A throwaway redis-server (or valkey-server) on loopback for the tests: a free port,
//! no persistence, stopped when dropped. Shared by the hosted crate's and the CLI's
//! tests (`#[path]`-included).
//!
//! Without a server binary the tests print why and skip, unless
//! `TRUSTMETA_REQUIRE_REDIS=1` (set by scripts/test-rust.sh, which installs
//! redis-server) makes them fail.

#![allow(dead_code)]

use core::time::Duration;
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Instant;

/// A running server.
pub(crate) struct RedisServer {
    child: Option<Child>,
    binary: PathBuf,
    /// Its port on 127.0.0.1.
    pub(crate) port: u16,
}

fn binary() -> Option<PathBuf> {
    let names = ["redis-server", "valkey-server"];
    let dirs = std::env::var_os("PATH").map(|p| std::env::split_paths(&p).collect::<Vec<_>>());
    for dir in dirs.unwrap_or_default().into_iter().chain([
        "/usr/bin".into(),
        "/usr/sbin".into(),
        "/usr/local/bin".into(),
    ]) {
        for n in names {
            let p = dir.join(n);
            if p.is_file() {
                return Some(p);
            }
        }
    }
    None
}

impl RedisServer {
    /// Starts one, or returns `None` (after saying why) when there is no server binary
    /// and the tests may skip.
    pub(crate) fn start() -> Option<RedisServer> {
        let Some(binary) = binary() else {
            assert!(
                std::env::var_os("TRUSTMETA_REQUIRE_REDIS").is_none(),
                "TRUSTMETA_REQUIRE_REDIS is set but there is no redis-server"
            );
            eprintln!(
                "skipped: no redis-server or valkey-server (Debian: apt-get install redis-server)"
            );
            return None;
        };
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map(|a| a.port())
            .expect("a free port");
        let mut s = RedisServer {
            child: None,
            binary,
            port,
        };
        s.restart();
        Some(s)
    }

    /// `redis://127.0.0.1:PORT/0`.
    pub(crate) fn url(&self) -> String {
        format!("redis://127.0.0.1:{}/0", self.port)
    }

    /// Stops it (its data is gone: no persistence).
    pub(crate) fn stop(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
        // Until the port is closed.
        let deadline = Instant::now() + Duration::from_secs(10);
        while TcpStream::connect(("127.0.0.1", self.port)).is_ok() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Starts it again on the same port, and waits until it answers.
    pub(crate) fn restart(&mut self) {
        self.stop();
        let child = Command::new(&self.binary)
            .args(["--port", &self.port.to_string(), "--bind", "127.0.0.1"])
            .args(["--save", "", "--appendonly", "no", "--daemonize", "no"])
            .args(["--dir", &std::env::temp_dir().to_string_lossy()])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("redis-server starts");
        self.child = Some(child);
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Ok(mut s) = TcpStream::connect(("127.0.0.1", self.port)) {
                use std::io::{Read, Write};
                let _ = s.set_read_timeout(Some(Duration::from_secs(1)));
                let mut buf = [0u8; 64];
                if s.write_all(b"PING\r\n").is_ok() {
                    if let Ok(n) = s.read(&mut buf) {
                        if buf[..n].starts_with(b"+PONG") {
                            return;
                        }
                    }
                }
            }
            assert!(
                Instant::now() < deadline,
                "redis-server did not answer on port {}",
                self.port
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for RedisServer {
    fn drop(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}
