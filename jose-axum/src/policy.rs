//! Authorization after authentication: the scopes a route requires and any
//! predicate on the claims. A token that opened but is not allowed is
//! answered 403 (RFC 6750 §3.1 `insufficient_scope`), never 401.

use std::fmt;
use std::sync::Arc;

use jose_core::jwt::Claims;

use crate::rejection::Rejection;

/// The most scopes a policy requires: each is looked for among the
/// token's, so the work is this times the token's scope count.
pub const MAX_REQUIRED_SCOPES: usize = 32;

type Predicate = dyn Fn(&Claims<'_>) -> bool + Send + Sync;

/// What a token must grant beyond being valid: required scopes, found in
/// the space-separated `scope` claim (RFC 9068, RFC 8693) or in Auth0's
/// `permissions` array, and named predicates on the claims.
///
/// ```
/// use jose_axum::Policy;
/// let policy = Policy::new()
///     .require_scopes(["read:messages"])?
///     .require("an employee", |claims| {
///         claims.get("https://example.com/role").and_then(|r| r.as_str()).is_some_and(|r| r.raw() == "employee")
///     });
/// # Ok::<(), jose_axum::PolicyError>(())
/// ```
#[derive(Clone, Default)]
pub struct Policy {
    scopes: Vec<String>,
    predicates: Vec<(Arc<str>, Arc<Predicate>)>,
}

/// A scope a policy cannot require: empty, with a byte RFC 6749 §3.3 does
/// not allow in a scope token (a space, `"`, `\`, a control or non-ASCII
/// byte), or one scope too many.
///
/// ```
/// assert!(jose_axum::Policy::new().require_scopes(["two words"]).is_err());
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PolicyError {
    /// What is wrong.
    pub reason: &'static str,
}

impl fmt::Display for PolicyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid policy: {}", self.reason)
    }
}

impl std::error::Error for PolicyError {}

impl Policy {
    /// A policy that lets every valid token through.
    ///
    /// ```
    /// let policy = jose_axum::Policy::new();
    /// ```
    pub fn new() -> Self {
        Policy::default()
    }

    /// Requires every one of `scopes` (in addition to any required before).
    /// Each must be an RFC 6749 scope token (printable ASCII but `"` and
    /// `\`, no space): it is sent back in the 403's `scope` attribute.
    ///
    /// ```
    /// let policy = jose_axum::Policy::new().require_scopes(["read:messages", "write:messages"])?;
    /// # Ok::<(), jose_axum::PolicyError>(())
    /// ```
    pub fn require_scopes<I, S>(mut self, scopes: I) -> Result<Self, PolicyError>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        for scope in scopes {
            let scope = scope.as_ref();
            if scope.is_empty() || !scope.bytes().all(is_scope_byte) {
                return Err(PolicyError {
                    reason: "a scope is not one RFC 6749 scope token",
                });
            }
            if self.scopes.len() >= MAX_REQUIRED_SCOPES {
                return Err(PolicyError {
                    reason: "more than MAX_REQUIRED_SCOPES scopes",
                });
            }
            if !self.scopes.iter().any(|s| s == scope) {
                self.scopes.push(scope.to_owned());
            }
        }
        Ok(self)
    }

    /// Requires `predicate` to hold on the claims; `name` is what the
    /// server's log says when it does not (the client is told only that the
    /// token does not allow the request).
    ///
    /// ```
    /// let policy = jose_axum::Policy::new().require("an email", |claims| claims.get("email").is_some());
    /// ```
    pub fn require(
        mut self,
        name: impl Into<Arc<str>>,
        predicate: impl Fn(&Claims<'_>) -> bool + Send + Sync + 'static,
    ) -> Self {
        self.predicates.push((name.into(), Arc::new(predicate)));
        self
    }

    /// The scopes required, in the order given.
    ///
    /// ```
    /// let policy = jose_axum::Policy::new().require_scopes(["a", "b"])?;
    /// assert_eq!(policy.scopes().collect::<Vec<_>>(), ["a", "b"]);
    /// # Ok::<(), jose_axum::PolicyError>(())
    /// ```
    pub fn scopes(&self) -> impl Iterator<Item = &str> {
        self.scopes.iter().map(String::as_str)
    }

    /// Whether the claims satisfy the policy: the first scope missing is
    /// [`Rejection::InsufficientScope`] (listing every required scope, as
    /// RFC 6750 asks), the first predicate failing [`Rejection::Forbidden`].
    ///
    /// ```
    /// use jose_core::jwt::Claims;
    /// let policy = jose_axum::Policy::new().require_scopes(["read"])?;
    /// assert!(policy.check(&Claims::parse(br#"{"scope":"openid read"}"#).unwrap()).is_ok());
    /// assert!(policy.check(&Claims::parse(br#"{"permissions":["read"]}"#).unwrap()).is_ok());
    /// assert!(policy.check(&Claims::parse(br#"{"scope":"reader"}"#).unwrap()).is_err());
    /// # Ok::<(), jose_axum::PolicyError>(())
    /// ```
    pub fn check(&self, claims: &Claims<'_>) -> Result<(), Rejection> {
        for required in &self.scopes {
            if !grants(claims, required) {
                return Err(Rejection::InsufficientScope {
                    required: self.scopes.join(" ").into(),
                });
            }
        }
        for (name, predicate) in &self.predicates {
            if !predicate(claims) {
                return Err(Rejection::Forbidden {
                    requirement: Arc::clone(name),
                });
            }
        }
        Ok(())
    }
}

