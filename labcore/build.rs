//! Turns the built-in catalog (`catalog/*.toml`, written for people: comments, sources, tables) and the
//! restricted ZIP3 lists (`deid/restricted_zip3.toml`) into compact JSON at build time. The library embeds the
//! JSON: loading it needs no TOML parser (the browser's WebAssembly module has none) and carries no comment
//! text. The TOML files stay the source of truth.

use std::path::Path;

fn main() {
    let out_dir = std::env::var_os("OUT_DIR").map(std::path::PathBuf::from).unwrap_or_default();
    for folder in ["catalog", "deid"] {
        println!("cargo::rerun-if-changed={folder}");
        if let Err(err) = convert(Path::new(folder), &out_dir.join(folder)) {
            println!("cargo::error=built-in data in {folder}: {err}");
        }
    }
}

fn convert(source: &Path, target: &Path) -> Result<(), String> {
    std::fs::create_dir_all(target).map_err(|e| e.to_string())?;
    let entries = std::fs::read_dir(source).map_err(|e| e.to_string())?;
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "toml") {
            continue;
        }
        let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let document: toml::Value = toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        // JSON has no nan or inf: converted, they would become null (an absent limit). Refused, as in lab catalogs.
        if has_non_finite(&document) {
            return Err(format!("{}: a number is not finite (nan or inf)", path.display()));
        }
        let value = serde_json::to_value(&document).map_err(|e| e.to_string())?;
        let json = serde_json::to_string(&value).map_err(|e| e.to_string())?;
        let name = path.with_extension("json");
        let file = name.file_name().ok_or("no file name")?;
        std::fs::write(target.join(file), json).map_err(|e| e.to_string())?;
    }
    Ok(())
}

fn has_non_finite(value: &toml::Value) -> bool {
    match value {
        toml::Value::Float(f) => !f.is_finite(),
        toml::Value::Array(items) => items.iter().any(has_non_finite),
        toml::Value::Table(table) => table.values().any(has_non_finite),
        _ => false,
    }
}
