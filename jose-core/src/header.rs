//! The JOSE protected header: decoded into a fixed buffer, read once.
//!
//! This module owns the header rules shared by JWE and JWS: the header is a JSON
//! object; `alg`, `enc`, `kid`, `cty` and `typ` are strings; `x5t#S256` is the
//! base64url of 32 bytes; `zip` is refused (no decompression, ever); `crit` is
//! checked strictly and, since the crate implements no extension, any name it
//! lists is refused. Members that carry or point at keys (`jwk`, `jku`, `x5c`,
//! `x5u`) are ignored: keys come from the caller, never from the token.

use core::fmt;
use core::ops::Range;

use crate::base64url;
use crate::error::{Detail, Error, Part};
use crate::json::{self, JsonStr, Kind, Value};
use crate::policy::MAX_HEADER_LEN;

/// Header parameter names registered by RFC 7515 and RFC 7516/7518. `crit` may
/// not list them (RFC 7515 §4.1.11).
const REGISTERED: &[&str] = &[
    "alg", "enc", "zip", "jku", "jwk", "kid", "x5u", "x5c", "x5t", "x5t#S256", "typ", "cty",
    "crit", "epk", "apu", "apv", "iv", "tag", "p2s", "p2c",
];

/// Where the members the crate reads sit in the decoded header text.
#[derive(Clone, Debug, Default)]
struct Fields {
    value: Range<usize>,
    alg: Range<usize>,
    enc: Option<Range<usize>>,
    kid: Option<Range<usize>>,
    cty: Option<Range<usize>>,
    typ: Option<Range<usize>>,
    x5t_s256: Option<[u8; 32]>,
}

impl Fields {
    const EMPTY: Fields = Fields {
        value: 0..0,
        alg: 0..0,
        enc: None,
        kid: None,
        cty: None,
        typ: None,
        x5t_s256: None,
    };
}

/// A decoded, validated protected header, held in storage `S`: a fixed 4 KiB
/// array for the standalone views ([`crate::jwe::Compact::parse`]), or a
/// slice of the caller's buffer on the nested path, where nothing of 4 KiB
/// may sit on the stack.
#[derive(Clone)]
pub(crate) struct HeaderBuf<S = [u8; MAX_HEADER_LEN]> {
    bytes: S,
    len: usize,
    fields: Fields,
}

impl<S> HeaderBuf<S> {
    /// An empty header in `storage`.
    pub(crate) const fn with_storage(storage: S) -> Self {
        HeaderBuf {
            bytes: storage,
            len: 0,
            fields: Fields::EMPTY,
        }
    }
}

impl<S: AsRef<[u8]> + AsMut<[u8]>> HeaderBuf<S> {
    /// Decodes the base64url header part (public: the fast decoder) into the
    /// storage, in place (built elsewhere and moved, a 4 KiB array costs
    /// stack), and checks every header rule. `max_len` is the policy's limit
    /// on the decoded size; storage shorter than the header is a `buffer`
    /// error.
    pub(crate) fn decode_into(&mut self, encoded: &[u8], max_len: usize) -> Result<(), Error> {
        let len = checked_header_len(encoded, max_len)?;
        base64url::decode_public(encoded, self.bytes.as_mut(), Part::Header)?;
        self.len = len;
        self.fields = read_fields(self.bytes.as_ref().get(..len).ok_or(Error::internal())?)?;
        Ok(())
    }
}

/// The text of header bytes that `read_fields` accepted (UTF-8 JSON), or
/// an empty text. The empty text is unreachable (the bytes and their range
/// were checked when the header was read); were it reached, every member
/// would read as absent and the token be refused, never misread.
fn header_text(bytes: Option<&[u8]>) -> &str {
    bytes
        .and_then(|b| core::str::from_utf8(b).ok())
        .unwrap_or("")
}

impl<S: AsRef<[u8]>> HeaderBuf<S> {
    /// A view of the header.
    pub(crate) fn view(&self) -> Header<'_> {
        Header {
            text: header_text(self.bytes.as_ref().get(..self.len)),
            fields: &self.fields,
        }
    }
}

/// A header's storage in the caller's buffer, wiped when dropped: a failure
/// anywhere after the header is decoded leaves the buffer as it found it.
pub(crate) struct WipedStorage<'b>(&'b mut [u8]);

impl<'b> WipedStorage<'b> {
    pub(crate) fn new(storage: &'b mut [u8]) -> Self {
        WipedStorage(storage)
    }
}

