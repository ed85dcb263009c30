//! Command-line entry: parses arguments and hands off to one module per subcommand.

mod eval;
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
    /// Evaluate the engine on labeled JSON lines (the corpus format): precision, recall, F1,
    /// per language and category, and the misses. Exits 1 when a given threshold is missed.
    Eval {
        /// Labeled corpus files (JSON lines with "text" and "label").
        #[arg(required = true)]
        files: Vec<String>,
        /// Least overall precision.
        #[arg(long)]
        min_precision: Option<f64>,
        /// Least overall recall.
        #[arg(long)]
        min_recall: Option<f64>,
        /// Least recall on obfuscated listings.
        #[arg(long)]
        min_obfuscated_recall: Option<f64>,
        /// Least recall in every language.
        #[arg(long)]
        min_lang_recall: Option<f64>,
        /// Least category exact-set accuracy on listings.
        #[arg(long)]
        min_category_accuracy: Option<f64>,
        /// Most share of all items flagged (for benign-only files).
        #[arg(long)]
        max_flag_rate: Option<f64>,
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
        Command::Eval {
            files,
            min_precision,
            min_recall,
            min_obfuscated_recall,
            min_lang_recall,
            min_category_accuracy,
            max_flag_rate,
        } => eval::run(
            &files,
            &eval::Thresholds {
                min_precision,
                min_recall,
                min_obfuscated_recall,
                min_lang_recall,
                min_category_accuracy,
                max_flag_rate,
            },
        ),
        #[cfg(feature = "server")]
        Command::Serve(args) => serve::run(args),
        #[cfg(feature = "server")]
        Command::Token { command } => token::run(command),
    }
}
