//! A zero-copy view of JWT claims (RFC 7519 §4.1).
//!
//! [`Claims::parse`] checks the registered claims' types once, so every
//! accessor afterwards is infallible: `iss`, `sub`, `jti`, `azp`, `scope` are
//! strings; `aud` is a string or an array of strings; `exp`, `nbf`, `iat` are
//! NumericDates (numbers, possibly fractional, from 0 to year 9999). A wrong
//! type (`"exp": "soon"`) or an out-of-range date (`1e300`, `-1`) is
//! `malformed`, never coerced.

use core::fmt;

use crate::error::{Detail, Error, Part};
use crate::json::{self, Elements, JsonStr, Kind, Value};

/// Whether `payload` has the shape of a compact JWS or JWE: base64url parts
/// joined by two or four dots. Asked only once JSON parsing has failed, to
/// name the mistake (a token signed twice, a JWE where claims belong).
fn looks_like_a_compact_token(payload: &[u8]) -> bool {
    let base64url = |b: &u8| b.is_ascii_alphanumeric() || *b == b'-' || *b == b'_';
    let dots = payload.iter().filter(|b| **b == b'.').count();
    payload.starts_with(b"eyJ")
        && matches!(dots, 2 | 4)
        && payload.iter().all(|b| base64url(b) || *b == b'.')
}

/// The last second of 9999-12-31: NumericDates beyond it are refused.
const MAX_NUMERIC_DATE: f64 = 253_402_300_799.0;

/// A NumericDate: seconds since 1970-01-01T00:00:00Z, possibly fractional.
///
/// ```
/// let claims = jose_core::jwt::Claims::parse(br#"{"exp":1700000000.5}"#)?;
/// let exp = claims.expires_at().unwrap();
/// assert_eq!(exp.seconds(), 1_700_000_000);
/// assert_eq!(exp.as_f64(), 1_700_000_000.5);
/// # Ok::<(), jose_core::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, PartialOrd)]
pub struct NumericDate(f64);

impl NumericDate {
    /// Whole seconds (rounded down).
    ///
    /// ```
    /// let claims = jose_core::jwt::Claims::parse(br#"{"iat":10.9}"#)?;
    /// assert_eq!(claims.issued_at().unwrap().seconds(), 10);
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn seconds(self) -> i64 {
        // In range by construction: 0 ..= MAX_NUMERIC_DATE.
        self.0 as i64
    }

    /// The exact value.
    ///
    /// ```
    /// let claims = jose_core::jwt::Claims::parse(br#"{"nbf":5}"#)?;
    /// assert_eq!(claims.not_before().unwrap().as_f64(), 5.0);
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn as_f64(self) -> f64 {
        self.0
    }
}

/// The validated claims of a JWT, borrowed from the decoded payload.
///
/// ```
/// let claims = jose_core::jwt::Claims::parse(
///     br#"{"iss":"https://tenant.example.auth0.com/","sub":"auth0|42","aud":["api","other"],"exp":2000000000,"scope":"read:x write:x"}"#,
/// )?;
/// assert!(claims.subject().unwrap() == "auth0|42");
/// assert_eq!(claims.audiences().count(), 2);
/// assert_eq!(claims.scopes().collect::<Vec<_>>(), ["read:x", "write:x"]);
/// # Ok::<(), jose_core::Error>(())
/// ```
#[derive(Clone, Copy)]
pub struct Claims<'a> {
    json: Value<'a>,
}

fn wrong_type(claim: &'static str, reason: &'static str) -> Error {
    Error::malformed(Part::Claims, reason).with(Detail::Name(claim))
}

pub(crate) fn numeric_date(value: Value<'_>, claim: &'static str) -> Result<NumericDate, Error> {
    let number = value
        .as_number()
        .ok_or_else(|| wrong_type(claim, "a NumericDate must be a JSON number"))?;
    match number.as_f64() {
        Some(v) if (0.0..=MAX_NUMERIC_DATE).contains(&v) => Ok(NumericDate(v)),
        _ => Err(wrong_type(
            claim,
            "NumericDate out of range (0 to year 9999)",
        )),
    }
}

