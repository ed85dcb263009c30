//! Finds long numbers however they are written ("0300-0000219", "+92 301 0000652",
//! "0//30/6//00", "35202-0000000-3") and says what they are: a Pakistani mobile number, a CNIC
//! (5-7-1 digits, first digit a province code 1-7) or an IMEI (15 digits passing the Luhn check).
//! Works on the main normalised view, where Urdu digits are already ASCII.

use crate::engine::normalize::Normalized;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberKind {
    Phone,
    Cnic,
    Imei,
}

/// A number found, with its digits normalised (a phone as 03XXXXXXXXX) and its span in the
/// normalised view (`nstart..nend`) and in the original text (`start..end`).
#[derive(Debug, Clone, PartialEq)]
pub struct FoundNumber {
    pub kind: NumberKind,
    pub digits: String,
    pub nstart: usize,
    pub nend: usize,
    pub start: usize,
    pub end: usize,
}

/// Characters allowed between digit groups of one number.
fn is_joiner(b: u8) -> bool {
    matches!(
        b,
        b' ' | b'-' | b'.' | b'/' | b':' | b'*' | b'(' | b')' | b'_' | b'|' | b'\\' | b'+'
    )
}

const MAX_GAP: usize = 3;
const MAX_GROUPS: usize = 14;
const MAX_DIGITS: usize = 16;

pub fn luhn_ok(digits: &str) -> bool {
    let mut sum = 0;
    for (i, b) in digits.bytes().rev().enumerate() {
        let mut d = (b - b'0') as u32;
        if i % 2 == 1 {
            d *= 2;
            if d > 9 {
                d -= 9;
            }
        }
        sum += d;
    }
    sum % 10 == 0
}

fn classify(digits: &str, lens: &[usize]) -> Option<(NumberKind, String)> {
    let b = digits.as_bytes();
    match b.len() {
        15 if luhn_ok(digits) && b[0] != b'0' => Some((NumberKind::Imei, digits.to_string())),
        13 if (b'1'..=b'7').contains(&b[0]) && (lens.len() == 1 || lens == [5, 7, 1]) => {
            Some((NumberKind::Cnic, digits.to_string()))
        }
        11 if digits.starts_with("03") => Some((NumberKind::Phone, digits.to_string())),
        12 if digits.starts_with("923") => Some((NumberKind::Phone, format!("0{}", &digits[2..]))),
        14 if digits.starts_with("00923") => {
            Some((NumberKind::Phone, format!("0{}", &digits[4..])))
        }
        _ => None,
    }
}

/// Every phone, CNIC and IMEI in the view, in order. Linear in the text's length.
pub fn scan(view: &Normalized) -> Vec<FoundNumber> {
    let t = view.text.as_bytes();
    let mut out = Vec::new();
    // The digit groups of the chain being read (groups joined by short runs of joiners); each
    // chain is read as soon as it ends.
    let mut chain: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < t.len() {
        if t[i].is_ascii_digit() {
            let s = i;
            while i < t.len() && t[i].is_ascii_digit() {
                i += 1;
            }
            if let Some(&(_, gap_s)) = chain.last() {
                if s - gap_s > MAX_GAP || !t[gap_s..s].iter().all(|&b| is_joiner(b)) {
                    scan_chain(view, &chain, &mut out);
                    chain.clear();
                }
            }
            chain.push((s, i));
        } else {
            i += 1;
        }
    }
    if !chain.is_empty() {
        scan_chain(view, &chain, &mut out);
    }
    out
}

fn scan_chain(view: &Normalized, groups: &[(usize, usize)], out: &mut Vec<FoundNumber>) {
    // Most chains ("3 months", "Rs 500") are too short to hold any number of interest.
    if groups.iter().map(|(s, e)| e - s).sum::<usize>() < 11 {
        return;
    }
    let t = view.text.as_bytes();
    let mut i = 0;
    while i < groups.len() {
        // A number does not start inside a word ("a54", "x2").
        let glued = groups[i].0 > 0 && t[groups[i].0 - 1].is_ascii_alphabetic();
        let mut best = None;
        if !glued {
            let mut digits = String::with_capacity(MAX_DIGITS + 8);
            let mut lens = Vec::with_capacity(MAX_GROUPS);
            let last = groups.len().min(i + MAX_GROUPS);
            for (j, &(s, e)) in groups.iter().enumerate().take(last).skip(i) {
                digits.push_str(&view.text[s..e]);
                lens.push(e - s);
                if digits.len() > MAX_DIGITS {
                    break;
                }
                if digits.len() < 11 {
                    continue; // shorter than any number of interest
                }
                let after_glued = e < t.len() && t[e].is_ascii_alphabetic();
                if let Some(found) = classify(&digits, &lens) {
                    if !after_glued {
                        best = Some((j, found));
                    }
                }
            }
        }
        match best {
            Some((j, (kind, digits))) => {
                let (nstart, nend) = (groups[i].0, groups[j].1);
                let (start, end) = view.original_range(nstart, nend);
                out.push(FoundNumber {
                    kind,
                    digits,
                    nstart,
                    nend,
                    start,
                    end,
                });
                i = j + 1;
            }
            None => i += 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::normalize::normalize;

    fn kinds(t: &str) -> Vec<(NumberKind, String)> {
        scan(&normalize(t).main)
            .into_iter()
            .map(|f| (f.kind, f.digits))
            .collect()
    }

    #[test]
    fn mobile_numbers_in_their_usual_forms() {
        for t in [
            "0300-0000219",
            "03000000219",
            "+92 300 0000219",
            "0092-300-0000219",
            "0300 0000219",
            "۰۳۰۰-۰۰۰۰۲۱۹",
        ] {
            assert_eq!(
                kinds(t),
                vec![(NumberKind::Phone, "03000000219".into())],
                "{t}"
            );
        }
    }

    #[test]
    fn obfuscated_mobile_numbers() {
        assert_eq!(kinds("03//0/6//00///0/0/0/0//0").len(), 1);
        assert_eq!(kinds("0:3:1:8:0:0:0:0:0:0:0")[0].0, NumberKind::Phone);
    }

    #[test]
    fn cnic_needs_5_7_1_and_a_province_digit() {
        assert_eq!(kinds("CNIC 35202-1234567-1")[0].0, NumberKind::Cnic);
        assert_eq!(kinds("3520212345671")[0].0, NumberKind::Cnic);
        assert!(kinds("95202-1234567-1").is_empty());
        assert!(kinds("352-0212345-671").is_empty());
    }

    #[test]
    fn imei_needs_luhn() {
        assert_eq!(kinds("IMEI 490154203237518")[0].0, NumberKind::Imei);
        assert!(kinds("IMEI 490154203237519").is_empty());
    }

    #[test]
    fn prices_and_models_are_not_numbers_of_interest() {
        assert!(kinds("Rs 2,000 for 3 months, A54 8/256").is_empty());
    }
}
