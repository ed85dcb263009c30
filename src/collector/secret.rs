//! Bearer tokens and session ids: random, shown once, stored only as SHA-256 hashes.

use sha2::{Digest, Sha256};

/// Prefix that makes a leaked token easy to recognise (and grep for) in logs and repositories.
const TOKEN_PREFIX: &str = "ngb_";

/// A new random token: 32 bytes from the OS, hex-encoded.
pub fn new_token() -> String {
    format!("{TOKEN_PREFIX}{}", random_hex())
}

/// A new random session id for the review page's cookie.
pub fn new_session_id() -> String {
    random_hex()
}

/// What the database keeps instead of the secret itself.
pub fn hash(secret: &str) -> String {
    hex(&Sha256::digest(secret.as_bytes()))
}

fn random_hex() -> String {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).expect("the OS random number generator is unavailable");
    hex(&bytes)
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_unique_and_hash_stably() {
        let (a, b) = (new_token(), new_token());
        assert_ne!(a, b);
        assert!(a.starts_with(TOKEN_PREFIX) && a.len() == TOKEN_PREFIX.len() + 64);
        assert_eq!(hash(&a), hash(&a));
        assert_ne!(hash(&a), hash(&b));
    }
}