impl<'a> Claims<'a> {
    /// Parses a claims set: strict JSON, an object, registered claims of the
    /// right types.
    ///
    /// ```
    /// use jose_core::{jwt::Claims, ErrorKind};
    /// assert_eq!(Claims::parse(br#"{"exp":"soon"}"#).unwrap_err().kind(), ErrorKind::Malformed);
    /// assert_eq!(Claims::parse(br#"{"aud":["x",1]}"#).unwrap_err().kind(), ErrorKind::Malformed);
    /// assert_eq!(Claims::parse(br#"["not","an","object"]"#).unwrap_err().kind(), ErrorKind::Malformed);
    /// ```
    pub fn parse(payload: &'a [u8]) -> Result<Self, Error> {
        let json = json::parse(payload).map_err(|e| {
            if looks_like_a_compact_token(payload) {
                Error::malformed(
                    Part::Claims,
                    "the payload is itself a compact token (JWS or JWE), not JSON claims",
                )
            } else {
                e.in_part(Part::Claims)
            }
        })?;
        if json.kind() != Kind::Object {
            return Err(Error::malformed(
                Part::Claims,
                "the claims set is not a JSON object",
            ));
        }
        for (name, value) in json.members() {
            for claim in ["iss", "sub", "jti", "azp", "scope"] {
                if name == claim && value.kind() != Kind::String {
                    return Err(wrong_type(claim, "claim must be a string"));
                }
            }
            for claim in ["exp", "nbf", "iat"] {
                if name == claim {
                    numeric_date(value, claim)?;
                }
            }
            if name == "aud" {
                let ok = match value.kind() {
                    Kind::String => true,
                    Kind::Array => value.elements().all(|e| e.kind() == Kind::String),
                    _ => false,
                };
                if !ok {
                    return Err(wrong_type(
                        "aud",
                        "aud must be a string or an array of strings",
                    ));
                }
            }
        }
        Ok(Claims { json })
    }

    /// Claims that `parse` has already checked.
    pub(crate) fn validated(json: Value<'a>) -> Self {
        Claims { json }
    }

    fn string(&self, name: &str) -> Option<JsonStr<'a>> {
        self.json.get(name).and_then(|v| v.as_str())
    }

    fn date(&self, name: &'static str) -> Option<NumericDate> {
        self.json.get(name).and_then(|v| numeric_date(v, name).ok())
    }

    /// `iss`: who issued the token.
    ///
    /// ```
    /// let c = jose_core::jwt::Claims::parse(br#"{"iss":"https://idp.example"}"#)?;
    /// assert!(c.issuer().unwrap() == "https://idp.example");
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn issuer(&self) -> Option<JsonStr<'a>> {
        self.string("iss")
    }

    /// `sub`: whom the token is about.
    ///
    /// ```
    /// let c = jose_core::jwt::Claims::parse(br#"{"sub":"u1"}"#)?;
    /// assert!(c.subject().unwrap() == "u1");
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn subject(&self) -> Option<JsonStr<'a>> {
        self.string("sub")
    }

    /// `aud`: the audiences, whether the claim is one string or an array
    /// (empty when absent).
    ///
    /// ```
    /// let c = jose_core::jwt::Claims::parse(br#"{"aud":"api"}"#)?;
    /// assert!(c.audiences().next().unwrap() == "api");
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn audiences(&self) -> Audiences<'a> {
        match self.json.get("aud") {
            Some(v) if v.kind() == Kind::String => Audiences {
                single: v.as_str(),
                list: None,
            },
            Some(v) => Audiences {
                single: None,
                list: Some(v.elements()),
            },
            None => Audiences {
                single: None,
                list: None,
            },
        }
    }

    /// `exp`: the time at and after which the token must not be accepted.
    ///
    /// ```
    /// let c = jose_core::jwt::Claims::parse(br#"{"exp":1}"#)?;
    /// assert_eq!(c.expires_at().unwrap().seconds(), 1);
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn expires_at(&self) -> Option<NumericDate> {
        self.date("exp")
    }

    /// `nbf`: the time before which the token must not be accepted.
    ///
    /// ```
    /// let c = jose_core::jwt::Claims::parse(br#"{}"#)?;
    /// assert!(c.not_before().is_none());
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn not_before(&self) -> Option<NumericDate> {
        self.date("nbf")
    }

    /// `iat`: when the token was issued.
    ///
    /// ```
    /// let c = jose_core::jwt::Claims::parse(br#"{"iat":1700000000}"#)?;
    /// assert_eq!(c.issued_at().unwrap().seconds(), 1_700_000_000);
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn issued_at(&self) -> Option<NumericDate> {
        self.date("iat")
    }

    /// `jti`: the token's unique identifier.
    ///
    /// ```
    /// let c = jose_core::jwt::Claims::parse(br#"{"jti":"abc"}"#)?;
    /// assert!(c.jwt_id().unwrap() == "abc");
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn jwt_id(&self) -> Option<JsonStr<'a>> {
        self.string("jti")
    }

    /// `azp`: the authorized party (OpenID Connect).
    ///
    /// ```
    /// let c = jose_core::jwt::Claims::parse(br#"{"azp":"client-1"}"#)?;
    /// assert!(c.authorized_party().unwrap() == "client-1");
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn authorized_party(&self) -> Option<JsonStr<'a>> {
        self.string("azp")
    }

    /// `scope`: the space-separated scope string (RFC 8693 §4.2).
    ///
    /// ```
    /// let c = jose_core::jwt::Claims::parse(br#"{"scope":"a b"}"#)?;
    /// assert_eq!(c.scope().unwrap().raw(), "a b");
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn scope(&self) -> Option<JsonStr<'a>> {
        self.string("scope")
    }

    /// The individual scopes, if `scope` has no escapes (scope tokens are
    /// printable ASCII, RFC 6749 §3.3); empty otherwise.
    ///
    /// ```
    /// let c = jose_core::jwt::Claims::parse(br#"{"scope":"openid  email"}"#)?;
    /// assert_eq!(c.scopes().collect::<Vec<_>>(), ["openid", "email"]);
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn scopes(&self) -> impl Iterator<Item = &'a str> + use<'a> {
        // No scope claim (or one with escapes): no scopes.
        self.scope()
            .and_then(|s| s.as_plain())
            .unwrap_or("")
            .split(' ')
            .filter(|s| !s.is_empty())
    }

    /// Any claim by name, as JSON (e.g. Auth0's `permissions` array).
    ///
    /// ```
    /// let c = jose_core::jwt::Claims::parse(br#"{"permissions":["read:a","write:a"]}"#)?;
    /// assert_eq!(c.get("permissions").unwrap().elements().count(), 2);
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn get(&self, name: &str) -> Option<Value<'a>> {
        self.json.get(name)
    }

    /// The whole claims set as JSON.
    ///
    /// ```
    /// let c = jose_core::jwt::Claims::parse(br#"{"a":1}"#)?;
    /// assert_eq!(c.json().raw(), r#"{"a":1}"#);
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn json(&self) -> Value<'a> {
        self.json
    }
}

