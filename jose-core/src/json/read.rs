//! The reader: strict, zero-allocation JSON (RFC 8259) over a byte slice.
//!
//! [`parse`] validates a whole document once: UTF-8, the grammar, string escapes
//! (surrogate pairs must pair), number syntax, nesting depth, duplicate member
//! names (compared after unescaping, so `"\u0061lg"` duplicates `"alg"`) and
//! trailing bytes. What it returns is a [`Value`], a view that borrows the input;
//! walking it never allocates and never re-validates.
//!
//! Limits: nesting deeper than [`MAX_DEPTH`] and objects with more than
//! [`MAX_MEMBERS`] members ([`MAX_HEADER_MEMBERS`] in a JOSE header) are
//! `too_large`, refused as soon as the limit is passed. Parsing is linear in
//! the input: the duplicate check sorts each object's names (O(n log n) in
//! its member count, no heap). The input itself is bounded by the caller
//! (the token and header limits of [`crate::Policy`]).

use core::fmt;

use crate::error::{Detail, Error, ErrorKind, Part};

/// The deepest nesting of arrays and objects accepted. A document that nests
/// deeper is refused as `too_large` before the parser recurses further.
pub const MAX_DEPTH: usize = 32;

/// The largest number of members one object may have (JOSE headers are held
/// to [`MAX_HEADER_MEMBERS`]). The duplicate check sorts the names' offsets
/// in a fixed array of this many entries (1 KiB of stack).
pub const MAX_MEMBERS: usize = 256;

/// The largest number of members an object in a JOSE header may have: a
/// header has a handful; a header with more is refused as `too_large` before
/// the rest of it is read.
pub const MAX_HEADER_MEMBERS: usize = 64;

/// Validates `input` as one JSON document and returns a view of it.
///
/// ```
/// let doc = jose_core::json::parse(br#"{"alg":"RSA-OAEP","n":[1,2]}"#).unwrap();
/// let alg = doc.get("alg").unwrap().as_str().unwrap();
/// assert!(alg == "RSA-OAEP");
///
/// // duplicates are found after unescaping
/// assert!(jose_core::json::parse(br#"{"alg":1,"\u0061lg":2}"#).is_err());
/// ```
pub fn parse(input: &[u8]) -> Result<Value<'_>, Error> {
    parse_limited(input, MAX_MEMBERS)
}

/// [`parse`] with objects held to `max_members` (at most [`MAX_MEMBERS`]).
pub(crate) fn parse_limited(input: &[u8], max_members: usize) -> Result<Value<'_>, Error> {
    let text = core::str::from_utf8(input).map_err(|e| {
        Error::malformed(Part::Json, "invalid UTF-8").with(Detail::At(e.valid_up_to()))
    })?;
    let mut parser = Parser {
        text,
        s: text.as_bytes(),
        pos: 0,
        max_members: max_members.min(MAX_MEMBERS),
    };
    parser.skip_ws();
    let start = parser.pos;
    parser.value(0)?;
    let end = parser.pos;
    parser.skip_ws();
    if parser.pos != text.len() {
        return Err(parser.error("trailing bytes after the JSON value"));
    }
    let raw = text.get(start..end).ok_or(Error::internal())?;
    Ok(Value { raw })
}

