//! Nigehban: finds posts that sell people's personal data.
//!
//! The flow of data: page -> adapter (extension/) -> [`engine`] -> [`Verdict`] -> mark -> report.
//! The engine is plain Rust with no browser types; [`wasm`] is a thin layer over it for the
//! extension, and the `nigehban` binary is a thin shell over it for the command line.

#[cfg(feature = "server")]
pub mod collector;
pub mod engine;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use engine::verdict::{Category, Contact, Level, Price, Span, Verdict};
pub use engine::{RulesError, Scanner};
