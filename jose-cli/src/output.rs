//! Writing files the CLI makes, so that a private key never lands where
//! someone else can read it.
//!
//! Every file is created new (`O_CREAT | O_EXCL`): an existing path fails,
//! and a symbolic link at the path is never followed (POSIX: with
//! `O_EXCL`, a link makes `open` fail whatever it points to). A secret is
//! created with mode 0600, so it is never readable by others, not even for
//! the instant before a `chmod`. Replacing (`--force`) writes a new file
//! beside the target under a random name and renames it over the target:
//! the existing path is never opened, so its mode, its owner, or the file a
//! link there points to cannot receive the key.
//!
//! On systems other than Unix, files get the directory's default access
//! rights (no mode is set).

use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use jose_core::rand_core::TryRng;
use zeroize::Zeroizing;

/// One file to write: where, what, and whether it is a secret.
pub struct Output {
    pub path: PathBuf,
    pub contents: Zeroizing<String>,
    pub secret: bool,
}

impl Output {
    /// A file anyone may read (mode 0644 before the umask).
    pub fn public(path: PathBuf, contents: String) -> Self {
        Output {
            path,
            contents: Zeroizing::new(contents),
            secret: false,
        }
    }

    /// A file its owner alone may read (mode 0600).
    pub fn secret(path: PathBuf, contents: Zeroizing<String>) -> Self {
        Output {
            path,
            contents,
            secret: true,
        }
    }
}

/// Writes every output: each created new, or with `replace` each written
/// beside its target and renamed over it. Without `replace`, nothing is
/// written when a path exists, and a path that appears while the others are
/// being written (another process planting a file) stops the run, and the
/// files already written by this run are removed.
pub fn write_all(outputs: &[Output], replace: bool) -> Result<()> {
    write_all_with(outputs, replace, |_| {})
}

/// [`write_all`], calling `between(i)` after output `i` is written: the
/// tests plant files there, as another process could.
fn write_all_with(outputs: &[Output], replace: bool, mut between: impl FnMut(usize)) -> Result<()> {
    for output in outputs {
        check_target(&output.path, replace)?;
    }
    let mut written: Vec<&Path> = Vec::new();
    for (i, output) in outputs.iter().enumerate() {
        let result = if replace {
            replace_file(output)
        } else {
            create_file(&output.path, &output.contents, output.secret)
        };
        if let Err(error) = result {
            if !replace {
                // Only files this run created (create_new succeeded on them).
                for path in &written {
                    let _ = std::fs::remove_file(path);
                }
            }
            return Err(error);
        }
        written.push(&output.path);
        between(i);
    }
    Ok(())
}

/// Refuses a target before anything is written: an existing path without
/// `replace`; a directory with it.
fn check_target(path: &Path, replace: bool) -> Result<()> {
    match std::fs::symlink_metadata(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e).with_context(|| format!("cannot write {}", path.display())),
        Ok(_) if !replace => bail!("{} exists (--force replaces it)", path.display()),
        Ok(meta) if meta.is_dir() => bail!("{} is a directory", path.display()),
        Ok(_) => Ok(()),
    }
}

/// Creates `path` new and writes `contents` to it.
fn create_file(path: &Path, contents: &str, secret: bool) -> Result<()> {
    let mut file = create_new(path, secret).map_err(|e| {
        if e.kind() == io::ErrorKind::AlreadyExists {
            anyhow::anyhow!(
                "{} exists (it appeared while jose was writing; nothing written was kept)",
                path.display()
            )
        } else {
            anyhow::Error::new(e).context(format!("cannot write {}", path.display()))
        }
    })?;
    fill(&mut file, contents).with_context(|| format!("cannot write {}", path.display()))
}

