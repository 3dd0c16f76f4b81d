//! Exit codes and the one-line message of a failure.

use jose_core::ErrorKind;

/// A file or stdin could not be read.
pub const UNREADABLE: u8 = 3;

/// The input could not be read (kept apart from jose-core's kinds).
#[derive(Debug)]
pub struct Unreadable(pub String);

impl std::fmt::Display for Unreadable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Unreadable {}

/// The exit code for a jose-core error kind.
pub fn kind_code(kind: ErrorKind) -> u8 {
    match kind {
        ErrorKind::Malformed => 10,
        ErrorKind::Unsupported => 11,
        ErrorKind::Policy => 12,
        ErrorKind::Key => 13,
        ErrorKind::Decrypt => 14,
        ErrorKind::TooLarge => 15,
        ErrorKind::InvalidKey => 16,
        ErrorKind::Signature => 17,
        ErrorKind::Expired => 18,
        ErrorKind::NotYetValid => 19,
        ErrorKind::Issuer => 20,
        ErrorKind::Audience => 21,
        ErrorKind::MissingClaim => 22,
        ErrorKind::Claim => 23,
        ErrorKind::TokenType => 24,
        ErrorKind::Configuration => 25,
        ErrorKind::Random => 26,
        ErrorKind::Internal => 27,
        ErrorKind::Buffer => 28,
        _ => 1,
    }
}

/// The exit code of a failure: the kind of the jose-core error inside it,
/// 3 for input that could not be read, 1 otherwise.
pub fn code(error: &anyhow::Error) -> u8 {
    if let Some(e) = error.downcast_ref::<jose_core::Error>() {
        return kind_code(e.kind());
    }
    if error.downcast_ref::<Unreadable>().is_some() {
        return UNREADABLE;
    }
    1
}

/// The context chain on one line. Messages are built by this program and
/// jose-core, neither of which puts key material in them.
pub fn message(error: &anyhow::Error) -> String {
    let parts: Vec<String> = error.chain().map(ToString::to_string).collect();
    parts.join(": ")
}
