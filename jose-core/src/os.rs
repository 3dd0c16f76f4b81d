//! The operating system's random generator (feature `os_rng`).

/// The operating system's random generator (`getrandom`). It can fail: every
/// call that takes it draws its seed first and answers a failure with the
/// `random` error, never a panic. Where an infallible `CryptoRng` is needed
/// elsewhere, wrap it as `rand_core::UnwrapErr(os_rng())`, which panics.
pub type OsRng = getrandom::SysRng;

/// The operating system's random generator.
///
/// ```
/// use rand_core::TryRng;
/// let mut bytes = [0u8; 16];
/// jose_core::os_rng().try_fill_bytes(&mut bytes).expect("the OS generator");
/// ```
pub fn os_rng() -> OsRng {
    getrandom::SysRng
}
