//! Reference data, public to every caller: countries, missions, and the resolver of their names.

use unpol_domain::reference::{Country, Mission, Resolver};

use crate::Store;

pub async fn resolver(store: &Store) -> anyhow::Result<Resolver> {
    store.db().resolver().await
}

pub async fn countries(store: &Store) -> anyhow::Result<Vec<Country>> {
    store.db().countries().await
}

pub async fn missions(store: &Store) -> anyhow::Result<Vec<Mission>> {
    store.db().missions().await
}