struct Parser<'a> {
    text: &'a str,
    s: &'a [u8],
    pos: usize,
    max_members: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.s.get(self.pos).copied()
    }

    fn bump(&mut self) -> Option<u8> {
        let b = self.peek()?;
        self.pos += 1;
        Some(b)
    }

    fn error(&self, reason: &'static str) -> Error {
        Error::malformed(Part::Json, reason).with(Detail::At(self.pos))
    }

    fn skip_ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.pos += 1;
        }
    }

    fn require_byte(&mut self, byte: u8, reason: &'static str) -> Result<(), Error> {
        if self.peek() == Some(byte) {
            self.pos += 1;
            Ok(())
        } else {
            Err(self.error(reason))
        }
    }

    fn value(&mut self, depth: usize) -> Result<(), Error> {
        match self.peek() {
            Some(b'{') => self.object(depth + 1),
            Some(b'[') => self.array(depth + 1),
            Some(b'"') => self.string(),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(b't') => self.literal(b"true"),
            Some(b'f') => self.literal(b"false"),
            Some(b'n') => self.literal(b"null"),
            Some(_) => Err(self.error("unexpected byte where a value must start")),
            None => Err(self.error("unexpected end of input")),
        }
    }

    fn enter(&self, depth: usize) -> Result<(), Error> {
        if depth > MAX_DEPTH {
            Err(
                Error::new(ErrorKind::TooLarge, Some(Part::Json), "nesting too deep").with(
                    Detail::Limit {
                        found: depth,
                        limit: MAX_DEPTH,
                    },
                ),
            )
        } else {
            Ok(())
        }
    }

    fn object(&mut self, depth: usize) -> Result<(), Error> {
        self.enter(depth)?;
        let start = self.pos;
        self.pos += 1; // '{'
        self.skip_ws();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(());
        }
        let mut members = 0usize;
        loop {
            members += 1;
            if members > self.max_members {
                return Err(Error::new(
                    ErrorKind::TooLarge,
                    Some(Part::Json),
                    "too many members in one object",
                )
                .with(Detail::Limit {
                    found: members,
                    limit: self.max_members,
                }));
            }
            if self.peek() != Some(b'"') {
                return Err(self.error("expected a member name"));
            }
            self.string()?;
            self.skip_ws();
            self.require_byte(b':', "expected ':' after a member name")?;
            self.skip_ws();
            self.value(depth)?;
            self.skip_ws();
            match self.bump() {
                Some(b',') => self.skip_ws(),
                Some(b'}') => break,
                _ => {
                    self.pos = self.pos.saturating_sub(1);
                    return Err(self.error("expected ',' or '}' in an object"));
                }
            }
        }
        // `start` and `pos` sit on '{' and after '}': both char boundaries.
        let object = self.text.get(start..self.pos).ok_or(Error::internal())?;
        check_duplicates(object).map_err(|offset| {
            Error::malformed(Part::Json, "duplicate member name").with(Detail::At(start + offset))
        })
    }

    fn array(&mut self, depth: usize) -> Result<(), Error> {
        self.enter(depth)?;
        self.pos += 1; // '['
        self.skip_ws();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(());
        }
        loop {
            self.value(depth)?;
            self.skip_ws();
            match self.bump() {
                Some(b',') => self.skip_ws(),
                Some(b']') => return Ok(()),
                _ => {
                    self.pos = self.pos.saturating_sub(1);
                    return Err(self.error("expected ',' or ']' in an array"));
                }
            }
        }
    }

    fn string(&mut self) -> Result<(), Error> {
        self.pos += 1; // opening quote
        loop {
            match self.bump() {
                None => return Err(self.error("unterminated string")),
                Some(b'"') => return Ok(()),
                Some(b'\\') => self.escape()?,
                Some(0x00..=0x1F) => {
                    self.pos -= 1;
                    return Err(self.error("control character in a string"));
                }
                Some(_) => {}
            }
        }
    }

    fn escape(&mut self) -> Result<(), Error> {
        match self.bump() {
            Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => Ok(()),
            Some(b'u') => {
                let unit = self.hex4()?;
                match unit {
                    0xD800..=0xDBFF => {
                        if self.bump() != Some(b'\\') || self.bump() != Some(b'u') {
                            return Err(
                                self.error("high surrogate escape not followed by a low one")
                            );
                        }
                        match self.hex4()? {
                            0xDC00..=0xDFFF => Ok(()),
                            _ => Err(self.error("high surrogate escape not followed by a low one")),
                        }
                    }
                    0xDC00..=0xDFFF => Err(self.error("lone low surrogate escape")),
                    _ => Ok(()),
                }
            }
            _ => Err(self.error("invalid escape")),
        }
    }

    fn hex4(&mut self) -> Result<u32, Error> {
        let mut unit = 0u32;
        for _ in 0..4 {
            let digit = self
                .bump()
                .and_then(hex_digit)
                .ok_or_else(|| self.error("invalid \\u escape"))?;
            unit = unit << 4 | digit;
        }
        Ok(unit)
    }

    fn digits(&mut self) -> usize {
        let start = self.pos;
        while let Some(b'0'..=b'9') = self.peek() {
            self.pos += 1;
        }
        self.pos - start
    }

    fn number(&mut self) -> Result<(), Error> {
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => {
                self.digits();
            }
            _ => return Err(self.error("invalid number")),
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if self.digits() == 0 {
                return Err(self.error("invalid number: no digit after '.'"));
            }
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.pos += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.pos += 1;
            }
            if self.digits() == 0 {
                return Err(self.error("invalid number: no digit in the exponent"));
            }
        }
        Ok(())
    }

    fn literal(&mut self, word: &'static [u8]) -> Result<(), Error> {
        let end = self.pos + word.len();
        if self.s.get(self.pos..end) == Some(word) {
            self.pos = end;
            Ok(())
        } else {
            Err(self.error("invalid literal"))
        }
    }
}

