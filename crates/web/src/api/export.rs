//! `/api/v1/roster/export?format=csv|xlsx`: the roster file of `unpol roster export`, through the
//! caller's scope (a `pcc` user gets its nationals, a `mission` user its mission's officers).

use axum::Extension;
use axum::extract::{Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use unpol_app::roster_file::{self, COLUMNS};

use super::principal;
use crate::AppState;
use crate::caller::Caller;
use crate::problem::Problem;

#[derive(Debug, Deserialize)]
pub struct ExportQuery {
    #[serde(default = "csv")]
    format: String,
}

fn csv() -> String {
    "csv".into()
}

pub async fn roster(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Query(q): Query<ExportQuery>,
) -> Result<Response, Problem> {
    let who = principal(&caller)?;
    let rows = roster_file::export(&state.db, who.scope).await?;
    let event = caller.audit().event(
        "roster.export",
        "",
        &format!("{} rows, {}", rows.len(), q.format),
    );
    state.db.append_audit(&event).await?;
    match q.format.as_str() {
        "csv" => {
            let mut writer = ::csv::Writer::from_writer(Vec::new());
            writer
                .write_record(COLUMNS)
                .map_err(|e| Problem::internal(&e.into()))?;
            for row in &rows {
                writer
                    .write_record(row)
                    .map_err(|e| Problem::internal(&e.into()))?;
            }
            let bytes = writer
                .into_inner()
                .map_err(|e| Problem::internal(&anyhow::anyhow!("{e}")))?;
            Ok((
                [
                    (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
                    (
                        header::CONTENT_DISPOSITION,
                        "attachment; filename=\"roster.csv\"",
                    ),
                ],
                bytes,
            )
                .into_response())
        }
        "xlsx" => {
            let bytes = roster_file::xlsx(&COLUMNS, &rows)?;
            let xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
            Ok((
                [
                    (header::CONTENT_TYPE, xlsx),
                    (
                        header::CONTENT_DISPOSITION,
                        "attachment; filename=\"roster.xlsx\"",
                    ),
                ],
                bytes,
            )
                .into_response())
        }
        other => Err(Problem::new(
            StatusCode::BAD_REQUEST,
            Some(format!("format must be csv or xlsx, not `{other}`")),
        )),
    }
}
