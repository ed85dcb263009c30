//! Folds a post's text against the evasions sellers use, keeping a map from every byte of the
//! folded text back to the original, so that a signal found in the folded text can be
//! highlighted in the post as written.
//!
//! Steps, in order (each works on "units": one folded char plus the original bytes it came from):
//! 1. per char: drop format characters (zero-width, bidi marks, variation selectors, tatweel),
//!    NFKD compatibility decomposition (full-width, bold and script letters, ligatures), drop
//!    combining marks (accents, Arabic diacritics), fold Cyrillic/Greek look-alikes, lower case,
//!    Arabic letter variants to the Urdu ones, Urdu/Arabic-Indic digits to ASCII;
//! 2. join letters spelled apart ("C N I C", "c.d.r", "C📞D📞R") and drop symbols stuck inside a
//!    word ("لو📍کیشن");
//! 3. leetspeak inside words ("l0cati0n", "d@ta"), with care for amounts ("15k") and handles;
//! 4. collapse runs of white space.
//!
//! Each step rewrites one buffer of units in place, with each unit's letter/word/gap classes looked
//! up once (from a table for ASCII): the Unicode tables are costly per call.
//!
//! Two views come out: `main` (words still apart, for Latin-script terms, prices, contacts) and
//! `compact` (the separators between Arabic-script letters removed, for Urdu terms, since Urdu
//! word spacing is irregular and sellers split words with dots, spaces and emoji).

use std::sync::OnceLock;

use unicode_normalization::char::{decompose_compatible, is_combining_mark};

/// A folded text with the original byte range of each of its bytes.
#[derive(Debug, Clone, Default)]
pub struct Normalized {
    pub text: String,
    starts: Vec<u32>,
    ends: Vec<u32>,
}

impl Normalized {
    /// The original byte range `[start, end)` that the folded bytes `[s, e)` came from.
    /// Always on char boundaries of the original text.
    pub fn original_range(&self, s: usize, e: usize) -> (usize, usize) {
        if self.starts.is_empty() {
            return (0, 0);
        }
        let s = s.min(self.starts.len() - 1);
        let e = e.clamp(s + 1, self.ends.len());
        (self.starts[s] as usize, self.ends[e - 1] as usize)
    }
}

/// Both views of one post.
pub struct Views {
    pub main: Normalized,
    /// `None` when compacting removed nothing (no Urdu): the compact view is then `main`.
    compact: Option<Normalized>,
}

impl Views {
    /// The view with separators between Arabic-script letters removed.
    pub fn compact(&self) -> &Normalized {
        self.compact.as_ref().unwrap_or(&self.main)
    }
}

/// Unit classes, looked up once per unit.
const LETTER: u8 = 1;
const WORD: u8 = 2;
const ARABIC: u8 = 4;
/// May sit between letters spelled apart; see [`is_gap`].
const GAP: u8 = 8;
/// Marked for removal by the step that is running.
const DROP: u8 = 16;

/// One folded char, its classes, and the original bytes it came from.
#[derive(Clone, Copy, Debug)]
struct Unit {
    c: char,
    class: u8,
    start: u32,
    end: u32,
}

impl Unit {
    fn new(c: char, start: u32, end: u32) -> Unit {
        Unit {
            c,
            class: class_of(c),
            start,
            end,
        }
    }

    fn set(&mut self, c: char) {
        self.c = c;
        self.class = class_of(c);
    }

    fn is(&self, class: u8) -> bool {
        self.class & class != 0
    }
}

/// Classes of the ASCII chars, worked out at compile time.
const ASCII_CLASSES: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = if c.is_ascii_alphabetic() {
            LETTER | WORD
        } else if c.is_ascii_digit() {
            WORD
        } else if matches!(c, b' ' | b'.' | b'-' | b'_' | b'*' | b'+' | b'~' | b'|') {
            GAP
        } else {
            0
        };
        b += 1;
    }
    t
};

