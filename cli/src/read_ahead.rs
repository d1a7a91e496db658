//! Reading a file on a thread of its own, a few blocks ahead of the verifier: the
//! kernel's copy into user memory then overlaps with parsing instead of adding to it.

use std::io::{self, Read};
use std::sync::mpsc::{sync_channel, Receiver};
use std::thread;

/// Blocks read ahead at most.
const AHEAD: usize = 4;

/// The blocks of `source` (each up to `block` bytes), read ahead on another thread, in
/// order; an I/O error is the last item.
pub(crate) fn blocks<R: Read + Send + 'static>(
    mut source: R,
    block: usize,
) -> impl Iterator<Item = io::Result<Vec<u8>>> {
    let (tx, rx) = sync_channel::<io::Result<Vec<u8>>>(AHEAD);
    let failed_tx = tx.clone();
    let spawned = thread::Builder::new()
        .name("read-ahead".to_string())
        .spawn(move || loop {
            let mut buf = vec![0u8; block];
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
    Received(rx)
}

struct Received(Receiver<io::Result<Vec<u8>>>);

impl Iterator for Received {
    type Item = io::Result<Vec<u8>>;
    fn next(&mut self) -> Option<Self::Item> {
        self.0.recv().ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_byte_arrives_in_order() {
        let data: Vec<u8> = (0..1_000_003u32).map(|i| (i % 251) as u8).collect();
        let got: Vec<u8> = blocks(io::Cursor::new(data.clone()), 4096)
            .flat_map(Result::unwrap)
            .collect();
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
        assert!(items[..3].iter().all(|b| b.as_ref().unwrap() == &[7]));
        assert_eq!(items[3].as_ref().unwrap_err().to_string(), "disk gone");
    }
}
