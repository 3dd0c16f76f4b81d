//! The system clock, for `std` callers.

/// The current time in seconds since the Unix epoch, from the system clock
/// (0 if the clock is set before 1970).
///
/// ```
/// assert!(jose_core::jwt::now() > 1_700_000_000);
/// ```
pub fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}
