//! Isolation per file: the files of an ingest run are read by a worker child process, so that
//! a reader that overflows its stack, allocates without end or loops forever costs that one
//! file, not the run.
//!
//! The design is Apache Tika's ForkParser. [`Pool`] (in the parent) starts a worker by running
//! the current executable again with [`WORKER_ENV`] set; [`run_if_worker`], called first thing
//! in every `main` that ingests with [`crate::Isolation::Worker`] (the `jikji` CLI and the app's
//! build script), turns that process into a worker: it reads one request line on stdin (a
//! file's path), reads the file with [`crate::ingest_file_with`] and answers with JSON lines
//! on stdout — the articles as they are read, then the outcome and the warnings — file after
//! file, until stdin closes. A large JSON Lines, JSON or CSV file is read a piece at a time
//! ([`crate::stream`]) and each piece's articles are sent when it is read, so neither the
//! worker nor a line holds all of a file's articles; those of a file read whole are sent in
//! lines of a few MB. The parent gathers a file's articles until its outcome arrives.
//! One worker reads a whole batch of files, so a process is started once per run (and once
//! after each file that killed one), not once per file; it is sent a few files ahead, so it
//! never waits for the parent to take in an answer.
//!
//! The parent waits for each line at most [`Limits::file_timeout`], then kills the worker: a
//! file read whole has that long, a file read a piece at a time that long for each piece;
//! the worker limits its own address space to [`Limits::file_memory`] (`setrlimit(RLIMIT_AS)`),
//! so a runaway allocation fails and aborts it (a text file that would need more, at about
//! ten times its size, is refused before it is read). A worker that dies or is stopped leaves
//! the file it was reading skipped with the reason ([`Failure::reason`]: a crash, a stack
//! overflow, the memory limit, the time limit), and the next file goes to a fresh worker; the
//! articles of it that had arrived are dropped. The results are the ones reading in process
//! gives, in the same order: the worker runs the same function.
//!
//! When no worker can be started (not Unix, or the executable cannot be run again), the pool
//! reads in this process and says so in a note of the run.
//!
//! [`Pool::read_all`] is the parent's side; [`Failure`] says why a file has no answer;
//! `limits.rs` reads and shows [`Limits`], `wire.rs` holds what crosses the pipes, `sys_unix.rs`
//! what is particular to Unix.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command, ExitStatus, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crate::formats::Format;
use crate::pending::Pending;
use crate::{FileReport, Outcome};

mod limits;
#[cfg(unix)]
#[path = "sys_unix.rs"]
mod sys;
#[cfg(not(unix))]
#[path = "sys_other.rs"]
mod sys;
mod wire;

pub use limits::{parse_bytes, parse_duration, show_bytes, show_duration, Limits};
use wire::{Reply, Request, WireOutcome};

/// The environment variable that makes a process started by [`Pool`] a worker.
pub const WORKER_ENV: &str = "JIKJI_INGEST_WORKER";
/// The worker's address-space limit in bytes, set by the parent.
const MEMORY_ENV: &str = "JIKJI_INGEST_WORKER_MEMORY";
/// The first line a worker writes: it proves that the executable serves requests (a program
/// whose `main` does not call [`run_if_worker`] would print something else, or nothing).
const HELLO: &str = "jikji-ingest-worker 1";
/// How long a new worker may take to say [`HELLO`].
const STARTUP_TIMEOUT: Duration = Duration::from_secs(20);
/// How many files a worker is sent ahead of the one it reads, so that it never waits for the
/// parent, which meanwhile takes in the answer before (the two run on two cores).
const AHEAD: usize = 32;
/// How much article text (titles and bodies, in bytes) a worker sends in one line.
const BATCH_BYTES: usize = 4 << 20;
/// How much of a worker's standard error the parent keeps to tell why it died.
const STDERR_TAIL: usize = 8 << 10;

/// Serves ingest requests and exits when this process was started as a worker by [`Pool`];
/// returns at once otherwise. Call it first thing in `main` of any program that ingests with
/// [`crate::Isolation::Worker`].
pub fn run_if_worker() {
    if std::env::var_os(WORKER_ENV).is_none() {
        return;
    }
    let code = match serve() {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("jikji ingest worker: {e}");
            1
        }
    };
    std::process::exit(code);
}