fn class_of(c: char) -> u8 {
    if c.is_ascii() {
        return ASCII_CLASSES[c as usize];
    }
    let mut class = 0;
    let arabic = is_arabic_letter(c);
    if arabic {
        class |= ARABIC;
    }
    // Urdu letters skip the Unicode table search: all of that set but two signs are letters.
    if (arabic && !matches!(c, '\u{6FD}' | '\u{6FE}')) || c.is_alphabetic() {
        class |= LETTER | WORD;
    } else if c.is_numeric() {
        class |= WORD;
    }
    if is_gap(c, class & WORD != 0) {
        class |= GAP;
    }
    class
}

/// Folds `text` into its two views.
pub fn normalize(text: &str) -> Views {
    let mut units = fold_chars(text);
    join_split_letters(&mut units);
    fold_leet(&mut units);
    dash_to_space(&mut units);
    collapse_space(&mut units);
    let main = materialize(&units);
    let compact = compact_arabic(&units).map(|c| materialize(&c));
    Views { main, compact }
}

/// Folds one term of the rules the same way as post text, for matching.
pub fn fold_term(term: &str) -> (String, bool) {
    let v = normalize(term);
    let arabic = v.main.text.chars().any(is_arabic_letter);
    if arabic {
        (v.compact().text.trim().to_string(), true)
    } else {
        (v.main.text.trim().to_string(), false)
    }
}

fn materialize(units: &[Unit]) -> Normalized {
    let bytes = units.iter().map(|u| u.c.len_utf8()).sum();
    let mut text = String::with_capacity(bytes);
    // Filled by index: cheaper than a push (and its capacity check) per byte.
    let mut starts = vec![0; bytes];
    let mut ends = vec![0; bytes];
    let mut k = 0;
    for u in units {
        text.push(u.c);
        let len = u.c.len_utf8();
        if len == 1 {
            starts[k] = u.start;
            ends[k] = u.end;
        } else {
            starts[k..k + len].fill(u.start);
            ends[k..k + len].fill(u.end);
        }
        k += len;
    }
    Normalized { text, starts, ends }
}

pub fn is_arabic_letter(c: char) -> bool {
    matches!(c as u32, 0x0620..=0x064A | 0x066E..=0x06D3 | 0x06D5 | 0x06EE..=0x06EF | 0x06FA..=0x06FF | 0x0750..=0x077F | 0x08A0..=0x08C9)
}

/// Invisible characters used to break words without showing (general category Cf and the like),
/// plus the Arabic tatweel that stretches letters.
fn is_invisible(c: char) -> bool {
    matches!(c as u32,
        0x00AD | 0x034F | 0x061C | 0x0640 | 0x115F | 0x1160 | 0x17B4 | 0x17B5 | 0x180B..=0x180F
        | 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x206F | 0x3164 | 0xFE00..=0xFE0F
        | 0xFEFF | 0xFFA0 | 0xFFF9..=0xFFFB | 0x1D173..=0x1D17A | 0xE0000..=0xE007F
        | 0xE0100..=0xE01EF)
}

