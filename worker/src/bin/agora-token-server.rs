//! `agora-token-server`: the token server without Cloudflare (docs/server.md).
#![forbid(unsafe_code)]

fn main() -> std::process::ExitCode {
    agora_token_worker::server::main()
}