/// The worker's loop: a path per line in; per file, its articles in pieces as they are read,
/// then its outcome ([`Reply`]), a line each.
fn serve() -> std::io::Result<()> {
    let memory = std::env::var(MEMORY_ENV).ok().and_then(|v| v.parse().ok());
    if let Some(limit) = memory {
        sys::limit_memory(limit)?;
    }
    let mut out = std::io::BufWriter::new(sys::protocol_stdout()?);
    writeln!(out, "{HELLO}")?;
    out.flush()?;
    for line in std::io::stdin().lock().lines() {
        let request: Request = serde_json::from_str(&line?)?;
        let path = sys::path_from_bytes(request.path);
        let report = match memory.and_then(|limit| too_large(&path, limit)) {
            Some(reason) => FileReport {
                path: path.clone(),
                outcome: Outcome::Skipped { reason },
                warnings: Vec::new(),
            },
            None => read_file(&path, &mut out)?,
        };
        let done = Reply::Done {
            outcome: WireOutcome::from(&report.outcome),
            warnings: report.warnings,
        };
        send(&mut out, &done)?;
    }
    Ok(())
}

/// Reads one file, sending its articles as they are read ([`send_articles`]); its report.
fn read_file(path: &Path, out: &mut impl Write) -> std::io::Result<FileReport> {
    let mut failed = None;
    let report = crate::ingest_file_with(path, &mut |piece| {
        if failed.is_none() {
            failed = send_articles(out, &piece).err();
        }
    });
    failed.map_or(Ok(report), Err)
}

/// Sends a piece of a file read a piece at a time as one [`Reply::Articles`] line (even
/// without articles: the parent hears that the worker is getting on), and the articles of a
/// file read whole in lines of about [`BATCH_BYTES`] of text each.
fn send_articles(out: &mut impl Write, piece: &crate::Piece) -> std::io::Result<()> {
    if let Some(read) = piece.read {
        let reply = Reply::Articles {
            articles: piece.articles.as_slice().into(),
            read,
        };
        return send(out, &reply);
    }
    let mut rest = piece.articles.as_slice();
    loop {
        let mut bytes = 0;
        let n = rest
            .iter()
            .take_while(|a| {
                let fits = bytes < BATCH_BYTES;
                bytes += a.title.len() + a.body.len();
                fits
            })
            .count();
        let (batch, after) = rest.split_at(n);
        let reply = Reply::Articles {
            articles: batch.into(),
            read: 0,
        };
        send(out, &reply)?;
        rest = after;
        if rest.is_empty() {
            return Ok(());
        }
    }
}

fn send(out: &mut impl Write, reply: &Reply) -> std::io::Result<()> {
    serde_json::to_writer(&mut *out, reply)?;
    out.write_all(b"\n")?;
    out.flush()
}

/// How many times its size a text file takes in memory while it is read (whole).
const TEXT_MEMORY_FACTOR: u64 = 10;

/// The skip reason of a text file that cannot fit the memory limit of `limit` bytes: text is
/// read whole, and takes about [`TEXT_MEMORY_FACTOR`] times its size; reading it would only
/// run out of memory later.
fn too_large(path: &Path, limit: u64) -> Option<String> {
    let size = std::fs::metadata(path).ok()?.len();
    let needs = size.saturating_mul(TEXT_MEMORY_FACTOR);
    if needs <= limit || crate::formats::detect(path, &crate::head_of(path)) != Some(Format::Text) {
        return None;
    }
    Some(format!(
        "a text file of {} is read whole and needs about {TEXT_MEMORY_FACTOR} times its size in memory, more than the per-file memory limit ({}): not read (raise --file-memory to read it)",
        show_bytes(size),
        show_bytes(limit)
    ))
}

/// Why a worker gave no answer for a file.
#[derive(Debug)]
pub enum Failure {
    /// The file took longer than the time limit (a file read a piece at a time: its next
    /// piece, after `read` bytes of it); the worker was killed.
    TimedOut { read: u64 },
    /// The worker died: its exit status and the end of what it wrote to standard error.
    Died { status: ExitStatus, said: String },
    /// The worker answered with something that is not a reply (a bug, or a program that is
    /// not a worker).
    Garbled(String),
}

impl Failure {
    /// The skip reason of the file, in the user's terms; `reader` names the format's reader
    /// ("PDF", "HTML", …).
    pub fn reason(&self, reader: &str, limits: &Limits) -> String {
        match self {
            Failure::TimedOut { read: 0 } => format!(
                "took longer than {} (the per-file time limit) and was stopped",
                show_duration(limits.file_timeout)
            ),
            Failure::TimedOut { read } => format!(
                "was stopped after {} of it were read: the next {} took longer than {} (the per-file time limit, which a large record file meets a piece at a time)",
                show_bytes(*read),
                show_bytes(crate::stream::PIECE),
                show_duration(limits.file_timeout)
            ),
            Failure::Died { status, said } => died_reason(*status, said, reader, limits),
            Failure::Garbled(what) => {
                format!("the {reader} reader's worker answered unreadably ({what})")
            }
        }
    }
}

