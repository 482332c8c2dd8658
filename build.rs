//! Embeds the numbered SQL files of `migrations/` into the core, in order.
//!
//! Generating the list (rather than hand-maintaining `include_str!`s) means a new migration
//! cannot be forgotten, and `rerun-if-changed` on the folder makes Cargo rebuild when one is
//! added or edited (Atuin once shipped a binary missing a migration for want of this).

use std::{env, fs, path::Path};

fn main() {
    println!("cargo:rerun-if-changed=migrations");
    // Read at run time: `env!` would bake in the checkout the build script was first compiled
    // in, and a Cargo target directory shared by two checkouts would read the other's folder.
    let root = env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let dir = Path::new(&root).join("migrations");
    let mut files: Vec<(u32, String)> = fs::read_dir(&dir)
        .expect("migrations/ is readable")
        .filter_map(|entry| entry.ok())
        .filter_map(|entry| {
            let name = entry.file_name().into_string().ok()?;
            let number = name.strip_suffix(".sql")?.split('_').next()?.parse().ok()?;
            println!("cargo:rerun-if-changed=migrations/{name}");
            Some((number, name))
        })
        .collect();
    files.sort();
    for (index, (number, name)) in files.iter().enumerate() {
        assert_eq!(
            *number as usize,
            index + 1,
            "migration {name} breaks the 1, 2, 3... numbering"
        );
    }
    let body: String = files
        .iter()
        .map(|(number, name)| {
            format!(
                "    ({number}, {name:?}, include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/migrations/{name}\"))),\n"
            )
        })
        .collect();
    let out = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("migrations.rs");
    fs::write(
        out,
        format!("pub(crate) const MIGRATIONS: &[(u32, &str, &str)] = &[\n{body}];\n"),
    )
    .expect("OUT_DIR is writable");
}
