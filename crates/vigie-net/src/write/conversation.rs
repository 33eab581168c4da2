//! A TCP conversation with consistent sequence numbers.

use super::packets::{tcp_flags, tcp_packet};
use std::net::IpAddr;

/// A TCP conversation between a client and a server: handshake, data both ways, and close,
/// with consistent sequence numbers. Each call returns the IP packets it produced.
#[derive(Debug, Clone)]
pub struct TcpConversation {
    client: (IpAddr, u16),
    server: (IpAddr, u16),
    client_seq: u32,
    server_seq: u32,
}

impl TcpConversation {
    /// A conversation from `client` to `server` (address, port).
    pub fn new(client: (IpAddr, u16), server: (IpAddr, u16)) -> Self {
        TcpConversation {
            client,
            server,
            client_seq: 1000,
            server_seq: 5000,
        }
    }

    /// SYN, SYN-ACK, ACK.
    pub fn open(&mut self) -> Vec<Vec<u8>> {
        let syn = self.segment(true, 0, tcp_flags::SYN, &[]);
        let syn_ack = self.segment(
            false,
            self.client_seq + 1,
            tcp_flags::SYN | tcp_flags::ACK,
            &[],
        );
        self.client_seq += 1;
        self.server_seq += 1;
        let ack = self.segment(true, self.server_seq, tcp_flags::ACK, &[]);
        vec![syn, syn_ack, ack]
    }

    /// Data from the client, cut into segments of at most `mss` bytes.
    pub fn client_sends(&mut self, data: &[u8], mss: usize) -> Vec<Vec<u8>> {
        self.sends(true, data, mss)
    }

    /// Data from the server, cut into segments of at most `mss` bytes.
    pub fn server_sends(&mut self, data: &[u8], mss: usize) -> Vec<Vec<u8>> {
        self.sends(false, data, mss)
    }

    fn sends(&mut self, from_client: bool, data: &[u8], mss: usize) -> Vec<Vec<u8>> {
        let mut out = vec![];
        for chunk in data.chunks(mss.max(1)) {
            let ack = if from_client {
                self.server_seq
            } else {
                self.client_seq
            };
            out.push(self.segment(from_client, ack, tcp_flags::ACK | tcp_flags::PSH, chunk));
            let seq = if from_client {
                &mut self.client_seq
            } else {
                &mut self.server_seq
            };
            *seq = seq.wrapping_add(chunk.len() as u32);
        }
        out
    }

    /// FIN from the client and the server's FIN-ACK.
    pub fn close(&mut self) -> Vec<Vec<u8>> {
        let fin_ack = tcp_flags::FIN | tcp_flags::ACK;
        let fin = self.segment(true, self.server_seq, fin_ack, &[]);
        let reply = self.segment(false, self.client_seq + 1, fin_ack, &[]);
        vec![fin, reply]
    }

    /// A segment from one side at its current sequence number, acknowledging `ack`.
    fn segment(&self, from_client: bool, ack: u32, flags: u8, payload: &[u8]) -> Vec<u8> {
        let (from, to, seq) = if from_client {
            (self.client, self.server, self.client_seq)
        } else {
            (self.server, self.client, self.server_seq)
        };
        tcp_packet(from.0, to.0, from.1, to.1, seq, ack, flags, payload)
    }
}
