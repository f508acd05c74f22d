//! User administration (admin only; the route table enforces the role).

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use serde::{Deserialize, Serialize};
use unpol_app::accounts::{self, Secret, UserError};
use unpol_app::accounts::{AccountError, UserRecord};
use unpol_domain::access::{Role, Scope};

use crate::AppState;
use crate::caller::Caller;
use crate::problem::Problem;

#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct UserView {
    login: String,
    role: Role,
    scope: Scope,
    disabled: bool,
}

impl From<UserRecord> for UserView {
    fn from(u: UserRecord) -> Self {
        UserView {
            login: u.login,
            role: u.role,
            scope: u.scope,
            disabled: u.disabled,
        }
    }
}

fn problem(error: UserError) -> Problem {
    match error {
        UserError::Account(AccountError::NoSuchUser(_)) => Problem::not_found(),
        UserError::Account(AccountError::LoginTaken(_)) => {
            Problem::new(StatusCode::CONFLICT, Some(error.to_string()))
        }
        UserError::Account(AccountError::Storage(e)) | UserError::Storage(e) => {
            Problem::internal(&e)
        }
        other => Problem::new(StatusCode::UNPROCESSABLE_ENTITY, Some(other.to_string())),
    }
}

pub async fn list(State(state): State<AppState>) -> Result<Response, Problem> {
    let users: Vec<UserView> = accounts::users(&state.store)
        .await?
        .into_iter()
        .map(UserView::from)
        .collect();
    Ok(Json(users).into_response())
}

pub async fn get(
    State(state): State<AppState>,
    Path(login): Path<String>,
) -> Result<Response, Problem> {
    let user = accounts::user(&state.store, &login)
        .await?
        .ok_or_else(Problem::not_found)?;
    Ok(Json(UserView::from(user)).into_response())
}

#[derive(Deserialize, schemars::JsonSchema)]
pub struct NewUserBody {
    login: String,
    role: String,
    country: Option<String>,
    mission: Option<String>,
    /// When absent, a password is generated and returned once.
    password: Option<String>,
}

impl std::fmt::Debug for NewUserBody {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewUserBody")
            .field("login", &self.login)
            .field("role", &self.role)
            .finish_non_exhaustive()
    }
}

#[derive(Serialize, schemars::JsonSchema)]
pub struct Created {
    #[serde(flatten)]
    user: UserView,
    #[serde(skip_serializing_if = "Option::is_none")]
    generated_password: Option<String>,
}

pub async fn create(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Json(body): Json<NewUserBody>,
) -> Result<Response, Problem> {
    let role = Role::from_code(&body.role).ok_or_else(|| {
        Problem::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            Some(format!("unknown role `{}`", body.role)),
        )
    })?;
    let generated = body.password.is_none();
    let password = body
        .password
        .map_or_else(accounts::generate_password, Secret::new);
    accounts::add_user(
        &state.store,
        &body.login,
        role,
        body.country.as_deref(),
        body.mission.as_deref(),
        &password,
        &caller.audit(),
    )
    .await
    .map_err(problem)?;
    let user = accounts::user(&state.store, &body.login)
        .await?
        .ok_or_else(Problem::not_found)?;
    let created = Created {
        user: user.into(),
        generated_password: generated.then(|| password.expose().to_string()),
    };
    Ok((StatusCode::CREATED, Json(created)).into_response())
}

pub async fn disable(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(login): Path<String>,
) -> Result<Response, Problem> {
    accounts::disable_user(&state.store, &login, &caller.audit())
        .await
        .map_err(problem)?;
    Ok(StatusCode::NO_CONTENT.into_response())
}
