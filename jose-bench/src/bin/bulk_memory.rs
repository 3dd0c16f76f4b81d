//! Peak heap while opening plain JWEs of 1 KiB to 10 MiB (RSA-OAEP-256 2048 +
//! A256GCM), on each backend compiled in: what the crate allocates beyond the
//! caller's token text and plaintext buffer. Counts Rust's allocator only;
//! aws-lc's own C allocations (its RSA operation's few KB) are not seen.
//!
//! `cargo run --release -p jose-bench --features aws-lc-rs --bin bulk_memory`
#![allow(unsafe_code)] // a GlobalAlloc that counts is an unsafe impl

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use jose_core::jwe::{Compact, Encrypter};
use jose_core::keys::PrivateKey;
use jose_core::{Backend, ContentAlgorithm, KeyAlgorithm, Policy};

struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is passed to the system allocator unchanged; the
// counters are only read.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let live = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
        PEAK.fetch_max(live, Ordering::Relaxed);
        // SAFETY: the caller's layout, as GlobalAlloc::alloc requires.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: ptr came from System.alloc with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let jwks: serde_json::Value = serde_json::from_str(include_str!(
        "../../../vectors/interop/api.private.jwks.json"
    ))?;
    let jwk = jwks["keys"]
        .as_array()
        .and_then(|keys| keys.iter().find(|k| k["kid"] == "api-enc-2048"))
        .ok_or("api-enc-2048 is not in the interop key set")?
        .to_string();
    let policy = Policy::new().max_token_len(16 << 20);
    let mut rng = jose_core::rand_core::UnwrapErr(jose_core::os_rng());

    println!("| plaintext | token | backend | peak heap during parse + decrypt |");
    println!("| ---: | ---: | --- | ---: |");
    for len in [1usize << 10, 64 << 10, 1 << 20, 10 << 20] {
        for backend in Backend::available() {
            let key = PrivateKey::from_jwk(&jwk).and_then(|k| k.with_backend(*backend))?;
            let public = key.public_key();
            let encrypter =
                Encrypter::new(&public, KeyAlgorithm::RsaOaep256, ContentAlgorithm::A256Gcm)?;
            let plaintext: Vec<u8> = (0..len).map(|i| (i % 251) as u8).collect();
            let mut out = vec![0u8; encrypter.output_len(len)?];
            let token = encrypter
                .encrypt(&plaintext, &mut rng, &mut out)?
                .to_owned();
            let mut buf = vec![0u8; len];
            // One warm call (the blinding pair, lazily made), then the counted one.
            for counted in [false, true] {
                let before = LIVE.load(Ordering::Relaxed);
                PEAK.store(before, Ordering::Relaxed);
                let opened = Compact::parse_with_policy(&token, &policy)
                    .and_then(|jwe| jwe.decrypt(&key, &mut rng, &mut buf).map(|p| p.len()))?;
                if opened != len {
                    return Err(format!("opened {opened} bytes of {len}").into());
                }
                if counted {
                    let peak = PEAK.load(Ordering::Relaxed).saturating_sub(before);
                    println!(
                        "| {len} B | {} B | {} | {peak} B |",
                        token.len(),
                        backend.name()
                    );
                }
            }
        }
    }
    Ok(())
}
