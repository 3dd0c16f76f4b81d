//! `jose` end to end, as a subprocess: every subcommand on the vectors,
//! keys from `keygen` used by `nest`/`encrypt`/`open`, and each bad input
//! giving its documented exit code and one line without key material.

mod support {
    pub mod scratch;
}

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;
use support::scratch::Scratch;

const NOW: &str = "1700000100";
const AUTH0_ISS: &str = "https://tenant.example.auth0.com/";
const AUTH0_AUD: &str = "https://api.example.com";

fn vectors(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../vectors/interop")
        .join(name)
}

fn read(name: &str) -> String {
    std::fs::read_to_string(vectors(name)).unwrap()
}

/// Runs `jose` with `args`, `stdin` fed in.
fn jose(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_jose"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(input) = stdin {
        use std::io::Write;
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
    }
    drop(child.stdin.take());
    child.wait_with_output().unwrap()
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).unwrap()
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// A scratch directory of this test's own, removed when it ends.
fn scratch(name: &str) -> Scratch {
    Scratch::new("jose-cli", name)
}

/// Asserts a failure: its exit code, one line on stderr starting `error: `,
/// and none of `secrets` in it.
fn assert_fails(out: &Output, code: i32, secrets: &[&str]) {
    let err = stderr(out);
    assert_eq!(out.status.code(), Some(code), "stderr: {err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with("error: "), "{err}");
    for secret in secrets {
        assert!(!err.contains(secret), "key material in: {err}");
    }
    assert!(out.stdout.is_empty(), "nothing on stdout on failure");
}

fn open_auth0(extra: &[&str], token: &str) -> Output {
    let key = vectors("api.private.jwks.json");
    let issuer = vectors("issuer.jwks.json");
    let mut args = vec![
        "open",
        "--key",
        path(&key),
        "--issuer-keys",
        path(&issuer),
        "--issuer",
        AUTH0_ISS,
        "--audience",
        AUTH0_AUD,
        "--now",
        NOW,
    ];
    args.extend_from_slice(extra);
    args.push(token);
    jose(&args, None)
}

fn nested_claims(name: &str) -> Value {
    let nested: Value = serde_json::from_str(&read("nested.json")).unwrap();
    let token = nested["tokens"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["name"] == name)
        .unwrap();
    serde_json::from_str(token["claims"].as_str().unwrap()).unwrap()
}

#[test]
fn open_prints_the_auth0_tokens_headers_and_claims() {
    let out = open_auth0(&["--json"], read("auth0-access-token.jwe").trim());
    assert!(out.status.success(), "{}", stderr(&out));
    let printed: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(printed["claims"], nested_claims("auth0-access-token"));
    assert_eq!(printed["encryption_header"]["kid"], "api-enc-2048");
    assert_eq!(printed["header"]["kid"], "issuer-2024");
    let human = open_auth0(&[], read("auth0-access-token.jwe").trim());
    assert!(stdout(&human).contains("\"sub\": \"auth0|5f7c8ec7c33c6c004bbafe82\""));
}

#[test]
fn open_reads_the_curity_token_from_stdin_with_a_certificate_named_key() {
    let key = vectors("recipient.key.pem");
    let cert = vectors("recipient.cert.pem");
    let issuer = vectors("issuer.jwks.json");
    let args = [
        "open",
        "--key",
        path(&key),
        "--key",
        path(&cert),
        "--issuer-keys",
        path(&issuer),
        "--issuer",
        "https://idsvr.example.com/oauth/v2/oauth-anonymous",
        "--audience",
        "curity-client",
        "--now",
        NOW,
        "--json",
        "-",
    ];
    // One trailing newline is trimmed, as `echo` adds it.
    let out = jose(
        &args,
        Some(&format!("{}\n", read("curity-id-token.jwe").trim())),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let printed: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(printed["claims"], nested_claims("curity-id-token"));
    assert_eq!(printed["encryption_header"]["enc"], "A256CBC-HS512");
}

#[test]
fn inspect_shows_headers_and_shape_never_a_payload() {
    let out = jose(&["inspect", read("auth0-access-token.jwe").trim()], None);
    assert!(out.status.success());
    let text = stdout(&out);
    assert!(text.starts_with("UNVERIFIED"), "{text}");
    assert!(text.contains(r#""kid":"api-enc-2048""#), "{text}");
    assert!(text.contains("encrypted key: 256 bytes"), "{text}");
    // A signed-only token: its header, and its payload withheld.
    let dir = scratch("inspect");
    let claims = dir.join("claims.json");
    std::fs::write(&claims, r#"{"sub":"secret-subject","exp":4102444800}"#).unwrap();
    let signed = jose(
        &[
            "sign",
            "--key",
            path(&vectors("issuer.private.jwks.json").with_file_name("recipient.key.pem")),
            path(&claims),
        ],
        None,
    );
    assert!(signed.status.success(), "{}", stderr(&signed));
    let out = jose(&["inspect", "--json", stdout(&signed).trim()], None);
    let shown = stdout(&out);
    assert!(!shown.contains("secret-subject"), "{shown}");
    let shown: Value = serde_json::from_str(&shown).unwrap();
    assert_eq!(
        (shown["verified"].as_bool(), shown["kind"].as_str()),
        (Some(false), Some("JWS"))
    );
    // A header jose-core refuses is shown, and said to be refused.
    let rsa15 = "eyJhbGciOiJSU0ExXzUiLCJlbmMiOiJBMTI4R0NNIn0.a.b.c.d";
    let out = jose(&["inspect", rsa15], None);
    assert!(stdout(&out).contains("refused"), "{}", stdout(&out));
}

#[test]
fn thumbprint_is_what_node_computes_for_auth0() {
    let expected: Value = serde_json::from_str(&read("cert_fingerprints.json")).unwrap();
    for name in ["recipient.cert.pem", "issuer.cert.pem"] {
        let out = jose(&["thumbprint", path(&vectors(name))], None);
        assert!(out.status.success());
        let text = stdout(&out);
        let node = &expected["certificates"][name];
        assert!(
            text.contains(&format!(
                "x5t#S256: {}\n",
                node["thumbprint_sha256"].as_str().unwrap()
            )),
            "{text}"
        );
        assert!(
            text.contains(&format!(
                "SHA-256 fingerprint: {}\n",
                node["fingerprint256"].as_str().unwrap()
            )),
            "{text}"
        );
    }
    // A key: its RFC 7638 thumbprint (RFC 7638 §3.1's example key).
    let rfc: Value = serde_json::from_str(include_str!(
        "../../vectors/rfc/rfc7638_3_1_jwk_thumbprint_rsa.json"
    ))
    .unwrap();
    let dir = scratch("thumbprint");
    let jwk = dir.join("rfc7638.json");
    std::fs::write(&jwk, rfc["jwk"].to_string()).unwrap();
    let out = jose(&["thumbprint", path(&jwk)], None);
    let expected = format!(
        "JWK thumbprint (RFC 7638): {}\n",
        rfc["thumbprint_b64u"].as_str().unwrap()
    );
    assert!(
        stdout(&out).contains(&expected),
        "{}{}",
        stdout(&out),
        stderr(&out)
    );
}

#[test]
fn keygen_makes_ec_keys_that_sign_tokens_verified_with_the_public_files() {
    let dir = scratch("keygen-ec");
    for (curve, alg) in [
        ("P-256", "ES256"),
        ("P-384", "ES384"),
        ("P-521", "ES512"),
        ("Ed25519", "EdDSA"),
    ] {
        let prefix = dir.join(curve);
        let out = jose(&["keygen", "--curve", curve, "--out", path(&prefix)], None);
        assert!(out.status.success(), "{}", stderr(&out));
        let jwk: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(dir.join(format!("{curve}.jwk.json"))).unwrap(),
        )
        .unwrap();
        assert_eq!(
            (
                jwk["kty"].as_str(),
                jwk["crv"].as_str(),
                jwk["use"].as_str()
            ),
            (
                Some(if curve == "Ed25519" { "OKP" } else { "EC" }),
                Some(curve),
                Some("sig")
            )
        );
        assert!(!stdout(&out).contains("PRIVATE"), "key material echoed");
        let public = std::fs::read_to_string(dir.join(format!("{curve}.pub.jwk.json"))).unwrap();
        assert!(!public.contains("\"d\""), "{public}");
        // Its PKCS#8 signs; the public PEM and the JWK Set verify.
        let key = jose_core::keys::PrivateKey::from_pem(
            &std::fs::read_to_string(dir.join(format!("{curve}.key.pem"))).unwrap(),
        )
        .unwrap();
        let alg = jose_core::SignatureAlgorithm::from_name(alg).unwrap();
        let signer = jose_core::jws::Signer::new(&key, alg).unwrap();
        let mut buf = vec![0u8; signer.output_len(2).unwrap()];
        let token = signer
            .sign(b"{}", &mut jose_core::os_rng(), &mut buf)
            .unwrap();
        let set = jose_core::keys::PublicKeySet::from_jwks(
            &std::fs::read_to_string(dir.join(format!("{curve}.pub.jwks.json"))).unwrap(),
        )
        .unwrap();
        let mut payload = [0u8; 2];
        jose_core::jws::Compact::parse(token)
            .unwrap()
            .verify_into(&set, &mut payload)
            .unwrap();
    }
    // An Ed25519 key for decryption and an X25519 key for signing are
    // refused, named.
    for (curve, usage, says) in [
        ("Ed25519", "enc", "never decrypts"),
        ("X25519", "sig", "never signs"),
    ] {
        let out = jose(
            &[
                "keygen",
                "--curve",
                curve,
                "--use",
                usage,
                "--out",
                path(&dir.join("x")),
            ],
            None,
        );
        assert_fails(&out, 1, &[]);
        assert!(stderr(&out).contains(says), "{}", stderr(&out));
    }
    let out = jose(
        &[
            "keygen",
            "--curve",
            "P-256",
            "--bits",
            "3072",
            "--out",
            path(&dir.join("y")),
        ],
        None,
    );
    assert!(!out.status.success());
}

#[test]
fn keygen_keys_make_and_open_tokens() {
    let dir = scratch("keygen");
    let prefix = dir.join("api");
    let out = jose(
        &[
            "keygen",
            "--bits",
            "2048",
            "--kid",
            "api-1",
            "--out",
            path(&prefix),
        ],
        None,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    for suffix in [
        "key.pem",
        "jwk.json",
        "pub.pem",
        "pub.jwk.json",
        "pub.jwks.json",
    ] {
        assert!(dir.join(format!("api.{suffix}")).exists(), "{suffix}");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(dir.join("api.key.pem"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(
            mode & 0o077,
            0,
            "the private key is readable by its owner only"
        );
    }
    assert!(!stdout(&out).contains("PRIVATE"), "key material echoed");
    // Again without --force: refused, nothing replaced.
    let again = jose(&["keygen", "--out", path(&prefix)], None);
    assert_fails(&again, 1, &[]);

    // A nested token to the new key (its SPKI), signed by the issuer, opened with its PKCS#8.
    let claims = dir.join("claims.json");
    std::fs::write(
        &claims,
        format!(r#"{{"iss":"{AUTH0_ISS}","aud":"{AUTH0_AUD}","sub":"u-1","exp":4102444800}}"#),
    )
    .unwrap();
    let issuer_key = issuer_key_file(&dir);
    // To the JWK Set (kid api-1), opened with the private JWK; to the SPKI
    // PEM (no kid), opened with the PKCS#8 PEM.
    let mut token = String::new();
    for (to, key, kid) in [
        ("api.pub.jwks.json", "api.jwk.json", Some("api-1")),
        ("api.pub.pem", "api.key.pem", None),
    ] {
        let nested = jose(
            &[
                "nest",
                "--sign-key",
                path(&issuer_key),
                "--to",
                path(&dir.join(to)),
                path(&claims),
            ],
            None,
        );
        assert!(nested.status.success(), "{}", stderr(&nested));
        token = stdout(&nested);
        let opened = jose(
            &[
                "open",
                "--key",
                path(&dir.join(key)),
                "--issuer-keys",
                path(&vectors("issuer.jwks.json")),
                "--issuer",
                AUTH0_ISS,
                "--audience",
                AUTH0_AUD,
                "--now",
                NOW,
                "--json",
                token.trim(),
            ],
            None,
        );
        assert!(opened.status.success(), "{key}: {}", stderr(&opened));
        let printed: Value = serde_json::from_str(&stdout(&opened)).unwrap();
        assert_eq!(printed["claims"]["sub"], "u-1");
        assert_eq!(printed["encryption_header"]["kid"].as_str(), kid);
    }
    // A JWE of a file to the SPKI (no kid): five parts; then the last nested
    // token (no kid) opened with another key: decrypt (14), no key material shown.
    let encrypted = jose(
        &[
            "encrypt",
            "--to",
            path(&dir.join("api.pub.pem")),
            path(&claims),
        ],
        None,
    );
    assert!(encrypted.status.success(), "{}", stderr(&encrypted));
    assert_eq!(stdout(&encrypted).trim().split('.').count(), 5);
    let wrong = jose(
        &[
            "open",
            "--key",
            path(&vectors("recipient.key.pem")),
            "--issuer-keys",
            path(&vectors("issuer.jwks.json")),
            "--any-issuer",
            "--any-audience",
            token.trim(),
        ],
        None,
    );
    let private_jwk: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("api.jwk.json")).unwrap()).unwrap();
    assert_fails(&wrong, 14, &[private_jwk["d"].as_str().unwrap()]);
}

#[test]
fn sign_and_assertion_verify_with_the_issuer_keys() {
    let dir = scratch("sign");
    let issuer_key = issuer_key_file(&dir);
    let signed = jose(
        &["sign", "--key", path(&issuer_key), "--typ", "at+jwt", "-"],
        Some(r#"{"iss":"a","aud":"b","exp":4102444800}"#),
    );
    assert!(signed.status.success(), "{}", stderr(&signed));
    let opened = open_with(
        &[],
        &[
            "--issuer",
            "a",
            "--audience",
            "b",
            "--typ",
            "at+jwt",
            "--now",
            NOW,
        ],
        stdout(&signed).trim(),
    );
    assert!(opened.status.success(), "{}", stderr(&opened));
    let assertion = jose(
        &[
            "assertion",
            "--key",
            path(&issuer_key),
            "--client-id",
            "c-1",
            "--audience",
            "https://as.example/token",
            "--now",
            NOW,
        ],
        None,
    );
    assert!(assertion.status.success(), "{}", stderr(&assertion));
    let opened = open_with(
        &[],
        &[
            "--issuer",
            "c-1",
            "--audience",
            "https://as.example/token",
            "--now",
            NOW,
            "--json",
        ],
        stdout(&assertion).trim(),
    );
    assert!(opened.status.success(), "{}", stderr(&opened));
    let printed: Value = serde_json::from_str(&stdout(&opened)).unwrap();
    assert_eq!(printed["claims"]["sub"], "c-1");
}

/// The issuer's signing key (issuer-2024) as a JWK file in `dir`.
fn issuer_key_file(dir: &Path) -> PathBuf {
    let file = dir.join("issuer.jwk.json");
    let jwks: Value = serde_json::from_str(&read("issuer.private.jwks.json")).unwrap();
    std::fs::write(&file, jwks["keys"][0].to_string()).unwrap();
    file
}

/// `jose open` with `--key` for each of `keys`, the interop issuer's JWK
/// Set, the `rules` flags, and the token.
fn open_with(keys: &[PathBuf], rules: &[&str], token: &str) -> Output {
    let issuer = vectors("issuer.jwks.json");
    let mut args: Vec<&str> = vec!["open"];
    for key in keys {
        args.extend(["--key", path(key)]);
    }
    args.extend(["--issuer-keys", path(&issuer)]);
    args.extend_from_slice(rules);
    args.push(token);
    jose(&args, None)
}

/// A bad input: what it is, the key files, the rule flags, the token, the exit code.
type Case<'a> = (&'a str, &'a [PathBuf], &'a [&'a str], &'a str, i32);

#[test]
fn each_bad_input_has_its_exit_code_and_one_line() {
    let token = read("auth0-access-token.jwe");
    let token = token.trim();
    let api: Value = serde_json::from_str(&read("api.private.jwks.json")).unwrap();
    let secret = &api["keys"][0]["d"].as_str().unwrap()[..32];
    let auth0 = ["--issuer", AUTH0_ISS, "--audience", AUTH0_AUD, "--now", NOW];
    let any = ["--any-issuer", "--any-audience", "--now", NOW];
    let api_keys = [vectors("api.private.jwks.json")];
    let other_key = [vectors("recipient.key.pem")];
    let mut changed: Vec<String> = token.split('.').map(str::to_owned).collect();
    let first = if changed[3].starts_with('A') {
        "B"
    } else {
        "A"
    };
    changed[3].replace_range(0..1, first);
    let changed = changed.join(".");
    let cases: [Case<'_>; 8] = [
        ("no key for a JWE: the key is missed", &[], &any, token, 13),
        (
            "a key set without the token's kid",
            &other_key,
            &any,
            token,
            13,
        ),
        ("a malformed token", &api_keys, &auth0, "not.a.token", 10),
        (
            "a changed ciphertext: one decrypt error for every failure",
            &api_keys,
            &auth0,
            &changed,
            14,
        ),
        (
            "expired at the real clock",
            &api_keys,
            &auth0[..4],
            token,
            18,
        ),
        (
            "another audience",
            &api_keys,
            &[
                "--issuer",
                AUTH0_ISS,
                "--audience",
                "https://other.example",
                "--now",
                NOW,
            ],
            token,
            21,
        ),
        (
            "rules not decided (no --issuer, no --any-issuer)",
            &api_keys,
            &["--audience", AUTH0_AUD, "--now", NOW],
            token,
            25,
        ),
        (
            "an unreadable key file",
            &[PathBuf::from("/nonexistent/key.pem")],
            &any,
            token,
            3,
        ),
    ];
    for (what, keys, rules, token, code) in cases {
        let out = open_with(keys, rules, token);
        assert_eq!(out.status.code(), Some(code), "{what}: {}", stderr(&out));
        assert_fails(&out, code, &[secret]);
    }
    // A file of the wrong format as a key: invalid_key (16).
    let out = open_with(&[vectors("package.json")], &any, token);
    assert_fails(&out, 16, &[]);
    let dir = scratch("bad");
    let garbage = dir.join("garbage.der");
    std::fs::write(&garbage, [0x30, 0x82, 0x01, 0x00, 0xff]).unwrap();
    assert_fails(&jose(&["thumbprint", path(&garbage)], None), 16, &[]);
    // A signature by another key than the issuer's: 17.
    let forged = jose(
        &["sign", "--key", path(&other_key[0]), "-"],
        Some(r#"{"iss":"a","aud":"b","exp":4102444800}"#),
    );
    let cert = vectors("issuer.cert.pem");
    let out = jose(
        &[
            "open",
            "--issuer-keys",
            path(&cert),
            "--any-issuer",
            "--any-audience",
            "--now",
            NOW,
            stdout(&forged).trim(),
        ],
        None,
    );
    assert_fails(&out, 17, &[]);
    // Usage errors are clap's: 2.
    assert_eq!(jose(&["open"], None).status.code(), Some(2));
}

#[test]
fn help_lists_the_exit_codes_and_the_auth0_and_curity_examples() {
    let out = jose(&["--help"], None);
    let text = stdout(&out);
    for needle in [
        "Exit codes",
        "14 decrypt",
        "Auth0",
        "Curity",
        "thumbprint_sha256",
    ] {
        assert!(text.contains(needle), "{needle} missing from --help");
    }
}

/// base64url without padding, for hand-made hostile tokens.
fn b64url(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |acc, (i, b)| acc | u32::from(*b) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
        }
    }
    out
}

#[test]
fn inspect_escapes_control_and_bidi_characters() {
    // A header whose kid clears the screen and reverses the text after it.
    // (ESC must be escaped in JSON; the others may stand raw in it.)
    let header = "{\"alg\":\"RS256\",\"kid\":\"a\\u001b[2J\u{202E}gpj.exe\u{2066}\u{7f}\u{9b}\"}";
    let token = format!("{}.e30.c2ln", b64url(header.as_bytes()));
    for json in [false, true] {
        let mut args = vec!["inspect"];
        if json {
            args.push("--json");
        }
        args.push(&token);
        let out = jose(&args, None);
        assert!(out.status.success(), "{}", stderr(&out));
        let text = stdout(&out);
        for hazard in ['\u{1b}', '\u{202E}', '\u{2066}', '\u{7f}', '\u{9b}'] {
            assert!(!text.contains(hazard), "{hazard:?} printed raw: {text:?}");
        }
        assert!(
            text.contains("\\u001b[2J\\u202Egpj.exe\\u2066\\u007F\\u009B"),
            "{text}"
        );
        if json {
            // Still JSON, meaning the same.
            let shown: Value = serde_json::from_str(&text).unwrap();
            assert_eq!(
                shown["header"]["kid"],
                "a\u{1b}[2J\u{202E}gpj.exe\u{2066}\u{7f}\u{9b}"
            );
        }
    }
    // In an error message quoting the token too.
    let out = jose(&["inspect", "a\u{202E}b.c"], None);
    assert!(!stderr(&out).contains('\u{202E}'), "{}", stderr(&out));
}

#[test]
fn thumbprint_reads_at_most_one_mebibyte() {
    let dir = scratch("thumbprint-large");
    let big = dir.join("big.pem");
    std::fs::write(&big, vec![b'A'; 1024 * 1024 + 1]).unwrap();
    let out = jose(&["thumbprint", path(&big)], None);
    assert_fails(&out, 3, &[]);
    assert!(
        stderr(&out).contains("larger than 1048576 bytes"),
        "{}",
        stderr(&out)
    );
}

/// The five files keygen writes under `prefix`.
fn keygen_files(prefix: &Path) -> Vec<PathBuf> {
    [
        "key.pem",
        "jwk.json",
        "pub.pem",
        "pub.jwk.json",
        "pub.jwks.json",
    ]
    .iter()
    .map(|suffix| PathBuf::from(format!("{}.{suffix}", prefix.display())))
    .collect()
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::symlink_metadata(path)
        .unwrap()
        .permissions()
        .mode()
        & 0o777
}

#[cfg(unix)]
fn world_readable_file(path: &Path, contents: &str) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::write(path, contents).unwrap();
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o644)).unwrap();
}

/// What another local user can do: create a world-readable file where
/// none is yet. Never write into an existing one (keygen's own files are
/// 0600 and belong to someone else); if keygen's file is there, the plant
/// fails, as the attacker's would.
#[cfg(unix)]
fn plant(path: &Path, contents: &str) {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let created = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o644)
        .open(path);
    if let Ok(mut file) = created {
        file.write_all(contents.as_bytes()).unwrap();
    }
}

#[cfg(unix)]
#[test]
fn keygen_force_never_reuses_a_readable_file() {
    let dir = scratch("keygen-force-0644");
    let prefix = dir.join("api");
    let files = keygen_files(&prefix);
    for file in &files {
        world_readable_file(file, "old");
    }
    let out = jose(&["keygen", "--out", path(&prefix), "--force"], None);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(mode(&files[0]), 0o600, "PKCS#8 key");
    assert_eq!(mode(&files[1]), 0o600, "private JWK");
    assert!(
        std::fs::read_to_string(&files[0])
            .unwrap()
            .contains("BEGIN PRIVATE KEY")
    );
    let names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 5, "no temporary file left: {names:?}");
}

#[cfg(unix)]
#[test]
fn keygen_never_follows_a_symlink() {
    let dir = scratch("keygen-symlink");
    let prefix = dir.join("api");
    let files = keygen_files(&prefix);
    let victim = dir.join("victim.txt");
    world_readable_file(&victim, "victim");
    std::os::unix::fs::symlink(&victim, &files[0]).unwrap();
    // Without --force: refused, nothing written, the target untouched.
    let out = jose(&["keygen", "--out", path(&prefix)], None);
    assert_fails(&out, 1, &["PRIVATE"]);
    assert!(stderr(&out).contains("exists"), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "victim");
    assert!(
        files[1..].iter().all(|f| !f.exists()),
        "nothing else written"
    );
    // A dangling link: its target is not created.
    let nowhere = dir.join("nowhere.pem");
    std::fs::remove_file(&files[0]).unwrap();
    std::os::unix::fs::symlink(&nowhere, &files[0]).unwrap();
    let out = jose(&["keygen", "--out", path(&prefix)], None);
    assert_fails(&out, 1, &["PRIVATE"]);
    assert!(!nowhere.exists());
    // With --force: the link itself is replaced by a 0600 file.
    std::fs::remove_file(&files[0]).unwrap();
    std::os::unix::fs::symlink(&victim, &files[0]).unwrap();
    let out = jose(&["keygen", "--out", path(&prefix), "--force"], None);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!std::fs::symlink_metadata(&files[0]).unwrap().is_symlink());
    assert_eq!(mode(&files[0]), 0o600);
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "victim");
    assert_eq!(mode(&victim), 0o644);
}

