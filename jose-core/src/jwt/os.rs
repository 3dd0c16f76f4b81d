//! The system clock, for `std` callers.

use crate::error::Error;

/// The current time in seconds since the Unix epoch, from the system clock.
///
/// A clock set before 1970 is an error (`configuration`), never 0: with a
/// time of 0 every `exp` would lie in the future.
///
/// ```
/// assert!(jose_core::jwt::now()? > 1_700_000_000);
/// # Ok::<(), jose_core::Error>(())
/// ```
pub fn now() -> Result<u64, Error> {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .map_err(|_| {
            Error::configuration(
                "the system clock is set before 1970: no token can be checked against it",
            )
        })
}
