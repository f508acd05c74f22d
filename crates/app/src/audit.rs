//! Checking the audit trail.

use unpol_domain::audit::{ChainBreak, verify};
use unpol_storage::Database;

/// Walks the whole chain; `Ok(n)` with the number of entries, or the first break.
pub async fn verify_chain(db: &Database) -> anyhow::Result<Result<u64, ChainBreak>> {
    let entries = db.audit_chain().await?;
    Ok(verify(&entries))
}
