//! Evidence chunks stored on a connection of their own. A capture fed at line rate stores
//! its full chunks (encrypted, committed, synced) without the lock that guards the case
//! file's main connection, so that the pages reading the case file never wait on them:
//! the case file's write-ahead log lets readers go on while a chunk is written.

use crate::evidence::{insert_chunk, space_left};
use crate::{CaseError, CaseStore, EvidenceWriter};
use rusqlite::Connection;
use std::path::PathBuf;
use std::time::Duration;
use zeroize::Zeroizing;

/// How long a chunk waits for another writer of the case file before it is refused.
const BUSY_WAIT: Duration = Duration::from_secs(10);

/// Stores the full chunks of evidence items begun in the case file, on its own connection.
pub struct ChunkWriter {
    conn: Connection,
    data_key: Zeroizing<[u8; 32]>,
    dir: PathBuf,
}

impl CaseStore {
    /// A connection of its own to this case file, for storing evidence chunks.
    pub fn chunk_writer(&self) -> Result<ChunkWriter, CaseError> {
        let conn = Connection::open(self.dir.join(&self.file_name))?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.busy_timeout(BUSY_WAIT)?;
        Ok(ChunkWriter {
            conn,
            data_key: Zeroizing::new(self.data_key),
            dir: self.dir.clone(),
        })
    }
}

impl ChunkWriter {
    /// Stores `w`'s chunk if it is full, as [`CaseStore::write_evidence`] does: refused on a
    /// full disk, the chunk then kept whole in `w` for a later attempt.
    pub fn store_full_chunk(&mut self, w: &mut EvidenceWriter) -> Result<(), CaseError> {
        if !w.is_full() {
            return Ok(());
        }
        space_left(&self.dir)?;
        insert_chunk(&self.conn, &self.data_key, (w.id, w.next_chunk), &w.pending)?;
        w.next_chunk += 1;
        w.pending.clear();
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use crate::{CaseStore, EvidenceKind, KdfParams, CHUNK};
    use sha2::{Digest, Sha256};
    use vigie_core::Timestamp;

    #[test]
    fn chunks_stored_apart_read_back_whole_while_the_case_file_is_read() {
        let dir = std::env::temp_dir().join(format!("vigie-chunks-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("dir");
        let t = Timestamp(1_764_000_000_000_000_000);
        let mut store =
            CaseStore::open(&dir.join("cases.db"), "pw", KdfParams::for_tests(), t).expect("open");
        let case = store.case("PV-1", t).expect("case");
        let mut w = store
            .begin_evidence(case, "live.pcap", EvidenceKind::Capture, t)
            .expect("begin");
        let mut chunks = store.chunk_writer().expect("writer");
        let bytes: Vec<u8> = (0..CHUNK * 5 / 2).map(|i| (i % 251) as u8).collect();
        for piece in bytes.chunks(70_000) {
            let mut rest = piece;
            while !rest.is_empty() {
                rest = &rest[w.fill(rest)..];
                chunks.store_full_chunk(&mut w).expect("chunk");
                // The main connection reads meanwhile, with no lock shared with the writer.
                assert_eq!(store.evidence(case).expect("list").len(), 1);
            }
        }
        let info = store.finish_evidence(w, t).expect("finish");
        assert_eq!(info.size, bytes.len() as u64);
        assert_eq!(info.sha256, Some(hex::encode(Sha256::digest(&bytes))));
        let mut back = Vec::new();
        store.read_evidence(info.id, &mut back).expect("read");
        assert!(back == bytes, "content read back differs");
        assert!(store.verify().expect("verify").problems.is_empty());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