impl AsRef<[u8]> for WipedStorage<'_> {
    fn as_ref(&self) -> &[u8] {
        self.0
    }
}

impl AsMut<[u8]> for WipedStorage<'_> {
    fn as_mut(&mut self) -> &mut [u8] {
        self.0
    }
}

impl Drop for WipedStorage<'_> {
    fn drop(&mut self) {
        zeroize::Zeroize::zeroize(self.0);
    }
}

impl<'b> HeaderBuf<WipedStorage<'b>> {
    /// The header as text borrowed for `'b`, kept (not wiped) from now on.
    pub(crate) fn into_text(mut self) -> HeaderText<'b> {
        let bytes: &'b mut [u8] = core::mem::take(&mut self.bytes.0);
        let bytes: &'b [u8] = bytes;
        HeaderText {
            text: header_text(bytes.get(..self.len)),
            fields: self.fields,
        }
    }
}

/// A decoded, validated header whose text lives in the caller's buffer.
#[derive(Clone)]
pub(crate) struct HeaderText<'a> {
    text: &'a str,
    fields: Fields,
}

impl HeaderText<'_> {
    /// The same header, its text copied to `start` of another buffer.
    pub(crate) fn placed_at(&self, start: usize) -> HeaderAt {
        HeaderAt {
            range: start..start + self.text.len(),
            fields: self.fields.clone(),
        }
    }

    /// A view of the header.
    pub(crate) fn view(&self) -> Header<'_> {
        Header {
            text: self.text,
            fields: &self.fields,
        }
    }
}

/// A decoded, validated header at `range` of a buffer the holder keeps
/// elsewhere (the signed token's header, decoded in place in the plaintext).
#[derive(Clone)]
pub(crate) struct HeaderAt {
    range: Range<usize>,
    fields: Fields,
}

impl HeaderAt {
    /// Checks the header text at `range` of `buf` and records where its
    /// members are.
    pub(crate) fn read(buf: &[u8], range: Range<usize>) -> Result<Self, Error> {
        let decoded = buf
            .get(range.clone())
            .ok_or_else(|| Error::malformed(Part::Header, "outside the buffer"))?;
        let fields = read_fields(decoded)?;
        Ok(HeaderAt { range, fields })
    }

    /// A view of the header, whose text is in `buf`.
    pub(crate) fn view<'a>(&'a self, buf: &'a [u8]) -> Header<'a> {
        Header {
            text: header_text(buf.get(self.range.clone())),
            fields: &self.fields,
        }
    }

    /// The header as text borrowed from `buf`.
    pub(crate) fn into_text(self, buf: &[u8]) -> HeaderText<'_> {
        HeaderText {
            text: header_text(buf.get(self.range)),
            fields: self.fields,
        }
    }
}

/// The decoded length of an encoded header part, within `max_len` and not
/// empty: `too_large` past the limit, before anything is decoded.
pub(crate) fn checked_header_len(encoded: &[u8], max_len: usize) -> Result<usize, Error> {
    let max_len = max_len.min(MAX_HEADER_LEN);
    let len = base64url::checked_decoded_len(encoded, Part::Header)?;
    if len > max_len {
        return Err(Error::too_large(Part::Header, len, max_len));
    }
    if len == 0 {
        return Err(Error::malformed(Part::Header, "empty"));
    }
    Ok(len)
}

fn read_fields(bytes: &[u8]) -> Result<Fields, Error> {
    let doc = json::parse_limited(bytes, json::MAX_HEADER_MEMBERS)
        .map_err(|e| e.in_part(Part::Header))?;
    if doc.kind() != Kind::Object {
        return Err(Error::malformed(Part::Header, "not a JSON object"));
    }
    let start = span(bytes, doc.raw());
    let mut fields = Fields {
        value: start,
        ..Fields::default()
    };
    let mut alg = None;
    let mut zip = false;
    let mut crit = None;
    for (name, value) in doc.members() {
        let string_member = |member: &'static str| {
            value.as_str().map(|s| span(bytes, s.raw())).ok_or(
                Error::malformed(Part::Header, "member must be a string")
                    .with(Detail::Name(member)),
            )
        };
        // Each name is unescaped once (registered names are short); a longer
        // name is none of them.
        let mut short = [0u8; 8];
        match short_name(&name, &mut short) {
            "alg" => alg = Some(string_member("alg")?),
            "enc" => fields.enc = Some(string_member("enc")?),
            "kid" => fields.kid = Some(string_member("kid")?),
            "cty" => fields.cty = Some(string_member("cty")?),
            "typ" => fields.typ = Some(string_member("typ")?),
            "x5t#S256" => fields.x5t_s256 = Some(thumbprint(value)?),
            "zip" => zip = true,
            "crit" => crit = Some(value),
            _ => {}
        }
    }
    if zip {
        return Err(Error::unsupported(
            Part::Header,
            "zip (compressed plaintext) is never supported",
        ));
    }
    if let Some(crit) = crit {
        check_crit(doc, crit)?;
    }
    fields.alg =
        alg.ok_or(Error::malformed(Part::Header, "missing member").with(Detail::Name("alg")))?;
    Ok(fields)
}

