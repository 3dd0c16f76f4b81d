//! RSA blinding with a pair that is reused, the way OpenSSL's `BN_BLINDING`
//! does it, instead of a fresh factor (and a modular inversion) per call.
//!
//! A pair is `(r^e, r^-1) mod n` for a random `r`. Decryption multiplies the
//! ciphertext by `r^e`, runs the private operation, and multiplies the result
//! by `r^-1`. After each use both halves are squared, which gives the pair for
//! `r^2`: still unknown to an observer, at the cost of two Montgomery
//! squarings instead of an inversion. Every [`REFRESH_AFTER`] uses the pair is
//! dropped and a fresh `r` drawn from the caller's generator.
//!
//! One pair per key, never shared between keys (a cloned key starts with none).
//! Under `std` the pair sits in a mutex that is held only to take it out and
//! put it back: a thread that finds it taken blinds with a fresh pair rather
//! than wait. Without `std` there is no lock to keep it in, so every call
//! draws a fresh pair (as the `rsa` crate does).

use crypto_bigint::modular::BoxedMontyForm;
use crypto_bigint::{BoxedUint, RandomMod};
use rand_core::CryptoRng;
use rsa::RsaPrivateKey;
use rsa::traits::PublicKeyParts;
use zeroize::Zeroize;

/// Uses of one pair before a fresh `r` is drawn (OpenSSL's
/// `BN_BLINDING_COUNTER` is the same number).
pub(crate) const REFRESH_AFTER: u32 = 32;

/// Draws of `r` before giving up on finding an invertible one; for an RSA
/// modulus a non-invertible `r` means a factor was guessed, so one draw in
/// practice.
const MAX_DRAWS: usize = 8;

/// The blinding state of one private key.
pub(crate) struct Blinding {
    #[cfg(feature = "std")]
    slot: std::sync::Mutex<Option<Pair>>,
}

struct Pair {
    /// `r^e mod n`, in Montgomery form.
    blind: BoxedMontyForm,
    /// `r^-1 mod n`, in Montgomery form.
    unblind: BoxedMontyForm,
    uses: u32,
}

impl Drop for Pair {
    fn drop(&mut self) {
        self.blind.zeroize();
        self.unblind.zeroize();
    }
}

impl Pair {
    fn fresh<R: CryptoRng + ?Sized>(key: &RsaPrivateKey, rng: &mut R) -> Option<Self> {
        let params = key.n_params();
        for _ in 0..MAX_DRAWS {
            let mut r = BoxedUint::random_mod_vartime(rng, key.n());
            let r_monty = BoxedMontyForm::new(r.clone(), params);
            r.zeroize();
            let inverse: Option<BoxedMontyForm> = r_monty.invert().into();
            if let Some(unblind) = inverse {
                let e = key.e();
                let blind = r_monty.pow_bounded_exp(e, e.bits());
                return Some(Pair {
                    blind,
                    unblind,
                    uses: 0,
                });
            }
        }
        None
    }

    /// The pair for `r^2`; `None` once it has served [`REFRESH_AFTER`] times.
    fn advance(mut self) -> Option<Self> {
        self.uses += 1;
        if self.uses >= REFRESH_AFTER {
            return None;
        }
        self.blind = self.blind.square();
        self.unblind = self.unblind.square();
        Some(self)
    }
}

impl Blinding {
    pub(crate) fn new() -> Self {
        Blinding {
            #[cfg(feature = "std")]
            slot: std::sync::Mutex::new(None),
        }
    }

    /// `c^d mod n` for `c < n` (the caller checks), blinded, with the CRT
    /// result checked against `c` by the `rsa` crate (a fault never returns a
    /// wrong value). `None` when no pair could be made or the check failed.
    pub(crate) fn private_op<R: CryptoRng + ?Sized>(
        &self,
        key: &RsaPrivateKey,
        rng: &mut R,
        c: &BoxedUint,
    ) -> Option<BoxedUint> {
        let params = key.n_params();
        let pair = match self.take() {
            Some(pair) => pair,
            None => Pair::fresh(key, rng)?,
        };
        let mut blinded = (BoxedMontyForm::new(c.clone(), params) * &pair.blind).retrieve();
        let result = rsa::hazmat::rsa_decrypt_and_check(key, None::<&mut R>, &blinded);
        blinded.zeroize();
        let m = result.ok().map(|mut m_blinded| {
            let m = (BoxedMontyForm::new(m_blinded.clone(), params) * &pair.unblind).retrieve();
            m_blinded.zeroize();
            m
        });
        if let Some(next) = pair.advance() {
            self.put_back(next);
        }
        m
    }

    #[cfg(feature = "std")]
    fn take(&self) -> Option<Pair> {
        // A poisoned lock only means another thread panicked while holding a
        // pair; its pair is discarded with the poison.
        self.slot.lock().ok().and_then(|mut slot| slot.take())
    }

    #[cfg(feature = "std")]
    fn put_back(&self, pair: Pair) {
        if let Ok(mut slot) = self.slot.lock() {
            if slot.is_none() {
                *slot = Some(pair);
            }
        }
    }

    #[cfg(not(feature = "std"))]
    fn take(&self) -> Option<Pair> {
        None
    }

    #[cfg(not(feature = "std"))]
    fn put_back(&self, _pair: Pair) {}

    /// How many times the stored pair has been used (`None`: no pair stored).
    #[cfg(all(test, feature = "std"))]
    pub(crate) fn stored_uses(&self) -> Option<u32> {
        self.slot
            .lock()
            .ok()
            .and_then(|slot| slot.as_ref().map(|p| p.uses))
    }
}
