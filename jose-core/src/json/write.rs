//! The writer: JSON objects into a caller's buffer, without allocating.
//!
//! Strings are escaped as RFC 8259 requires (quote, backslash, and control
//! characters; everything else, non-ASCII included, passes through as UTF-8).
//! Numbers are integers or finite floats. When the buffer runs out the writer
//! keeps counting, so the error says exactly how large the buffer must be.

use core::fmt::{self, Write};

use crate::error::{Detail, Error, ErrorKind, Part};

/// The shared output: a buffer, how much is written, how much was needed.
struct Out<'b> {
    buf: &'b mut [u8],
    len: usize,
    invalid: Option<&'static str>,
}

impl Out<'_> {
    /// `bytes[range]`, or an invalid output when the range is not in it
    /// (unreachable: the ranges come from iterating `bytes` itself).
    fn push_part(&mut self, bytes: &[u8], range: core::ops::Range<usize>) {
        match bytes.get(range) {
            Some(part) => self.push(part),
            None => self.invalid = Some("internal: a range outside the text written"),
        }
    }

    fn push(&mut self, bytes: &[u8]) {
        if let Some(dst) = self.buf.get_mut(self.len..self.len + bytes.len()) {
            dst.copy_from_slice(bytes);
        }
        // Past the end, only count: the error reports the size needed.
        self.len += bytes.len();
    }

    fn string(&mut self, s: &str) {
        self.push(b"\"");
        let mut plain_from = 0;
        for (i, b) in s.bytes().enumerate() {
            let escape: Option<&[u8]> = match b {
                b'"' => Some(b"\\\""),
                b'\\' => Some(b"\\\\"),
                b'\n' => Some(b"\\n"),
                b'\r' => Some(b"\\r"),
                b'\t' => Some(b"\\t"),
                0x08 => Some(b"\\b"),
                0x0C => Some(b"\\f"),
                0x00..=0x1F => None,
                _ => continue,
            };
            self.push_part(s.as_bytes(), plain_from..i);
            match escape {
                Some(e) => self.push(e),
                None => {
                    const HEX: &[u8; 16] = b"0123456789abcdef";
                    let hex = |n: u8| HEX.get(usize::from(n)).copied().unwrap_or(b'0');
                    self.push(&[b'\\', b'u', b'0', b'0', hex(b >> 4), hex(b & 0xF)]);
                }
            }
            plain_from = i + 1;
        }
        self.push_part(s.as_bytes(), plain_from..s.len());
        self.push(b"\"");
    }

    /// A nested object, written by its own writer over the rest of the buffer.
    /// A string of `len` bytes that `fill` writes in place (base64 text,
    /// which needs no escaping; `finish` parses the whole text again).
    fn encoded(&mut self, len: usize, fill: impl FnOnce(&mut [u8]) -> Result<(), Error>) {
        self.push(b"\"");
        if let Some(dst) = self.buf.get_mut(self.len..self.len + len) {
            if fill(dst).is_err() {
                self.invalid = Some("a value could not be encoded");
            }
        }
        self.len += len;
        self.push(b"\"");
    }

    fn object(&mut self, fill: impl FnOnce(&mut ObjectWriter<'_>)) {
        // Past the end of the buffer the inner writer gets no room and only
        // counts, as `push` does: the size needed is still reported.
        let rest: &mut [u8] = match self.buf.get_mut(self.len..) {
            Some(rest) => rest,
            None => &mut [],
        };
        let mut inner = ObjectWriter::new(rest);
        fill(&mut inner);
        inner.out.push(b"}");
        self.len += inner.out.len;
        self.invalid = self.invalid.or(inner.out.invalid);
    }

    fn float(&mut self, value: f64) {
        if !value.is_finite() {
            self.invalid = Some("JSON has no NaN or infinity");
            return;
        }
        let _ = write!(self, "{value}");
    }
}

impl Write for Out<'_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.push(s.as_bytes());
        Ok(())
    }
}

/// Writes one JSON object into a buffer.
///
/// ```
/// use jose_core::json::ObjectWriter;
///
/// let mut buf = [0u8; 128];
/// let mut w = ObjectWriter::new(&mut buf);
/// w.string("iss", "https://idp.example/");
/// w.integer("exp", 1_700_000_000);
/// w.array("aud", |a| {
///     a.string("api");
///     a.string("caf\u{e9} \"quoted\"");
/// });
/// let json = w.finish()?;
/// assert_eq!(json, r#"{"iss":"https://idp.example/","exp":1700000000,"aud":["api","café \"quoted\""]}"#);
/// assert!(jose_core::json::parse(json.as_bytes()).is_ok());
/// # Ok::<(), jose_core::Error>(())
/// ```
pub struct ObjectWriter<'b> {
    out: Out<'b>,
    first: bool,
}

