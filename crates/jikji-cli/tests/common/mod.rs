//! What the CLI's tests share: the repository's files, running the built `jikji`, a scratch
//! folder holding a known-good article, and a PDF writer.

use std::path::PathBuf;
use std::process::{Command, Output};

/// A file or folder of the repository, by its path from the repository's root (`corpus`,
/// `tests/fixtures/reprints`), as a string to pass as an argument.
#[allow(dead_code)] // not every test file names one
pub fn repo_path(path: &str) -> String {
    format!("{}/../../{path}", env!("CARGO_MANIFEST_DIR"))
}

/// Runs the built `jikji` with `args`, on the project's corpus unless the args name another
/// (`JIKJI_CORPUS` of the environment removed).
#[allow(dead_code)] // not every test file runs it this way
pub fn jikji(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_jikji"))
        .args(args)
        .env_remove("JIKJI_CORPUS")
        .output()
        .expect("jikji runs")
}

/// What the built `jikji` prints with `args` (see [`jikji`]), which must succeed.
#[allow(dead_code)] // not every test file runs it this way
pub fn stdout_of(args: &[&str]) -> String {
    let out = jikji(args);
    assert!(
        out.status.success(),
        "jikji {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}

/// A scratch folder holding a known-good article (`good.txt`), removed at the end of the test.
#[allow(dead_code)] // not every test file makes one
pub struct Scratch(pub PathBuf);

#[allow(dead_code)]
impl Scratch {
    /// A new folder in the temporary directory, named after the test file (`kind`) and `name`.
    pub fn new(kind: &str, name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("jikji-{kind}-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let seed = repo_path("corpus/000_f764500f61ec45ef.txt");
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

/// A PDF of `objects` (the bodies of objects 1, 2, …; 1 is the catalog) with a correct
/// cross-reference table.
#[allow(dead_code)] // not every test file writes PDFs
pub fn pdf(objects: &[Vec<u8>]) -> Vec<u8> {
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (n, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n", n + 1).as_bytes());
        out.extend(body);
        out.extend(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for offset in offsets {
        out.extend(format!("{offset:010} 00000 n \n").as_bytes());
    }
    out.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}
