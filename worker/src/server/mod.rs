//! The native token server, `agora-token-server` (feature `server`): the Worker's handler on
//! tokio + hyper, with the settings from the environment (or flags), the platform's
//! counterparts of the Worker's bindings ([`platform::Native`]), the inspector page's files
//! ([`assets`]), and the production behaviour of a long-running server ([`http`]): keep-alive,
//! header and body timeouts, size limits, a graceful shutdown on SIGTERM or Ctrl-C.
//!
//! A misconfiguration stops the start with the Worker's code (`SERVER_MISCONFIGURED`) and a
//! message naming the variable, never its value.

pub mod assets;
pub mod config;
pub mod http;
pub mod platform;

use std::io::Write;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use clap::Parser;

use crate::Server;
use config::{Cli, StartError};

/// How often the rate limiter's idle callers are dropped.
const TIDY_EVERY: Duration = Duration::from_secs(60);

/// The exit status of a start-up error (a misconfiguration, a port in use).
const EXIT_START: u8 = 2;

fn start_error(e: &StartError) -> ExitCode {
    let _ = writeln!(
        std::io::stderr(),
        "agora-token-server: SERVER_MISCONFIGURED: {}",
        e.0
    );
    ExitCode::from(EXIT_START)
}

/// Parses the command line and the environment, then serves until SIGTERM or Ctrl-C.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let vars = match cli.server.fold_legacy(cli.vars) {
        Ok(v) => v,
        Err(e) => return start_error(&e),
    };
    let listen = match cli.server.listen() {
        Ok(l) => l,
        Err(e) => return start_error(&e),
    };
    let server = Server::new(&vars);
    if let Some(e) = server.settings.error() {
        return start_error(&StartError(e.message.to_string()));
    }
    let period = server
        .settings
        .caller
        .as_ref()
        .map_or(60, |c| c.rate_limit_period);
    let platform = match platform::Native::new(listen.rate_limit, period) {
        Ok(p) => p,
        Err(_) => return start_error(&StartError("the HTTPS client could not be set up".into())),
    };
    let assets = match &listen.assets_dir {
        None => None,
        Some(dir) => match assets::Assets::load(dir) {
            Ok(a) => Some(a),
            Err(_) => return start_error(&StartError("ASSETS_DIR could not be read".into())),
        },
    };
    let shared = Arc::new(http::Shared {
        server,
        platform,
        assets,
        client_ip_header: listen.client_ip_header,
    });
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(_) => return start_error(&StartError("the async runtime could not start".into())),
    };
    runtime.block_on(async move {
        let listener = match tokio::net::TcpListener::bind(listen.address).await {
            Ok(l) => l,
            Err(e) => {
                return start_error(&StartError(format!(
                    "cannot listen on {} ({e}); set PORT or LISTEN_ADDRESS",
                    listen.address
                )))
            }
        };
        let address = listener.local_addr().map_or(listen.address, |a| a);
        let _ = writeln!(
            std::io::stderr(),
            "agora-token-server: listening on http://{address}"
        );
        let tidy = Arc::clone(&shared);
        tokio::spawn(async move {
            let mut every = tokio::time::interval(TIDY_EVERY);
            loop {
                every.tick().await;
                tidy.platform.tidy();
            }
        });
        http::run(listener, shared, shutdown_signal()).await;
        let _ = writeln!(std::io::stderr(), "agora-token-server: stopped");
        ExitCode::SUCCESS
    })
}

/// Resolves on SIGTERM (what container runtimes and systemd send) or Ctrl-C.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {}
        () = term => {}
    }
}
