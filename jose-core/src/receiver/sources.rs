//! Where a receiver takes the time and the randomness from: the system's
//! clock and generator unless the builder was given others (tests pin the
//! time; a device brings its own generator).

use std::boxed::Box;
use std::sync::Mutex;

use rand_core::{TryCryptoRng, TryRng};

use crate::error::Error;

/// The current time in seconds since the Unix epoch.
pub(super) type Clock = Box<dyn Fn() -> Result<u64, Error> + Send + Sync>;

/// The system clock (`jwt::now`).
pub(super) fn system_clock() -> Clock {
    Box::new(crate::jwt::now)
}

/// A clock of the caller's.
pub(super) fn given_clock(clock: impl Fn() -> u64 + Send + Sync + 'static) -> Clock {
    Box::new(move || Ok(clock()))
}

/// Where the seed of a call's generator comes from.
pub(super) enum Entropy {
    /// The operating system's generator, asked on every call.
    System,
    /// A generator of the caller's, shared by every call under a lock (it
    /// is asked for one 32-byte seed per RSA decryption).
    Given(Mutex<Box<dyn FillBytes + Send>>),
}

/// The one thing a receiver asks of a generator: fill these bytes.
pub(super) trait FillBytes {
    fn fill(&mut self, dst: &mut [u8]) -> Result<(), Error>;
}

impl<R: TryCryptoRng> FillBytes for R {
    fn fill(&mut self, dst: &mut [u8]) -> Result<(), Error> {
        self.try_fill_bytes(dst).map_err(|_| Error::random())
    }
}

impl Entropy {
    pub(super) fn given(rng: impl TryCryptoRng + Send + 'static) -> Self {
        Entropy::Given(Mutex::new(Box::new(rng)))
    }

    /// A generator for one call.
    pub(super) fn draw(&self) -> Draw<'_> {
        Draw(self)
    }
}

/// [`Entropy`] as the generator one call is given.
pub(super) struct Draw<'a>(&'a Entropy);

impl TryRng for Draw<'_> {
    type Error = Error;

    fn try_next_u32(&mut self) -> Result<u32, Error> {
        let mut bytes = [0u8; 4];
        self.try_fill_bytes(&mut bytes)?;
        Ok(u32::from_le_bytes(bytes))
    }

    fn try_next_u64(&mut self) -> Result<u64, Error> {
        let mut bytes = [0u8; 8];
        self.try_fill_bytes(&mut bytes)?;
        Ok(u64::from_le_bytes(bytes))
    }

    fn try_fill_bytes(&mut self, dst: &mut [u8]) -> Result<(), Error> {
        match self.0 {
            Entropy::System => crate::os_rng().fill(dst),
            // A generator that panicked under the lock left no state worth
            // refusing every later token over: its bytes are still its own.
            Entropy::Given(rng) => match rng.lock() {
                Ok(mut rng) => rng.fill(dst),
                Err(poisoned) => poisoned.into_inner().fill(dst),
            },
        }
    }
}

// Every source behind `Draw` is a cryptographic generator.
impl TryCryptoRng for Draw<'_> {}