/// A member name unescaped into `out`, or "" when it does not fit (then it
/// is no registered name). Reads at most `out.len() + 1` characters.
fn short_name<'o>(name: &JsonStr<'_>, out: &'o mut [u8; 8]) -> &'o str {
    let mut len = 0;
    for c in name.chars() {
        let mut utf8 = [0u8; 4];
        for byte in c.encode_utf8(&mut utf8).bytes() {
            match out.get_mut(len) {
                Some(slot) => *slot = byte,
                None => return "",
            }
            len += 1;
        }
    }
    // Whole characters were written, so the bytes are UTF-8.
    out.get(..len)
        .and_then(|bytes| core::str::from_utf8(bytes).ok())
        .unwrap_or("")
}

fn thumbprint(value: Value<'_>) -> Result<[u8; 32], Error> {
    let malformed = Error::malformed(Part::Header, "must be the base64url of 32 bytes")
        .with(Detail::Name("x5t#S256"));
    let text = value.as_str().and_then(|s| s.as_plain()).ok_or(malformed)?;
    if text.len() != base64url::encoded_len(32) {
        return Err(malformed);
    }
    let mut out = [0u8; 32];
    base64url::decode(text.as_bytes(), &mut out, Part::Header).map_err(|_| malformed)?;
    Ok(out)
}

/// RFC 7515 §4.1.11 / RFC 7516 §4.1.13. The crate understands no extension, so
/// any well-formed `crit` is refused as unsupported.
fn check_crit(header: Value<'_>, crit: Value<'_>) -> Result<(), Error> {
    let malformed = |reason| Error::malformed(Part::Header, reason).with(Detail::Name("crit"));
    if crit.kind() != Kind::Array {
        return Err(malformed("must be an array"));
    }
    if crit.elements().next().is_none() {
        return Err(malformed("must not be empty"));
    }
    for (i, element) in crit.elements().enumerate() {
        let name = element
            .as_str()
            .ok_or(malformed("elements must be strings"))?;
        if crit
            .elements()
            .take(i)
            .any(|earlier| earlier.as_str() == Some(name))
        {
            return Err(malformed("lists a name twice"));
        }
        if REGISTERED.iter().any(|registered| name == *registered) {
            return Err(malformed("lists a registered header parameter"));
        }
        if !header.members().any(|(member, _)| member == name) {
            return Err(malformed("lists a name absent from the header"));
        }
    }
    Err(Error::unsupported(
        Part::Header,
        "crit lists an extension this crate does not implement",
    ))
}

/// The longest media type compared by [`media_type_is`].
const MAX_MEDIA_TYPE: usize = 128;

/// Whether a `typ` or `cty` value names the media type `expected`, compared
/// as RFC 7515 §4.1.9 and §4.1.10 say: case-insensitively, with the
/// `application/` prefix optional when no other `/` appears, so `JWT`,
/// `jwt` and `application/JWT` are one type. Non-ASCII never matches.
pub(crate) fn media_type_is(found: &JsonStr<'_>, expected: &str) -> bool {
    let mut a = [0u8; MAX_MEDIA_TYPE];
    let mut b = [0u8; MAX_MEDIA_TYPE];
    match (
        normalized_media_type(found.chars(), &mut a),
        normalized_media_type(expected.chars(), &mut b),
    ) {
        (Some(found), Some(expected)) => found == expected,
        _ => false,
    }
}

fn normalized_media_type(
    chars: impl Iterator<Item = char>,
    out: &mut [u8; MAX_MEDIA_TYPE],
) -> Option<&[u8]> {
    let mut len = 0;
    for c in chars {
        if !c.is_ascii() {
            return None;
        }
        *out.get_mut(len)? = c.to_ascii_lowercase() as u8;
        len += 1;
    }
    let text = out.get(..len)?;
    match text.strip_prefix(b"application/") {
        Some(rest) if !rest.contains(&b'/') => Some(rest),
        _ => Some(text),
    }
}