fn hex_digit(b: u8) -> Option<u32> {
    match b {
        b'0'..=b'9' => Some(u32::from(b - b'0')),
        b'a'..=b'f' => Some(u32::from(b - b'a' + 10)),
        b'A'..=b'F' => Some(u32::from(b - b'A' + 10)),
        _ => None,
    }
}

/// Finds a duplicate member name in a validated object of at most
/// [`MAX_MEMBERS`] members; returns the offset of one of the two names.
///
/// Each name is unescaped once, into a 56-bit hash; the hashes (each with
/// its member's index in the low byte) are sorted as plain integers, and
/// only names whose hashes are equal are compared as text, sorted among
/// themselves. No heap, two fixed arrays, O(n log n) integer comparisons;
/// text comparisons only on equal hashes, where an adversary who found hash
/// collisions gets the same O(n log n) bound with text comparisons (a
/// pairwise check would let a 4 KiB header of 368 members cost milliseconds
/// before anything is authenticated).
fn check_duplicates(object: &str) -> Result<(), usize> {
    const INDEX_BITS: u32 = 8;
    const _: () = assert!(MAX_MEMBERS <= 1 << INDEX_BITS);
    let mut keys = [0u64; MAX_MEMBERS];
    let mut starts = [0u32; MAX_MEMBERS];
    let mut count = 0usize;
    let slots = keys.iter_mut().zip(starts.iter_mut());
    for ((name, _), (key, start)) in Members::new(object).zip(slots) {
        // Objects are bounded by the parser: the offset fits, and `count`
        // never passes the arrays.
        *start = u32::try_from(offset_in(object, name.raw)).unwrap_or(u32::MAX);
        *key = (name_hash(&name) << INDEX_BITS) | count as u64;
        count += 1;
    }
    // `count` is at most the arrays' length (the zip above stops there);
    // were it not, the object is refused as if it had a duplicate.
    let Some(keys) = keys.get_mut(..count) else {
        return Err(0);
    };
    crate::sort::heap_sort(keys, |a, b| a < b);
    let name_of = |key: u64| {
        let index = (key & ((1 << INDEX_BITS) - 1)) as usize;
        let start = starts.get(index).copied().unwrap_or(u32::MAX);
        (start, name_starting_at(object, start as usize))
    };
    for run in keys.chunk_by_mut(|a, b| a >> INDEX_BITS == b >> INDEX_BITS) {
        if run.len() < 2 {
            continue;
        }
        crate::sort::heap_sort(run, |a, b| {
            name_of(*a).1.cmp_unescaped(&name_of(*b).1).is_lt()
        });
        for pair in run.windows(2) {
            if let [a, b] = *pair {
                let ((start_a, a), (start_b, b)) = (name_of(a), name_of(b));
                if a.cmp_unescaped(&b).is_eq() {
                    return Err(start_a.max(start_b) as usize);
                }
            }
        }
    }
    Ok(())
}

/// A 56-bit hash of a name's unescaped UTF-8 (FNV-1a, then a 64-bit
/// finalizer so that the top bits depend on every byte).
fn name_hash(name: &JsonStr<'_>) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut feed = |bytes: &[u8]| {
        for byte in bytes {
            hash = (hash ^ u64::from(*byte)).wrapping_mul(0x0000_0100_0000_01b3);
        }
    };
    match name.as_plain() {
        Some(plain) => feed(plain.as_bytes()),
        None => {
            for c in name.chars() {
                feed(c.encode_utf8(&mut [0u8; 4]).as_bytes());
            }
        }
    }
    hash ^= hash >> 33;
    hash = hash.wrapping_mul(0xff51_afd7_ed55_8ccd);
    hash ^= hash >> 33;
    hash >> 8
}

/// The member name whose text starts at `offset` of a validated object (just
/// after its opening quote).
fn name_starting_at(object: &str, offset: usize) -> JsonStr<'_> {
    // The empty defaults are unreachable: `offset` is where the parser found
    // this name inside `object`, and the name ends at its closing quote
    // inside it. Were they reached, the empty name would equal another one
    // and the object be refused as a duplicate: closed, not open.
    let rest = object.get(offset..).unwrap_or("");
    let bytes = rest.as_bytes();
    let mut end = 0;
    while let Some(byte) = bytes.get(end) {
        match byte {
            b'\\' => end += 2,
            b'"' => break,
            _ => end += 1,
        }
    }
    JsonStr {
        raw: rest.get(..end).unwrap_or(""),
    }
}

