//! Hashing on a second thread: the streaming metadata verifier hands its canonical bytes
//! over in blocks, so that reading and canonicalizing a large aggregate overlap with
//! hashing it. The verifier still compares the digest itself.

use std::sync::mpsc::{channel, sync_channel, Receiver, SyncSender};
use std::thread::{self, JoinHandle};

use trustmeta::{BlockHasher, DigestAlgorithm, Hasher};

/// Blocks in flight at most (each up to a few hundred KiB).
const IN_FLIGHT: usize = 4;

struct ThreadHasher {
    to: Option<SyncSender<Vec<u8>>>,
    back: Receiver<Vec<u8>>,
    done: JoinHandle<Vec<u8>>,
}

impl BlockHasher for ThreadHasher {
    fn update(&mut self, block: Vec<u8>) -> Vec<u8> {
        if let Some(to) = &self.to {
            if to.send(block).is_err() {
                // The hashing thread is gone: `finish` reports no digest.
                self.to = None;
            }
        }
        self.back.try_recv().unwrap_or_default()
    }

    fn finish(mut self: Box<Self>) -> Option<Vec<u8>> {
        let complete = self.to.take().is_some();
        let digest = self.done.join().ok()?;
        complete.then_some(digest)
    }
}

/// Hashes in the calling thread: used when no thread can be started.
struct Inline(Option<Hasher>);

impl BlockHasher for Inline {
    fn update(&mut self, block: Vec<u8>) -> Vec<u8> {
        if let Some(h) = self.0.as_mut() {
            h.update(&block);
        }
        block
    }

    fn finish(self: Box<Self>) -> Option<Vec<u8>> {
        self.0.map(|h| h.finish().as_bytes().to_vec())
    }
}

/// A [`BlockHasher`] for `alg` that hashes on a thread of its own.
pub fn start(alg: DigestAlgorithm) -> Box<dyn BlockHasher> {
    let (to, blocks) = sync_channel::<Vec<u8>>(IN_FLIGHT);
    let (give_back, back) = channel();
    let spawned = thread::Builder::new()
        .name("digest".to_string())
        .spawn(move || {
            let mut h = alg.hasher();
            for b in blocks {
                h.update(&b);
                // The verifier may have stopped taking buffers back; that is fine.
                let _ = give_back.send(b);
            }
            h.finish().as_bytes().to_vec()
        });
    match spawned {
        Ok(done) => Box::new(ThreadHasher {
            to: Some(to),
            back,
            done,
        }),
        Err(_) => Box::new(Inline(Some(alg.hasher()))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_thread_digest_is_the_digest_of_the_blocks_in_order() {
        let data: Vec<u8> = (0..3_000_000u32).map(|i| (i * 7 % 251) as u8).collect();
        for alg in [
            DigestAlgorithm::Sha256,
            DigestAlgorithm::Sha384,
            DigestAlgorithm::Sha1,
        ] {
            let mut h = start(alg);
            for c in data.chunks(100_003) {
                let mut buf = h.update(c.to_vec());
                buf.clear();
            }
            assert_eq!(h.finish().unwrap(), alg.digest(&data).as_bytes());
        }
    }
}
