//! A scratch directory of one test's own, removed when the test ends,
//! also when it fails: tests write private keys here and must not leave
//! them in the system's temporary directory.

use std::path::{Path, PathBuf};

/// A fresh, empty directory under the system's temporary directory, named
/// after the process and the test; deleted (never following links) on drop.
pub struct Scratch(PathBuf);

impl Scratch {
    /// Creates `<tmp>/<prefix>-<pid>-<name>`, emptying what an earlier,
    /// killed run may have left there.
    pub fn new(prefix: &str, name: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("{prefix}-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Self(dir)
    }
}

impl std::ops::Deref for Scratch {
    type Target = Path;
    fn deref(&self) -> &Path {
        &self.0
    }
}

impl AsRef<Path> for Scratch {
    fn as_ref(&self) -> &Path {
        &self.0
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        // `remove_dir_all` removes a symbolic link, not what it points to.
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