impl Failure {
    /// This failure of a file of which `read` bytes had been read.
    fn after(self, read: u64) -> Failure {
        match self {
            Failure::TimedOut { .. } => Failure::TimedOut { read },
            other => other,
        }
    }

    /// Whether the worker ran out of its address space.
    fn out_of_memory(&self) -> bool {
        matches!(self, Failure::Died { said, .. } if said_out_of_memory(said))
    }
}

/// Whether a worker's last words say an allocation failed (Rust's message for it).
fn said_out_of_memory(said: &str) -> bool {
    said.contains("memory allocation of") || said.contains("out of memory")
}

fn died_reason(status: ExitStatus, said: &str, reader: &str, limits: &Limits) -> String {
    if said_out_of_memory(said) {
        return format!(
            "needed more than {} of memory (the per-file memory limit) and was stopped",
            show_bytes(limits.file_memory)
        );
    }
    if said.contains("has overflowed its stack") {
        return format!("the {reader} reader crashed (stack overflow) reading this file");
    }
    if let Some(at) = said.find("panicked at") {
        let message = said[at..].lines().nth(1).unwrap_or("").trim();
        return format!("the {reader} reader failed reading this file (panic: {message})");
    }
    match sys::signal_of(status) {
        Some(signal) => format!(
            "the {reader} reader crashed ({}) reading this file",
            sys::signal_name(signal)
        ),
        None => format!(
            "the {reader} reader stopped ({status}) reading this file{}",
            said.lines()
                .last()
                .map(|l| format!(": {}", l.trim()))
                .unwrap_or_default()
        ),
    }
}

/// One running worker process and the threads that talk to it: requests are written on a
/// thread of their own and replies read on another, so the parent never blocks on the pipes
/// (a worker caught in a loop stops reading its requests) and waits for a reply with a timeout.
struct Worker {
    child: Child,
    requests: Option<Sender<Vec<u8>>>,
    replies: Receiver<String>,
    stderr: Arc<Mutex<Vec<u8>>>,
    stderr_reader: Option<JoinHandle<()>>,
}

impl Worker {
    /// Starts the current executable as a worker and waits for its [`HELLO`].
    fn start(limits: &Limits) -> Result<Worker, String> {
        if !cfg!(unix) {
            return Err("isolation needs a Unix system".into());
        }
        let exe = std::env::current_exe().map_err(|e| format!("no executable to run: {e}"))?;
        let mut child = Command::new(&exe)
            .env(WORKER_ENV, "1")
            .env(MEMORY_ENV, limits.file_memory.to_string())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| format!("cannot run {}: {e}", exe.display()))?;
        let (Some(stdin), Some(stdout), Some(stderr)) =
            (child.stdin.take(), child.stdout.take(), child.stderr.take())
        else {
            unreachable!("all three streams were asked to be piped")
        };
        let tail = Arc::new(Mutex::new(Vec::new()));
        let mut worker = Worker {
            child,
            requests: Some(write_requests(stdin)),
            replies: read_replies(stdout),
            stderr_reader: Some(keep_tail(stderr, Arc::clone(&tail))),
            stderr: tail,
        };
        match worker.replies.recv_timeout(STARTUP_TIMEOUT) {
            Ok(line) if line == HELLO => Ok(worker),
            Ok(line) => Err(format!(
                "{} is not an ingest worker (its main does not call jikji_ingest::worker::run_if_worker; it said {:?})",
                exe.display(),
                line.chars().take(80).collect::<String>()
            )),
            Err(_) => {
                let said = worker.stop();
                Err(format!(
                    "{} did not start as an ingest worker{}",
                    exe.display(),
                    said.lines().last().map(|l| format!(": {l}")).unwrap_or_default()
                ))
            }
        }
    }

    /// Queues a file for the worker to read after those already sent. Never blocks; a request
    /// to a worker that died is lost with it, and the file sent again to the next one.
    fn send(&self, path: &Path) {
        let request = Request {
            path: sys::path_bytes(path),
        };
        let mut line = serde_json::to_vec(&request).expect("a request serializes");
        line.push(b'\n');
        if let Some(requests) = &self.requests {
            let _ = requests.send(line);
        }
    }

    /// The reply for the oldest file sent, waiting at most `timeout`. After an error the worker
    /// is gone.
    fn reply(&mut self, timeout: Duration) -> Result<Reply<'static>, Failure> {
        match self.replies.recv_timeout(timeout) {
            Ok(line) => serde_json::from_str::<Reply>(&line)
                .map(Reply::into_owned)
                .map_err(|e| {
                    self.stop();
                    Failure::Garbled(e.to_string())
                }),
            Err(RecvTimeoutError::Timeout) => {
                self.stop();
                Err(Failure::TimedOut { read: 0 })
            }
            Err(RecvTimeoutError::Disconnected) => Err(self.died()),
        }
    }

    /// The failure of a worker whose output has ended.
    fn died(&mut self) -> Failure {
        let status = self.child.wait();
        let said = self.stop();
        match status {
            Ok(status) => Failure::Died { status, said },
            Err(e) => Failure::Garbled(format!("its exit status is unknown: {e}")),
        }
    }

    /// Closes the requests, kills the worker (if it still runs), reaps it and returns what it
    /// wrote to stderr.
    fn stop(&mut self) -> String {
        self.requests = None;
        let _ = self.child.kill();
        let _ = self.child.wait();
        if let Some(reader) = self.stderr_reader.take() {
            let _ = reader.join();
        }
        let tail = self.stderr.lock().unwrap_or_else(|e| e.into_inner());
        String::from_utf8_lossy(&tail).into_owned()
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        self.stop();
    }
}