fn offset_in(outer: &str, inner: &str) -> usize {
    (inner.as_ptr() as usize).saturating_sub(outer.as_ptr() as usize)
}

/// The type of a JSON value.
///
/// ```
/// use jose_core::json::{parse, Kind};
/// assert_eq!(parse(b"[1]").unwrap().kind(), Kind::Array);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// `{...}`
    Object,
    /// `[...]`
    Array,
    /// `"..."`
    String,
    /// A number.
    Number,
    /// `true` or `false`.
    Bool,
    /// `null`.
    Null,
}

impl Kind {
    /// The kind's name as JSON texts use it.
    ///
    /// ```
    /// assert_eq!(jose_core::json::Kind::Bool.as_str(), "boolean");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            Kind::Object => "object",
            Kind::Array => "array",
            Kind::String => "string",
            Kind::Number => "number",
            Kind::Bool => "boolean",
            Kind::Null => "null",
        }
    }
}

/// A validated JSON value borrowed from the parsed input.
///
/// ```
/// let v = jose_core::json::parse(br#"{"a":[true,null]}"#).unwrap();
/// let items: Vec<_> = v.get("a").unwrap().elements().map(|e| e.kind()).collect();
/// assert_eq!(items, [jose_core::json::Kind::Bool, jose_core::json::Kind::Null]);
/// ```
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Value<'a> {
    raw: &'a str,
}

impl<'a> Value<'a> {
    /// The value's type.
    ///
    /// ```
    /// assert_eq!(jose_core::json::parse(b"-1.5e3").unwrap().kind(), jose_core::json::Kind::Number);
    /// ```
    pub fn kind(&self) -> Kind {
        match self.raw.as_bytes().first() {
            Some(b'{') => Kind::Object,
            Some(b'[') => Kind::Array,
            Some(b'"') => Kind::String,
            Some(b't' | b'f') => Kind::Bool,
            Some(b'n') => Kind::Null,
            _ => Kind::Number,
        }
    }

    /// The value's exact source text.
    ///
    /// ```
    /// assert_eq!(jose_core::json::parse(b" [1, 2] ").unwrap().raw(), "[1, 2]");
    /// ```
    pub fn raw(&self) -> &'a str {
        self.raw
    }

    /// The string, if this is one.
    ///
    /// ```
    /// let v = jose_core::json::parse(br#""caf\u00e9""#).unwrap();
    /// assert!(v.as_str().unwrap() == "café");
    /// ```
    pub fn as_str(&self) -> Option<JsonStr<'a>> {
        let inner = self.raw.strip_prefix('"')?.strip_suffix('"')?;
        Some(JsonStr { raw: inner })
    }

    /// The number, if this is one.
    ///
    /// ```
    /// let v = jose_core::json::parse(b"1700000000").unwrap();
    /// assert_eq!(v.as_number().unwrap().as_i64(), Some(1_700_000_000));
    /// ```
    pub fn as_number(&self) -> Option<Number<'a>> {
        (self.kind() == Kind::Number).then_some(Number { raw: self.raw })
    }

    /// The boolean, if this is one.
    ///
    /// ```
    /// assert_eq!(jose_core::json::parse(b"true").unwrap().as_bool(), Some(true));
    /// ```
    pub fn as_bool(&self) -> Option<bool> {
        match self.raw {
            "true" => Some(true),
            "false" => Some(false),
            _ => None,
        }
    }

    /// Whether this is `null`.
    ///
    /// ```
    /// assert!(jose_core::json::parse(b"null").unwrap().is_null());
    /// ```
    pub fn is_null(&self) -> bool {
        self.raw == "null"
    }

    /// The member named `name` (compared after unescaping), if this is an object
    /// that has one.
    ///
    /// ```
    /// let v = jose_core::json::parse(br#"{"x5t#S256":"abc"}"#).unwrap();
    /// assert!(v.get("x5t#S256").is_some());
    /// assert!(v.get("kid").is_none());
    /// ```
    pub fn get(&self, name: &str) -> Option<Value<'a>> {
        self.members()
            .find(|(member, _)| *member == name)
            .map(|(_, value)| value)
    }

    /// The members of an object in document order (empty for other kinds).
    ///
    /// ```
    /// let v = jose_core::json::parse(br#"{"a":1,"b":2}"#).unwrap();
    /// assert_eq!(v.members().count(), 2);
    /// ```
    pub fn members(&self) -> Members<'a> {
        match self.kind() {
            Kind::Object => Members::new(self.raw),
            _ => Members::new(""),
        }
    }

    /// The elements of an array in document order (empty for other kinds).
    ///
    /// ```
    /// let v = jose_core::json::parse(b"[1,[2,3],4]").unwrap();
    /// assert_eq!(v.elements().count(), 3);
    /// ```
    pub fn elements(&self) -> Elements<'a> {
        // A validated array's text is `[...]`; anything else has no elements.
        let inner = match self.kind() {
            Kind::Array => self
                .raw
                .strip_prefix('[')
                .and_then(|s| s.strip_suffix(']'))
                .unwrap_or(""),
            _ => "",
        };
        Elements {
            cursor: Cursor::new(inner),
        }
    }
}

