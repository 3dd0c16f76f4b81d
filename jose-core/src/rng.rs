//! The randomness one call uses, drawn from the caller's generator once.
//!
//! Every entry point that needs randomness takes any `TryCryptoRng` (every
//! `CryptoRng` is one, and so is the operating system's generator, which can
//! fail). It draws a 256-bit seed from it first, where a failure is an error
//! (`random`) and nothing has been done yet, and the call then runs on
//! [`CallRng`]: AES-256 in counter mode under that seed, which cannot fail.
//! The `rsa` crate, which blinds, pads and salts with an infallible
//! generator, is given this one; so nothing panics when the OS generator
//! does not answer. The key schedule is wiped when the call ends.

use aes::Aes256;
use aes::cipher::{Array, BlockCipherEncrypt, KeyInit};
use rand_core::{TryCryptoRng, TryRng};
use zeroize::{Zeroize, Zeroizing};

use crate::error::Error;

/// A generator for one call: AES-256-CTR keyed by a seed from the caller's
/// generator.
pub(crate) struct CallRng {
    cipher: Aes256,
    counter: u128,
    block: [u8; 16],
    used: usize,
}

impl CallRng {
    /// Seeds from `rng`; its failure is the `random` error.
    pub(crate) fn seeded_from<R: TryCryptoRng + ?Sized>(rng: &mut R) -> Result<Self, Error> {
        let mut seed = Zeroizing::new([0u8; 32]);
        rng.try_fill_bytes(seed.as_mut())
            .map_err(|_| Error::random())?;
        Ok(CallRng {
            cipher: Aes256::new(&Array::from(*seed)),
            counter: 0,
            block: [0; 16],
            used: 16,
        })
    }

    fn fill(&mut self, dst: &mut [u8]) {
        for byte in dst {
            if self.used == self.block.len() {
                let mut block = Array::from(self.counter.to_be_bytes());
                self.cipher.encrypt_block(&mut block);
                self.block = block.into();
                block.zeroize();
                self.counter = self.counter.wrapping_add(1);
                self.used = 0;
            }
            if let Some(next) = self.block.get(self.used) {
                *byte = *next;
            }
            self.used += 1;
        }
    }
}

impl TryRng for CallRng {
    type Error = core::convert::Infallible;

    fn try_next_u32(&mut self) -> Result<u32, Self::Error> {
        let mut bytes = [0u8; 4];
        self.fill(&mut bytes);
        Ok(u32::from_le_bytes(bytes))
    }

    fn try_next_u64(&mut self) -> Result<u64, Self::Error> {
        let mut bytes = [0u8; 8];
        self.fill(&mut bytes);
        Ok(u64::from_le_bytes(bytes))
    }

    fn try_fill_bytes(&mut self, dst: &mut [u8]) -> Result<(), Self::Error> {
        self.fill(dst);
        Ok(())
    }
}

impl TryCryptoRng for CallRng {}

impl Drop for CallRng {
    fn drop(&mut self) {
        self.block.zeroize();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A generator that always fails, as a broken OS source would.
    struct Broken;

    #[derive(Debug)]
    struct Failed;
    impl core::fmt::Display for Failed {
        fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
            f.write_str("no entropy")
        }
    }
    impl core::error::Error for Failed {}

    impl TryRng for Broken {
        type Error = Failed;
        fn try_next_u32(&mut self) -> Result<u32, Failed> {
            Err(Failed)
        }
        fn try_next_u64(&mut self) -> Result<u64, Failed> {
            Err(Failed)
        }
        fn try_fill_bytes(&mut self, _: &mut [u8]) -> Result<(), Failed> {
            Err(Failed)
        }
    }
    impl TryCryptoRng for Broken {}

    #[test]
    fn a_failing_source_is_an_error_not_a_panic() {
        let err = CallRng::seeded_from(&mut Broken).err().map(|e| e.kind());
        assert_eq!(err, Some(crate::error::ErrorKind::Random));
    }

    #[test]
    fn the_stream_is_the_aes_counter_stream_and_never_repeats_a_block() {
        struct Fixed;
        impl TryRng for Fixed {
            type Error = core::convert::Infallible;
            fn try_next_u32(&mut self) -> Result<u32, Self::Error> {
                Ok(0)
            }
            fn try_next_u64(&mut self) -> Result<u64, Self::Error> {
                Ok(0)
            }
            fn try_fill_bytes(&mut self, dst: &mut [u8]) -> Result<(), Self::Error> {
                dst.fill(7);
                Ok(())
            }
        }
        impl TryCryptoRng for Fixed {}
        let mut rng = CallRng::seeded_from(&mut Fixed).unwrap();
        let mut out = [0u8; 64];
        rng.try_fill_bytes(&mut out).unwrap();
        let cipher = Aes256::new(&Array::from([7u8; 32]));
        for (i, chunk) in out.chunks(16).enumerate() {
            let mut block = Array::from((i as u128).to_be_bytes());
            cipher.encrypt_block(&mut block);
            assert_eq!(chunk, block.as_slice(), "block {i}");
        }
        assert!(
            out.chunks(16)
                .collect::<alloc::collections::BTreeSet<_>>()
                .len()
                == 4
        );
    }
}
