//! Long checks run on their own thread while a page follows their progress: one runner for
//! every kind (an Android phone, an iPhone backup or the connected iPhone).

use serde::Serialize;
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use vigie_core::Message;

/// Where a check running in the station stands.
#[derive(Debug, Clone, Default, Serialize)]
pub struct CheckProgress {
    /// Steps done.
    pub done: usize,
    /// Steps in all.
    pub total: usize,
    /// What is being read, in the operator's language.
    pub step: String,
    /// The check is over (stored, or failed).
    pub finished: bool,
    /// Why it failed, if it did.
    #[serde(skip)]
    pub error: Option<Message>,
    /// The check stored in the case.
    pub scan: Option<i64>,
}

/// What a running check tells its page.
#[derive(Debug, Clone, Default)]
pub struct Progress(Arc<Mutex<CheckProgress>>);

impl Progress {
    /// `done` steps of `total`, reading `step`.
    pub fn step(&self, done: usize, total: usize, step: &str) {
        if let Ok(mut p) = self.0.lock() {
            p.done = done;
            p.total = total;
            p.step = step.to_owned();
        }
    }

    /// Where it stands.
    pub fn get(&self) -> CheckProgress {
        self.0.lock().map(|p| p.clone()).unwrap_or_default()
    }

    fn finish(&self, scan: Option<i64>, error: Option<Message>) {
        if let Ok(mut p) = self.0.lock() {
            p.finished = true;
            p.scan = scan;
            p.error = error;
        }
    }
}

/// A check running on its own thread: `work` reports its steps, and returns the id of the
/// check it stored, or why it could not.
#[derive(Debug)]
pub struct Running {
    progress: Progress,
    thread: Option<JoinHandle<()>>,
}

impl Running {
    /// Starts `work` on its own thread.
    pub fn spawn(work: impl FnOnce(&Progress) -> Result<i64, Message> + Send + 'static) -> Self {
        let progress = Progress::default();
        let shared = progress.clone();
        let thread = std::thread::spawn(move || match work(&shared) {
            Ok(scan) => shared.finish(Some(scan), None),
            Err(m) => shared.finish(None, Some(m)),
        });
        Running {
            progress,
            thread: Some(thread),
        }
    }

    /// Where it stands; a check whose thread ended without a word (it cannot: checks return
    /// their errors) is said to have failed.
    pub fn progress(&mut self) -> CheckProgress {
        if self.thread.as_ref().is_some_and(|t| t.is_finished()) {
            if let Some(t) = self.thread.take() {
                if t.join().is_err() {
                    self.progress
                        .finish(None, Some(Message::new("station-check-failed")));
                }
            }
        }
        self.progress.get()
    }
}
