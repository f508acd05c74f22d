//! The public statistics are read thousands of times between two imports of published figures:
//! this cache keeps what is built from them (reports, their JSON, the month list, names) and
//! drops everything when the database's published version changes
//! ([`unpol_app::stats::published_version`]). The version is asked at most once per
//! [`RECHECK`], so an import (by the CLI, or on another app instance sharing PostgreSQL) shows
//! on every instance within that delay. Only aggregates go in here: nothing about a person.
//!
//! Each entry is built once: when many visitors ask for the same missing entry at once (the first
//! seconds after a start, or after an import), one builds it and the others wait for its result
//! instead of all building the same thing (single flight).

use std::any::Any;
use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use unpol_app::Store;

/// How stale a cached answer may be after an import.
const RECHECK: Duration = Duration::from_secs(1);
/// Past this many entries the cache starts over: a crawler walking every month, mission and
/// country cannot make it grow without bound.
const MAX_ENTRIES: usize = 4_096;
/// Past this many bytes of rendered pages (see [`PublishedCache::charge`]) it starts over too.
const MAX_BYTES: usize = 64 * 1024 * 1024;

type Entry = Arc<dyn Any + Send + Sync>;
/// An entry being built or built; a failed build leaves it empty for the next caller to retry.
type Slot = Arc<tokio::sync::OnceCell<Entry>>;

#[derive(Debug, Default)]
pub struct PublishedCache {
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    version: Option<String>,
    checked: Option<Instant>,
    entries: HashMap<String, Slot>,
    /// Bytes of the large entries (rendered pages) kept since the last start over.
    bytes: usize,
}

impl State {
    fn clear(&mut self) {
        self.entries.clear();
        self.bytes = 0;
    }
}

impl std::fmt::Debug for State {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("State")
            .field("version", &self.version)
            .field("entries", &self.entries.len())
            .finish()
    }
}

impl PublishedCache {
    /// The value under `key`, built by `build` when missing (errors are not cached). Callers that
    /// ask for a key while it is being built wait for that build.
    pub async fn get_or_build<T, E, F, Fut>(
        &self,
        store: &Store,
        key: String,
        build: F,
    ) -> Result<Arc<T>, E>
    where
        T: Send + Sync + 'static,
        E: From<anyhow::Error>,
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<T, E>>,
    {
        self.revalidate(store).await?;
        let slot = self.slot(key);
        let entry = slot
            .get_or_try_init(|| async { Ok::<Entry, E>(Arc::new(build().await?)) })
            .await?;
        entry.clone().downcast::<T>().map_err(|_| {
            anyhow::anyhow!("published cache: an entry was asked for as another type").into()
        })
    }

    /// The slot of `key`, created empty when missing.
    fn slot(&self, key: String) -> Slot {
        let mut state = self.lock();
        if !state.entries.contains_key(&key) && state.entries.len() >= MAX_ENTRIES {
            state.clear();
        }
        state.entries.entry(key).or_default().clone()
    }

    /// Counts `bytes` of a large entry being built; past [`MAX_BYTES`] the cache starts over, so
    /// that visitors asking for many different pages cannot make it grow without bound.
    pub fn charge(&self, bytes: usize) {
        let mut state = self.lock();
        state.bytes += bytes;
        if state.bytes > MAX_BYTES {
            state.clear();
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        // A panic while holding the lock leaves a map that is still valid: keep using it.
        self.state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Drops every entry when the published version moved since the last check.
    async fn revalidate(&self, store: &Store) -> anyhow::Result<()> {
        let due = self.lock().checked.is_none_or(|at| at.elapsed() >= RECHECK);
        if !due {
            return Ok(());
        }
        let version = unpol_app::stats::published_version(store).await?;
        let mut state = self.lock();
        if state.version.as_deref() != Some(version.as_str()) {
            state.clear();
            state.version = Some(version);
        }
        state.checked = Some(Instant::now());
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use unpol_app::testing::{TestDb, TestStore};

    #[tokio::test]
    async fn an_entry_is_built_once_until_the_version_moves() -> anyhow::Result<()> {
        for t in TestDb::all().await? {
            let store = t.store();
            let cache = PublishedCache::default();
            let builds = std::sync::atomic::AtomicUsize::new(0);
            let build = || async {
                builds.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                Ok::<_, anyhow::Error>(42_u32)
            };
            assert_eq!(*cache.get_or_build(&store, "k".into(), build).await?, 42);
            assert_eq!(*cache.get_or_build(&store, "k".into(), build).await?, 42);
            assert_eq!(
                builds.load(std::sync::atomic::Ordering::SeqCst),
                1,
                "{}",
                t.label
            );

            // An import moves the version: the next check (forced here) drops the entry.
            unpol_app::import::import_bundled(&store, Default::default()).await?;
            cache.lock().checked = None;
            cache.get_or_build(&store, "k".into(), build).await?;
            assert_eq!(
                builds.load(std::sync::atomic::Ordering::SeqCst),
                2,
                "{}",
                t.label
            );
            t.cleanup().await?;
        }
        Ok(())
    }

    #[tokio::test]
    async fn visitors_arriving_together_wait_for_one_build() -> anyhow::Result<()> {
        let t = TestDb::sqlite().await?;
        let store = t.store();
        let cache = Arc::new(PublishedCache::default());
        let builds = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let visitors: Vec<_> = (0..16)
            .map(|_| {
                let (cache, store, builds) = (cache.clone(), store.clone(), builds.clone());
                tokio::spawn(async move {
                    cache
                        .get_or_build(&store, "page".into(), || async {
                            builds.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                            // Long enough for every other visitor to arrive while this one builds.
                            tokio::time::sleep(Duration::from_millis(50)).await;
                            Ok::<_, anyhow::Error>(7_u32)
                        })
                        .await
                })
            })
            .collect();
        for visitor in visitors {
            assert_eq!(*visitor.await??, 7);
        }
        assert_eq!(builds.load(std::sync::atomic::Ordering::SeqCst), 1);

        // A failed build is not kept: the next visitor builds again.
        let failed: Result<Arc<u32>, anyhow::Error> = cache
            .get_or_build(&store, "broken".into(), || async {
                anyhow::bail!("no figures")
            })
            .await;
        assert!(failed.is_err());
        let retried = cache
            .get_or_build(&store, "broken".into(), || async {
                Ok::<_, anyhow::Error>(9_u32)
            })
            .await?;
        assert_eq!(*retried, 9);
        t.cleanup().await
    }
}
