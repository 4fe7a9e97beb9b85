//! `concord.toml` from arbitrary bytes: parsing never panics and an error points inside the text.
#![no_main]

use std::path::Path;

use concord::config::Project;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Err(e) = Project::parse(text, "concord.toml", Path::new("")) {
        assert!(e.line <= text.lines().count() + 1, "{e}");
        let _ = e.to_string();
    }
});