impl<'b> ObjectWriter<'b> {
    /// Starts an object at the front of `buf`.
    ///
    /// ```
    /// let mut buf = [0u8; 8];
    /// assert_eq!(jose_core::json::ObjectWriter::new(&mut buf).finish()?, "{}");
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn new(buf: &'b mut [u8]) -> Self {
        let mut out = Out {
            buf,
            len: 0,
            invalid: None,
        };
        out.push(b"{");
        ObjectWriter { out, first: true }
    }

    fn name(&mut self, name: &str) {
        if !self.first {
            self.out.push(b",");
        }
        self.first = false;
        self.out.string(name);
        self.out.push(b":");
    }

    /// A string member of `len` bytes written in place by `fill` (base64).
    pub(crate) fn encoded(
        &mut self,
        name: &str,
        len: usize,
        fill: impl FnOnce(&mut [u8]) -> Result<(), Error>,
    ) -> &mut Self {
        self.name(name);
        self.out.encoded(len, fill);
        self
    }

    /// A string member.
    ///
    /// ```
    /// let mut buf = [0u8; 32];
    /// let mut w = jose_core::json::ObjectWriter::new(&mut buf);
    /// w.string("sub", "a\nb");
    /// assert_eq!(w.finish()?, r#"{"sub":"a\nb"}"#);
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn string(&mut self, name: &str, value: &str) -> &mut Self {
        self.name(name);
        self.out.string(value);
        self
    }

    /// An integer member.
    ///
    /// ```
    /// let mut buf = [0u8; 32];
    /// let mut w = jose_core::json::ObjectWriter::new(&mut buf);
    /// w.integer("n", -5);
    /// assert_eq!(w.finish()?, r#"{"n":-5}"#);
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn integer(&mut self, name: &str, value: i64) -> &mut Self {
        self.name(name);
        let _ = write!(self.out, "{value}");
        self
    }

    /// A number member; NaN and infinities are refused at [`ObjectWriter::finish`].
    ///
    /// ```
    /// let mut buf = [0u8; 32];
    /// let mut w = jose_core::json::ObjectWriter::new(&mut buf);
    /// w.number("x", 1.5);
    /// assert_eq!(w.finish()?, r#"{"x":1.5}"#);
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn number(&mut self, name: &str, value: f64) -> &mut Self {
        self.name(name);
        self.out.float(value);
        self
    }

    /// A boolean member.
    ///
    /// ```
    /// let mut buf = [0u8; 32];
    /// let mut w = jose_core::json::ObjectWriter::new(&mut buf);
    /// w.boolean("ok", true);
    /// assert_eq!(w.finish()?, r#"{"ok":true}"#);
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn boolean(&mut self, name: &str, value: bool) -> &mut Self {
        self.name(name);
        self.out.push(if value { b"true" } else { b"false" });
        self
    }

    /// An array member, filled by `fill`.
    ///
    /// ```
    /// let mut buf = [0u8; 32];
    /// let mut w = jose_core::json::ObjectWriter::new(&mut buf);
    /// w.array("a", |a| { a.integer(1); a.boolean(false); });
    /// assert_eq!(w.finish()?, r#"{"a":[1,false]}"#);
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn array(&mut self, name: &str, fill: impl FnOnce(&mut ArrayWriter<'_, 'b>)) -> &mut Self {
        self.name(name);
        self.out.push(b"[");
        let mut array = ArrayWriter {
            out: &mut self.out,
            first: true,
        };
        fill(&mut array);
        self.out.push(b"]");
        self
    }