impl<'a> Value<'a> {
    /// A view of text that `parse` has already validated.
    pub(crate) fn validated(raw: &'a str) -> Self {
        Value { raw }
    }
}

impl fmt::Debug for Value<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // A value may be decrypted claims: its kind and size, never its text
        // (`raw()` gives the text to whoever asks for it by name).
        write!(
            f,
            "Value({}, {} bytes)",
            self.kind().as_str(),
            self.raw.len()
        )
    }
}

/// A scanner over validated JSON text. It never fails: on text that is not
/// valid (which `parse` rules out) it stops early instead of panicking.
#[derive(Clone)]
struct Cursor<'a> {
    s: &'a str,
    pos: usize,
}

impl<'a> Cursor<'a> {
    fn new(s: &'a str) -> Self {
        Cursor { s, pos: 0 }
    }

    fn byte(&self) -> Option<u8> {
        self.s.as_bytes().get(self.pos).copied()
    }

    fn skip_ws_and(&mut self, separators: &[u8]) {
        while let Some(b) = self.byte() {
            if b == b' ' || b == b'\t' || b == b'\n' || b == b'\r' || separators.contains(&b) {
                self.pos += 1;
            } else {
                break;
            }
        }
    }

    /// Returns the next value's text and moves past it.
    fn value(&mut self) -> Option<&'a str> {
        let start = self.pos;
        let bytes = self.s.as_bytes();
        match self.byte()? {
            b'"' => {
                self.pos += 1;
                while let Some(b) = bytes.get(self.pos) {
                    self.pos += if *b == b'\\' { 2 } else { 1 };
                    if *b == b'"' {
                        break;
                    }
                }
            }
            b'{' | b'[' => {
                let mut depth = 0usize;
                let mut in_string = false;
                while let Some(b) = bytes.get(self.pos) {
                    self.pos += 1;
                    match (in_string, b) {
                        (true, b'\\') => self.pos += 1,
                        (true, b'"') | (false, b'"') => in_string = !in_string,
                        (false, b'{' | b'[') => depth += 1,
                        (false, b'}' | b']') => {
                            depth = depth.saturating_sub(1);
                            if depth == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                }
            }
            _ => {
                while let Some(b) = self.byte() {
                    if matches!(b, b',' | b']' | b'}' | b':' | b' ' | b'\t' | b'\n' | b'\r') {
                        break;
                    }
                    self.pos += 1;
                }
            }
        }
        let end = self.pos.min(self.s.len());
        self.s.get(start..end).filter(|v| !v.is_empty())
    }
}

/// Iterator over an object's members: `(name, value)` pairs.
///
/// ```
/// let v = jose_core::json::parse(br#"{"a":1}"#).unwrap();
/// let (name, value) = v.members().next().unwrap();
/// assert!(name == "a");
/// assert_eq!(value.raw(), "1");
/// ```
#[derive(Clone)]
pub struct Members<'a> {
    cursor: Cursor<'a>,
}

impl<'a> Members<'a> {
    fn new(object: &'a str) -> Self {
        let mut cursor = Cursor::new(object);
        cursor.pos = usize::from(!object.is_empty()); // past '{'
        Members { cursor }
    }
}

impl<'a> Iterator for Members<'a> {
    type Item = (JsonStr<'a>, Value<'a>);

    fn next(&mut self) -> Option<Self::Item> {
        self.cursor.skip_ws_and(b",");
        let name = self.cursor.value()?;
        let name = Value { raw: name }.as_str()?;
        self.cursor.skip_ws_and(b":");
        let value = self.cursor.value()?;
        Some((name, Value { raw: value }))
    }
}

/// Iterator over an array's elements.
///
/// ```
/// let v = jose_core::json::parse(br#"["x",2]"#).unwrap();
/// assert_eq!(v.elements().nth(1).unwrap().raw(), "2");
/// ```
#[derive(Clone)]
pub struct Elements<'a> {
    cursor: Cursor<'a>,
}