impl fmt::Debug for Policy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Policy")
            .field("scopes", &self.scopes)
            .field(
                "predicates",
                &self
                    .predicates
                    .iter()
                    .map(|(n, _)| &**n)
                    .collect::<Vec<_>>(),
            )
            .finish()
    }
}

/// Whether the token grants `scope`: in `scope` (space-separated) or as a
/// plain string of the `permissions` array. Escaped strings never match (a
/// scope token has nothing to escape).
fn grants(claims: &Claims<'_>, scope: &str) -> bool {
    claims.scopes().any(|s| s == scope)
        || claims.get("permissions").is_some_and(|permissions| {
            permissions
                .elements()
                .any(|p| p.as_str().and_then(|s| s.as_plain()) == Some(scope))
        })
}

/// RFC 6749 §3.3: `%x21 / %x23-5B / %x5D-7E`.
fn is_scope_byte(b: u8) -> bool {
    matches!(b, 0x21 | 0x23..=0x5B | 0x5D..=0x7E)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scopes_that_cannot_be_sent_back_are_refused_at_configuration() {
        for bad in ["", "a b", "a\"b", "a\\b", "a\tb", "caf\u{e9}", "a,\u{0}"] {
            assert!(Policy::new().require_scopes([bad]).is_err(), "{bad:?}");
        }
        let many: Vec<String> = (0..=MAX_REQUIRED_SCOPES).map(|i| format!("s{i}")).collect();
        assert!(Policy::new().require_scopes(&many).is_err());
        assert!(
            Policy::new()
                .require_scopes(&many[..MAX_REQUIRED_SCOPES])
                .is_ok()
        );
    }

    #[test]
    fn an_escaped_or_nested_grant_is_not_the_scope() {
        let policy = Policy::new().require_scopes(["read"]).unwrap();
        for claims in [
            br#"{"scope":"re\u0061d"}"#.as_slice(),
            br#"{"permissions":["re\u0061d"]}"#,
            br#"{"permissions":[["read"]]}"#,
            br#"{"permissions":{"read":true}}"#,
            br#"{"permission":["read"]}"#,
        ] {
            let claims = Claims::parse(claims).unwrap();
            assert!(
                matches!(
                    policy.check(&claims),
                    Err(Rejection::InsufficientScope { .. })
                ),
                "{claims:?}"
            );
        }
    }
}
