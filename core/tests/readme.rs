//! The README's snippets are excerpts, line for line, of programs that the tests run.

mod common;

fn code_block(readme: &str, heading: &str) -> Vec<String> {
    let start = readme
        .find(heading)
        .unwrap_or_else(|| panic!("README has no {heading}"));
    let body = &readme[start..];
    let open = body.find("```").unwrap();
    let body = &body[open..];
    let first_nl = body.find('\n').unwrap();
    let close = body[first_nl..].find("```").unwrap() + first_nl;
    body[first_nl + 1..close]
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn snippets_are_excerpts_of_tested_programs() {
    let readme = std::fs::read_to_string(common::repo().join("README.md")).unwrap();
    for (heading, program) in [
        ("### Rust", "core/examples/readme_snippet.rs"),
        ("### C\n", "examples/c-gateway/snippet.c"),
        ("### Python", "examples/python/readme_snippet.py"),
        ("### JavaScript", "wasm/examples/readme-snippet.mjs"),
    ] {
        let source = std::fs::read_to_string(common::repo().join(program)).unwrap();
        let lines: Vec<&str> = source.lines().map(str::trim).collect();
        let block = code_block(&readme, heading);
        assert!(block.len() >= 3, "{heading}: snippet too short");
        for line in block {
            assert!(
                lines.contains(&line.trim()),
                "{heading}: {line:?} is not in {program}"
            );
        }
    }
}
