//! JSON for JOSE: a strict, zero-allocation reader ([`parse`]) and a writer
//! ([`ObjectWriter`]) that builds objects into a caller's buffer. What the
//! writer produces always parses back with the reader.

mod read;
mod write;

pub(crate) use read::parse_limited;
pub use read::{
    Chars, Elements, JsonStr, Kind, MAX_DEPTH, MAX_HEADER_MEMBERS, MAX_MEMBERS, Members, Number,
    Value, parse,
};
pub use write::{ArrayWriter, ObjectWriter};
