//! The bodies of the jose-jwks fuzz targets: what a server's bytes reach,
//! through the crate's public parsers (the ones a fetch runs). Replayed by
//! jose-jwks/tests/fuzz_replay.rs. See core.rs for the conventions.
#![allow(dead_code)]
// Compiled by packages of different rust-versions (1.87, 1.88): written
// without let chains, which only 1.88 has.
#![allow(clippy::collapsible_if)]

use jose_core::keys::PublicKeySet;

/// A target's body.
pub type Body = fn(&[u8]);

/// Every target, by name, for the replay test.
pub const TARGETS: &[(&str, Body)] = &[
    ("jwks_document", jwks_document),
    ("discovery_document", discovery_document),
];

/// A remote server's bytes as the fetcher takes them for a JWK Set. An
/// accepted set has a key; its skipped keys are in order; no key is kept
/// twice; and what it exports (when it can) imports to the same set.
pub fn jwks_document(data: &[u8]) {
    use jose_core::keys::IssuerKeys;
    let Ok(set) = jose_jwks::parse_jwk_set(data) else {
        return;
    };
    assert!(!set.is_empty(), "an accepted set has a usable key");
    let indices: Vec<usize> = set.skipped().iter().map(|s| s.index()).collect();
    assert!(indices.windows(2).all(|w| w[0] < w[1]), "{indices:?}");
    // Two kept keys are never the same key with the same metadata (their
    // public JWKs, certificate and key_ops included, differ).
    let jwks: Vec<Option<String>> = set.keys().iter().map(|k| k.jwk().ok()).collect();
    for (i, a) in set.keys().iter().enumerate() {
        for (j, b) in set.keys().iter().enumerate().skip(i + 1) {
            let same = a.thumbprint() == b.thumbprint()
                && a.is_rsassa_pss() == b.is_rsassa_pss()
                && jwks[i].is_some()
                && jwks[i] == jwks[j];
            assert!(!same, "a key kept twice");
        }
    }
    if let Ok(exported) = set.jwks() {
        let again = PublicKeySet::from_jwks(&exported).expect("an exported set imports");
        assert_eq!(
            IssuerKeys::fingerprint(&again),
            IssuerKeys::fingerprint(&set),
            "export and import change nothing"
        );
    }
}

/// A discovery document (the first byte says how many of the next bytes
/// are the issuer asked for; the rest is the document): a `jwks_uri` is answered only when the
/// document is JSON whose `issuer` is exactly the one asked for, checked
/// against serde_json's reading of the same bytes.
pub fn discovery_document(data: &[u8]) {
    let (issuer, document) = match data.split_first() {
        Some((len, rest)) => rest.split_at(usize::from(*len).min(rest.len())),
        None => return,
    };
    let issuer = String::from_utf8_lossy(issuer).into_owned();
    let Ok(uri) = jose_jwks::parse_openid_configuration(document, &issuer) else {
        return;
    };
    let doc: serde_json::Value =
        serde_json::from_slice(document).expect("accepted, so serde_json reads it too");
    assert_eq!(doc["issuer"].as_str(), Some(issuer.as_str()));
    assert_eq!(doc["jwks_uri"].as_str(), Some(uri.as_str()));
}
