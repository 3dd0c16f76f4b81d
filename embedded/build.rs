//! Puts memory.x on the linker path, and fixes the heap size at build time
//! (JOSE_HEAP_BYTES, default 64 KiB) so scripts can search for the smallest.
use std::{env, fs, path::PathBuf};

fn main() {
    let out = PathBuf::from(env::var_os("OUT_DIR").unwrap());
    fs::copy("memory.x", out.join("memory.x")).unwrap();
    println!("cargo:rustc-link-search={}", out.display());
    println!("cargo:rerun-if-changed=memory.x");
    let heap: usize = env::var("JOSE_HEAP_BYTES").ok().and_then(|v| v.parse().ok()).unwrap_or(64 * 1024);
    fs::write(out.join("heap.rs"), format!("pub const HEAP_BYTES: usize = {heap};\n")).unwrap();
    println!("cargo:rerun-if-env-changed=JOSE_HEAP_BYTES");

    // The token (by name, from the nested vectors) and the keys it needs:
    // the API key its kid names and the issuer's JWK Set. `ecdh-*` tokens
    // (vectors/interop/ecdh.json, panva jose's) are for an EC key and need
    // the `ecdh` feature.
    let name = env::var("JOSE_TOKEN").unwrap_or_else(|_| "auth0-access-token".into());
    println!("cargo:rerun-if-env-changed=JOSE_TOKEN");
    let read = |file: &str| -> serde_json::Value {
        println!("cargo:rerun-if-changed=../vectors/interop/{file}");
        serde_json::from_str(&fs::read_to_string(format!("../vectors/interop/{file}")).unwrap()).unwrap()
    };
    let (token, jwk, issuer) = if name.starts_with("ecdh") {
        let ecdh = read("ecdh.json");
        let token = ecdh["tokens"].as_array().unwrap().iter().find(|t| t["name"] == name.as_str())
            .unwrap_or_else(|| panic!("no token named {name}")).clone();
        let jwk = ecdh["recipients"]["keys"].as_array().unwrap().iter()
            .find(|k| k["kid"] == token["kid"]).unwrap().clone();
        (token, jwk, ecdh["issuer"].to_string())
    } else {
        let nested = read("nested.json");
        let token = nested["tokens"].as_array().unwrap().iter().find(|t| t["name"] == name.as_str())
            .unwrap_or_else(|| panic!("no token named {name}")).clone();
        let kid = match token["alg"].as_str().unwrap() {
            "RSA-OAEP-256" => "api-enc-2048",
            "RSA-OAEP-384" => "api-enc-3072",
            _ => "api-enc-4096",
        };
        let api = read("api.private.jwks.json");
        let jwk = api["keys"].as_array().unwrap().iter().find(|k| k["kid"] == kid).unwrap().clone();
        (token, jwk, fs::read_to_string("../vectors/interop/issuer.jwks.json").unwrap())
    };
    fs::write(out.join("token.jwe"), token["compact"].as_str().unwrap()).unwrap();
    fs::write(out.join("api.jwk.json"), jwk.to_string()).unwrap();
    fs::write(out.join("issuer.jwks.json"), issuer).unwrap();
    fs::write(out.join("token.rs"), format!("pub const TOKEN_NAME: &str = {name:?};\n")).unwrap();
}
