//! Rules that own their strings: what a service builds from configuration
//! read at run time and keeps for as long as it serves. They are made from
//! the borrowed [`Validation`] (one set of setters, `const` for devices) and
//! lend one back ([`OwnedValidation::as_validation`]), which every layer
//! takes.

use alloc::boxed::Box;
use alloc::vec::Vec;

use super::{Expect, OwnedBindings, Profile, Strs, TypeRule, Validation};

/// [`Validation`] with its strings copied out of the caller's: no lifetime,
/// `Send + Sync`, for rules read from configuration and kept by a server
/// (the [`crate::Receiver`] holds one). Build the rules with `Validation`'s
/// setters from borrowed `String`s, then own them; drop the `String`s.
///
/// ```
/// use jose_core::jwt::{OwnedValidation, Validation};
///
/// let issuer = String::from("https://tenant.example.auth0.com/"); // from configuration
/// let audiences = vec!["https://api.example.com".to_owned()];
/// let audiences: Vec<&str> = audiences.iter().map(String::as_str).collect();
/// let rules = OwnedValidation::from(&Validation::access_token(&issuer, "unused").audiences(&audiences).leeway(30));
/// drop(issuer);
/// assert!(format!("{:?}", rules.as_validation()).contains("tenant.example.auth0.com"));
/// ```
#[derive(Clone)]
pub struct OwnedValidation {
    issuers: OwnedExpect,
    audiences: OwnedExpect,
    subject: OwnedExpect,
    typ: OwnedTypeRule,
    profile: OwnedProfile,
    nonce: Option<Box<str>>,
    bindings: OwnedBindings,
    required: Box<[Box<str>]>,
    /// Everything that holds no string, kept as given.
    scalars: Validation<'static>,
}

#[derive(Clone, Debug)]
enum OwnedExpect {
    Unset,
    Any,
    One(Box<str>),
    Many(Box<[Box<str>]>),
}

#[derive(Clone, Debug)]
enum OwnedTypeRule {
    Any,
    Is(Box<str>),
    PlainJwt,
}

#[derive(Clone, Debug)]
enum OwnedProfile {
    None,
    AccessToken,
    IdToken { client_id: Box<str> },
}

fn boxed(list: Strs<'_>) -> Box<[Box<str>]> {
    list.iter()
        .map(Box::from)
        .collect::<Vec<_>>()
        .into_boxed_slice()
}

impl OwnedExpect {
    fn of(expect: &Expect<'_>) -> Self {
        match expect {
            Expect::Unset => OwnedExpect::Unset,
            Expect::Any => OwnedExpect::Any,
            Expect::One(one) => OwnedExpect::One((*one).into()),
            Expect::Many(many) => OwnedExpect::Many(boxed(*many)),
        }
    }

    fn lend(&self) -> Expect<'_> {
        match self {
            OwnedExpect::Unset => Expect::Unset,
            OwnedExpect::Any => Expect::Any,
            OwnedExpect::One(one) => Expect::One(one),
            OwnedExpect::Many(many) => Expect::Many(Strs::Owned(many)),
        }
    }
}

impl From<&Validation<'_>> for OwnedValidation {
    /// Copies the rules' strings; the rules are the same rules (equal
    /// verdicts, and the same fingerprint to a verified-token cache).
    ///
    /// ```
    /// use jose_core::jwt::{Claims, OwnedValidation, Validation};
    /// let audience = String::from("b");
    /// let rules = OwnedValidation::from(&Validation::new().issuer("a").audience(&audience));
    /// drop(audience);
    /// let claims = Claims::parse(br#"{"iss":"a","aud":"b","exp":100}"#)?;
    /// assert!(rules.as_validation().validate(&claims, 0).is_ok());
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    fn from(rules: &Validation<'_>) -> Self {
        let mut scalars = Validation::new();
        // The fields that hold no string, copied one by one so a new field
        // is a compile error here until it is decided.
        let Validation {
            issuers: _,
            audiences: _,
            subject: _,
            typ: _,
            profile: _,
            nonce: _,
            bindings: _,
            required: _,
            max_auth_age,
            max_lifetime,
            leeway,
            max_age,
            require_exp,
            policy,
        } = *rules;
        scalars.max_auth_age = max_auth_age;
        scalars.max_lifetime = max_lifetime;
        scalars.leeway = leeway;
        scalars.max_age = max_age;
        scalars.require_exp = require_exp;
        scalars.policy = policy;
        OwnedValidation {
            issuers: OwnedExpect::of(&rules.issuers),
            audiences: OwnedExpect::of(&rules.audiences),
            subject: OwnedExpect::of(&rules.subject),
            typ: match rules.typ {
                TypeRule::Any => OwnedTypeRule::Any,
                TypeRule::Is(typ) => OwnedTypeRule::Is(typ.into()),
                TypeRule::PlainJwt => OwnedTypeRule::PlainJwt,
            },
            profile: match rules.profile {
                Profile::None => OwnedProfile::None,
                Profile::AccessToken => OwnedProfile::AccessToken,
                Profile::IdToken { client_id } => OwnedProfile::IdToken {
                    client_id: client_id.into(),
                },
            },
            nonce: rules.nonce.map(Box::from),
            bindings: OwnedBindings::of(&rules.bindings),
            required: boxed(rules.required),
            scalars,
        }
    }
}