fn span(outer: &[u8], inner: &str) -> Range<usize> {
    let start = (inner.as_ptr() as usize).saturating_sub(outer.as_ptr() as usize);
    start..start + inner.len()
}

/// A view of a validated protected header.
///
/// ```
/// # let token = include_str!("../../vectors/rfc7516_A1.jwe").trim();
/// let jwe = jose_core::jwe::Compact::parse(token)?;
/// let header = jwe.header();
/// assert!(header.alg() == "RSA-OAEP");
/// assert!(header.enc().unwrap() == "A256GCM");
/// assert!(header.kid().is_none());
/// # Ok::<(), jose_core::Error>(())
/// ```
#[derive(Clone, Copy)]
pub struct Header<'a> {
    text: &'a str,
    fields: &'a Fields,
}

impl<'a> Header<'a> {
    fn string(&self, range: &Range<usize>) -> JsonStr<'a> {
        // The ranges were taken from this text's own validated strings (an
        // empty value otherwise: unreachable, and no member's true value).
        JsonStr::validated(self.text.get(range.clone()).unwrap_or(""))
    }

    /// The `alg` member.
    ///
    /// ```
    /// # let token = include_str!("../../vectors/rfc7516_A1.jwe").trim();
    /// let jwe = jose_core::jwe::Compact::parse(token)?;
    /// assert_eq!(jwe.header().alg().raw(), "RSA-OAEP");
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn alg(&self) -> JsonStr<'a> {
        self.string(&self.fields.alg)
    }

    /// The `enc` member (always present in a JWE header).
    ///
    /// ```
    /// # let token = include_str!("../../vectors/rfc7516_A1.jwe").trim();
    /// let jwe = jose_core::jwe::Compact::parse(token)?;
    /// assert!(jwe.header().enc().unwrap() == "A256GCM");
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn enc(&self) -> Option<JsonStr<'a>> {
        self.fields.enc.as_ref().map(|r| self.string(r))
    }

    /// The `kid` member: which key the sender used.
    ///
    /// ```
    /// # let token = include_str!("../../vectors/rfc7516_A1.jwe").trim();
    /// let jwe = jose_core::jwe::Compact::parse(token)?;
    /// assert!(jwe.header().kid().is_none());
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn kid(&self) -> Option<JsonStr<'a>> {
        self.fields.kid.as_ref().map(|r| self.string(r))
    }

    /// The `cty` member (`JWT` for a nested token).
    ///
    /// ```
    /// # let token = include_str!("../../vectors/rfc7516_A1.jwe").trim();
    /// let jwe = jose_core::jwe::Compact::parse(token)?;
    /// assert!(jwe.header().cty().is_none());
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn cty(&self) -> Option<JsonStr<'a>> {
        self.fields.cty.as_ref().map(|r| self.string(r))
    }

    /// The `typ` member.
    ///
    /// ```
    /// # let token = include_str!("../../vectors/rfc7516_A1.jwe").trim();
    /// let jwe = jose_core::jwe::Compact::parse(token)?;
    /// assert!(jwe.header().typ().is_none());
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn typ(&self) -> Option<JsonStr<'a>> {
        self.fields.typ.as_ref().map(|r| self.string(r))
    }

    /// The decoded `x5t#S256` member: the SHA-256 of the key's X.509 certificate.
    ///
    /// ```
    /// # let token = include_str!("../../vectors/rfc7516_A1.jwe").trim();
    /// let jwe = jose_core::jwe::Compact::parse(token)?;
    /// assert!(jwe.header().x5t_s256().is_none());
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn x5t_s256(&self) -> Option<&'a [u8; 32]> {
        self.fields.x5t_s256.as_ref()
    }

    /// Any member by name, as JSON (for members the crate does not interpret).
    ///
    /// ```
    /// # let token = include_str!("../../vectors/rfc7516_A1.jwe").trim();
    /// let jwe = jose_core::jwe::Compact::parse(token)?;
    /// assert!(jwe.header().get("enc").is_some());
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn get(&self, name: &str) -> Option<Value<'a>> {
        self.json().get(name)
    }

    /// The whole header as a JSON object.
    ///
    /// ```
    /// # let token = include_str!("../../vectors/rfc7516_A1.jwe").trim();
    /// let jwe = jose_core::jwe::Compact::parse(token)?;
    /// assert_eq!(jwe.header().json().members().count(), 2);
    /// # Ok::<(), jose_core::Error>(())
    /// ```
    pub fn json(&self) -> Value<'a> {
        Value::validated(self.text.get(self.fields.value.clone()).unwrap_or("{}"))
    }
}

