//! Command-line entry: parses arguments and hands off to one module per subcommand.

mod scan;
#[cfg(feature = "server")]
mod serve;
#[cfg(feature = "server")]
mod token;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "nigehban",
    version,
    about = "Flag posts that sell people's personal data"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Scan posts: JSON lines in (each with a "text"), one verdict per line out.
    Scan {
        /// File of JSON lines, or `-` for standard input.
        #[arg(long)]
        jsonl: String,
    },
    /// Run the report collector (HTTP API and review page) until SIGTERM or Ctrl-C.
    #[cfg(feature = "server")]
    Serve(serve::ServeArgs),
    /// Manage the collector's bearer tokens (create, list, revoke).
    #[cfg(feature = "server")]
    Token {
        #[command(subcommand)]
        command: token::TokenCommand,
    },
}

/// Runs the command line and returns the process exit code.
pub fn run() -> i32 {
    let cli = Cli::parse();
    match cli.command {
        Command::Scan { jsonl } => scan::run(&jsonl),
        #[cfg(feature = "server")]
        Command::Serve(args) => serve::run(args),
        #[cfg(feature = "server")]
        Command::Token { command } => token::run(command),
    }
}