impl OwnedValidation {
    /// The rules, borrowed from these: what every layer takes.
    ///
    /// ```
    /// use jose_core::jwt::{OwnedValidation, Validation};
    /// let rules = OwnedValidation::from(&Validation::new().issuer("a").accept_any_audience());
    /// assert_eq!(rules.as_validation().token_policy(), Validation::new().token_policy());
    /// ```
    pub fn as_validation(&self) -> Validation<'_> {
        Validation {
            issuers: self.issuers.lend(),
            audiences: self.audiences.lend(),
            subject: self.subject.lend(),
            typ: match &self.typ {
                OwnedTypeRule::Any => TypeRule::Any,
                OwnedTypeRule::Is(typ) => TypeRule::Is(typ),
                OwnedTypeRule::PlainJwt => TypeRule::PlainJwt,
            },
            profile: match &self.profile {
                OwnedProfile::None => Profile::None,
                OwnedProfile::AccessToken => Profile::AccessToken,
                OwnedProfile::IdToken { client_id } => Profile::IdToken { client_id },
            },
            nonce: self.nonce.as_deref(),
            bindings: self.bindings.lend(),
            required: Strs::Owned(&self.required),
            ..self.scalars
        }
    }
}

impl<'r> From<Validation<'r>> for OwnedValidation {
    /// As `From<&Validation>`, for rules built in place.
    ///
    /// ```
    /// use jose_core::jwt::{OwnedValidation, Validation};
    /// let rules: OwnedValidation = Validation::new().accept_any_issuer().accept_any_audience().into();
    /// # let _ = rules;
    /// ```
    fn from(rules: Validation<'r>) -> Self {
        OwnedValidation::from(&rules)
    }
}

impl core::fmt::Debug for OwnedValidation {
    /// As the rules it lends.
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        core::fmt::Debug::fmt(&self.as_validation(), f)
    }
}

#[cfg(test)]
mod tests {
    use alloc::format;
    use alloc::string::String;
    use core::hash::{Hash, Hasher};

    use super::*;

    /// A hasher that keeps every byte written, to compare two hashings.
    #[derive(Default)]
    struct Bytes(Vec<u8>);

    impl Hasher for Bytes {
        fn finish(&self) -> u64 {
            0
        }
        fn write(&mut self, bytes: &[u8]) {
            self.0.extend_from_slice(bytes);
        }
    }

    fn hashed(rules: &Validation<'_>) -> Vec<u8> {
        let mut state = Bytes::default();
        rules.hash(&mut state);
        state.0
    }

    #[test]
    fn owned_rules_lend_back_the_same_rules() {
        let issuers = [
            String::from("https://a.example/"),
            String::from("https://b.example/"),
        ];
        let issuers: Vec<&str> = issuers.iter().map(String::as_str).collect();
        let required = ["scope", "tenant"];
        let cases = [
            Validation::new(),
            Validation::new().accept_any_issuer().accept_any_audience(),
            Validation::access_token("https://a.example/", "api")
                .leeway(30)
                .max_age(600),
            Validation::id_token("https://a.example/", "client")
                .nonce("n-0S6_WzA2Mj")
                .max_auth_age(60)
                .max_lifetime(3600),
            Validation::new()
                .issuers(&issuers)
                .audiences(&issuers)
                .subject("me")
                .typ("dpop+jwt")
                .require(&required)
                .allow_missing_exp()
                .policy(crate::Policy::new().max_token_len(4096)),
        ];
        for rules in cases {
            let owned = OwnedValidation::from(&rules);
            assert_eq!(hashed(&owned.as_validation()), hashed(&rules));
            assert_eq!(format!("{owned:?}"), format!("{rules:?}"));
        }
    }

    #[test]
    fn owned_rules_are_send_and_sync() {
        fn shared<T: Send + Sync + 'static>() {}
        shared::<OwnedValidation>();
    }
}