/// Look-alike letters from Cyrillic, Greek and the small-capital block (ꜱɪᴍ ᴏᴡɴᴇʀ), folded to
/// the Latin letter they imitate.
/// Capitals are listed where their lower case imitates a different letter (Н looks like H).
fn fold_confusable(c: char) -> char {
    match c {
        'А' | 'а' | 'Α' | 'α' | 'ᴀ' => 'a',
        'В' | 'в' | 'Β' | 'β' | 'ʙ' => 'b',
        'С' | 'с' | 'ϲ' | 'ᴄ' => 'c',
        'ԁ' | 'ᴅ' => 'd',
        'Е' | 'е' | 'Ε' | 'ε' | 'ё' | 'ᴇ' => 'e',
        'ꜰ' | 'ᖴ' => 'f',
        'ɢ' | 'ᘜ' => 'g',
        'Н' | 'н' | 'һ' | 'Η' | 'ʜ' => 'h',
        'І' | 'і' | 'Ι' | 'ι' | 'ӏ' | 'Ӏ' | 'ɪ' => 'i',
        'Ј' | 'ј' | 'ᴊ' | 'ᒍ' => 'j',
        'К' | 'к' | 'Κ' | 'κ' | 'ᴋ' => 'k',
        'ʟ' | 'ᒪ' => 'l',
        'М' | 'м' | 'Μ' | 'ᴍ' => 'm',
        'Ν' | 'ɴ' => 'n',
        'О' | 'о' | 'Ο' | 'ο' | 'σ' | 'ᴏ' => 'o',
        'Р' | 'р' | 'Ρ' | 'ρ' | 'ᴘ' => 'p',
        'ԛ' => 'q',
        'ʀ' | 'ᖇ' => 'r',
        'Ѕ' | 'ѕ' | 'ꜱ' => 's',
        'Т' | 'т' | 'Τ' | 'τ' | 'ᴛ' => 't',
        'ᴜ' | 'ᑌ' => 'u',
        'υ' | 'Υ' => 'y',
        'ν' | 'ѵ' | 'Ѵ' | 'ᴠ' => 'v',
        'Ԝ' | 'ԝ' | 'ᴡ' => 'w',
        'Х' | 'х' | 'Χ' | 'χ' => 'x',
        'У' | 'у' | 'ү' | 'ʏ' => 'y',
        'Ζ' | 'ᴢ' => 'z',
        // "Fancy text" generators borrow Canadian syllabics: ᑕᗪᖇ, ᔕIᗰ.
        'ᗩ' => 'a',
        'ᗷ' => 'b',
        'ᑕ' => 'c',
        'ᗪ' => 'd',
        'ᕼ' => 'h',
        'ᗰ' => 'm',
        'ᑎ' => 'n',
        'ᑭ' => 'p',
        'ᑫ' => 'q',
        'ᔕ' => 's',
        'ᐯ' => 'v',
        'ᗯ' => 'w',
        '᙭' => 'x',
        'ᘔ' => 'z',
        _ => c,
    }
}

/// Arabic letter forms folded to the Urdu ones, and Urdu/Arabic-Indic digits to ASCII.
fn fold_arabic(c: char) -> char {
    match c as u32 {
        0x064A | 0x0649 | 0x06D0 => 'ی',
        0x0643 => 'ک',
        0x0647 | 0x06C3 | 0x0629 | 0x06D5 => 'ہ',
        0x0660..=0x0669 => char::from(b'0' + (c as u32 - 0x0660) as u8),
        0x06F0..=0x06F9 => char::from(b'0' + (c as u32 - 0x06F0) as u8),
        // Enclosed letters that have no compatibility decomposition (🅰 🅱 ...).
        0x1F150..=0x1F169 => char::from(b'a' + (c as u32 - 0x1F150) as u8),
        0x1F170..=0x1F189 => char::from(b'a' + (c as u32 - 0x1F170) as u8),
        _ => c,
    }
}

fn fold_chars(text: &str) -> Vec<Unit> {
    let mut out = Vec::with_capacity(text.len());
    for (i, ch) in text.char_indices() {
        let start = i as u32;
        let end = (i + ch.len_utf8()) as u32;
        // ASCII has no invisibles, decomposition, marks, look-alikes or Arabic forms: only case
        // folds. (`is_ascii_whitespace` leaves out the vertical tab that `is_whitespace` counts.)
        if ch.is_ascii() && !ch.is_ascii_whitespace() && ch != '\x0b' {
            out.push(Unit::new(ch.to_ascii_lowercase(), start, end));
            continue;
        }
        if is_invisible(ch) {
            continue;
        }
        if ch.is_whitespace() {
            let c = if matches!(ch, '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}') {
                '\n'
            } else {
                ' '
            };
            out.push(Unit::new(c, start, end));
            continue;
        }
        if ARABIC_BLOCK.contains(&(ch as usize)) {
            let folded = &arabic_block_folds()[ch as usize - ARABIC_BLOCK.start];
            out.extend(folded.iter().map(|&u| Unit { start, end, ..u }));
            continue;
        }
        fold_char(ch, |c| out.push(Unit::new(c, start, end)));
    }
    out
}

/// The Arabic block, whose chars make up most of an Urdu post.
const ARABIC_BLOCK: std::ops::Range<usize> = 0x0600..0x0700;

