//! Embeds the inspector page (`worker/page/`) and the npm package's browser build (`pkg/`)
//! into the Worker.
//!
//! Writes `$OUT_DIR/page_assets.rs`: the asset table (`include_bytes!` of each file), the
//! content version (a hash of every asset, used in the assets' URLs so that they can be
//! cached as immutable), and `index.html` with that version filled in.
//!
//! The package is read from `AGORA_PAGE_PKG_DIR` (default `../pkg`, built by
//! `pkg-template/build.sh`; `worker/build.sh` builds it first when it is stale). Without
//! it the crate still builds (native tests, clippy on a fresh clone), and the page says
//! that its WebAssembly is missing.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

/// A file to embed: its URL path under `/static/<version>/` and where it is on disk.
struct Asset {
    url: String,
    file: PathBuf,
    bytes: Vec<u8>,
}

fn content_type(name: &str) -> Option<&'static str> {
    let ext = name.rsplit_once('.').map(|(_, e)| e)?;
    Some(match ext {
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "svg" => "image/svg+xml",
        _ => return None,
    })
}

/// The servable files of `dir` (not recursive), sorted, under the URL prefix `prefix`.
fn collect(dir: &Path, prefix: &str, out: &mut Vec<Asset>) -> std::io::Result<()> {
    let mut names: Vec<String> = fs::read_dir(dir)?
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().map(|t| t.is_file()).unwrap_or(false))
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| content_type(n).is_some() && !n.ends_with(".d.ts"))
        .collect();
    names.sort();
    for name in names {
        let file = dir.join(&name);
        let bytes = fs::read(&file)?;
        out.push(Asset {
            url: format!("{prefix}{name}"),
            file,
            bytes,
        });
    }
    Ok(())
}

/// FNV-1a, 64 bits: a content version for cache busting, not a security measure.
fn fnv1a(state: u64, bytes: &[u8]) -> u64 {
    bytes.iter().fold(state, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR")?);
    let out_dir = PathBuf::from(std::env::var("OUT_DIR")?);
    let page_dir = manifest.join("page");
    println!("cargo:rerun-if-changed={}", page_dir.display());
    println!("cargo:rerun-if-env-changed=AGORA_PAGE_PKG_DIR");
    let pkg_dir = std::env::var_os("AGORA_PAGE_PKG_DIR")
        .map_or_else(|| manifest.join("../pkg"), PathBuf::from);

    let mut assets = Vec::new();
    collect(&page_dir, "", &mut assets)?;
    let browser = pkg_dir.join("browser.js");
    let web = pkg_dir.join("web");
    // Complete when the browser entry and a .wasm are there (the package's own file names
    // are its business: every module and .wasm of pkg/ and pkg/web/ is served).
    let has_wasm = fs::read_dir(&web)
        .map(|d| {
            d.filter_map(|e| e.ok())
                .any(|e| e.file_name().to_string_lossy().ends_with(".wasm"))
        })
        .unwrap_or(false);
    let package_built = browser.is_file() && has_wasm;
    if package_built {
        println!("cargo:rerun-if-changed={}", pkg_dir.display());
        // The browser entry and whatever it imports: the package's root modules and web/.
        collect(&pkg_dir, "pkg/", &mut assets)?;
        collect(&web, "pkg/web/", &mut assets)?;
    } else {
        // A path that does not exist makes cargo rerun this script until the package is built.
        println!("cargo:rerun-if-changed={}", browser.display());
        if std::env::var("TARGET").is_ok_and(|t| t.starts_with("wasm32")) {
            println!(
                "cargo:warning=the page's package is missing at {} (run bash pkg-template/build.sh)",
                pkg_dir.display()
            );
        }
    }

    let template = fs::read_to_string(page_dir.join("index.html"))?;
    let mut hash = 0xcbf2_9ce4_8422_2325_u64;
    hash = fnv1a(hash, template.as_bytes());
    for a in &assets {
        hash = fnv1a(hash, a.url.as_bytes());
        hash = fnv1a(hash, &(a.bytes.len() as u64).to_le_bytes());
        hash = fnv1a(hash, &a.bytes);
    }
    let version = format!("{hash:016x}");
    let html = template.replace("{{VERSION}}", &version);
    let html_path = out_dir.join("index.html");
    fs::write(&html_path, html)?;

    let mut code = String::new();
    writeln!(code, "/// The content version in the assets' URLs.")?;
    writeln!(code, "pub const VERSION: &str = {version:?};")?;
    writeln!(
        code,
        "/// Whether the npm package's browser build was embedded."
    )?;
    writeln!(code, "pub const PACKAGE_BUILT: bool = {package_built};")?;
    writeln!(code, "/// The page, with the version filled in.")?;
    writeln!(
        code,
        "pub const INDEX_HTML: &[u8] = include_bytes!({:?});",
        html_path.display().to_string()
    )?;
    writeln!(
        code,
        "/// `(path under /static/<version>/, content type, bytes)`."
    )?;
    writeln!(code, "pub const ASSETS: &[(&str, &str, &[u8])] = &[")?;
    for a in &assets {
        let ct = content_type(&a.url).unwrap_or("application/octet-stream");
        writeln!(
            code,
            "    ({:?}, {:?}, include_bytes!({:?})),",
            a.url,
            ct,
            a.file.display().to_string()
        )?;
    }
    writeln!(code, "];")?;
    fs::write(out_dir.join("page_assets.rs"), code)?;
    Ok(())
}