/// Writes the output under a fresh random name beside its target, then
/// renames it over the target (which may be a file or a link: the link
/// itself is replaced, never what it points to).
fn replace_file(output: &Output) -> Result<()> {
    let target = &output.path;
    let name = target
        .file_name()
        .with_context(|| format!("{} names no file", target.display()))?;
    let dir = target.parent().unwrap_or(Path::new(""));
    let mut attempts = 0;
    let (temp, mut file) = loop {
        let temp = dir.join(format!(
            ".{}.{}.tmp",
            name.to_string_lossy(),
            random_suffix()?
        ));
        match create_new(&temp, output.secret) {
            Ok(file) => break (temp, file),
            // Another file under that random name: draw again (a few times).
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && attempts < 8 => attempts += 1,
            Err(e) => {
                return Err(e).with_context(|| format!("cannot write beside {}", target.display()));
            }
        }
    };
    let written = fill(&mut file, &output.contents).and_then(|()| std::fs::rename(&temp, target));
    if let Err(e) = written {
        let _ = std::fs::remove_file(&temp);
        return Err(e).with_context(|| format!("cannot replace {}", target.display()));
    }
    sync_dir(dir);
    Ok(())
}

/// `open(path, O_WRONLY | O_CREAT | O_EXCL, mode)`.
fn create_new(path: &Path, secret: bool) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(if secret { 0o600 } else { 0o644 });
    }
    #[cfg(not(unix))]
    let _ = secret;
    options.open(path)
}

fn fill(file: &mut File, contents: &str) -> io::Result<()> {
    file.write_all(contents.as_bytes())?;
    file.sync_all()
}

/// Makes a rename durable where the system allows it; a directory that
/// cannot be synced (some file systems refuse) changes nothing written.
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    {
        let dir = if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        };
        if let Ok(handle) = File::open(dir) {
            let _ = handle.sync_all();
        }
    }
    #[cfg(not(unix))]
    let _ = dir;
}

