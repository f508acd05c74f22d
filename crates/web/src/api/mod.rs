//! The REST API under `/api/v1`: JSON in and out, errors as problem+json.
//!
//! Writes take `application/json` bodies only: a browser cannot send those across sites without
//! a CORS preflight that unpol never grants, which is the API's protection against CSRF when a
//! session cookie is used.

pub mod session;
pub mod stats;
pub mod users;

pub mod conduct;
pub mod deployments;
pub mod export;
pub mod forcegen;
pub mod forecast;
pub mod incidents;
pub mod officers;
pub mod operations;
pub mod posts;

use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use unpol_app::roster::{Page, WriteError};

use crate::problem::Problem;

/// `?page=1&per_page=50` (per_page at most 500).
#[derive(Debug, Clone, Copy, Deserialize)]
pub struct Pagination {
    #[serde(default = "first_page")]
    page: i64,
    #[serde(default = "default_per_page")]
    per_page: i64,
}

fn first_page() -> i64 {
    1
}

/// The last page number a list answers: far beyond any roster, and small enough that the offset
/// it asks the database for stays an ordinary number on both backends.
pub const MAX_PAGE: i64 = 1_000_000;

fn default_per_page() -> i64 {
    50
}

impl Pagination {
    pub fn page(self) -> Result<Page, Problem> {
        if !(1..=MAX_PAGE).contains(&self.page) || !(1..=500).contains(&self.per_page) {
            return Err(Problem::new(
                StatusCode::BAD_REQUEST,
                Some(format!(
                    "page from 1 to {MAX_PAGE} and per_page from 1 to 500"
                )),
            ));
        }
        Ok(Page {
            offset: (self.page - 1) * self.per_page,
            limit: self.per_page,
        })
    }
}

/// A page of a list, with what a client needs to fetch the next.
#[derive(Debug, Serialize)]
pub struct Listing<T> {
    pub items: Vec<T>,
    pub total: i64,
    pub page: i64,
    pub per_page: i64,
}

impl<T> Listing<T> {
    pub fn new(items: Vec<T>, total: i64, p: Pagination) -> Self {
        Listing {
            items,
            total,
            page: p.page,
            per_page: p.per_page,
        }
    }
}

pub fn write_problem(error: WriteError) -> Problem {
    match error {
        WriteError::Refused { conflict, message } => Problem::new(
            if conflict {
                StatusCode::CONFLICT
            } else {
                StatusCode::UNPROCESSABLE_ENTITY
            },
            Some(message.english()),
        ),
        WriteError::NotFound => Problem::not_found(),
        WriteError::Storage(e) => Problem::internal(&e),
    }
}