/// [`fold_char`] of every char in [`ARABIC_BLOCK`] with its classes, worked out once: the
/// decomposition and case tables are costly to search for every char of a post.
fn arabic_block_folds() -> &'static [Vec<Unit>] {
    static FOLDS: OnceLock<Vec<Vec<Unit>>> = OnceLock::new();
    FOLDS.get_or_init(|| {
        ARABIC_BLOCK
            .map(|u| {
                let mut v = Vec::new();
                if let Some(ch) = char::from_u32(u as u32) {
                    fold_char(ch, |c| v.push(Unit::new(c, 0, 0)));
                }
                v
            })
            .collect()
    })
}

/// One visible, non-space char of a post folded to zero or more chars: compatibility
/// decomposition, no marks, look-alikes, lower case, Arabic forms.
fn fold_char(ch: char, mut push: impl FnMut(char)) {
    decompose_compatible(ch, |d| {
        if is_combining_mark(d) || is_invisible(d) {
            return;
        }
        let d = fold_confusable(d);
        for l in d.to_lowercase() {
            if is_combining_mark(l) {
                continue;
            }
            let l = fold_arabic(fold_confusable(l));
            let l = if l.is_whitespace() { ' ' } else { l };
            push(l);
        }
    });
}

/// A "gap" char that may sit between letters spelled apart: spaces, dots, dashes, stars,
/// bullets and any non-ASCII symbol (emoji). Not digits, letters or line breaks.
/// `word`: whether `c` is a letter or digit.
fn is_gap(c: char, word: bool) -> bool {
    !word
        && c != '\n'
        && (matches!(c, ' ' | '.' | '-' | '_' | '*' | '+' | '~' | '|' | '•' | '·') || !c.is_ascii())
}

/// Joins runs of at least three single letters separated by short gaps ("C N I C", "c.d.r",
/// "C📞D📞R", "ڈ ی ٹ ا"), and drops non-ASCII symbols stuck between two letters of a word
/// ("لو📍کیشن"). Two or more spaces between letters end a run: they separate spelled-out words
/// ("S I M  O W N E R").
fn join_split_letters(units: &mut Vec<Unit>) {
    let n = units.len();
    let mut dropped = false;
    let single = |u: &[Unit], i: usize| -> bool {
        u[i].is(LETTER) && (i == 0 || !u[i - 1].is(WORD)) && (i + 1 == n || !u[i + 1].is(WORD))
    };
    let mut i = 0;
    while i < n {
        if !single(units, i) {
            i += 1;
            continue;
        }
        // Walk a run: letter, gap, letter, gap, ...
        let (first, mut last, mut count) = (i, i, 1);
        let mut j = i + 1;
        // Whether the run's letters are spaced ("C N I C") or dotted ("c.d.r"); in a dotted run a
        // space separates words ("t.r.a.v.e.l h.i.s.t.o.r.y").
        let mut spaced: Option<bool> = None;
        loop {
            let gap_start = j;
            let mut spaces = 0;
            while j < n && j - gap_start < 4 && units[j].is(GAP) {
                if units[j].c == ' ' {
                    spaces += 1;
                }
                j += 1;
            }
            if j == gap_start || spaces > 1 || j >= n || !single(units, j) {
                break;
            }
            if *spaced.get_or_insert(spaces > 0) != (spaces > 0) {
                break;
            }
            last = j;
            count += 1;
            j += 1;
        }
        if count >= 3 {
            // Between the run's letters there are only gaps.
            for u in &mut units[first + 1..last] {
                if !u.is(LETTER) {
                    u.class |= DROP;
                    dropped = true;
                }
            }
        }
        i = last + 1;
    }
    // Non-ASCII symbols between two letters with no space ("لو📍کیشن", "loc📍ation"), and dots
    // inside Arabic-script words ("گا.ڑی").
    let mut k = 0;
    while k < n {
        if !units[k].is(LETTER) {
            k += 1;
            continue;
        }
        let mut j = k + 1;
        while j < n
            && j - k <= 4
            && units[j].is(GAP)
            && units[j].c != ' '
            && (!units[j].c.is_ascii() || units[j].c == '.')
        {
            j += 1;
        }
        if j > k + 1 && j < n && units[j].is(LETTER) {
            let dotted = units[k + 1..j].iter().any(|u| u.c == '.');
            let arabic = units[k].is(ARABIC) && units[j].is(ARABIC);
            if !dotted || arabic {
                for u in &mut units[k + 1..j] {
                    u.class |= DROP;
                }
                dropped = true;
            }
        }
        k = j.max(k + 1);
    }
    if dropped {
        units.retain(|u| !u.is(DROP));
    }
}

