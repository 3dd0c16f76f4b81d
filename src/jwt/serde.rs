//! Claims into the caller's own types, with `serde_json` (feature `serde`).

use super::Claims;
use crate::error::{Error, Part};

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
    pub fn deserialize<T: serde::Deserialize<'a>>(&self) -> Result<T, Error> {
        serde_json::from_str(self.json().raw())
            .map_err(|_| Error::malformed(Part::Claims, "claims do not match the requested type"))
    }
}
