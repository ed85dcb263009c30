//! Finds contact-shaped stretches of normalised text: e-mail addresses, WhatsApp and Telegram
//! links, other links, Pakistani IBANs and @handles. A hand-written scanner with exactly the
//! matches of the regex it replaced (the regex crates were a third of the wasm):
//!
//! ```text
//! email   [a-z0-9._%+-]+@[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}
//! wa      (https?://)?(wa\.me|api\.whatsapp\.com/send\?phone=|chat\.whatsapp\.com)/?[a-z0-9+]*
//! tg      (https?://)?(t\.me|telegram\.me)/[a-z0-9_+/]+
//! url     https?://[^ \n]+ | (www\.)?[a-z0-9-]+(\.[a-z0-9-]+)*\.(com|pk|...)(/[^ \n]*)?
//! iban    pk[0-9]{2}[a-z]{4}[0-9]{16}
//! handle  @[a-z0-9_.]{3,32}
//! ```
//!
//! Matches are leftmost first and do not overlap: at the first position where any shape fits,
//! the first shape in this order wins, and the search goes on after its end.
//!
//! No shape holds a space or a line break, so each lies inside one "token" (a run of other
//! bytes); and each needs a mark in its token, but for the IBAN, which needs 24 bytes: an '@'
//! (e-mails, handles), a "://" (links with a scheme) or a '.' before a domain label's byte (every
//! host and domain). Most tokens (plain words, "end." of a sentence) have none and are passed
//! over whole; in the others a shape is tried only where its token holds its mark.

use crate::engine::signals::has;

/// What a stretch of text is, in the order the shapes are tried at one position.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Shape {
    Email,
    WhatsApp,
    Telegram,
    Url,
    Iban,
    Handle,
}

/// Top-level domains a link without "http" must end in, in the order they are tried.
const TLDS: [&str; 16] = [
    "com", "pk", "net", "org", "online", "pro", "io", "xyz", "info", "site", "app", "store",
    "shop", "live", "link", "ly",
];
const WHATSAPP_HOSTS: [&str; 3] = ["wa.me", "api.whatsapp.com/send?phone=", "chat.whatsapp.com"];
const TELEGRAM_HOSTS: [&str; 2] = ["t.me/", "telegram.me/"];

/// The shapes in a text, as (shape, start, end) byte offsets.
pub struct Shapes<'a> {
    b: &'a [u8],
    pos: usize,
    /// The end of the token being searched: until there, positions are tried one by one.
    token_end: usize,
    /// The marks that token holds (`AT`, `SCHEME`, `DOT`).
    marks: u8,
    /// No e-mail starts before this: a run of address characters was found not to lead to one
    /// (every start inside a run reaches the same "@", or none).
    email_dead: usize,
    /// No bare domain ("x.com") starts before this: a dotted chain was found to hold none, and
    /// a start further into the chain sees a part of the same labels.
    domain_dead: usize,
}

