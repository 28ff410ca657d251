//! The inspector page's files, served as Cloudflare serves Workers Static Assets (and as
//! `worker/tests/js/assets-router.mjs` stands in for that layer on raw workerd): a GET or
//! HEAD whose path names a file is answered from the directory (`/` and `/x/` are their
//! `index.html`; `/x/index.html` redirects to `/x/`), with the content type of its
//! extension, every matching `_headers` rule (a header named by two rules joined with
//! `, `), an ETag and a 304 for a matching `If-None-Match`; another method on a file's path
//! is a 405; `_headers` itself is never served; every other request goes to the handler.
//!
//! The files are read once, at start-up: nothing outside them can be served (no path is
//! ever joined onto the directory at request time).

use std::collections::HashMap;
use std::path::Path;

use sha2::{Digest, Sha256};

/// One file.
struct Asset {
    body: Vec<u8>,
    content_type: Option<&'static str>,
    etag: String,
}

/// One `_headers` rule: a path pattern (`*` matches anything) and its headers.
struct Rule {
    pattern: String,
    headers: Vec<(String, String)>,
}

/// The page's files and header rules.
pub struct Assets {
    files: HashMap<String, Asset>,
    rules: Vec<Rule>,
}

/// What the assets layer does with a request.
pub enum Answer {
    /// Not an asset: the handler answers.
    Pass,
    /// The assets layer answers: status, headers, body.
    Serve(u16, Vec<(String, String)>, Vec<u8>),
}

fn content_type(name: &str) -> Option<&'static str> {
    Some(match name.rsplit_once('.')?.1 {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "wasm" => "application/wasm",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "txt" => "text/plain; charset=utf-8",
        _ => return None,
    })
}

/// Whether `path` matches `pattern`, where each `*` matches any run of characters.
fn matches(pattern: &str, path: &str) -> bool {
    let mut parts = pattern.split('*');
    let first = parts.next().unwrap_or_default();
    let Some(mut rest) = path.strip_prefix(first) else {
        return false;
    };
    let parts: Vec<&str> = parts.collect();
    let Some((last, middle)) = parts.split_last() else {
        return rest.is_empty();
    };
    for p in middle {
        match rest.find(p) {
            Some(i) => rest = rest.get(i + p.len()..).unwrap_or_default(),
            None => return false,
        }
    }
    rest.len() >= last.len() && rest.ends_with(last)
}

fn parse_rules(text: &str) -> Vec<Rule> {
    let mut rules: Vec<Rule> = Vec::new();
    for line in text.lines() {
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        if !line.starts_with(char::is_whitespace) {
            rules.push(Rule {
                pattern: trimmed.to_owned(),
                headers: Vec::new(),
            });
        } else if let (Some(rule), Some((n, v))) = (rules.last_mut(), trimmed.split_once(':')) {
            if !n.trim().is_empty() {
                rule.headers
                    .push((n.trim().to_owned(), v.trim().to_owned()));
            }
        }
    }
    rules
}

fn read_dir(root: &Path, dir: &Path, files: &mut HashMap<String, Asset>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        if entry.file_type()?.is_dir() {
            read_dir(root, &path, files)?;
            continue;
        }
        let Ok(relative) = path.strip_prefix(root) else {
            continue;
        };
        let Some(url) = relative
            .to_str()
            .map(|r| format!("/{}", r.replace('\\', "/")))
        else {
            continue;
        };
        let body = std::fs::read(&path)?;
        let digest = Sha256::digest(&body);
        let etag = digest
            .iter()
            .take(16)
            .map(|b| format!("{b:02x}"))
            .collect::<String>();
        let name = url.rsplit('/').next().unwrap_or_default();
        files.insert(
            url.clone(),
            Asset {
                content_type: content_type(name),
                etag: format!("\"{etag}\""),
                body,
            },
        );
    }
    Ok(())
}

impl Assets {
    /// Reads every file under `dir`.
    pub fn load(dir: &Path) -> std::io::Result<Self> {
        let mut files = HashMap::new();
        read_dir(dir, dir, &mut files)?;
        let rules = files
            .remove("/_headers")
            .map(|h| parse_rules(&String::from_utf8_lossy(&h.body)))
            .unwrap_or_default();
        Ok(Self { files, rules })
    }

