#![allow(missing_docs, clippy::unwrap_used)]
//! Writes the benchmark's generated payloads: to a directory, one file each (for profilers), or with a `.jsonl`
//! path as one JSON line each (for the Python binding's benchmark, `benches/python/bench_binding.py`).
fn main() {
    let out = std::env::args().nth(1).unwrap();
    let payloads = labcore_benches::payloads(400, 2026);
    if out.ends_with(".jsonl") {
        // A raw newline can only be white space between JSON tokens (inside strings it is escaped).
        let lines: Vec<String> = payloads.iter().map(|p| p.replace(['\n', '\r'], " ")).collect();
        if let Some(dir) = std::path::Path::new(&out).parent() {
            std::fs::create_dir_all(dir).unwrap();
        }
        std::fs::write(&out, lines.join("\n") + "\n").unwrap();
        return;
    }
    std::fs::create_dir_all(&out).unwrap();
    for (i, p) in payloads.iter().enumerate() {
        std::fs::write(format!("{out}/{i:03}.json"), p).unwrap();
    }
}