fn leet_letter(c: char) -> Option<char> {
    Some(match c {
        '0' => 'o',
        '1' => 'i',
        '3' => 'e',
        '4' => 'a',
        '5' => 's',
        '7' => 't',
        '@' => 'a',
        '$' => 's',
        '!' => 'i',
        _ => return None,
    })
}

fn is_leet_token_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '@' | '$' | '!')
}

/// The tokens leetspeak may hide in: maximal runs of ASCII letters, digits and `@$!`.
fn leet_tokens(units: &[Unit]) -> impl Iterator<Item = (usize, usize)> + '_ {
    let n = units.len();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < n && !is_leet_token_char(units[i].c) {
            i += 1;
        }
        if i == n {
            return None;
        }
        let s = i;
        while i < n && is_leet_token_char(units[i].c) {
            i += 1;
        }
        Some((s, i))
    })
}

/// Whether a token has a run of one or two leet digits between ASCII letters ("l0cati0n").
fn has_interior_leet(cs: &[Unit]) -> bool {
    let is_leet_digit = |k: usize| leet_letter(cs[k].c).is_some() && !cs[k].c.is_ascii_alphabetic();
    let mut k = 0;
    while k < cs.len() {
        if !is_leet_digit(k) {
            k += 1;
            continue;
        }
        let run_start = k;
        while k < cs.len() && is_leet_digit(k) {
            k += 1;
        }
        let before = run_start > 0 && cs[run_start - 1].c.is_ascii_alphabetic();
        let after = k < cs.len() && cs[k].c.is_ascii_alphabetic();
        if before && after && k - run_start <= 2 {
            return true;
        }
    }
    false
}

/// Leetspeak inside words. A token is folded when a leet digit sits between letters ("l0cati0n",
/// "s1m", "d@ta"); once a post shows such a token, tokens with leet digits at their edges are
/// folded too ("0wner", "tr33"), unless they have more digits than letters (amounts, "15k").
/// Handles (@name), e-mail addresses and link paths are left alone.
fn fold_leet(units: &mut [Unit]) {
    let leet_mode = leet_tokens(units)
        .any(|(s, e)| has_interior_leet(&units[s..e]) && !is_protected(units, s, e));
    if !leet_mode {
        return;
    }
    // Folding turns token chars into letters, so the token bounds stay the same.
    let tokens: Vec<(usize, usize)> = leet_tokens(units).collect();
    for (s, e) in tokens {
        if is_protected(units, s, e) {
            continue;
        }
        let letters = units[s..e]
            .iter()
            .filter(|u| u.c.is_ascii_alphabetic())
            .count();
        let digits = e - s - letters;
        if has_interior_leet(&units[s..e]) || (letters >= 2 && letters >= digits) {
            for u in &mut units[s..e] {
                if !u.c.is_ascii_alphabetic() {
                    if let Some(l) = leet_letter(u.c) {
                        u.set(l);
                    }
                }
            }
        }
    }
}

/// Handles (@name), e-mail addresses and link paths keep their digits.
fn is_protected(units: &[Unit], s: usize, e: usize) -> bool {
    let n = units.len();
    units[s].c == '@'
        || (s > 0 && matches!(units[s - 1].c, '/' | '@' | '.' | '_'))
        || (e < n && matches!(units[e].c, '@' | '_'))
        || (e < n && units[e].c == '.' && units[s..e].iter().any(|u| u.c == '@'))
}

