//! Claims into the caller's own types, with `serde_json` (feature `serde`).

use super::Claims;
use crate::error::{Detail, Error, Part, Shown};

impl<'a> Claims<'a> {
    /// Deserializes the validated claims into `T`. Fields may borrow from the
    /// claims (`&'a str`) when they contain no escapes.
    ///
    /// ```
    /// #[derive(serde::Deserialize)]
    /// struct AccessToken<'a> {
    ///     sub: &'a str,
    ///     scope: String,
    ///     #[serde(default)]
    ///     permissions: Vec<String>,
    /// }
    /// let claims = jose_core::jwt::Claims::parse(br#"{"sub":"u1","scope":"read","permissions":["read:a"]}"#)?;
    /// let token: AccessToken = claims.deserialize()?;
    /// assert_eq!(token.sub, "u1");
    /// assert_eq!(token.permissions, ["read:a"]);
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    ///
    /// A mismatch keeps serde's own reason where it names no claim value
    /// (`missing field `scope``, `unknown field`, `invalid type ... expected
    /// u64`): values are decrypted plaintext and never enter a message.
    ///
    /// ```
    /// #[derive(Debug, serde::Deserialize)]
    /// struct Needs { scope: String }
    /// let claims = jose_core::jwt::Claims::parse(br#"{"sub":"u1"}"#)?;
    /// let err = claims.deserialize::<Needs>().unwrap_err();
    /// assert!(err.to_string().contains("missing field `scope`"), "{err}");
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn deserialize<T: serde::Deserialize<'a>>(&self) -> Result<T, Error> {
        serde_json::from_str(self.json().raw()).map_err(|e| {
            Error::malformed(Part::Claims, "claims do not match the requested type").with(
                Detail::Found {
                    claim: "serde",
                    text: Shown::new(ValueFree::of(&e).chars()),
                },
            )
        })
    }
}

/// serde's reason without anything taken from the claims: serde_json puts a
/// found value (or an unknown claim's name) after the category and before
/// `, expected ...` (`invalid type: string "secret", expected u64`,
/// `unknown variant `admin`, expected one of ...`). Kept: the category and
/// what was expected (the caller's own type), and `missing field `x``, which
/// names a field of that type.
struct ValueFree(alloc::string::String);

impl ValueFree {
    fn of(error: &serde_json::Error) -> Self {
        use alloc::string::ToString;
        let message = error.to_string();
        // serde_json appends " at line L column C": positions, harmless, cut.
        let message = message.split(" at line ").next().unwrap_or_default();
        if message.starts_with("missing field `") {
            return ValueFree(message.to_string());
        }
        let category = message
            .split(|c: char| c == ':' || c == '`' || c == '"' || c.is_ascii_digit())
            .next()
            .unwrap_or_default()
            .trim_end_matches([' ', ',']);
        let kept = match message.rsplit_once(", expected ") {
            Some((_, expected)) => alloc::format!("{category}, expected {expected}"),
            None => category.to_string(),
        };
        ValueFree(kept)
    }

    fn chars(&self) -> core::str::Chars<'_> {
        self.0.chars()
    }
}
