//! Link keys: the normalised form of a seller's contact or payment channel, so that one
//! network's listings join across platforms and spellings ("+92 300-0000001", "0300 0000001"
//! and a WhatsApp "923000000001" are one seller).

/// The key a stored indicator is linked by; `None` for kinds that do not identify a seller
/// (page URLs are mostly the platform's own).
pub fn link_key(kind: &str, value: &str) -> Option<String> {
    match kind {
        "phones" | "whatsapp" => phone_key(value),
        "telegram" => telegram_key(value),
        "emails" => Some(format!("email:{}", value.trim().to_lowercase())),
        // A mobile wallet (JazzCash, Easypaisa) is a phone number: link it with the phone.
        "payment" => phone_key(value).or_else(|| Some(format!("pay:{}", squash(value)))),
        "urls" => chat_link_key(value),
        _ => None,
    }
}

/// A t.me or wa.me link in a post names a seller's channel as surely as a handle or number.
fn chat_link_key(url: &str) -> Option<String> {
    let lower = url.trim().to_lowercase();
    let rest = lower
        .trim_start_matches("https://")
        .trim_start_matches("http://")
        .trim_start_matches("www.");
    if rest.starts_with("t.me/") || rest.starts_with("telegram.me/") {
        let handle = rest.split('/').nth(1)?.split(['?', '#']).next()?;
        return telegram_key(handle);
    }
    if let Some(number) = rest.strip_prefix("wa.me/") {
        return phone_key(number.split(['?', '#', '/']).next()?);
    }
    if rest.starts_with("api.whatsapp.com/send") {
        let phone = rest
            .split(['?', '&'])
            .find_map(|p| p.strip_prefix("phone="))?;
        return phone_key(phone);
    }
    None
}

/// Every key a moderator's search text could mean, for the indicator filter.
pub fn query_keys(text: &str) -> Vec<String> {
    let mut keys: Vec<String> = ["phones", "telegram", "emails", "payment"]
        .iter()
        .filter_map(|kind| link_key(kind, text))
        .collect();
    keys.sort();
    keys.dedup();
    keys
}

/// Pakistani numbers in any of their usual forms become "phone:92XXXXXXXXXX"; other numbers
/// keep their digits. Fewer than 7 digits is not a phone number.
fn phone_key(value: &str) -> Option<String> {
    let digits: String = value.chars().filter(char::is_ascii_digit).collect();
    if digits.len() < 7 || digits.len() > 15 {
        return None;
    }
    let national = if let Some(rest) = digits.strip_prefix("0092") {
        rest.to_string()
    } else if digits.len() == 12 && digits.starts_with("92") {
        digits[2..].to_string()
    } else if digits.len() == 11 && digits.starts_with('0') {
        digits[1..].to_string()
    } else {
        return Some(format!("phone:{digits}"));
    };
    Some(format!("phone:92{national}"))
}

fn telegram_key(value: &str) -> Option<String> {
    let v = value.trim().to_lowercase();
    let v = v
        .trim_start_matches("https://")
        .trim_start_matches("http://")
        .trim_start_matches("t.me/")
        .trim_start_matches("telegram.me/")
        .trim_start_matches('@')
        .trim_end_matches('/');
    (!v.is_empty()).then(|| format!("tg:{v}"))
}

fn squash(value: &str) -> String {
    value
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric() || "@.:_-".contains(*c))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_number_in_every_spelling_has_one_key() {
        let want = Some("phone:923000000001".to_string());
        for v in [
            "03000000001",
            "+92 300 0000001",
            "0092-300-0000001",
            "923000000001",
        ] {
            assert_eq!(link_key("phones", v), want, "{v}");
        }
        assert_eq!(link_key("whatsapp", "wa.me/923000000001"), want);
        assert_eq!(link_key("payment", "JazzCash 0300-0000001"), want);
    }

    #[test]
    fn handles_and_emails_ignore_case_and_prefixes() {
        assert_eq!(
            link_key("telegram", "@CdrSeller"),
            link_key("telegram", "https://t.me/cdrseller")
        );
        assert_eq!(link_key("emails", " X@Y.pk"), Some("email:x@y.pk".into()));
        assert_eq!(link_key("urls", "https://x"), None);
        assert_eq!(
            link_key("urls", "t.me/CDR_wala?start=1"),
            Some("tg:cdr_wala".into())
        );
        assert_eq!(
            link_key("urls", "https://wa.me/923000000001"),
            Some("phone:923000000001".into())
        );
        assert_eq!(link_key("phones", "12"), None);
    }
}
