//! `nigehban`: a thin shell over the engine (scan, eval) and the collector (serve, token).

mod cli;

fn main() {
    std::process::exit(cli::run());
}
