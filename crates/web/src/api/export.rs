//! `/api/v1/roster/export?format=csv|xlsx`: the roster file of `unpol roster export`, through the
//! caller's scope (a `pcc` user gets its nationals, a `mission` user its mission's officers).

use axum::Extension;
use axum::extract::{Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use unpol_app::roster_file::{self, FileFormat};

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
    let format = FileFormat::parse(&q.format).ok_or_else(|| {
        Problem::new(
            StatusCode::BAD_REQUEST,
            Some(format!("format must be csv or xlsx, not `{}`", q.format)),
        )
    })?;
    let (bytes, _) = roster_file::export_file(&state.store, &caller.actor()?, format).await?;
    let disposition = format!("attachment; filename=\"roster.{}\"", format.extension());
    Ok((
        [
            (header::CONTENT_TYPE, format.media_type().to_string()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        bytes,
    )
        .into_response())
}