    /// The assets layer's answer to `method path` (the path still percent-encoded, without
    /// the query; `query` with its `?`, or empty).
    pub fn answer(
        &self,
        method: &str,
        path: &str,
        query: &str,
        if_none_match: Option<&str>,
    ) -> Answer {
        let get = matches!(method, "GET" | "HEAD");
        if let Some(dir) = path.strip_suffix("index.html").filter(|d| d.ends_with('/')) {
            if get && self.files.contains_key(path) {
                let location = format!("{dir}{query}");
                return Answer::Serve(307, vec![("Location".into(), location)], Vec::new());
            }
        }
        let file = if path.ends_with('/') {
            format!("{path}index.html")
        } else {
            path.to_owned()
        };
        let Some(asset) = self.files.get(&file) else {
            return Answer::Pass;
        };
        if !get {
            return Answer::Serve(405, Vec::new(), Vec::new());
        }
        let mut headers: Vec<(String, String)> = Vec::new();
        if let Some(t) = asset.content_type {
            headers.push(("Content-Type".into(), t.into()));
        }
        // The platform's default, which a rule may replace.
        headers.push((
            "Cache-Control".into(),
            "public, max-age=0, must-revalidate".into(),
        ));
        headers.push(("ETag".into(), asset.etag.clone()));
        let mut custom: Vec<(String, String)> = Vec::new();
        for rule in self.rules.iter().filter(|r| matches(&r.pattern, path)) {
            for (n, v) in &rule.headers {
                match custom.iter_mut().find(|(m, _)| m.eq_ignore_ascii_case(n)) {
                    Some((_, existing)) => *existing = format!("{existing}, {v}"),
                    None => custom.push((n.clone(), v.clone())),
                }
            }
        }
        for (n, v) in custom {
            headers.retain(|(m, _)| !m.eq_ignore_ascii_case(&n));
            headers.push((n, v));
        }
        let weak = format!("W/{}", asset.etag);
        if if_none_match.is_some_and(|i| i == asset.etag || i == weak) {
            return Answer::Serve(304, headers, Vec::new());
        }
        let body = if method == "HEAD" {
            Vec::new()
        } else {
            asset.body.clone()
        };
        Answer::Serve(200, headers, body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns() {
        assert!(matches("/*", "/"));
        assert!(matches("/*", "/static/a/app.js"));
        assert!(matches("/", "/"));
        assert!(!matches("/", "/index.html"));
        assert!(matches("/static/*", "/static/x"));
        assert!(!matches("/static/*", "/stat"));
        assert!(matches("/a/*/c", "/a/b/c"));
        assert!(!matches("/a/*/c", "/a/b/d"));
    }

    #[test]
    fn rules_and_answers() {
        let dir = std::env::temp_dir().join(format!("agora-assets-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("static")).unwrap();
        std::fs::write(dir.join("index.html"), "<!doctype html>").unwrap();
        std::fs::write(dir.join("static/app.js"), "1").unwrap();
        std::fs::write(
            dir.join("_headers"),
            "# c\n/*\n  X-Content-Type-Options: nosniff\n  X-A: 1\n/static/*\n  Cache-Control: immutable\n  X-A: 2\n",
        )
        .unwrap();
        let a = Assets::load(&dir).unwrap();
        let Answer::Serve(200, h, body) = a.answer("GET", "/", "", None) else {
            panic!("no page")
        };
        assert_eq!(body, b"<!doctype html>");
        let get = |n: &str| h.iter().find(|(m, _)| m == n).map(|(_, v)| v.clone());
        assert_eq!(
            get("Content-Type").as_deref(),
            Some("text/html; charset=utf-8")
        );
        assert_eq!(
            get("Cache-Control").as_deref(),
            Some("public, max-age=0, must-revalidate")
        );
        let etag = get("ETag").unwrap();
        assert!(matches!(
            a.answer("GET", "/", "", Some(&etag)),
            Answer::Serve(304, _, _)
        ));
        let Answer::Serve(200, h, _) = a.answer("HEAD", "/static/app.js", "", None) else {
            panic!("no asset")
        };
        let get = |n: &str| h.iter().find(|(m, _)| m == n).map(|(_, v)| v.clone());
        assert_eq!(get("Cache-Control").as_deref(), Some("immutable"));
        assert_eq!(get("X-A").as_deref(), Some("1, 2"));
        assert!(matches!(
            a.answer("POST", "/", "", None),
            Answer::Serve(405, _, _)
        ));
        assert!(matches!(
            a.answer("GET", "/_headers", "", None),
            Answer::Pass
        ));
        assert!(matches!(
            a.answer("GET", "/static/../index.html", "", None),
            Answer::Pass
        ));
        assert!(matches!(
            a.answer("GET", "/getToken", "", None),
            Answer::Pass
        ));
        let Answer::Serve(307, h, _) = a.answer("GET", "/index.html", "?x=1", None) else {
            panic!("no redirect")
        };
        assert_eq!(h[0].1, "/?x=1");
        std::fs::remove_dir_all(dir).unwrap();
    }
}