impl<'a> Shapes<'a> {
    pub fn new(text: &'a str) -> Shapes<'a> {
        let b = text.as_bytes();
        // Most posts hold no mark anywhere and no "pk" (an IBAN's start, the one shape without
        // a mark): then no token is read. Each test is a search for one byte (memchr, a word at
        // a time), where reading the tokens looks at every byte.
        let marked = ['@', ':', '.']
            .into_iter()
            .any(|c| text.match_indices(c).any(|(i, _)| mark(b, i) != 0))
            || text
                .match_indices('p')
                .any(|(i, _)| b.get(i + 1) == Some(&b'k'));
        Shapes {
            b,
            pos: if marked { 0 } else { b.len() },
            token_end: 0,
            marks: 0,
            email_dead: 0,
            domain_dead: 0,
        }
    }

    /// The first shape that fits at `p`, with its end. Each is tried only where its first byte
    /// can start it.
    fn at(&mut self, p: usize) -> Option<(Shape, usize)> {
        let b = self.b;
        let c = b[p];
        if !(is_local(c) || c == b'@') {
            return None;
        }
        let link = |f: fn(&[u8], usize) -> Option<usize>, can_start: bool| {
            if can_start {
                f(b, p)
            } else {
                None
            }
        };
        let (at, dot) = (self.marks & AT != 0, self.marks & DOT != 0);
        let email = if at { self.email(p) } else { None };
        email
            .map(|e| (Shape::Email, e))
            .or_else(|| {
                link(whatsapp, dot && matches!(c, b'h' | b'w' | b'a' | b'c'))
                    .map(|e| (Shape::WhatsApp, e))
            })
            .or_else(|| {
                link(telegram, dot && matches!(c, b'h' | b't')).map(|e| (Shape::Telegram, e))
            })
            .or_else(|| self.url(p).map(|e| (Shape::Url, e)))
            .or_else(|| link(iban, c == b'p').map(|e| (Shape::Iban, e)))
            .or_else(|| link(handle, c == b'@').map(|e| (Shape::Handle, e)))
    }

    /// Moves past tokens that cannot hold a shape; false at the end of the text.
    fn skip_to_candidate_token(&mut self) -> bool {
        let b = self.b;
        while self.pos >= self.token_end {
            let Some(&c) = b.get(self.pos) else {
                return false;
            };
            if c == b' ' || c == b'\n' {
                self.pos += 1;
                continue;
            }
            let mut end = self.pos;
            let mut marks = 0;
            while let Some(&c) = b.get(end) {
                match BYTE_CLASS[usize::from(c)] {
                    ORDINARY => {}
                    SEPARATOR => break,
                    _ => marks |= mark(b, end),
                }
                end += 1;
            }
            if marks != 0 || end - self.pos >= 24 {
                self.token_end = end;
                self.marks = marks;
            } else {
                self.pos = end;
            }
        }
        true
    }

    fn email(&mut self, p: usize) -> Option<usize> {
        if p < self.email_dead {
            return None;
        }
        let b = self.b;
        let at = run_end(b, p, is_local);
        if at == p {
            return None;
        }
        if b.get(at) == Some(&b'@') {
            if let Ok(end) = dotted(b, at + 1, letters_end) {
                return Some(end);
            }
        }
        self.email_dead = at;
        None
    }

    fn url(&mut self, p: usize) -> Option<usize> {
        let b = self.b;
        let schemes: &[&str] = if self.marks & SCHEME != 0 {
            &["https://", "http://"]
        } else {
            &[]
        };
        for scheme in schemes {
            if has(b, p, scheme.as_bytes()) {
                let from = p + scheme.len();
                let end = run_end(b, from, |c| c != b' ' && c != b'\n');
                if end > from {
                    return Some(end);
                }
            }
        }
        if p < self.domain_dead || self.marks & DOT == 0 {
            return None;
        }
        if has(b, p, b"www.") {
            if let Ok(end) = dotted(b, p + 4, tld_end) {
                return Some(end);
            }
        }
        match dotted(b, p, tld_end) {
            Ok(end) => Some(end),
            Err(chain_end) => {
                self.domain_dead = chain_end;
                None
            }
        }
    }
}

impl Iterator for Shapes<'_> {
    type Item = (Shape, usize, usize);

    fn next(&mut self) -> Option<Self::Item> {
        while self.skip_to_candidate_token() {
            let p = self.pos;
            if let Some((shape, end)) = self.at(p) {
                self.pos = end;
                return Some((shape, p, end));
            }
            self.pos += 1;
        }
        None
    }
}

/// Marks of a token (bits): what its shapes need.
const AT: u8 = 1;
const SCHEME: u8 = 2;
const DOT: u8 = 4;

/// What a byte is to the token scan, looked up in one step (the scan reads every byte).
const ORDINARY: u8 = 0;
const SEPARATOR: u8 = 1;
const MAY_MARK: u8 = 2;
const BYTE_CLASS: [u8; 256] = {
    let mut t = [ORDINARY; 256];
    t[b' ' as usize] = SEPARATOR;
    t[b'\n' as usize] = SEPARATOR;
    t[b'.' as usize] = MAY_MARK;
    t[b'@' as usize] = MAY_MARK;
    t[b':' as usize] = MAY_MARK;
    t
};

/// The mark of the '.', '@' or ':' at `i`, if it is one: a '.' only before a domain label's
/// byte, a ':' only as in "://".
fn mark(b: &[u8], i: usize) -> u8 {
    match b[i] {
        b'@' => AT,
        b':' if has(b, i + 1, b"//") => SCHEME,
        b'.' if b.get(i + 1).is_some_and(|&c| is_label(c)) => DOT,
        _ => 0,
    }
}

