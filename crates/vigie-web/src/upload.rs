//! Uploads read as they arrive: text fields are collected, and each file is handed, piece
//! by piece, to what stores it (the case's evidence, the locker), never held whole in memory.

use axum::extract::Multipart;
use std::collections::HashMap;
use vigie_core::Message;

/// Longest text field kept, in characters.
const MAX_FIELD: usize = 4000;

/// Where uploaded files go.
pub(crate) trait FileSink: Send {
    /// A file named `name` begins.
    fn begin(&mut self, name: &str) -> Result<(), Message>;
    /// Its next bytes.
    fn write(&mut self, bytes: &[u8]) -> Result<(), Message>;
    /// It ended whole.
    fn end(&mut self) -> Result<(), Message>;
    /// It stopped arriving part-way: what arrived is kept, marked as cut off.
    fn cut(&mut self);
}

/// An upload that stopped part-way (the connection, the browser).
fn interrupted(e: axum::extract::multipart::MultipartError) -> Message {
    Message::new("web-import-interrupted").arg("detail", e.to_string())
}

/// Reads every part of `multipart`: files go to `sink` as they arrive (their name without
/// any folder), text fields are returned. On the first failure reading stops and it is
/// returned with the fields read so far; what the sink received stays (a file cut off
/// part-way is told so).
pub(crate) async fn receive(
    multipart: &mut Multipart,
    sink: &mut dyn FileSink,
) -> (HashMap<String, String>, Option<Message>) {
    let mut fields = HashMap::new();
    loop {
        let mut field = match multipart.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => return (fields, None),
            Err(e) => return (fields, Some(interrupted(e))),
        };
        let name = field.name().unwrap_or_default().to_owned();
        let file_name = field
            .file_name()
            .map(|n| n.rsplit(['/', '\\']).next().unwrap_or(n).to_owned())
            .filter(|n| !n.is_empty());
        let Some(file_name) = file_name else {
            if field.file_name().is_none() {
                if let Ok(text) = field.text().await {
                    fields.insert(name, text.chars().take(MAX_FIELD).collect());
                }
            }
            continue;
        };
        if let Err(m) = tokio::task::block_in_place(|| sink.begin(&file_name)) {
            return (fields, Some(m));
        }
        loop {
            let failure = match field.chunk().await {
                Ok(Some(bytes)) => match tokio::task::block_in_place(|| sink.write(&bytes)) {
                    Ok(()) => continue,
                    Err(m) => m,
                },
                Ok(None) => break,
                Err(e) => interrupted(e),
            };
            tokio::task::block_in_place(|| sink.cut());
            return (fields, Some(failure));
        }
        if let Err(m) = tokio::task::block_in_place(|| sink.end()) {
            return (fields, Some(m));
        }
    }
}
