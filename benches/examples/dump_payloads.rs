#![allow(missing_docs, clippy::unwrap_used)]
//! Writes the benchmark's generated payloads to a directory, for profilers.
fn main() {
    let dir = std::env::args().nth(1).unwrap();
    std::fs::create_dir_all(&dir).unwrap();
    for (i, p) in labcore_benches::payloads(400, 2026).iter().enumerate() {
        std::fs::write(format!("{dir}/{i:03}.json"), p).unwrap();
    }
}
