//! The operating system's random generator, for `std` callers.

/// A cryptographic random generator backed by the operating system
/// (`getrandom`). It panics if the OS generator fails, as `std` itself does.
pub type OsRng = rand_core::UnwrapErr<getrandom::SysRng>;

/// The operating system's random generator.
///
/// ```
/// use rand_core::Rng;
/// let mut bytes = [0u8; 16];
/// jose_core::os_rng().fill_bytes(&mut bytes);
/// ```
pub fn os_rng() -> OsRng {
    rand_core::UnwrapErr(getrandom::SysRng)
}