/// The end of the run of bytes from `at` that satisfy `keep`.
fn run_end(b: &[u8], at: usize, keep: impl Fn(u8) -> bool) -> usize {
    at + b[at..].iter().take_while(|&&c| keep(c)).count()
}

/// `[a-z0-9._%+-]`, the bytes of an e-mail's local part.
fn is_local(c: u8) -> bool {
    c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, b'.' | b'_' | b'%' | b'+' | b'-')
}

/// `[a-z0-9-]`, the bytes of a domain's label.
fn is_label(c: u8) -> bool {
    c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-'
}

/// A domain `[a-z0-9-]+(\.[a-z0-9-]+)*\.LAST` at `at`, where `last` matches LAST at a label's
/// start. As a backtracking match does, it ends at the last label (not the first) where LAST
/// fits: "a.comx.org" is whole, "a.comx" ends after "com". Err gives the end of the dotted chain
/// when no label fits: a start further into the chain cannot match either.
fn dotted(b: &[u8], at: usize, last: fn(&[u8], usize) -> Option<usize>) -> Result<usize, usize> {
    let mut i = run_end(b, at, is_label);
    if i == at {
        return Err(at);
    }
    let mut found = None;
    while b.get(i) == Some(&b'.') {
        let label_end = run_end(b, i + 1, is_label);
        if label_end == i + 1 {
            break;
        }
        found = last(b, i + 1).or(found);
        i = label_end;
    }
    found.ok_or(i)
}

/// `[a-z]{2,}`, an e-mail's top-level domain.
fn letters_end(b: &[u8], at: usize) -> Option<usize> {
    let end = run_end(b, at, |c| c.is_ascii_lowercase());
    (end >= at + 2).then_some(end)
}

/// One of the `TLDS` (the first that fits, even inside a longer label), then an optional path.
fn tld_end(b: &[u8], at: usize) -> Option<usize> {
    let tld = TLDS.iter().find(|t| has(b, at, t.as_bytes()))?;
    let end = at + tld.len();
    if b.get(end) == Some(&b'/') {
        return Some(run_end(b, end + 1, |c| c != b' ' && c != b'\n'));
    }
    Some(end)
}

/// Where a link's host may start: after "https://" or "http://" when there is one (tried
/// first), else at `p`.
fn host_starts(b: &[u8], p: usize) -> impl Iterator<Item = usize> {
    let scheme = ["https://", "http://"]
        .iter()
        .find(|s| has(b, p, s.as_bytes()))
        .map(|s| p + s.len());
    scheme.into_iter().chain(std::iter::once(p))
}

fn whatsapp(b: &[u8], p: usize) -> Option<usize> {
    host_starts(b, p).find_map(|at| {
        let host = WHATSAPP_HOSTS.iter().find(|h| has(b, at, h.as_bytes()))?;
        let mut end = at + host.len();
        if b.get(end) == Some(&b'/') {
            end += 1;
        }
        Some(run_end(b, end, |c| {
            c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'+'
        }))
    })
}

fn telegram(b: &[u8], p: usize) -> Option<usize> {
    host_starts(b, p).find_map(|at| {
        TELEGRAM_HOSTS
            .iter()
            .filter(|h| has(b, at, h.as_bytes()))
            .find_map(|h| {
                let from = at + h.len();
                let end = run_end(b, from, |c| {
                    c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, b'_' | b'+' | b'/')
                });
                (end > from).then_some(end)
            })
    })
}

/// `pk[0-9]{2}[a-z]{4}[0-9]{16}`.
fn iban(b: &[u8], p: usize) -> Option<usize> {
    let s = b.get(p..p + 24)?;
    let digits = |r: &[u8]| r.iter().all(u8::is_ascii_digit);
    let fits = has(s, 0, b"pk")
        && digits(&s[2..4])
        && s[4..8].iter().all(u8::is_ascii_lowercase)
        && digits(&s[8..]);
    fits.then_some(p + 24)
}