impl<'a> Header<'a> {
    /// The whole decoded header, as it was received.
    pub(crate) fn text(&self) -> &'a str {
        self.text
    }
}

impl fmt::Debug for Header<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Header members are public (they travel in clear); show the JSON.
        write!(f, "Header({})", self.json().raw())
    }
}

/// Writes ECDH-ES's ephemeral public key as the `epk` member: an EC JWK
/// (`kty`, `crv`, `x`, `y`) or an X25519 one (`kty` `OKP`, `crv`, `x`).
#[cfg(any(feature = "ecdsa", feature = "x25519"))]
fn write_epk(
    w: &mut crate::json::ObjectWriter<'_>,
    epk: &crate::jwe::Ephemeral,
) -> Result<(), Error> {
    let (mut x, mut y) = ([0u8; 88], [0u8; 88]);
    match epk {
        #[cfg(feature = "ecdsa")]
        crate::jwe::Ephemeral::Ec(point) => {
            let (x, y) = (
                base64url::encode(point.x(), &mut x)?,
                base64url::encode(point.y(), &mut y)?,
            );
            w.object("epk", |o| {
                o.string("kty", "EC")
                    .string("crv", point.curve.name())
                    .string("x", x)
                    .string("y", y);
            });
        }
        #[cfg(feature = "x25519")]
        crate::jwe::Ephemeral::X25519(u) => {
            let x = base64url::encode(u, &mut x)?;
            let _ = &mut y;
            w.object("epk", |o| {
                o.string("kty", "OKP")
                    .string("crv", "X25519")
                    .string("x", x);
            });
        }
    }
    Ok(())
}

/// The protected header of a token being produced.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct NewHeader<'a> {
    pub(crate) alg: &'static str,
    pub(crate) enc: Option<&'static str>,
    pub(crate) cty: Option<&'a str>,
    pub(crate) typ: Option<&'a str>,
    pub(crate) kid: Option<&'a str>,
    pub(crate) x5t_s256: Option<&'a [u8; 32]>,
    /// The signing key's public JWK (a DPoP proof's `jwk`, RFC 9449 §4.2),
    /// as JSON text already parsed as a public key.
    pub(crate) jwk: Option<&'a str>,
    /// AES-GCM key wrap's `iv` and `tag` (RFC 7518 §4.7.1).
    pub(crate) key_wrap: Option<(&'a [u8; 12], &'a [u8; 16])>,
    /// ECDH-ES's ephemeral public key (RFC 7518 §4.6.1.1).
    #[cfg(any(feature = "ecdsa", feature = "x25519"))]
    pub(crate) epk: Option<&'a crate::jwe::Ephemeral>,
}

impl NewHeader<'_> {
    /// Writes the header JSON into `buf` (at most [`MAX_HEADER_LEN`] is useful:
    /// the reader refuses larger headers).
    pub(crate) fn write<'b>(&self, buf: &'b mut [u8]) -> Result<&'b str, Error> {
        let mut w = crate::json::ObjectWriter::new(buf);
        w.string("alg", self.alg);
        if let Some(enc) = self.enc {
            w.string("enc", enc);
        }
        if let Some(cty) = self.cty {
            w.string("cty", cty);
        }
        if let Some(typ) = self.typ {
            w.string("typ", typ);
        }
        if let Some(kid) = self.kid {
            w.string("kid", kid);
        }
        let mut thumbprint = [0u8; 43];
        if let Some(t) = self.x5t_s256 {
            w.string("x5t#S256", base64url::encode(t, &mut thumbprint)?);
        }
        if let Some(jwk) = self.jwk {
            w.raw("jwk", jwk);
        }
        let (mut iv, mut tag) = ([0u8; 16], [0u8; 22]);
        if let Some((iv_bytes, tag_bytes)) = self.key_wrap {
            w.string("iv", base64url::encode(iv_bytes, &mut iv)?);
            w.string("tag", base64url::encode(tag_bytes, &mut tag)?);
        }
        #[cfg(any(feature = "ecdsa", feature = "x25519"))]
        if let Some(epk) = self.epk {
            write_epk(&mut w, epk)?;
        }
        w.finish().map_err(|e| e.in_part(Part::Header))
    }
}
