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
//! Pairs belong to one key, never shared between keys (a cloned key starts
//! with none), and a pair serves one decryption at a time. Under `std` a key
//! keeps up to [`POOL`] pairs in a mutex that is held only to take one out and
//! put it back, so concurrent decryptions each find a pair of their own after
//! warming up instead of serialising on one, and a thread that finds none
//! draws a fresh pair rather than wait. Without `std` there is no lock to keep
//! pairs in, so every call draws a fresh pair (as the `rsa` crate does).

use crypto_bigint::modular::BoxedMontyForm;
use crypto_bigint::{BoxedUint, RandomMod};
use rand_core::CryptoRng;
use rsa::PrivateKey as RsaPrivateKey;
use rsa::traits::PublicKeyParts;
use zeroize::Zeroize;

/// Uses of one pair before a fresh `r` is drawn (OpenSSL's
/// `BN_BLINDING_COUNTER` is the same number).
pub(crate) const REFRESH_AFTER: u32 = 32;

/// Pairs kept per key: enough for every core of a typical server to have one
/// in flight; a few hundred bytes each.
#[cfg(feature = "std")]
pub(crate) const POOL: usize = 8;

/// Draws of `r` before giving up on finding an invertible one; for an RSA
/// modulus a non-invertible `r` means a factor was guessed, so one draw in
/// practice.
const MAX_DRAWS: usize = 8;

/// The blinding state of one private key.
pub(crate) struct Blinding {
    #[cfg(feature = "std")]
    pool: std::sync::Mutex<alloc::vec::Vec<Pair>>,
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
                let blind = r_monty.pow_bounded_exp(e, super::super::integers::bit_width(e));
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
            pool: std::sync::Mutex::new(alloc::vec::Vec::new()),
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
        // A poisoned lock only means another thread panicked while holding
        // it; the pool is then not used again (fresh pairs every call).
        self.pool.lock().ok().and_then(|mut pool| pool.pop())
    }

    #[cfg(feature = "std")]
    fn put_back(&self, pair: Pair) {
        if let Ok(mut pool) = self.pool.lock() {
            if pool.len() < POOL {
                pool.push(pair);
            }
        }
    }

    #[cfg(not(feature = "std"))]
    fn take(&self) -> Option<Pair> {
        None
    }

    #[cfg(not(feature = "std"))]
    fn put_back(&self, _pair: Pair) {}

    /// The uses of each stored pair (a poisoned pool reads as empty).
    #[cfg(all(test, feature = "std"))]
    pub(crate) fn stored_uses(&self) -> alloc::vec::Vec<u32> {
        self.pool
            .lock()
            .map(|pool| pool.iter().map(|p| p.uses).collect())
            .unwrap_or_else(|_| alloc::vec::Vec::new())
    }
}

#[cfg(all(test, feature = "std"))]
mod tests {
    use super::super::recipient_key;
    use super::*;

    #[test]
    fn the_pool_holds_at_most_pool_pairs_and_hands_each_out_once() {
        let key = recipient_key();
        let mut rng = rand_core::UnwrapErr(crate::os::os_rng());
        let blinding = Blinding::new();
        for _ in 0..POOL + 3 {
            blinding.put_back(Pair::fresh(&key, &mut rng).unwrap());
        }
        assert_eq!(
            blinding.stored_uses().len(),
            POOL,
            "full pool drops the rest"
        );
        // Pairs in flight at once are distinct pairs: each take removes one.
        let taken: alloc::vec::Vec<Pair> = (0..POOL).filter_map(|_| blinding.take()).collect();
        assert_eq!(taken.len(), POOL);
        assert!(
            blinding.take().is_none(),
            "an empty pool makes the caller draw afresh"
        );
        let distinct = taken.iter().enumerate().all(|(i, a)| {
            taken[i + 1..]
                .iter()
                .all(|b| a.unblind.retrieve() != b.unblind.retrieve())
        });
        assert!(distinct);
    }
}