impl<'a> Iterator for Elements<'a> {
    type Item = Value<'a>;

    fn next(&mut self) -> Option<Self::Item> {
        self.cursor.skip_ws_and(b",");
        self.cursor.value().map(|raw| Value { raw })
    }
}

/// A JSON string as it appears in the document, escapes intact. Comparing and
/// decoding unescape on the fly, without allocating.
///
/// ```
/// let v = jose_core::json::parse(br#""a\"b""#).unwrap();
/// let s = v.as_str().unwrap();
/// assert_eq!(s.raw(), r#"a\"b"#);
/// assert!(s == "a\"b");
/// ```
#[derive(Clone, Copy)]
pub struct JsonStr<'a> {
    raw: &'a str,
}

impl<'a> JsonStr<'a> {
    /// A view of string content (between the quotes) that `parse` validated.
    pub(crate) fn validated(raw: &'a str) -> Self {
        JsonStr { raw }
    }

    /// The text between the quotes, escapes intact.
    ///
    /// ```
    /// let v = jose_core::json::parse(br#""\u00e9""#).unwrap();
    /// assert_eq!(v.as_str().unwrap().raw(), r"\u00e9");
    /// ```
    pub fn raw(&self) -> &'a str {
        self.raw
    }

    /// The string itself when it contains no escape (the common case for
    /// JOSE names), borrowed from the document.
    ///
    /// ```
    /// let v = jose_core::json::parse(br#"["plain","\n"]"#).unwrap();
    /// let mut it = v.elements();
    /// assert_eq!(it.next().unwrap().as_str().unwrap().as_plain(), Some("plain"));
    /// assert_eq!(it.next().unwrap().as_str().unwrap().as_plain(), None);
    /// ```
    pub fn as_plain(&self) -> Option<&'a str> {
        (!self.raw.contains('\\')).then_some(self.raw)
    }

    /// The unescaped characters.
    ///
    /// ```
    /// let v = jose_core::json::parse(br#""\ud83d\ude00!""#).unwrap();
    /// assert_eq!(v.as_str().unwrap().chars().collect::<String>(), "😀!");
    /// ```
    pub fn chars(&self) -> Chars<'a> {
        Chars {
            rest: self.raw.chars(),
        }
    }

    /// The length in bytes of the unescaped UTF-8 string.
    ///
    /// ```
    /// let v = jose_core::json::parse(br#""\u00e9""#).unwrap();
    /// assert_eq!(v.as_str().unwrap().decoded_len(), 2);
    /// ```
    pub fn decoded_len(&self) -> usize {
        self.chars().map(char::len_utf8).sum()
    }

    /// Unescapes into `out` and returns the string written there.
    ///
    /// ```
    /// let v = jose_core::json::parse(br#""caf\u00e9""#).unwrap();
    /// let mut buf = [0u8; 16];
    /// assert_eq!(v.as_str().unwrap().decode_into(&mut buf).unwrap(), "café");
    /// ```
    pub fn decode_into<'o>(&self, out: &'o mut [u8]) -> Result<&'o str, Error> {
        let need = self.decoded_len();
        let have = out.len();
        let out = out.get_mut(..need).ok_or(
            Error::new(
                ErrorKind::Buffer,
                Some(Part::Json),
                "buffer too small for the string",
            )
            .with(Detail::Buffer { have, need }),
        )?;
        let mut pos = 0;
        for c in self.chars() {
            let len = c.len_utf8();
            if let Some(dst) = out.get_mut(pos..pos + len) {
                c.encode_utf8(dst);
            }
            pos += len;
        }
        core::str::from_utf8(out)
            .map_err(|_| Error::malformed(Part::Json, "string does not decode to UTF-8"))
    }

    /// Orders two strings by their unescaped text (code point order, which
    /// is the byte order of their UTF-8), without decoding either when
    /// neither has an escape.
    fn cmp_unescaped(&self, other: &JsonStr<'_>) -> core::cmp::Ordering {
        match (self.as_plain(), other.as_plain()) {
            (Some(a), Some(b)) => a.as_bytes().cmp(b.as_bytes()),
            _ => self.chars().cmp(other.chars()),
        }
    }

    /// Whether two names are the same string after unescaping.
    fn same_name(&self, other: &JsonStr<'_>) -> bool {
        if self.raw == other.raw {
            return true;
        }
        if !self.raw.contains('\\') && !other.raw.contains('\\') {
            return false;
        }
        self.chars().eq(other.chars())
    }
}