/// `@[a-z0-9_.]{3,32}`.
fn handle(b: &[u8], p: usize) -> Option<usize> {
    if b[p] != b'@' {
        return None;
    }
    let len = b[p + 1..]
        .iter()
        .take(32)
        .take_while(|&&c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'_' || c == b'.')
        .count();
    (len >= 3).then_some(p + 1 + len)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(t: &str) -> Vec<(Shape, &str)> {
        Shapes::new(t)
            .map(|(s, start, end)| (s, &t[start..end]))
            .collect()
    }

    #[test]
    fn links_end_at_their_last_domain_label() {
        assert_eq!(found("see example.com."), vec![(Shape::Url, "example.com")]);
        assert_eq!(found("a.comx.org"), vec![(Shape::Url, "a.comx.org")]);
        assert_eq!(found("a.comx"), vec![(Shape::Url, "a.com")]);
        assert_eq!(found("www.com"), vec![(Shape::Url, "www.com")]);
        assert_eq!(
            found("(www.site.pk/a/b), next"),
            vec![(Shape::Url, "www.site.pk/a/b),")]
        );
        assert_eq!(
            found("https://x.io/p?q=1. done"),
            vec![(Shape::Url, "https://x.io/p?q=1.")]
        );
        assert!(found("v1.2 and 3.50 and a..com and https:// x").is_empty());
    }

    #[test]
    fn emails_win_over_links_and_handles() {
        assert_eq!(
            found("hr.mills@mailbox.pk, ok"),
            vec![(Shape::Email, "hr.mills@mailbox.pk")]
        );
        // The last label that starts with two letters ends the address.
        assert_eq!(found("a@b.co1"), vec![(Shape::Email, "a@b.co")]);
        assert_eq!(found("a@b.c.d9"), vec![(Shape::Handle, "@b.c.d9")]);
        // No top-level domain: the "@" starts a handle (which the caller drops when glued).
        assert_eq!(found("ali@gmail"), vec![(Shape::Handle, "@gmail")]);
        // A link's path may hold an "@": the link starts first.
        assert_eq!(
            found("http://a@b.com"),
            vec![(Shape::Url, "http://a@b.com")]
        );
    }

    #[test]
    fn whatsapp_and_telegram_links_with_or_without_scheme() {
        assert_eq!(
            found("https://wa.me/923001234567 now"),
            vec![(Shape::WhatsApp, "https://wa.me/923001234567")]
        );
        assert_eq!(
            found("wa.me/+92300"),
            vec![(Shape::WhatsApp, "wa.me/+92300")]
        );
        assert_eq!(found("wa.me"), vec![(Shape::WhatsApp, "wa.me")]);
        assert_eq!(
            found("http://chat.whatsapp.com/abc"),
            vec![(Shape::WhatsApp, "http://chat.whatsapp.com/abc")]
        );
        assert_eq!(
            found("api.whatsapp.com/send?phone=92300"),
            vec![(Shape::WhatsApp, "api.whatsapp.com/send?phone=92300")]
        );
        assert_eq!(
            found("t.me/pk_data"),
            vec![(Shape::Telegram, "t.me/pk_data")]
        );
        assert_eq!(
            found("https://telegram.me/x/1"),
            vec![(Shape::Telegram, "https://telegram.me/x/1")]
        );
        // "t.me/" with nothing after it is no Telegram link; "t.me" still ends in "me", no TLD.
        assert!(found("t.me/ x").is_empty());
    }

    #[test]
    fn ibans_and_handles() {
        assert_eq!(
            found("iban pk36scbl0000001123456702."),
            vec![(Shape::Iban, "pk36scbl0000001123456702")]
        );
        assert!(found("pk36scbl000000112345670").is_empty());
        assert_eq!(
            found("@imei_finder_pk"),
            vec![(Shape::Handle, "@imei_finder_pk")]
        );
        assert!(found("@ab and @").is_empty());
        // At most 32 characters after the "@"; the rest is left over.
        let long = format!("@{}", "a".repeat(40));
        assert_eq!(found(&long), vec![(Shape::Handle, &long[..33])]);
    }

    #[test]
    fn long_runs_without_a_match_are_scanned_once() {
        // Every start inside these runs fails; without the dead marks this was quadratic.
        let labels = "a.".repeat(20_000);
        let local = "a".repeat(40_000) + "@b";
        assert!(found(&labels).is_empty());
        assert!(found(&local).is_empty());
        let email = local.clone() + ".pk";
        assert_eq!(found(&email), vec![(Shape::Email, email.as_str())]);
    }
}
