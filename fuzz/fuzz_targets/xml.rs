//! The XML reader with its limits and ID index.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = trustmeta::parse_xml(data, &trustmeta::Limits::default());
});
