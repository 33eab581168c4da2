//! Captures uploaded into a case: each file is streamed into the case file (encrypted) and,
//! in the same pass, through the network check; the check is then stored.

use crate::app::{CaseRef, Shared};
use crate::extract::Upload;
use crate::respond::{case_error, error_page};
use crate::upload::{receive, FileSink};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use std::io::Read;
use std::sync::mpsc::{Receiver, Sender, SyncSender};
use vigie_case::{CaseId, EvidenceKind, EvidenceWriter};
use vigie_core::{Localized, Message, Timestamp};
use vigie_station::{CaptureCheck, CaseTarget};

/// Bytes arriving over a channel, read as a stream (the upload, as it is stored).
struct ChannelReader {
    rx: Receiver<Vec<u8>>,
    buf: Vec<u8>,
    pos: usize,
}

impl Read for ChannelReader {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        while self.pos == self.buf.len() {
            match self.rx.recv() {
                Ok(b) => {
                    self.buf = b;
                    self.pos = 0;
                }
                Err(_) => return Ok(0),
            }
        }
        let n = out.len().min(self.buf.len() - self.pos);
        out[..n].copy_from_slice(&self.buf[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

/// Each uploaded file to the case file and, at the same time, to the check's thread.
struct ImportSink {
    target: CaseTarget,
    files: Sender<(String, ChannelReader)>,
    current: Option<(EvidenceWriter, SyncSender<Vec<u8>>, String)>,
    sources: Vec<(String, Option<String>)>,
}

impl ImportSink {
    /// Ends the current file, whole or cut off.
    fn close(&mut self, cut: bool) -> Result<(), Message> {
        let Some((writer, tx, name)) = self.current.take() else {
            return Ok(());
        };
        drop(tx);
        let now = Timestamp::now();
        let info = self
            .target
            .with(|s| match cut {
                false => s.finish_evidence(writer, now),
                true => s.finish_interrupted_evidence(writer, now),
            })
            .map_err(|e| e.message())?;
        self.sources.push((name, info.sha256));
        Ok(())
    }
}

impl FileSink for ImportSink {
    fn begin(&mut self, name: &str) -> Result<(), Message> {
        let (tx, rx) = std::sync::mpsc::sync_channel(8);
        let reader = ChannelReader {
            rx,
            buf: vec![],
            pos: 0,
        };
        let _ = self.files.send((name.to_owned(), reader));
        let (case, kind, now) = (self.target.case, EvidenceKind::Import, Timestamp::now());
        let writer = self
            .target
            .with(|s| s.begin_evidence(case, name, kind, now))
            .map_err(|e| e.message())?;
        self.current = Some((writer, tx, name.to_owned()));
        Ok(())
    }

    fn write(&mut self, bytes: &[u8]) -> Result<(), Message> {
        let Some((writer, tx, _)) = self.current.as_mut() else {
            return Ok(());
        };
        self.target
            .with(|s| s.write_evidence(writer, bytes))
            .map_err(|e| e.message())?;
        // A file that is not a capture stops being read; it is still stored.
        let _ = tx.send(bytes.to_vec());
        Ok(())
    }

    fn end(&mut self) -> Result<(), Message> {
        self.close(false)
    }

    fn cut(&mut self) {
        let _ = self.close(true);
    }
}

/// Imports the uploaded captures into case `reference` and checks them.
pub(crate) async fn import(State(app): Shared, Path(reference): CaseRef, up: Upload) -> Response {
    let (cat, s) = (&up.op.cat, &up.op.session);
    let mut multipart = up.multipart;
    let case: CaseId = match app.with_store(None, |st| st.find(&reference)) {
        Ok(c) => c,
        Err(e) => return case_error(cat, Some(s), &e),
    };
    let iocs = match app.feeds() {
        Ok(set) => set,
        Err(m) => return error_page(cat, Some(s), StatusCode::SERVICE_UNAVAILABLE, &m),
    };
    let made = Timestamp::now();
    let (files, incoming) = std::sync::mpsc::channel::<(String, ChannelReader)>();
    let scan_iocs = iocs.clone();
    let scanner = std::thread::spawn(move || {
        let mut check = CaptureCheck::new(&scan_iocs, true);
        for (name, reader) in incoming {
            check.read_stream(&name, reader);
        }
        let unreadable = check.unreadable().to_vec();
        (check.finish(vec![]), unreadable)
    });
    let target = match app.target(case, &s.operator) {
        Ok(t) => t,
        Err(e) => return case_error(cat, Some(s), &e),
    };
    let mut sink = ImportSink {
        target: target.clone(),
        files,
        current: None,
        sources: vec![],
    };
    let (_, failure) = receive(&mut multipart, &mut sink).await;
    let ImportSink { files, sources, .. } = sink;
    drop(files);
    let Ok((mut result, unreadable)) = tokio::task::block_in_place(|| scanner.join()) else {
        let m = Message::new("web-import-failed");
        return error_page(cat, Some(s), StatusCode::INTERNAL_SERVER_ERROR, &m);
    };
    if let Some(m) = failure {
        return error_page(cat, Some(s), StatusCode::BAD_REQUEST, &m);
    }
    if result.captures.is_empty() {
        let detail: Vec<String> = unreadable
            .iter()
            .map(|(n, m)| format!("{n}: {}", cat.text(m)))
            .collect();
        let m = Message::new("web-import-no-capture").arg("detail", detail.join("; "));
        return error_page(cat, Some(s), StatusCode::BAD_REQUEST, &m);
    }
    result.sources = sources;
    match tokio::task::block_in_place(|| target.store_check(&result, made, &iocs)) {
        Ok(scan) => Redirect::to(&format!("/results/{scan}?msg=web-import-done")).into_response(),
        Err(e) => case_error(cat, Some(s), &e),
    }
}