impl PartialEq for JsonStr<'_> {
    fn eq(&self, other: &JsonStr<'_>) -> bool {
        self.same_name(other)
    }
}

impl PartialEq<str> for JsonStr<'_> {
    fn eq(&self, other: &str) -> bool {
        match self.as_plain() {
            Some(plain) => plain == other,
            None => self.chars().eq(other.chars()),
        }
    }
}

impl PartialEq<&str> for JsonStr<'_> {
    fn eq(&self, other: &&str) -> bool {
        *self == **other
    }
}

impl fmt::Debug for JsonStr<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "\"{}\"", self.raw)
    }
}

impl fmt::Display for JsonStr<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use fmt::Write;
        self.chars().try_for_each(|c| f.write_char(c))
    }
}

/// Iterator over the unescaped characters of a [`JsonStr`].
///
/// ```
/// let v = jose_core::json::parse(br#""a\tb""#).unwrap();
/// assert_eq!(v.as_str().unwrap().chars().nth(1), Some('\t'));
/// ```
#[derive(Clone)]
pub struct Chars<'a> {
    rest: core::str::Chars<'a>,
}

impl Chars<'_> {
    fn hex4(&mut self) -> Option<u32> {
        let rest = self.rest.as_str();
        let mut unit = 0u32;
        for byte in rest.as_bytes().get(..4)? {
            unit = unit << 4 | hex_digit(*byte)?;
        }
        self.rest = rest.get(4..)?.chars();
        Some(unit)
    }
}

impl Iterator for Chars<'_> {
    type Item = char;

    fn next(&mut self) -> Option<char> {
        let c = self.rest.next()?;
        if c != '\\' {
            return Some(c);
        }
        match self.rest.next()? {
            'b' => Some('\u{8}'),
            'f' => Some('\u{c}'),
            'n' => Some('\n'),
            'r' => Some('\r'),
            't' => Some('\t'),
            'u' => {
                let unit = self.hex4()?;
                if (0xD800..0xDC00).contains(&unit) {
                    // validated: a low surrogate escape follows
                    self.rest.next()?;
                    self.rest.next()?;
                    let low = self.hex4()?;
                    char::from_u32(0x10000 + ((unit - 0xD800) << 10) + (low.checked_sub(0xDC00)?))
                } else {
                    char::from_u32(unit)
                }
            }
            other => Some(other), // '"', '\\', '/'
        }
    }
}

/// A JSON number, kept as its source text until a typed accessor reads it.
///
/// ```
/// let v = jose_core::json::parse(b"1e3").unwrap();
/// let n = v.as_number().unwrap();
/// assert_eq!(n.as_i64(), None); // not written as an integer
/// assert_eq!(n.as_f64(), Some(1000.0));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Number<'a> {
    raw: &'a str,
}