#[cfg(unix)]
#[test]
fn keygen_stops_when_another_process_plants_a_file_while_it_writes() {
    // A second process plants a world-readable file (or a link) at the
    // private JWK's path as soon as the PKCS#8 file appears: either keygen
    // saw it before writing (refused up front) or the exclusive create
    // refuses it; never is the key written into it.
    let mut refused = 0;
    for round in 0..20u32 {
        let dir = scratch(&format!("keygen-race-{round}"));
        let prefix = dir.join("api");
        let files = keygen_files(&prefix);
        let (first, second) = (files[0].clone(), files[1].clone());
        let planter = std::thread::spawn(move || {
            let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
            while !first.exists() && std::time::Instant::now() < deadline {
                std::thread::sleep(std::time::Duration::from_micros(20));
            }
            if round.is_multiple_of(2) {
                plant(&second, "planted");
            } else {
                let _ = std::os::unix::fs::symlink("/dev/null", &second);
            }
        });
        let out = jose(&["keygen", "--out", path(&prefix)], None);
        planter.join().unwrap();
        let written = std::fs::symlink_metadata(&files[1]).unwrap();
        if out.status.success() {
            // keygen won the race: its own 0600 file is there, the plant failed.
            assert!(!written.is_symlink());
            assert_eq!(mode(&files[1]), 0o600);
        } else {
            assert!(stderr(&out).contains("appeared"), "{}", stderr(&out));
            let planted = std::fs::symlink_metadata(&files[1]).unwrap();
            if !planted.is_symlink() {
                assert_eq!(std::fs::read_to_string(&files[1]).unwrap(), "planted");
            }
            assert!(
                !files[0].exists(),
                "the PKCS#8 file written first is removed"
            );
            refused += 1;
        }
    }
    println!("keygen refused a planted file in {refused} of 20 races");
}