    /// An object member, filled by `fill`.
    ///
    /// ```
    /// let mut buf = [0u8; 32];
    /// let mut w = jose_core::json::ObjectWriter::new(&mut buf);
    /// w.object("o", |o| { o.string("k", "v"); });
    /// assert_eq!(w.finish()?, r#"{"o":{"k":"v"}}"#);
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn object(&mut self, name: &str, fill: impl FnOnce(&mut ObjectWriter<'_>)) -> &mut Self {
        self.name(name);
        self.out.object(fill);
        self
    }

    /// A member whose value is JSON text the caller has validated (a
    /// public JWK): written as is. `finish` parses the whole text again, so
    /// text that is not one JSON value fails there.
    pub(crate) fn raw(&mut self, name: &str, json: &str) -> &mut Self {
        self.name(name);
        self.out.push(json.as_bytes());
        self
    }

    /// Closes the object and returns its text, or the error: `buffer` (with
    /// the size needed), `malformed` (a non-finite number, or a name written
    /// twice in one object) or `too_large` (past the reader's limits). The
    /// text is read back with [`super::parse`] before it is returned, so what
    /// the writer gives is exactly what the reader accepts.
    ///
    /// ```
    /// let mut buf = [0u8; 4];
    /// let mut w = jose_core::json::ObjectWriter::new(&mut buf);
    /// w.string("k", "v");
    /// let err = w.finish().unwrap_err();
    /// assert_eq!(err.kind(), jose_core::ErrorKind::Buffer);
    /// assert!(err.to_string().contains("9 needed"));
    ///
    /// let mut buf = [0u8; 64];
    /// let mut w = jose_core::json::ObjectWriter::new(&mut buf);
    /// w.string("sub", "a").string("sub", "b");
    /// assert!(w.finish().unwrap_err().to_string().contains("duplicate"));
    /// ```
    pub fn finish(mut self) -> Result<&'b str, Error> {
        self.out.push(b"}");
        if let Some(reason) = self.out.invalid {
            return Err(Error::malformed(Part::Json, reason));
        }
        let have = self.out.buf.len();
        let Out { buf, len, .. } = self.out;
        let written = buf.get(..len).ok_or(
            Error::new(
                ErrorKind::Buffer,
                Some(Part::Json),
                "buffer too small for the JSON",
            )
            .with(Detail::Buffer { have, need: len }),
        )?;
        let text =
            core::str::from_utf8(written).map_err(|_| Error::malformed(Part::Json, "not UTF-8"))?;
        super::parse(text.as_bytes())?;
        Ok(text)
    }
}

/// Writes the elements of an array (see [`ObjectWriter::array`]).
///
/// ```
/// let mut buf = [0u8; 64];
/// let mut w = jose_core::json::ObjectWriter::new(&mut buf);
/// w.array("permissions", |a| { a.string("read:a"); a.string("write:a"); });
/// assert_eq!(w.finish()?, r#"{"permissions":["read:a","write:a"]}"#);
/// # Ok::<(), jose_core::Error>(())
/// ```
pub struct ArrayWriter<'o, 'b> {
    out: &'o mut Out<'b>,
    first: bool,
}

impl ArrayWriter<'_, '_> {
    fn next(&mut self) {
        if !self.first {
            self.out.push(b",");
        }
        self.first = false;
    }

    /// A string element.
    ///
    /// ```
    /// let mut buf = [0u8; 16];
    /// let mut w = jose_core::json::ObjectWriter::new(&mut buf);
    /// w.array("a", |a| { a.string("x"); });
    /// assert_eq!(w.finish()?, r#"{"a":["x"]}"#);
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn string(&mut self, value: &str) -> &mut Self {
        self.next();
        self.out.string(value);
        self
    }

    /// A string element of `len` bytes written in place by `fill` (base64).
    pub(crate) fn encoded(
        &mut self,
        len: usize,
        fill: impl FnOnce(&mut [u8]) -> Result<(), Error>,
    ) -> &mut Self {
        self.next();
        self.out.encoded(len, fill);
        self
    }

    /// An integer element.
    ///
    /// ```
    /// let mut buf = [0u8; 16];
    /// let mut w = jose_core::json::ObjectWriter::new(&mut buf);
    /// w.array("a", |a| { a.integer(7); });
    /// assert_eq!(w.finish()?, r#"{"a":[7]}"#);
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn integer(&mut self, value: i64) -> &mut Self {
        self.next();
        let _ = write!(self.out, "{value}");
        self
    }

    /// A number element; NaN and infinities are refused at the end.
    ///
    /// ```
    /// let mut buf = [0u8; 16];
    /// let mut w = jose_core::json::ObjectWriter::new(&mut buf);
    /// w.array("a", |a| { a.number(f64::NAN); });
    /// assert!(w.finish().is_err());
    /// ```
    pub fn number(&mut self, value: f64) -> &mut Self {
        self.next();
        self.out.float(value);
        self
    }

    /// A boolean element.
    ///
    /// ```
    /// let mut buf = [0u8; 16];
    /// let mut w = jose_core::json::ObjectWriter::new(&mut buf);
    /// w.array("a", |a| { a.boolean(true); });
    /// assert_eq!(w.finish()?, r#"{"a":[true]}"#);
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn boolean(&mut self, value: bool) -> &mut Self {
        self.next();
        self.out.push(if value { b"true" } else { b"false" });
        self
    }

    /// An object element, filled by `fill`.
    ///
    /// ```
    /// let mut buf = [0u8; 32];
    /// let mut w = jose_core::json::ObjectWriter::new(&mut buf);
    /// w.array("a", |a| { a.object(|o| { o.integer("n", 1); }); });
    /// assert_eq!(w.finish()?, r#"{"a":[{"n":1}]}"#);
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn object(&mut self, fill: impl FnOnce(&mut ObjectWriter<'_>)) -> &mut Self {
        self.next();
        self.out.object(fill);
        self
    }
}
