//! What reaches the terminal from a token: text the token's author chose
//! (header members, claims, and the error messages quoting them) is
//! printed with control characters and bidirectional overrides escaped, so
//! a token cannot move the cursor, rewrite earlier lines or make one string
//! read as another ("Trojan Source", CVE-2021-42574).

/// `text` with every control character (C0, DEL, C1), bidirectional
/// control (U+061C, U+200E, U+200F, U+202A..U+202E, U+2066..U+2069) and
/// line or paragraph separator (U+2028, U+2029) written as `\uXXXX`: a
/// JSON escape, so JSON stays JSON and means the same.
pub fn escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if is_hazard(c) {
            out.push_str(&format!("\\u{:04X}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
}

fn is_hazard(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061C}'
                | '\u{200E}'
                | '\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2066}'..='\u{2069}'
                | '\u{2028}'
                | '\u{2029}'
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_bidi_overrides_are_escaped_and_the_rest_kept() {
        assert_eq!(escaped("plain café ✓"), "plain café ✓");
        assert_eq!(escaped("a\u{1b}[2Jb"), "a\\u001B[2Jb");
        assert_eq!(escaped("x\ry\nz\t"), "x\\u000Dy\\u000Az\\u0009");
        assert_eq!(escaped("\u{7f}\u{85}\u{9b}"), "\\u007F\\u0085\\u009B");
        assert_eq!(
            escaped("admin\u{202E}nimda\u{2066}\u{2069}\u{200F}\u{061C}"),
            "admin\\u202Enimda\\u2066\\u2069\\u200F\\u061C"
        );
        assert_eq!(escaped("\u{2028}\u{2029}"), "\\u2028\\u2029");
        // JSON in, the same JSON value out.
        let json = "{\"sub\":\"a\u{202E}b\"}";
        let back: serde_json::Value = serde_json::from_str(&escaped(json)).unwrap();
        assert_eq!(back["sub"], "a\u{202E}b");
    }
}