/// Writes the requests sent to the returned channel to the worker's stdin, on a thread; the
/// thread ends (closing stdin) when the channel closes or the worker is gone.
fn write_requests(mut stdin: ChildStdin) -> Sender<Vec<u8>> {
    let (send, requests) = mpsc::channel::<Vec<u8>>();
    std::thread::spawn(move || {
        for line in requests {
            if stdin.write_all(&line).and_then(|()| stdin.flush()).is_err() {
                break;
            }
        }
    });
    send
}

/// Reads the worker's reply lines on a thread, into the returned channel, which closes when
/// the worker's stdout does.
fn read_replies(stdout: ChildStdout) -> Receiver<String> {
    let (send, replies) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if send.send(line).is_err() {
                break;
            }
        }
    });
    replies
}

/// Reads `stream` to its end on a thread, keeping its last [`STDERR_TAIL`] bytes in `tail`.
fn keep_tail(mut stream: impl Read + Send + 'static, tail: Arc<Mutex<Vec<u8>>>) -> JoinHandle<()> {
    std::thread::spawn(move || {
        let mut buffer = [0u8; 4096];
        while let Ok(n) = stream.read(&mut buffer) {
            if n == 0 {
                break;
            }
            let mut tail = tail.lock().unwrap_or_else(|e| e.into_inner());
            tail.extend_from_slice(&buffer[..n]);
            let excess = tail.len().saturating_sub(STDERR_TAIL);
            tail.drain(..excess);
        }
    })
}

/// Reads files in worker processes, one worker for as many files as it survives, starting a
/// new worker after one dies.
pub struct Pool {
    limits: Limits,
    worker: Option<Worker>,
    /// Set when no worker could be started: the rest is read in this process.
    in_process: bool,
    notes: Vec<String>,
}

impl Pool {
    pub fn new(limits: Limits) -> Pool {
        Pool {
            limits,
            worker: None,
            in_process: false,
            notes: Vec::new(),
        }
    }

    /// Reads `files` as [`crate::ingest_file`] does, in workers under the limits, calling
    /// `each(index, articles, report)` for every file in order.
    pub fn read_all(
        &mut self,
        files: &[(PathBuf, Format)],
        mut each: impl FnMut(usize, Pending, FileReport),
    ) {
        let limits = self.limits;
        let mut done = 0;
        while done < files.len() {
            if self.in_process {
                let (articles, report) = crate::ingest_file_pending(&files[done].0);
                each(done, articles, report);
                done += 1;
            } else if let Some(worker) = self.worker() {
                let (next, alive) = batch(worker, files, done, &limits, &mut each);
                if !alive {
                    self.worker = None;
                }
                done = next;
            }
        }
    }

    /// The running worker, or a new one; `None` (and reading in process from now on, with a
    /// note) when none can be started.
    fn worker(&mut self) -> Option<&mut Worker> {
        if self.worker.is_none() {
            match Worker::start(&self.limits) {
                Ok(worker) => self.worker = Some(worker),
                Err(e) => {
                    self.in_process = true;
                    self.notes.push(format!(
                        "warning: files are read in this process, without the per-file time and memory limits: {e}"
                    ));
                }
            }
        }
        self.worker.as_mut()
    }

    /// What the run should tell its user about the pool itself (a fallback to reading in
    /// process).
    pub fn into_notes(self) -> Vec<String> {
        self.notes
    }
}