/// The registered claim names `Debug` reports the presence of.
const SHOWN_NAMES: [&str; 7] = ["iss", "sub", "aud", "exp", "nbf", "iat", "jti"];

/// Decrypted claims are plaintext: `Debug` shows their length and which
/// registered claims are present, never a value.
///
/// ```
/// let c = jose_core::jwt::Claims::parse(br#"{"sub":"alice","exp":2000000000,"email":"a@x"}"#)?;
/// let shown = format!("{c:?}");
/// assert_eq!(shown, r#"Claims { len: 46, registered: ["sub", "exp"], .. }"#);
/// # Ok::<(), jose_core::Error>(())
/// ```
impl fmt::Debug for Claims<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut present = [""; SHOWN_NAMES.len()];
        let mut count = 0;
        for name in SHOWN_NAMES {
            if self.json.get(name).is_some() {
                if let Some(slot) = present.get_mut(count) {
                    *slot = name;
                    count += 1;
                }
            }
        }
        f.debug_struct("Claims")
            .field("len", &self.json.raw().len())
            .field("registered", &present.get(..count).unwrap_or(&present))
            .finish_non_exhaustive()
    }
}

/// Iterator over the `aud` claim's values.
///
/// ```
/// let c = jose_core::jwt::Claims::parse(br#"{"aud":["a","b"]}"#)?;
/// assert!(c.audiences().any(|a| a == "b"));
/// # Ok::<(), jose_core::Error>(())
/// ```
#[derive(Clone)]
pub struct Audiences<'a> {
    single: Option<JsonStr<'a>>,
    list: Option<Elements<'a>>,
}

impl<'a> Iterator for Audiences<'a> {
    type Item = JsonStr<'a>;

    fn next(&mut self) -> Option<JsonStr<'a>> {
        if let Some(one) = self.single.take() {
            return Some(one);
        }
        self.list.as_mut()?.next().and_then(|v| v.as_str())
    }
}
