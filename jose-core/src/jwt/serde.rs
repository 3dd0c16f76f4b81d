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

/// Serializes `claims` (any `serde::Serialize` type: a struct, a map) as the
/// JSON claims of a token to produce, into `out`, and returns the text. The
/// text is read back by the crate's reader first: it must be a JSON object
/// within the reader's limits (no name twice). Give it to
/// [`super::sign_and_encrypt`] or a [`crate::jws::Signer`].
///
/// ```
/// #[derive(serde::Serialize)]
/// struct AccessToken<'a> { iss: &'a str, sub: &'a str, aud: &'a str, exp: u64, scope: &'a str }
/// let mut out = [0u8; 256];
/// let json = jose_core::jwt::write_claims(
///     &AccessToken { iss: "https://as.example/", sub: "u1", aud: "api", exp: 2_000_000_000, scope: "read" },
///     &mut out,
/// )?;
/// assert!(json.starts_with(r#"{"iss":"https://as.example/","sub":"u1""#));
/// let err = jose_core::jwt::write_claims(&[1, 2], &mut out).unwrap_err();
/// assert_eq!(err.kind(), jose_core::ErrorKind::Malformed); // not an object
/// # Ok::<(), jose_core::Error>(())
/// ```
pub fn write_claims<'o, T: serde::Serialize + ?Sized>(
    claims: &T,
    out: &'o mut [u8],
) -> Result<&'o str, Error> {
    let json = zeroize::Zeroizing::new(
        serde_json::to_vec(claims)
            .map_err(|_| Error::malformed(Part::Claims, "the value does not serialize to JSON"))?,
    );
    Claims::parse(&json)?;
    let have = out.len();
    let written = out.get_mut(..json.len()).ok_or(
        Error::new(
            crate::error::ErrorKind::Buffer,
            Some(Part::Claims),
            "buffer too small for the claims",
        )
        .with(Detail::Buffer {
            have,
            need: json.len(),
        }),
    )?;
    written.copy_from_slice(&json);
    core::str::from_utf8(written).map_err(|_| Error::malformed(Part::Claims, "not UTF-8"))
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
        let message = message
            .split_once(" at line ")
            .map_or(message.as_str(), |(before, _)| before);
        if message.starts_with("missing field `") {
            return ValueFree(message.to_string());
        }
        let category = message
            .find(|c: char| c == ':' || c == '`' || c == '"' || c.is_ascii_digit())
            .and_then(|end| message.get(..end))
            .unwrap_or(message)
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
