//! The native server's own settings, beside the token server's [`Vars`]: where it listens,
//! the in-process rate limit, the client address behind a proxy, the inspector page's files,
//! and agora-token-service's variable names, so that its deployment files keep working.

use std::net::{IpAddr, SocketAddr};
use std::num::NonZeroU32;
use std::path::PathBuf;

use clap::{Args, Parser};

use crate::secret::Secret;
use crate::settings::Vars;

/// The default port (agora-token-service's).
pub const DEFAULT_PORT: u16 = 8080;

/// `agora-token-server`: the token server's routes, answers and refusals, as the Cloudflare
/// Worker serves them, on a native HTTP server. Every setting is an environment variable
/// (its name in upper case) or the matching `--flag`. Secrets belong in the environment.
#[derive(Debug, Parser)]
#[command(
    name = "agora-token-server",
    version,
    about = "The Agora token server (the Cloudflare Worker's routes and policy) as a native HTTP server. Every setting is an environment variable or the matching --flag; secrets belong in the environment. Guide: docs/server.md."
)]
pub struct Cli {
    /// The token server's settings (the Worker's).
    #[command(flatten, next_help_heading = "Token server")]
    pub vars: Vars,
    /// The native server's settings.
    #[command(flatten, next_help_heading = "Native server")]
    pub server: ServerVars,
}

/// The native server's settings.
#[derive(Debug, Clone, Args)]
pub struct ServerVars {
    /// The port to listen on (agora-token-service's name; default 8080; 0: any free port).
    #[arg(long, env)]
    pub port: Option<String>,
    /// The port to listen on, when `PORT` is unset (agora-token-service's other name).
    #[arg(long, env)]
    pub server_port: Option<String>,
    /// The address to listen on (default 0.0.0.0: every interface; 127.0.0.1 for loopback only).
    #[arg(long, env)]
    pub listen_address: Option<String>,
    /// Requests per `TOKEN_RATE_LIMIT_PERIOD` seconds allowed to each caller (its JWT
    /// identity, else its address), in process; unset: no limit. Over it: 429 with
    /// Retry-After.
    #[arg(long, env)]
    pub token_rate_limit: Option<String>,
    /// The request header that carries the client's address when a proxy you run is in
    /// front (`X-Forwarded-For`: its first entry; `CF-Connecting-IP`, `X-Real-IP`); unset: the
    /// connection's peer address. Only set it when every request comes through that proxy.
    #[arg(long, env)]
    pub client_ip_header: Option<String>,
    /// The inspector page's built files (`worker/assets`, from `worker/page/build.sh`),
    /// served at `/` with the headers of their `_headers` file; unset: no page.
    #[arg(long, env)]
    pub assets_dir: Option<PathBuf>,
    /// agora-token-service's name for `AGORA_APP_ID`, read when that is unset.
    #[arg(long = "legacy-app-id", env = "APP_ID")]
    pub app_id: Option<String>,
    /// agora-token-service's name for `AGORA_APP_CERTIFICATE`, read when that is unset.
    #[arg(
        long = "legacy-app-certificate",
        env = "APP_CERTIFICATE",
        hide_env_values = true
    )]
    pub app_certificate: Option<Secret>,
}

/// The native server's settings, validated.
#[derive(Debug, Clone)]
pub struct Listen {
    /// Where to listen.
    pub address: SocketAddr,
    /// The rate limit: requests per period, if any.
    pub rate_limit: Option<NonZeroU32>,
    /// The client-address header, lower case.
    pub client_ip_header: Option<String>,
    /// The inspector page's files.
    pub assets_dir: Option<PathBuf>,
}

/// A configuration error at start-up: the Worker's code and a message naming the variable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StartError(pub String);

fn misconfigured(message: impl Into<String>) -> StartError {
    StartError(message.into())
}

impl ServerVars {
    /// The token server's variables with agora-token-service's names folded in (`APP_ID`,
    /// `APP_CERTIFICATE` where the `AGORA_` ones are unset; both set and different is an
    /// error, so that no deployment runs with a certificate it did not mean).
    pub fn fold_legacy(&self, mut vars: Vars) -> Result<Vars, StartError> {
        match (&vars.agora_app_id, &self.app_id) {
            (None, Some(id)) => vars.agora_app_id = Some(id.clone()),
            (Some(a), Some(b)) if a != b => {
                return Err(misconfigured(
                    "AGORA_APP_ID and APP_ID are both set and differ; set one of them",
                ))
            }
            _ => {}
        }
        match (&vars.agora_app_certificate, &self.app_certificate) {
            (None, Some(c)) => vars.agora_app_certificate = Some(c.clone()),
            (Some(a), Some(b)) if a != b => {
                return Err(misconfigured(
                    "AGORA_APP_CERTIFICATE and APP_CERTIFICATE are both set and differ; set one of them",
                ))
            }
            _ => {}
        }
        Ok(vars)
    }