impl<'a> Number<'a> {
    /// The number's source text.
    ///
    /// ```
    /// let v = jose_core::json::parse(b"-0.5").unwrap();
    /// assert_eq!(v.as_number().unwrap().raw(), "-0.5");
    /// ```
    pub fn raw(&self) -> &'a str {
        self.raw
    }

    /// The value, if it is written as an integer (no fraction, no exponent) that
    /// fits an `i64`. Out-of-range values are `None`, never wrapped.
    ///
    /// ```
    /// let big = jose_core::json::parse(b"9223372036854775808").unwrap();
    /// assert_eq!(big.as_number().unwrap().as_i64(), None);
    /// ```
    pub fn as_i64(&self) -> Option<i64> {
        let (negative, digits) = match self.raw.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, self.raw),
        };
        let mut value: i64 = 0;
        for b in digits.bytes() {
            let digit = i64::from(char::from(b).to_digit(10)? as u8);
            value = value.checked_mul(10)?;
            value = if negative {
                value.checked_sub(digit)?
            } else {
                value.checked_add(digit)?
            };
        }
        Some(value)
    }

    /// The value as the nearest `f64`, if it is finite.
    ///
    /// ```
    /// let huge = jose_core::json::parse(b"1e400").unwrap();
    /// assert_eq!(huge.as_number().unwrap().as_f64(), None);
    /// ```
    pub fn as_f64(&self) -> Option<f64> {
        self.raw.parse::<f64>().ok().filter(|v| v.is_finite())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind_of(input: &[u8]) -> Option<ErrorKind> {
        parse(input).err().map(|e| e.kind())
    }

    #[test]
    fn accepts_the_grammar() {
        for ok in [
            &br#"{}"#[..],
            b"[]",
            b" \t\r\n{ \"a\" : [ 1 , -0 , 0.5 , 1e5 , 1E-5 , -1.25e+10 ] } ",
            br#""\"\\\/\b\f\n\r\t\u0000\ud83d\ude00""#,
            b"true",
            b"null",
            "\"caf\u{e9}\"".as_bytes(),
        ] {
            assert!(parse(ok).is_ok(), "{:?}", core::str::from_utf8(ok));
        }
    }

    #[test]
    fn rejects_what_rfc_8259_forbids() {
        for bad in [
            &b""[..],
            b"01",
            b"1.",
            b".5",
            b"+1",
            b"1e",
            b"[1,]",
            b"{\"a\":1,}",
            b"{a:1}",
            b"'a'",
            b"\"a\x01\"",
            b"\"\\x\"",
            b"\"\\u12\"",
            b"\"\\ud800\"",
            b"\"\\udc00\"",
            b"\"\\ud800\\u0041\"",
            b"tru",
            b"nul",
            b"{} {}",
            b"\xEF\xBB\xBF{}",
            b"\"\xff\"",
            b"[1 2]",
            b"{\"a\" 1}",
            b"NaN",
        ] {
            assert_eq!(kind_of(bad), Some(ErrorKind::Malformed), "{bad:?}");
        }
    }

    #[test]
    fn rejects_duplicates_after_unescaping() {
        assert_eq!(kind_of(br#"{"a":1,"a":2}"#), Some(ErrorKind::Malformed));
        assert_eq!(
            kind_of(br#"{"a":1,"\u0061":2}"#),
            Some(ErrorKind::Malformed)
        );
        assert_eq!(
            kind_of(br#"{"x":{"b":1,"c":{"b":1},"b":3}}"#),
            Some(ErrorKind::Malformed)
        );
        assert!(parse(br#"{"a":{"a":1},"b":{"a":2}}"#).is_ok());
    }

    #[test]
    fn finds_duplicates_across_batches() {
        let mut doc = alloc::string::String::from("{");
        for i in 0..40 {
            doc.push_str(&alloc::format!("\"m{i}\":{i},"));
        }
        doc.push_str("\"m3\":0}");
        let err = parse(doc.as_bytes()).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Malformed);
        assert!(alloc::format!("{err}").contains("duplicate"));
        let unique = doc.replace("\"m3\":0}", "\"m40\":0}");
        assert!(parse(unique.as_bytes()).is_ok());
    }

    #[test]
    fn bounds_depth_without_recursing_further() {
        let deep = [b'['; 10_000];
        assert_eq!(kind_of(&deep), Some(ErrorKind::TooLarge));
        let mut ok = [b'['; 2 * MAX_DEPTH];
        ok[MAX_DEPTH..].fill(b']');
        assert!(parse(&ok).is_ok());
    }

    #[test]
    fn bounds_members() {
        let mut doc = alloc::string::String::from("{");
        for i in 0..=MAX_MEMBERS {
            doc.push_str(&alloc::format!("\"{i}\":0,"));
        }
        doc.pop();
        doc.push('}');
        assert_eq!(kind_of(doc.as_bytes()), Some(ErrorKind::TooLarge));
    }

    #[test]
    fn walks_values_without_reparsing() {
        let v = parse(br#" { "a" : "x,]}" , "b" : [ {"c":"\"]"} , 2 ] , "d":{} } "#).unwrap();
        let names: alloc::vec::Vec<_> = v.members().map(|(n, _)| n.raw()).collect();
        assert_eq!(names, ["a", "b", "d"]);
        assert_eq!(v.get("b").unwrap().elements().count(), 2);
        let c = v
            .get("b")
            .unwrap()
            .elements()
            .next()
            .unwrap()
            .get("c")
            .unwrap();
        assert!(c.as_str().unwrap() == "\"]");
        assert_eq!(v.get("d").unwrap().members().count(), 0);
    }

    #[test]
    fn numbers_never_wrap() {
        fn n(s: &[u8]) -> Number<'_> {
            parse(s).unwrap().as_number().unwrap()
        }
        assert_eq!(n(b"-9223372036854775808").as_i64(), Some(i64::MIN));
        assert_eq!(n(b"9223372036854775807").as_i64(), Some(i64::MAX));
        assert_eq!(n(b"-9223372036854775809").as_i64(), None);
        assert_eq!(n(b"1.5").as_i64(), None);
        assert_eq!(n(b"1.5").as_f64(), Some(1.5));
        assert_eq!(n(b"-1e400").as_f64(), None);
    }
}
