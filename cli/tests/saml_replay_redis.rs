//! `saml verify-response --replay-cache redis://…`: two runs of the command are two
//! workers sharing one redis-server (started on loopback by the test); the response is
//! accepted by the first and refused as a replay by the second; with the server stopped
//! it is refused with saml.replay_cache_unavailable, never accepted.

#[path = "../../hosted/tests/support/redis_server.rs"]
mod redis_server;

use std::path::PathBuf;
use std::process::Command;

use redis_server::RedisServer;
use serde_json::Value;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// One worker: a run of `saml verify-response` with `--replay-cache cache`.
fn worker(cache: &str) -> (i32, Value, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_trustmeta"))
        .args(["saml", "verify-response", "--json"])
        .args(["--trust", "tests/data/xmldsig-gen/pki/root.pem"])
        .args([
            "--intermediate",
            "tests/data/xmldsig-gen/pki/intermediate.pem",
        ])
        .args(["--audience", "https://sp.example.org/metadata"])
        .args(["--acs", "https://sp.example.org/acs"])
        .args(["--request-id", "_req-4711", "--at", "2026-06-01T10:01:00Z"])
        .args(["--replay-cache", cache])
        .arg("tests/data/saml/signed/assertion-signed.xml")
        .current_dir(repo())
        .output()
        .unwrap();
    let json = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    (
        out.status.code().unwrap_or(-1),
        json,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn code(v: &Value) -> &str {
    v["error"]["code"].as_str().unwrap_or("")
}

#[test]
fn two_workers_on_one_redis_accept_a_response_once() {
    let Some(mut server) = RedisServer::start() else {
        return;
    };
    let url = server.url();
    let (rc, json, err) = worker(&url);
    assert_eq!(rc, 0, "{json} {err}");
    assert_eq!(json["valid"], true);
    let (rc, json, _) = worker(&url);
    assert_eq!((rc, code(&json)), (1, "saml.replay"), "{json}");

    server.stop();
    let (rc, json, _) = worker(&url);
    assert_eq!(
        (rc, code(&json)),
        (1, "saml.replay_cache_unavailable"),
        "{json}"
    );
    let message = json["error"]["message"].as_str().unwrap_or("");
    assert!(
        message.contains(&format!("127.0.0.1:{}", server.port)),
        "{message}"
    );

    server.restart();
    // The restarted server kept nothing (no persistence): accepted once more, once.
    assert_eq!(worker(&url).0, 0);
    assert_eq!(code(&worker(&url).1), "saml.replay");
}

#[test]
fn the_default_memory_cache_remembers_nothing_across_runs() {
    assert_eq!(worker("memory").0, 0);
    assert_eq!(worker("memory").0, 0);
}

#[test]
fn a_replay_cache_that_is_not_a_url_is_a_usage_error() {
    for bad in ["rediss://127.0.0.1", "http://cache/", "mem"] {
        let (rc, json, _) = worker(bad);
        assert_eq!((rc, code(&json)), (2, "usage"), "{bad}: {json}");
        let message = json["error"]["message"].as_str().unwrap_or("");
        assert!(
            message.contains("--replay-cache takes `memory`"),
            "{message}"
        );
    }
}