    /// Validates the native server's settings.
    pub fn listen(&self) -> Result<Listen, StartError> {
        let port_of = |name: &str, v: &str| {
            v.trim().parse::<u16>().map_err(|_| {
                misconfigured(format!(
                    "{name} must be a port number in 0..=65535 (0: any free port, printed at start)"
                ))
            })
        };
        let port = match (&self.port, &self.server_port) {
            (Some(p), _) => port_of("PORT", p)?,
            (None, Some(p)) => port_of("SERVER_PORT", p)?,
            (None, None) => DEFAULT_PORT,
        };
        let ip: IpAddr = match self.listen_address.as_deref().map(str::trim) {
            None | Some("") => IpAddr::from([0, 0, 0, 0]),
            Some(a) => a.trim_matches(['[', ']']).parse().map_err(|_| {
                misconfigured("LISTEN_ADDRESS must be an IP address, such as 0.0.0.0 or 127.0.0.1")
            })?,
        };
        let rate_limit = match self.token_rate_limit.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(n) => Some(n.parse::<NonZeroU32>().map_err(|_| {
                misconfigured("TOKEN_RATE_LIMIT must be a whole number of requests, at least 1")
            })?),
        };
        let client_ip_header = match self.client_ip_header.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(h) if h.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') => {
                Some(h.to_ascii_lowercase())
            }
            Some(_) => {
                return Err(misconfigured(
                    "CLIENT_IP_HEADER must be a header name, such as X-Forwarded-For",
                ))
            }
        };
        if let Some(dir) = &self.assets_dir {
            if !dir.join("index.html").is_file() {
                return Err(misconfigured(
                    "ASSETS_DIR must be the inspector page's built directory (with index.html; bash worker/page/build.sh writes worker/assets)",
                ));
            }
        }
        Ok(Listen {
            address: SocketAddr::new(ip, port),
            rate_limit,
            client_ip_header,
            assets_dir: self.assets_dir.clone(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn server(f: impl FnOnce(&mut ServerVars)) -> ServerVars {
        let mut s = ServerVars {
            port: None,
            server_port: None,
            listen_address: None,
            token_rate_limit: None,
            client_ip_header: None,
            assets_dir: None,
            app_id: None,
            app_certificate: None,
        };
        f(&mut s);
        s
    }

    #[test]
    fn ports_and_addresses() {
        assert_eq!(
            server(|_| {}).listen().unwrap().address.to_string(),
            "0.0.0.0:8080"
        );
        let l = server(|s| {
            s.server_port = Some("9000".into());
            s.listen_address = Some("127.0.0.1".into());
        })
        .listen()
        .unwrap();
        assert_eq!(l.address.to_string(), "127.0.0.1:9000");
        let l = server(|s| {
            s.port = Some("7000".into());
            s.server_port = Some("9000".into());
            s.listen_address = Some("[::1]".into());
        })
        .listen()
        .unwrap();
        assert_eq!(l.address.to_string(), "[::1]:7000");
        for bad in [
            server(|s| s.port = Some("-1".into())),
            server(|s| s.port = Some("70000".into())),
            server(|s| s.listen_address = Some("localhost".into())),
            server(|s| s.token_rate_limit = Some("0".into())),
            server(|s| s.client_ip_header = Some("X Forwarded".into())),
            server(|s| s.assets_dir = Some("/nonexistent".into())),
        ] {
            assert!(bad.listen().is_err(), "{bad:?}");
        }
    }

    #[test]
    fn legacy_names() {
        let cert = "5CFd2fd1755d40ecb72977518be15d3b";
        let s = server(|s| {
            s.app_id = Some("970CA35de60c44645bbae8a215061b33".into());
            s.app_certificate = Some(cert.into());
        });
        let v = s.fold_legacy(Vars::default()).unwrap();
        assert_eq!(
            v.agora_app_id.as_deref(),
            Some("970CA35de60c44645bbae8a215061b33")
        );
        assert_eq!(v.agora_app_certificate, Some(cert.into()));
        let both = Vars {
            agora_app_certificate: Some("0123456789abcdef0123456789abcdef".into()),
            ..Vars::default()
        };
        let e = s.fold_legacy(both).unwrap_err();
        assert!(!e.0.contains(cert), "{e:?}");
    }
}
