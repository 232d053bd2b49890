//! What the hostile tests share: a scratch folder holding a known-good article.

use std::path::{Path, PathBuf};

/// A scratch folder holding a known-good article (`good.txt`), removed at the end of the test.
pub struct Scratch(pub PathBuf);

impl Scratch {
    /// A new folder in the temporary directory, named after the test file (`kind`) and `name`.
    pub fn new(kind: &str, name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("jikji-{kind}-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let seed =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus/000_f764500f61ec45ef.txt");
        std::fs::copy(seed, dir.join("good.txt")).unwrap();
        Scratch(dir)
    }

    /// Writes `bytes` as the file `name` in the folder; returns its path.
    pub fn write(&self, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let path = self.0.join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
