//! The REST API under `/api/v1`: JSON in and out, errors as problem+json.
//!
//! Writes take `application/json` bodies only: a browser cannot send those across sites without
//! a CORS preflight that unpol never grants, which is the API's protection against CSRF when a
//! session cookie is used.

pub mod session;
pub mod stats;
pub mod users;
