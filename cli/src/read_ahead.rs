//! Reading a file on a thread of its own, a few blocks ahead of the verifier: the
//! kernel's copy into user memory then overlaps with parsing instead of adding to it.
//! Blocks go back to the reading thread when they are dropped, so memory stays a fixed
//! handful of blocks whatever the file's size.

use core::ops::Deref;
use std::io::{self, Read};
use std::sync::mpsc::{channel, sync_channel, Receiver, Sender};
use std::thread;

/// Blocks read ahead at most.
const AHEAD: usize = 4;

/// One block of the file; given back for reuse when dropped.
pub(crate) struct Block {
    data: Vec<u8>,
    back: Sender<Vec<u8>>,
}

impl Deref for Block {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        &self.data
    }
}

impl Drop for Block {
    fn drop(&mut self) {
        // The reading thread may have finished; the block is then simply freed.
        let _ = self.back.send(core::mem::take(&mut self.data));
    }
}

/// The blocks of `source` (each up to `block` bytes), read ahead on another thread, in
/// order; an I/O error is the last item.
pub(crate) fn blocks<R: Read + Send + 'static>(
    mut source: R,
    block: usize,
) -> impl Iterator<Item = io::Result<Block>> {
    let (tx, rx) = sync_channel::<io::Result<Vec<u8>>>(AHEAD);
    let (back, returned) = channel::<Vec<u8>>();
    let failed_tx = tx.clone();
    let spawned = thread::Builder::new()
        .name("read-ahead".to_string())
        .spawn(move || loop {
            let mut buf = returned.try_recv().unwrap_or_default();
            buf.resize(block, 0);
            match source.read(&mut buf) {
                Ok(0) => return,
                Ok(n) => {
                    buf.truncate(n);
                    if tx.send(Ok(buf)).is_err() {
                        return; // the verifier stopped reading
                    }
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => {
                    let _ = tx.send(Err(e));
                    return;
                }
            }
        });
    if let Err(e) = spawned {
        let _ = failed_tx.send(Err(io::Error::other(format!(
            "cannot start the reading thread: {e}"
        ))));
    }
    drop(failed_tx);
    Received { rx, back }
}

struct Received {
    rx: Receiver<io::Result<Vec<u8>>>,
    back: Sender<Vec<u8>>,
}

impl Iterator for Received {
    type Item = io::Result<Block>;
    fn next(&mut self) -> Option<Self::Item> {
        let r = self.rx.recv().ok()?;
        Some(r.map(|data| Block {
            data,
            back: self.back.clone(),
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_byte_arrives_in_order() {
        let data: Vec<u8> = (0..1_000_003u32).map(|i| (i % 251) as u8).collect();
        let mut got = Vec::new();
        for b in blocks(io::Cursor::new(data.clone()), 4096) {
            got.extend_from_slice(&b.unwrap());
        }
        assert_eq!(got, data);
    }

    #[test]
    fn a_read_error_is_the_last_item() {
        struct Failing(usize);
        impl Read for Failing {
            fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
                if self.0 == 0 {
                    return Err(io::Error::other("disk gone"));
                }
                self.0 -= 1;
                buf[0] = 7;
                Ok(1)
            }
        }
        let items: Vec<_> = blocks(Failing(3), 16).collect();
        assert_eq!(items.len(), 4);
        assert!(items[..3].iter().all(|b| **b.as_ref().unwrap() == [7]));
        assert_eq!(items[3].as_ref().err().unwrap().to_string(), "disk gone");
    }
}
