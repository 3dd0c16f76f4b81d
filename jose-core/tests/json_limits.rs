//! The JSON reader's limits and its duplicate check: linear-time, bounded,
//! and finding every duplicate a pairwise comparison would find, escapes
//! included.

mod common;

use jose_core::json::{self, MAX_HEADER_MEMBERS, MAX_MEMBERS};
use jose_core::{ErrorKind, jwe};
use proptest::prelude::*;

/// An object with `names` as members (raw JSON name text, escapes allowed).
fn object(names: &[String]) -> String {
    let members: Vec<String> = names.iter().map(|n| format!("\"{n}\":0")).collect();
    format!("{{{}}}", members.join(","))
}

/// The unescaped text of a raw name, by serde_json (an independent reader).
fn unescaped(raw: &str) -> String {
    serde_json::from_str::<String>(&format!("\"{raw}\"")).unwrap()
}

/// A raw member name drawn from a small alphabet, sometimes escaped, so that
/// duplicates (also through escapes) are common.
fn raw_name() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            Just("a".to_string()),
            Just("b".to_string()),
            Just("\\u0061".to_string()),
            Just("é".to_string()),
            Just("\\u00e9".to_string()),
            Just("\\\"".to_string()),
            Just("\\\\".to_string()),
            Just("\\ud83d\\ude00".to_string()),
            Just("😀".to_string()),
        ],
        0..4,
    )
    .prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn duplicates_are_found_exactly_when_two_names_unescape_alike(
        names in prop::collection::vec(raw_name(), 0..40)
    ) {
        let text = object(&names);
        let mut seen = std::collections::HashSet::new();
        let has_duplicate = !names.iter().all(|n| seen.insert(unescaped(n)));
        let parsed = json::parse(text.as_bytes());
        match parsed {
            Ok(_) => prop_assert!(!has_duplicate, "{text}"),
            Err(err) => {
                prop_assert!(has_duplicate, "{text}: {err}");
                prop_assert_eq!(err.kind(), ErrorKind::Malformed);
                prop_assert!(err.to_string().contains("duplicate"), "{}", err);
            }
        }
    }
}

#[test]
fn an_object_over_the_member_limit_is_too_large() {
    let names: Vec<String> = (0..MAX_MEMBERS).map(|i| format!("m{i}")).collect();
    assert!(json::parse(object(&names).as_bytes()).is_ok());
    let names: Vec<String> = (0..=MAX_MEMBERS).map(|i| format!("m{i}")).collect();
    let err = json::parse(object(&names).as_bytes()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::TooLarge);
    assert!(
        err.to_string().contains(&format!("limit {MAX_MEMBERS}")),
        "{err}"
    );
}

#[test]
fn the_member_limit_is_enforced_before_the_rest_is_read() {
    // What follows the limit is never parsed: garbage there changes nothing.
    let names: Vec<String> = (0..=MAX_MEMBERS).map(|i| format!("m{i}")).collect();
    let text = object(&names);
    let cut = text.len() - 1;
    let broken = format!("{}, !!! not json", &text[..cut]);
    let err = json::parse(broken.as_bytes()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::TooLarge, "{err}");
}

/// A compact JWE with `header` as its protected header (the rest is never
/// reached when the header is refused).
fn jwe_with_header(header: &str) -> String {
    format!(
        "{}.{}.AAAAAAAAAAAAAAAA.AA.AAAAAAAAAAAAAAAAAAAAAA",
        common::b64e(header.as_bytes()),
        "A".repeat(342)
    )
}

#[test]
fn a_header_with_more_than_64_members_is_too_large() {
    let mut members: Vec<String> = vec![
        r#""alg":"RSA-OAEP-256""#.into(),
        r#""enc":"A256GCM""#.into(),
    ];
    members.extend((2..MAX_HEADER_MEMBERS).map(|i| format!("\"x{i}\":1")));
    let header = format!("{{{}}}", members.join(","));
    assert!(
        jwe::Compact::parse(&jwe_with_header(&header)).is_ok(),
        "64 members are allowed"
    );

    members.push(r#""one_more":1"#.into());
    let header = format!("{{{}}}", members.join(","));
    let err = jwe::Compact::parse(&jwe_with_header(&header)).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::TooLarge, "{err}");
    assert!(err.to_string().contains("limit 64"), "{err}");
    assert!(err.to_string().contains("protected header"), "{err}");
}

#[test]
fn an_escaped_duplicate_among_many_header_members_is_found() {
    let mut members: Vec<String> = (0..60).map(|i| format!("\"x{i}\":1")).collect();
    members.push(r#""alg":"RSA-OAEP-256""#.into());
    members.push(r#""enc":"A256GCM""#.into());
    members.push(r#""\u0061lg":"RSA-OAEP""#.into());
    let header = format!("{{{}}}", members.join(","));
    let err = jwe::Compact::parse(&jwe_with_header(&header)).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Malformed);
    assert!(err.to_string().contains("duplicate"), "{err}");
}