/// Reads `files[from..]` with `worker`, up to [`AHEAD`] files sent ahead of the one being
/// read, until all are read or the worker fails (the file it was reading is then reported
/// with the reason). Returns the index of the first file not yet reported, and whether the
/// worker still serves. A file's time starts when the worker begins it: when the reply for
/// the file before it arrives.
///
/// A worker that runs out of memory after reading other files gets no report for the file:
/// what the files before left in its address space (a fragmented heap) counts against the
/// limit, so the file is tried again by a fresh worker, and is reported only if it fails
/// there too. Whether a file fits the limit then does not depend on the files read before it.
fn batch(
    worker: &mut Worker,
    files: &[(PathBuf, Format)],
    from: usize,
    limits: &Limits,
    each: &mut impl FnMut(usize, Pending, FileReport),
) -> (usize, bool) {
    let mut sent = from;
    let mut done = from;
    // The articles of the file being read, as they arrive, and how much of it is read.
    let mut articles = Pending::default();
    let mut read = 0;
    let mut started = Instant::now();
    while done < files.len() {
        while sent < files.len() && sent - done < AHEAD {
            worker.send(&files[sent].0);
            sent += 1;
        }
        let (path, format) = &files[done];
        let report = |outcome, warnings| FileReport {
            path: path.clone(),
            outcome,
            warnings,
        };
        let left = limits.file_timeout.saturating_sub(started.elapsed());
        match worker.reply(left) {
            Ok(Reply::Articles {
                articles: piece,
                read: now,
            }) => {
                started = Instant::now();
                articles.extend(piece.into_owned());
                read = now;
            }
            Ok(Reply::Done { outcome, warnings }) => {
                started = Instant::now();
                let report = report(outcome.into_outcome(), warnings);
                let file_articles = std::mem::take(&mut articles);
                each(done, report.keep_pending(file_articles), report);
                read = 0;
                done += 1;
            }
            Err(failure) if failure.out_of_memory() && done > from => return (done, false),
            Err(failure) => {
                let reason = failure.after(read).reason(format.name(), limits);
                each(
                    done,
                    Pending::default(),
                    report(Outcome::Skipped { reason }, vec![]),
                );
                return (done + 1, false);
            }
        }
    }
    (done, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dead_worker_is_told_in_the_users_terms() {
        use std::os::unix::process::ExitStatusExt;
        let limits = Limits::default();
        let abort = ExitStatus::from_raw(libc::SIGABRT);
        let reason = |said: &str| {
            Failure::Died {
                status: abort,
                said: said.into(),
            }
            .reason("PDF", &limits)
        };
        assert_eq!(
            reason(
                "\nthread 'main' has overflowed its stack\nfatal runtime error: stack overflow\n"
            ),
            "the PDF reader crashed (stack overflow) reading this file"
        );
        assert_eq!(
            reason("memory allocation of 1073741824 bytes failed\n"),
            "needed more than 2 GiB of memory (the per-file memory limit) and was stopped"
        );
        assert_eq!(
            reason(""),
            "the PDF reader crashed (abort) reading this file"
        );
        assert_eq!(
            Failure::TimedOut { read: 0 }.reason("PDF", &limits),
            "took longer than 60 s (the per-file time limit) and was stopped"
        );
    }

    #[test]
    fn a_streamed_file_is_stopped_by_its_piece_not_its_size() {
        let limits = Limits::default();
        assert_eq!(
            Failure::TimedOut { read: 320 << 20 }.reason("JSON records", &limits),
            "was stopped after 320 MiB of it were read: the next 16 MiB took longer than 60 s (the per-file time limit, which a large record file meets a piece at a time)"
        );
    }

    #[test]
    fn a_text_file_too_large_for_the_memory_limit_is_refused_before_it_is_read() {
        let dir = std::env::temp_dir().join(format!("jikji-too-large-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let text = dir.join("big.txt");
        std::fs::write(&text, "가".repeat(3 << 20)).unwrap(); // 9 MiB
        let records = dir.join("big.jsonl");
        std::fs::copy(&text, &records).unwrap();
        assert_eq!(
            too_large(&text, 64 << 20).as_deref(),
            Some("a text file of 9 MiB is read whole and needs about 10 times its size in memory, more than the per-file memory limit (64 MiB): not read (raise --file-memory to read it)")
        );
        assert_eq!(too_large(&text, 128 << 20), None);
        assert_eq!(
            too_large(&records, 64 << 20),
            None,
            "only text is judged by its size"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn paths_cross_the_wire_unchanged() {
        let path = Path::new("폴더/기사 1.txt");
        assert_eq!(sys::path_from_bytes(sys::path_bytes(path)), path);
    }
}
