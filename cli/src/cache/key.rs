//! Cache keys: 128-bit xxh3 digests of everything a result depends on, each
//! part framed by its length so that no two different inputs hash alike by
//! running into each other ("ab" + "c" vs "a" + "bc").

use std::path::Path;
use xxhash_rust::xxh3::Xxh3;

/// Bumped when what an entry holds, or how keys are made, changes.
const FORMAT: u64 = 1;

/// A digest under construction.
pub struct KeyHasher(Box<Xxh3>);

impl KeyHasher {
    pub fn new() -> Self {
        let mut hasher = Self(Box::default());
        hasher.u64(FORMAT);
        hasher
    }

    pub fn bytes(&mut self, bytes: &[u8]) -> &mut Self {
        self.u64(bytes.len() as u64);
        self.0.update(bytes);
        self
    }

    pub fn str(&mut self, text: &str) -> &mut Self {
        self.bytes(text.as_bytes())
    }

    pub fn path(&mut self, path: &Path) -> &mut Self {
        self.bytes(path.as_os_str().as_encoded_bytes())
    }

    pub fn u64(&mut self, n: u64) -> &mut Self {
        self.0.update(&n.to_le_bytes());
        self
    }

    pub fn u128(&mut self, n: u128) -> &mut Self {
        self.0.update(&n.to_le_bytes());
        self
    }

    pub fn finish(&self) -> u128 {
        self.0.digest128()
    }
}

/// What identifies this build of faultline: its version, the digest of the
/// sources it was built from (`build.rs`), and the size and modification time
/// of its executable, so that a rebuilt binary (whose rules may have changed
/// without a version bump) never reads the results of another. 0 for the
/// parts it cannot read.
pub fn build_fingerprint() -> u128 {
    let mut key = KeyHasher::new();
    key.str(env!("CARGO_PKG_VERSION")).str(env!("FAULTLINE_SOURCE_DIGEST"));
    let metadata = std::env::current_exe().and_then(std::fs::metadata);
    let (len, modified) = match &metadata {
        Ok(m) => (m.len(), m.modified().ok()),
        Err(_) => (0, None),
    };
    let nanos = modified.and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok()).map_or(0, |d| d.as_nanos());
    key.u64(len).u128(nanos);
    key.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_are_framed() {
        let joined = KeyHasher::new().str("ab").str("c").finish();
        let split = KeyHasher::new().str("a").str("bc").finish();
        assert_ne!(joined, split);
        assert_eq!(joined, KeyHasher::new().str("ab").str("c").finish());
    }
}
