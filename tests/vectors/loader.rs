//! The one loader of the known-answer vectors (`tests/vectors/vectors.json`) for every Rust
//! test: the integration tests include it with `#[path = "vectors/loader.rs"] mod loader;`,
//! the crate's own unit and wasm-bindgen tests with a path from `src/`. The file is compiled
//! in, so the tests need no file system (wasm32) and no directory beside the repository.
#![allow(dead_code)]

use serde_json::Value;

/// The vectors file, as compiled in.
pub const JSON: &str = include_str!("vectors.json");

/// Every vector, in file order.
pub fn vectors() -> Vec<Value> {
    let doc: Value = serde_json::from_str(JSON).expect("tests/vectors/vectors.json is JSON");
    doc["vectors"]
        .as_array()
        .expect("tests/vectors/vectors.json has a \"vectors\" array")
        .clone()
}

/// The vector with `id`.
pub fn find(id: &str) -> Value {
    vectors()
        .into_iter()
        .find(|v| v["id"] == id)
        .unwrap_or_else(|| panic!("no vector {id}"))
}
