//! Puts memory.x where the linker (cortex-m-rt's link.x) looks for it, and the heap size
//! (`TRUSTMETA_HEAP_KB`, default 32) where src/main.rs includes it.
use std::{env, fs, path::PathBuf};

fn main() {
    let out = PathBuf::from(env::var_os("OUT_DIR").expect("OUT_DIR"));
    fs::copy("memory.x", out.join("memory.x")).expect("copy memory.x");
    println!("cargo:rustc-link-search={}", out.display());
    let kb: usize = match env::var("TRUSTMETA_HEAP_KB") {
        Ok(v) => v.parse().expect("TRUSTMETA_HEAP_KB: a number of KiB"),
        Err(_) => 32,
    };
    fs::write(
        out.join("heap_size.rs"),
        format!("/// The whole heap: a fixed array.\nconst HEAP_SIZE: usize = {kb} * 1024;\n"),
    )
    .expect("write heap_size.rs");
    println!("cargo:rerun-if-env-changed=TRUSTMETA_HEAP_KB");
    println!("cargo:rerun-if-changed=memory.x");
    println!("cargo:rerun-if-changed=build.rs");
}
