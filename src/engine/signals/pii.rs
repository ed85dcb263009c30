//! Victims' data written into a post: CNIC numbers and IMEIs (found by `digits`), and phone
//! numbers that are samples rather than the seller's contact (decided in `contact`).
//! Also masks them for reports.

use super::digits::{FoundNumber, NumberKind};

/// A CNIC as 35202-*******-1: province and district kept, the person's part hidden.
pub fn mask_cnic(digits: &str) -> String {
    format!("{}-*******-{}", &digits[..5], &digits[12..])
}

/// An IMEI with its type allocation code (the model) kept and the serial hidden.
pub fn mask_imei(digits: &str) -> String {
    format!("{}*******", &digits[..8])
}

/// A phone number with its network prefix kept: 0300-*******.
pub fn mask_phone(digits: &str) -> String {
    format!("{}-*******", &digits[..4])
}

pub fn mask(n: &FoundNumber) -> String {
    match n.kind {
        NumberKind::Cnic => mask_cnic(&n.digits),
        NumberKind::Imei => mask_imei(&n.digits),
        NumberKind::Phone => mask_phone(&n.digits),
    }
}

/// Replaces the given spans of `text` (original byte offsets, sorted, not overlapping).
pub fn replace_spans(text: &str, spans: &[(usize, usize, String)]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (s, e, with) in spans {
        if *s < at || *e > text.len() || !text.is_char_boundary(*s) || !text.is_char_boundary(*e) {
            continue;
        }
        out.push_str(&text[at..*s]);
        out.push_str(with);
        at = *e;
    }
    out.push_str(&text[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_keep_only_what_identifies_no_one() {
        assert_eq!(mask_cnic("3520212345671"), "35202-*******-1");
        assert_eq!(mask_imei("490154203237518"), "49015420*******");
        assert_eq!(mask_phone("03001234567"), "0300-*******");
    }

    #[test]
    fn replacing_spans_keeps_the_rest() {
        let t = "a 123 b 456 c";
        assert_eq!(
            replace_spans(t, &[(2, 5, "x".into()), (8, 11, "y".into())]),
            "a x b y c"
        );
    }
}