/// Runs of white space become one space, or one line break when the run holds one.
fn collapse_space(units: &mut Vec<Unit>) {
    let mut w = 0;
    for r in 0..units.len() {
        let u = units[r];
        if (u.c == ' ' || u.c == '\n') && w > 0 {
            let last = &mut units[w - 1];
            if last.c == ' ' || last.c == '\n' {
                if u.c == '\n' {
                    last.set('\n');
                }
                continue;
            }
        }
        units[w] = u;
        w += 1;
    }
    units.truncate(w);
}

/// A dash or slash joining two words ("nadra-verified", "call-record") reads as a space, in
/// posts and in terms alike. Dashes between single letters were handled by the joining step.
fn dash_to_space(units: &mut [Unit]) {
    for i in 1..units.len().saturating_sub(1) {
        if units[i].c == '-' && units[i - 1].is(LETTER) && units[i + 1].is(LETTER) {
            units[i].set(' ');
        }
    }
}

/// Punctuation that still separates Urdu phrases in the compact view.
fn is_barrier(c: char) -> bool {
    matches!(
        c,
        '\n' | '۔' | '،' | '؛' | '؟' | ',' | ':' | ';' | '|' | '!' | '?' | '(' | ')'
    )
}

/// Removes separators that sit between two Arabic-script letters; `None` when there are none
/// (the compact view is then the main one).
fn compact_arabic(units: &[Unit]) -> Option<Vec<Unit>> {
    let n = units.len();
    let mut out: Option<Vec<Unit>> = None;
    let mut i = 0;
    while i < n {
        if units[i].is(ARABIC) {
            let mut j = i + 1;
            while j < n && !units[j].is(WORD) && !is_barrier(units[j].c) {
                j += 1;
            }
            if j > i + 1 && j < n && units[j].is(ARABIC) {
                // The first removal copies what came before; later units are pushed one by one.
                out.get_or_insert_with(|| units[..i].to_vec())
                    .push(units[i]);
                i = j;
                continue;
            }
        }
        if let Some(o) = &mut out {
            o.push(units[i]);
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn main(t: &str) -> String {
        normalize(t).main.text
    }

    /// Every folded byte maps back to a char-boundary range of the original whose text folds
    /// to something containing that byte's char.
    fn assert_offsets_exact(t: &str) {
        let v = normalize(t);
        for view in [&v.main, v.compact()] {
            for (i, c) in view.text.char_indices() {
                let (s, e) = view.original_range(i, i + c.len_utf8());
                assert!(
                    t.is_char_boundary(s) && t.is_char_boundary(e) && s < e,
                    "bad range for {c:?} in {t:?}"
                );
                let orig = &t[s..e];
                let refolded: String = fold_chars(orig).iter().map(|u| u.c).collect();
                let leet_ok = leet_letter(orig.chars().next().unwrap_or(' ')) == Some(c);
                assert!(
                    refolded.contains(c) || leet_ok || c == ' ' || c == '\n',
                    "{c:?} not from {orig:?}"
                );
            }
        }
    }

    #[test]
    fn full_width_and_bold_letters_fold_to_ascii() {
        assert_eq!(main("ＣＮＩＣ ＣＯＰＹ"), "cnic copy");
        assert_eq!(main("𝐒𝐈𝐌 𝐃𝐚𝐭𝐚"), "sim data");
        assert_eq!(main("𝙎𝙄𝙈 𝙊𝙬𝙣𝙚𝙧"), "sim owner");
    }

    #[test]
    fn zero_width_characters_are_removed() {
        assert_eq!(main("C\u{200b}D\u{200c}R tr\u{2060}acking"), "cdr tracking");
    }

    #[test]
    fn cyrillic_and_greek_look_alikes_fold() {
        assert_eq!(main("Vеhісlе оwnеr"), "vehicle owner");
        assert_eq!(main("СΝІС"), "cnic");
        assert_eq!(main("ꜱɪᴍ ᴏᴡɴᴇʀ ʟɪᴠᴇ ʟᴏᴄᴀᴛɪᴏɴ"), "sim owner live location");
        assert_eq!(main("ⒸⒹⓇ"), "cdr");
        assert_eq!(main("ᑕᗪᖇ + ᔕIᗰ ᗪETᗩIᒪᔕ"), "cdr + sim details");
    }

    #[test]
    fn letters_spelled_apart_are_joined() {
        assert_eq!(main("C N I C copy"), "cnic copy");
        assert_eq!(main("c.d.r 3 months"), "cdr 3 months");
        assert_eq!(main("C📞D📞R"), "cdr");
        assert_eq!(main("S I M  O W N E R"), "sim owner");
        assert_eq!(main("d-e-t-a-i-l"), "detail");
        assert_eq!(main("E✨X✨C✨I✨S✨E"), "excise");
    }

    #[test]
    fn ordinary_single_letters_stay() {
        assert_eq!(main("I am a man"), "i am a man");
        assert_eq!(main("D M karo"), "d m karo");
    }

    #[test]
    fn leetspeak_in_words_folds_but_amounts_stay() {
        assert_eq!(main("l0cati0n tr4ck 1500"), "location track 1500");
        assert_eq!(main("f4m1ly tr33 7k"), "family tree 7k");
        assert_eq!(main("s1m 0wner 300"), "sim owner 300");
        assert_eq!(main("d@ta-b@se 15k"), "data base 15k");
    }

    #[test]
    fn handles_and_emails_keep_their_digits() {
        assert_eq!(main("r3c0rd @rec0rd_bot"), "record @rec0rd_bot");
        assert_eq!(
            main("l0cati0n mail me a1@x0.pk"),
            "location mail me a1@x0.pk"
        );
    }

    #[test]
    fn phone_models_are_not_leet() {
        assert_eq!(
            main("Samsung A54 PTA approved 8/256"),
            "samsung a54 pta approved 8/256"
        );
    }

    #[test]
    fn urdu_digits_and_letter_variants_fold() {
        assert_eq!(main("۵۰۰ روپے"), "500 روپے");
        assert_eq!(main("٥٠٠"), "500");
        assert_eq!(main("كال"), main("کال"));
        assert_eq!(main("ي"), "ی");
    }

    #[test]
    fn urdu_split_words_meet_in_the_compact_view() {
        let v = normalize("ڈ ی ٹ ا  ب ی س");
        assert_eq!(v.compact().text, normalize("ڈیٹابیس").compact().text);
        let v = normalize("ک🔸ا🔸ل ریکارڈ");
        assert_eq!(v.compact().text, normalize("کال ریکارڈ").compact().text);
        let v = normalize("گا.ڑی");
        assert_eq!(v.compact().text, normalize("گاڑی").compact().text);
    }

    #[test]
    fn offsets_map_back_exactly() {
        for t in [
            "𝐒𝐈𝐌 𝐃𝐚𝐭𝐚 + 𝐂𝐍𝐈𝐂 Rs.450/-",
            "C\u{200B}D\u{200B}R + S\u{200B}M\u{200B}S history, 5000 PKR",
            "📲C📲D📲R📲 & 📍L📍O📍C📍 service",
            "l0cati0n tr4ck 1500, c4ll rec0rd",
            "سم مالک کی تفصیل ۳۰۰ روپے",
            "ＦＡＭＩＬＹ ＴＲＥＥ ＋ Vеhісlе",
            "e\u{301}\u{301} ﷺ ﬁ ½",
        ] {
            assert_offsets_exact(t);
        }
        // A known span: "cdr" in the folded text covers the whole spelled-out original.
        let t = "xx C.D.R yy";
        let v = normalize(t);
        let p = v.main.text.find("cdr").unwrap();
        let (s, e) = v.main.original_range(p, p + 3);
        assert_eq!(&t[s..e], "C.D.R");
    }

    #[test]
    fn odd_input_never_panics() {
        for t in [
            "",
            "\u{301}",
            "\u{301}\u{301}abc",
            "\u{200d}",
            "🏳️‍🌈",
            "\u{fffd}\0",
            "a\u{0640}\u{0640}b",
            "ـ",
        ] {
            let v = normalize(t);
            let _ = v.main.original_range(0, v.main.text.len());
        }
    }
}