/// `--secret` (an oct JWK): an A256KW nested token opens with it beside
/// the issuer's keys, an HS256 token (RFC 7519 §3.1) verifies with it
/// alone, and a wrong secret fails without its bytes in the message.
#[test]
fn open_with_a_shared_key_opens_key_wrap_and_hmac_tokens() {
    use jose_core::keys::{PrivateKey, SecretKey};
    let dir = scratch("secret");
    let k = b64url(&[0x5Au8; 32]);
    let secret_file = dir.join("shared.jwk.json");
    std::fs::write(
        &secret_file,
        format!(r#"{{"kty":"oct","k":"{k}","kid":"shared-1"}}"#),
    )
    .unwrap();

    let issuer = PrivateKey::from_jwk(
        &serde_json::from_str::<Value>(&read("issuer.private.jwks.json")).unwrap()["keys"][0]
            .to_string(),
    )
    .unwrap();
    let signer = jose_core::jws::Signer::new(&issuer, jose_core::SignatureAlgorithm::Rs256)
        .unwrap()
        .typ("JWT");
    let shared = SecretKey::from_bytes(&[0x5Au8; 32])
        .unwrap()
        .with_kid("shared-1");
    let encrypter = jose_core::jwe::Encrypter::with_secret(
        &shared,
        jose_core::KeyAlgorithm::A256Kw,
        jose_core::ContentAlgorithm::A256Gcm,
    )
    .unwrap()
    .cty("JWT");
    let claims = format!(
        r#"{{"iss":"{AUTH0_ISS}","aud":"{AUTH0_AUD}","sub":"shared-key user","exp":4000000000}}"#
    );
    let mut out = vec![0u8; jose_core::jwt::nested_len(claims.len(), &signer, &encrypter).unwrap()];
    let token = jose_core::jwt::sign_and_encrypt(
        claims.as_bytes(),
        &signer,
        &encrypter,
        &mut jose_core::os_rng(),
        &mut out,
    )
    .unwrap()
    .to_owned();
    let issuer_keys = vectors("issuer.jwks.json");
    let args = |secret: &Path| {
        vec![
            "open".to_owned(),
            "--secret".into(),
            path(secret).into(),
            "--issuer-keys".into(),
            path(&issuer_keys).into(),
            "--issuer".into(),
            AUTH0_ISS.into(),
            "--audience".into(),
            AUTH0_AUD.into(),
            "--now".into(),
            NOW.into(),
            "--json".into(),
            token.clone(),
        ]
    };
    let run = |secret: &Path| {
        let a = args(secret);
        jose(&a.iter().map(String::as_str).collect::<Vec<_>>(), None)
    };
    let opened = run(&secret_file);
    assert!(opened.status.success(), "{}", stderr(&opened));
    let printed: Value = serde_json::from_str(&stdout(&opened)).unwrap();
    assert_eq!(printed["claims"]["sub"], "shared-key user");
    assert_eq!(printed["encryption_header"]["alg"], "A256KW");

    let wrong_k = b64url(&[0x5Bu8; 32]);
    let wrong = dir.join("wrong.jwk.json");
    std::fs::write(
        &wrong,
        format!(r#"{{"kty":"oct","k":"{wrong_k}","kid":"shared-1"}}"#),
    )
    .unwrap();
    let refused = run(&wrong);
    assert!(!refused.status.success());
    assert!(!stderr(&refused).contains(&wrong_k) && !stderr(&refused).contains(&k));

    // HS256, RFC 7519 §3.1: the secret alone verifies it.
    let v: Value = serde_json::from_str(&read("../rfc/rfc7519_3_1_hs256_jwt.json")).unwrap();
    let hs_file = dir.join("hs.jwk.json");
    std::fs::write(&hs_file, v["key"].to_string()).unwrap();
    let hs = jose(
        &[
            "open",
            "--secret",
            path(&hs_file),
            "--issuer",
            "joe",
            "--any-audience",
            "--now",
            "1300819000",
            "--json",
            v["compact"].as_str().unwrap(),
        ],
        None,
    );
    assert!(hs.status.success(), "{}", stderr(&hs));
    let printed: Value = serde_json::from_str(&stdout(&hs)).unwrap();
    assert_eq!(printed["claims"]["iss"], "joe");
    assert_eq!(printed["header"]["alg"], "HS256");
}

/// Keys for receiving ECDH-ES tokens (an X25519 key, an EC key with --use
/// enc): their public files take a token `encrypt` makes, their private
/// files open it.
#[test]
fn keygen_makes_ecdh_keys_that_open_tokens_sent_to_the_public_files() {
    let dir = scratch("keygen-ecdh");
    for (curve, extra) in [("X25519", &[][..]), ("P-256", &["--use", "enc"][..])] {
        let prefix = dir.join(curve);
        let mut args = vec!["keygen", "--curve", curve, "--out", path(&prefix)];
        args.extend_from_slice(extra);
        let out = jose(&args, None);
        assert!(out.status.success(), "{}", stderr(&out));
        let jwk: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(dir.join(format!("{curve}.jwk.json"))).unwrap(),
        )
        .unwrap();
        assert_eq!(
            (jwk["crv"].as_str(), jwk["use"].as_str()),
            (Some(curve), Some("enc"))
        );
        for public in ["pub.pem", "pub.jwk.json"] {
            let to = dir.join(format!("{curve}.{public}"));
            let token = jose(
                &["encrypt", "--to", path(&to), "--alg", "ECDH-ES+A256KW", "-"],
                Some("for the receiver"),
            );
            assert!(
                token.status.success(),
                "{curve} {public}: {}",
                stderr(&token)
            );
            for private in ["key.pem", "jwk.json"] {
                let key = jose_core::keys::PrivateKey::from_pem(
                    &std::fs::read_to_string(dir.join(format!("{curve}.key.pem"))).unwrap(),
                )
                .unwrap();
                let key = if private == "key.pem" {
                    key
                } else {
                    jose_core::keys::PrivateKey::from_jwk(
                        &std::fs::read_to_string(dir.join(format!("{curve}.jwk.json"))).unwrap(),
                    )
                    .unwrap()
                };
                let text = stdout(&token);
                let jwe = jose_core::jwe::Compact::parse(text.trim()).unwrap();
                let mut buf = vec![0u8; jwe.buffer_len()];
                let plaintext = jwe
                    .decrypt(&key, &mut jose_core::os_rng(), &mut buf)
                    .unwrap();
                assert_eq!(plaintext, b"for the receiver");
            }
        }
    }
}

/// `keygen --secret`: one 0600 file, an oct JWK of the asked length with a
/// random kid (never the secret's thumbprint), that `open --secret` uses;
/// lengths outside 16..=1024 refused.
#[test]
fn keygen_makes_shared_secrets() {
    let dir = scratch("keygen-secret");
    let prefix = dir.join("shared");
    let out = jose(
        &[
            "keygen",
            "--secret",
            "32",
            "--use",
            "enc",
            "--out",
            path(&prefix),
        ],
        None,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let file = dir.join("shared.jwk.json");
    assert!(!dir.join("shared.key.pem").exists() && !dir.join("shared.pub.jwk.json").exists());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&file).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
    let text = std::fs::read_to_string(&file).unwrap();
    let jwk: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        (jwk["kty"].as_str(), jwk["use"].as_str()),
        (Some("oct"), Some("enc"))
    );
    assert!(
        !stdout(&out).contains(jwk["k"].as_str().unwrap()),
        "secret echoed"
    );
    let key = jose_core::keys::SecretKey::from_jwk(&text).unwrap();
    assert_eq!(key.len(), 32);
    // The kid is 16 random bytes (22 characters), not the 32-byte RFC 7638
    // thumbprint of the oct key, which is a hash of the secret.
    assert_eq!(jwk["kid"].as_str().map(str::len), Some(22));
    // Two secrets differ.
    let again = jose(
        &[
            "keygen",
            "--secret",
            "32",
            "--out",
            path(&dir.join("other")),
        ],
        None,
    );
    assert!(again.status.success());
    let other: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("other.jwk.json")).unwrap())
            .unwrap();
    assert_ne!(other["k"], jwk["k"]);
    assert_ne!(other["kid"], jwk["kid"]);
    for bad in ["15", "1025"] {
        let out = jose(
            &["keygen", "--secret", bad, "--out", path(&dir.join(bad))],
            None,
        );
        assert_fails(&out, 1, &[]);
        assert!(!dir.join(format!("{bad}.jwk.json")).exists());
    }
}
