//! Compiles the rule packs in `rules/` into the binary, so a new pack is picked up by dropping a
//! file there, and the binary works without the repository beside it.

use std::fmt::Write;
use std::path::Path;

fn main() {
    let dir = Path::new("rules");
    println!("cargo::rerun-if-changed=rules");
    let mut packs: Vec<String> = std::fs::read_dir(dir)
        .expect("the rules/ folder")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".toml"))
        .collect();
    packs.sort();
    let mut out = String::from("&[\n");
    for name in &packs {
        println!("cargo::rerun-if-changed=rules/{name}");
        let path = std::fs::canonicalize(dir.join(name)).expect("a readable rule pack");
        writeln!(
            out,
            "    (\"rules/{name}\", include_str!({:?})),",
            path.display().to_string()
        )
        .unwrap();
    }
    out.push_str("]\n");
    let target = Path::new(&std::env::var("OUT_DIR").unwrap()).join("builtin_packs.rs");
    std::fs::write(target, out).expect("OUT_DIR is writable");
}
