//! Per-char folding rules: invisible chars, look-alike letters, Arabic letter forms, and the
//! whole fold of one char given the Unicode decomposition functions.
//!
//! Plain functions with no dependencies: `build.rs` includes this file too, and calls
//! [`fold_char_with`] with the unicode-normalization crate for every char to write the fold
//! table the engine looks chars up in (so the wasm carries no Unicode decomposition tables).

/// Invisible characters used to break words without showing (general category Cf and the like),
/// plus the Arabic tatweel that stretches letters.
pub fn is_invisible(c: char) -> bool {
    matches!(c as u32,
        0x00AD | 0x034F | 0x061C | 0x0640 | 0x115F | 0x1160 | 0x17B4 | 0x17B5 | 0x180B..=0x180F
        | 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x206F | 0x3164 | 0xFE00..=0xFE0F
        | 0xFEFF | 0xFFA0 | 0xFFF9..=0xFFFB | 0x1D173..=0x1D17A | 0xE0000..=0xE007F
        | 0xE0100..=0xE01EF)
}

/// Look-alike letters from Cyrillic, Greek and the small-capital block (ꜱɪᴍ ᴏᴡɴᴇʀ), folded to
/// the Latin letter they imitate.
/// Capitals are listed where their lower case imitates a different letter (Н looks like H).
pub fn fold_confusable(c: char) -> char {
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
pub fn fold_arabic(c: char) -> char {
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

/// Hangul syllables, kana, CJK ideographs and radicals, and their compatibility forms: their
/// folds (jamo, other ideographs) never meet a term in the rules, and they are ~13,000 of the
/// table's ~16,000 entries. They stay as written.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x2E80..=0xA4CF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0x1B000..=0x1B16F
        | 0x1F200..=0x1F2FF | 0x20000..=0x3FFFF)
}

/// One visible, non-space char folded to zero or more chars: compatibility decomposition
/// (`decompose`), no marks (`is_mark`), look-alikes, lower case, Arabic forms.
pub fn fold_char_with(
    ch: char,
    decompose: impl Fn(char, &mut dyn FnMut(char)),
    is_mark: impl Fn(char) -> bool,
    push: &mut dyn FnMut(char),
) {
    decompose(ch, &mut |d| {
        if is_mark(d) || is_invisible(d) {
            return;
        }
        let d = fold_confusable(d);
        for l in d.to_lowercase() {
            if is_mark(l) {
                continue;
            }
            let l = fold_arabic(fold_confusable(l));
            let l = if l.is_whitespace() { ' ' } else { l };
            push(l);
        }
    });
}