/// 64 random bits in hex: a name nobody can plant a file under in advance.
fn random_suffix() -> Result<String> {
    let mut bytes = [0u8; 8];
    jose_core::os_rng()
        .try_fill_bytes(&mut bytes)
        .map_err(|_| anyhow::anyhow!("the system's random generator failed"))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

#[cfg(test)]
#[path = "../tests/support/scratch.rs"]
mod scratch;

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str = "-----BEGIN PRIVATE KEY-----\nsecret\n-----END PRIVATE KEY-----\n";

    fn scratch(name: &str) -> super::scratch::Scratch {
        super::scratch::Scratch::new("jose-output", name)
    }

    fn outputs(dir: &Path) -> Vec<Output> {
        vec![
            Output::secret(dir.join("api.key.pem"), Zeroizing::new(KEY.into())),
            Output::secret(dir.join("api.jwk.json"), Zeroizing::new(KEY.into())),
            Output::public(dir.join("api.pub.pem"), "public".into()),
        ]
    }

    #[cfg(unix)]
    fn mode(path: &Path) -> u32 {
        use std::os::unix::fs::PermissionsExt;
        std::fs::symlink_metadata(path)
            .unwrap()
            .permissions()
            .mode()
            & 0o777
    }

    #[cfg(unix)]
    fn world_readable(path: &Path, contents: &str) {
        use std::os::unix::fs::PermissionsExt;
        std::fs::write(path, contents).unwrap();
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o644)).unwrap();
    }

    /// Every file in `dir` except those named.
    fn leftovers(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[cfg(unix)]
    #[test]
    fn secrets_are_created_0600_and_public_files_readable() {
        let dir = scratch("modes");
        write_all(&outputs(&dir), false).unwrap();
        assert_eq!(mode(&dir.join("api.key.pem")), 0o600);
        assert_eq!(mode(&dir.join("api.jwk.json")), 0o600);
        assert_eq!(mode(&dir.join("api.pub.pem")) & 0o600, 0o600);
        assert_eq!(
            std::fs::read_to_string(dir.join("api.key.pem")).unwrap(),
            KEY
        );
    }

    #[cfg(unix)]
    #[test]
    fn force_replaces_a_world_readable_file_with_a_new_0600_one() {
        let dir = scratch("force-0644");
        let key = dir.join("api.key.pem");
        world_readable(&key, "old");
        // Someone else holding the old file open keeps reading the old bytes.
        let held = File::open(&key).unwrap();
        write_all(&outputs(&dir), true).unwrap();
        assert_eq!(mode(&key), 0o600, "the new file's mode, not the old one's");
        assert_eq!(std::fs::read_to_string(&key).unwrap(), KEY);
        let mut old = String::new();
        io::Read::read_to_string(&mut &held, &mut old).unwrap();
        assert_eq!(old, "old", "the existing file was never written to");
        assert_eq!(
            leftovers(&dir),
            ["api.jwk.json", "api.key.pem", "api.pub.pem"],
            "no temporary file left"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_is_never_followed() {
        let dir = scratch("symlink");
        let victim = dir.join("victim");
        world_readable(&victim, "victim");
        let key = dir.join("api.key.pem");
        std::os::unix::fs::symlink(&victim, &key).unwrap();
        // Without --force: refused, the link and its target untouched.
        let err = write_all(&outputs(&dir), false).unwrap_err();
        assert!(err.to_string().contains("exists"), "{err}");
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "victim");
        assert!(!dir.join("api.jwk.json").exists(), "nothing written");
        // A dangling link too (its target would be created by a follower).
        let dangling = dir.join("dangling-target");
        std::fs::remove_file(&key).unwrap();
        std::os::unix::fs::symlink(&dangling, &key).unwrap();
        assert!(write_all(&outputs(&dir), false).is_err());
        assert!(!dangling.exists(), "the link's target was not created");
        // With --force: the link is replaced by a file; its target untouched.
        std::fs::remove_file(&key).unwrap();
        std::os::unix::fs::symlink(&victim, &key).unwrap();
        write_all(&outputs(&dir), true).unwrap();
        assert!(!std::fs::symlink_metadata(&key).unwrap().is_symlink());
        assert_eq!(mode(&key), 0o600);
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "victim");
        assert_eq!(mode(&victim), 0o644);
    }

    #[cfg(unix)]
    #[test]
    fn a_file_planted_between_two_outputs_stops_the_run() {
        // After the first output is written, a second thread plants a
        // world-readable file (and, in the next round, a symlink) where the
        // second, secret output goes: the key never reaches it.
        for plant_link in [false, true] {
            let dir = scratch(&format!("planted-{plant_link}"));
            let second = dir.join("api.jwk.json");
            let victim = dir.join("victim");
            world_readable(&victim, "victim");
            let err = write_all_with(&outputs(&dir), false, |i| {
                if i == 0 {
                    let (second, victim) = (second.clone(), victim.clone());
                    std::thread::spawn(move || {
                        if plant_link {
                            std::os::unix::fs::symlink(&victim, &second).unwrap();
                        } else {
                            world_readable(&second, "planted");
                        }
                    })
                    .join()
                    .unwrap();
                }
            })
            .unwrap_err();
            assert!(err.to_string().contains("appeared"), "{err}");
            assert_eq!(std::fs::read_to_string(&victim).unwrap(), "victim");
            if !plant_link {
                assert_eq!(std::fs::read_to_string(&second).unwrap(), "planted");
            }
            assert!(
                !dir.join("api.key.pem").exists(),
                "the file written before the plant is removed"
            );
            assert!(!dir.join("api.pub.pem").exists(), "nothing after it");
        }
    }

    #[cfg(unix)]
    #[test]
    fn with_force_a_file_planted_between_outputs_is_replaced_not_written_into() {
        let dir = scratch("planted-force");
        let second = dir.join("api.jwk.json");
        write_all_with(&outputs(&dir), true, |i| {
            if i == 0 {
                world_readable(&second, "planted");
            }
        })
        .unwrap();
        assert_eq!(mode(&second), 0o600);
        assert_eq!(std::fs::read_to_string(&second).unwrap(), KEY);
    }

    #[test]
    fn a_directory_is_never_replaced() {
        let dir = scratch("dir-target");
        std::fs::create_dir(dir.join("api.key.pem")).unwrap();
        let err = write_all(&outputs(&dir), true).unwrap_err();
        assert!(err.to_string().contains("is a directory"), "{err}");
        assert!(!dir.join("api.jwk.json").exists(), "nothing written");
    }
}
