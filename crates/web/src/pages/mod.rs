//! Server-rendered pages, in English and French, usable without JavaScript.
//!
//! Every page template extends `base.html` and carries a [`Chrome`]: the language, the caller,
//! the navigation and the language switch. Handlers take a [`Ui`] extractor that builds it.

pub mod api_docs;
pub mod assets;
pub mod conduct;
pub mod forcegen;
pub mod incidents;
pub mod operations;
pub mod roster;
pub mod session;
pub mod stats;

use askama::Template;
use axum::extract::{FromRequestParts, Query};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum_extra::extract::CookieJar;
use axum_extra::extract::cookie::{Cookie, SameSite};
use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};
use serde::Deserialize;
use unpol_domain::Month;
use unpol_domain::access::Principal;

use crate::caller::Caller;
use crate::i18n::{LANG_COOKIE, Lang};
use crate::problem::Problem;
use crate::table::{Cell, ExportFormat, Table};

pub use session::{healthz, home, login, login_form, login_problem, logout, session_cookie};

/// What every page shows around its content.
#[derive(Debug, Clone)]
pub struct Chrome {
    pub lang: Lang,
    /// The page's own path and query, for the language switch to come back to.
    pub here: String,
    /// Who is calling (none on the public pages' anonymous requests): the principal, the CSRF
    /// token of its session, and what its audit entries record.
    pub caller: Option<Caller>,
}

impl Chrome {
    /// The chrome of a page answered before anyone was identified (an error page).
    pub fn anonymous(lang: Lang, here: String) -> Chrome {
        Chrome {
            lang,
            here,
            caller: None,
        }
    }

    /// The signed-in principal, if any.
    pub fn principal(&self) -> Option<&Principal> {
        self.caller.as_ref().and_then(|c| c.principal.as_ref())
    }

    /// The principal of a signed-in page (the guard guarantees one on those routes).
    pub fn who(&self) -> Result<&Principal, Problem> {
        self.principal().ok_or_else(Problem::not_found)
    }

    /// The signed-in caller as the use cases take it.
    pub fn actor(&self) -> Result<unpol_app::Actor, Problem> {
        self.caller
            .as_ref()
            .ok_or_else(Problem::not_found)
            .and_then(Caller::actor)
    }

    /// Today, on the server's clock.
    pub fn today(&self) -> chrono::NaiveDate {
        self.caller
            .as_ref()
            .map_or_else(|| unpol_domain::Clock::System.today(), Caller::today)
    }

    /// The CSRF token that the session's forms carry (none for a token or no sign-in).
    pub fn csrf(&self) -> Option<&str> {
        self.caller.as_ref().and_then(Caller::csrf)
    }

    /// A translated string, by its key in the Fluent files (templates call `chrome.t`).
    pub fn t(&self, key: &str) -> String {
        self.lang.t(key)
    }

    /// A translated string with its variables.
    pub fn t_with(&self, key: &str, args: &[(&str, String)]) -> String {
        let args: Vec<(&str, fluent_bundle::FluentValue<'_>)> = args
            .iter()
            .map(|(name, value)| (*name, value.as_str().into()))
            .collect();
        self.lang.t_with(key, &args)
    }

    pub fn number(&self, n: &u64) -> String {
        self.lang.number(*n)
    }

    pub fn percent(&self, share: &Option<f64>) -> String {
        self.lang.percent_or_dash(*share)
    }

    /// `January 2018`, `janvier 2018`.
    pub fn month(&self, month: &Month) -> String {
        self.lang.month(*month)
    }

    /// A table cell as this page shows it.
    pub fn cell(&self, cell: &Cell) -> String {
        cell.display(self.lang)
    }

    /// A table's column labels in this page's language.
    pub fn labels(&self, table: &Table) -> Vec<String> {
        table.labels(self.lang)
    }

    /// The link that switches to the other language and comes back here.
    pub fn switch_href(&self) -> String {
        let back = utf8_percent_encode(&self.here, NON_ALPHANUMERIC);
        format!("/language?to={}&back={back}", self.lang.other().code())
    }

    pub fn switch_label(&self) -> String {
        self.lang.other().t("language-name")
    }

    /// This page's address asking for one of its tables as a file.
    pub fn export_href(&self, table: &str, format: &str) -> String {
        let (path, query) = self.here.split_once('?').unwrap_or((&self.here, ""));
        let mut pairs: Vec<&str> = query
            .split('&')
            .filter(|p| !p.is_empty() && !p.starts_with("format=") && !p.starts_with("table="))
            .collect();
        let wanted = format!("format={format}&table={table}");
        pairs.push(&wanted);
        format!("{path}?{}", pairs.join("&"))
    }

    pub fn asset(&self, name: &str) -> String {
        assets::href(name)
    }

    pub fn signed_in(&self) -> bool {
        self.principal().is_some()
    }

    /// Whether the caller's role reads the roster (officers, posts, tours).
    pub fn reads_requests(&self) -> bool {
        self.may(crate::routes::FG_READ)
    }

    pub fn reads_roster(&self) -> bool {
        self.may(crate::routes::ROSTER_READ)
    }

    /// Whether the caller's role records officers.
    pub fn writes_officers(&self) -> bool {
        self.may(crate::routes::OFFICER_WRITE)
    }

    /// Whether the caller's role passes an access rule (to show what it may do).
    pub fn may(&self, access: crate::routes::Access) -> bool {
        self.principal().is_some_and(|p| access.allows(p.role))
    }
}

/// The language of a request: the user's choice (cookie), else the browser's.
pub fn request_lang(headers: &HeaderMap) -> Lang {
    let jar = CookieJar::from_headers(headers);
    let accept = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok());
    Lang::negotiate(jar.get(LANG_COOKIE).map(Cookie::value), accept)
}

/// The extractor every page handler takes: the chrome of the page.
#[derive(Debug, Clone)]
pub struct Ui(pub Chrome);

impl<S: Send + Sync> FromRequestParts<S> for Ui {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let caller = parts.extensions.get::<Caller>();
        let here = parts
            .uri
            .path_and_query()
            .map_or_else(|| "/".to_string(), |p| p.as_str().to_string());
        Ok(Ui(Chrome {
            lang: request_lang(&parts.headers),
            here,
            caller: caller.cloned(),
        }))
    }
}

pub fn render(template: &impl Template, status: StatusCode) -> Response {
    match template.render() {
        Ok(html) => (status, Html(html)).into_response(),
        Err(error) => Problem::internal(&anyhow::anyhow!("template: {error}")).into_response(),
    }
}

#[derive(Template)]
#[template(path = "message.html")]
struct MessagePage {
    chrome: Chrome,
    title: String,
    message: String,
}

/// A page with a title and one sentence, both translation keys.
pub fn message(chrome: Chrome, title: &str, message: &str, status: StatusCode) -> Response {
    let text = chrome.t(message);
    message_text(chrome, title, text, status)
}

/// A page with a title (a translation key) and a sentence already translated.
pub fn message_text(chrome: Chrome, title: &str, message: String, status: StatusCode) -> Response {
    let page = MessagePage {
        title: chrome.t(title),
        message,
        chrome,
    };
    render(&page, status)
}

/// A form whose CSRF token does not match the session's (expired, or forged elsewhere).
pub fn expired(chrome: Chrome) -> Response {
    message(
        chrome,
        "expired-title",
        "expired-message",
        StatusCode::FORBIDDEN,
    )
}

/// A vocabulary's code as the page's language names it (the code itself when unknown, as an
/// older record may hold).
pub fn term_label(
    chrome: &Chrome,
    vocabulary: unpol_domain::vocabulary::Vocabulary,
    code: &str,
) -> String {
    vocabulary
        .find(code)
        .map_or(code, |t| t.label(chrome.lang.code()))
        .to_string()
}

/// Codes of a vocabulary as labels, joined; a dash for none.
pub fn term_list(
    chrome: &Chrome,
    vocabulary: unpol_domain::vocabulary::Vocabulary,
    codes: &[String],
) -> String {
    if codes.is_empty() {
        return "–".into();
    }
    codes
        .iter()
        .map(|c| term_label(chrome, vocabulary, c))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The missions the caller may write for: its own for a mission's staff, all for the others.
pub async fn writable_missions(
    state: &crate::AppState,
    chrome: &Chrome,
) -> Result<Vec<String>, Problem> {
    let mut missions: Vec<String> = unpol_app::reference::missions(&state.store)
        .await?
        .into_iter()
        .map(|m| m.acronym.to_string())
        .collect();
    if let Some(unpol_domain::access::Scope::Mission(own)) = chrome.principal().map(|p| p.scope) {
        missions.retain(|m| *m == own.to_string());
    }
    Ok(missions)
}

/// Every known skill for a form's boxes: code, label in the page's language, and whether it is
/// among `chosen`.
pub fn skill_choices(
    chrome: &Chrome,
    chosen: &[String],
) -> Vec<(&'static str, &'static str, bool)> {
    let lang = chrome.lang.code();
    unpol_domain::vocabulary::SKILLS
        .iter()
        .map(|t| (t.code, t.label(lang), chosen.iter().any(|s| s == t.code)))
        .collect()
}

/// A refusal of the rules in the page's language: its key in the Fluent file, with a request's
/// statuses named by their labels.
pub fn said(lang: Lang, message: &unpol_domain::message::Message) -> String {
    let args: Vec<(&str, fluent_bundle::FluentValue<'_>)> = message
        .args
        .iter()
        .map(|(name, value)| {
            // Statuses read as words inside an English sentence, as labels inside « » in French.
            let value = match (unpol_domain::message::STATUS_ARGS.contains(name), lang) {
                (true, Lang::En) => value.replace('_', " "),
                (true, Lang::Fr) => lang.t(&format!("request-status-{}", value.replace('_', "-"))),
                (false, Lang::Fr) if unpol_domain::message::CASE_STEP_ARGS.contains(name) => {
                    unpol_domain::conduct::CaseStatus::from_code(value)
                        .map_or_else(|| value.clone(), |s| s.term().fr.to_string())
                }
                (false, Lang::En) if unpol_domain::message::CASE_STEP_ARGS.contains(name) => {
                    value.replace('_', " ")
                }
                (false, _) if unpol_domain::message::NOMINATION_ARGS.contains(name) => match lang {
                    Lang::En => value.replace('_', " "),
                    Lang::Fr => lang.t(&format!("nomination-{}", value.replace('_', "-"))),
                },
                (false, _) => value.clone(),
            };
            (*name, value.into())
        })
        .collect();
    lang.t_with(message.key, &args)
}

/// A form or address the server cannot read.
pub fn bad_request_page(chrome: Chrome) -> Response {
    message(
        chrome,
        "bad-request-title",
        "bad-request-message",
        StatusCode::BAD_REQUEST,
    )
}

pub fn forbidden(chrome: Chrome) -> Response {
    message(
        chrome,
        "forbidden-title",
        "forbidden-message",
        StatusCode::FORBIDDEN,
    )
}

pub async fn not_found(Ui(chrome): Ui) -> Response {
    not_found_page(chrome)
}

pub fn not_found_page(chrome: Chrome) -> Response {
    message(
        chrome,
        "not-found-title",
        "not-found-message",
        StatusCode::NOT_FOUND,
    )
}

#[derive(Debug, Deserialize)]
pub struct LanguageQuery {
    to: String,
    #[serde(default)]
    back: String,
}

/// `/language?to=fr&back=/stats`: remembers the choice and goes back to the page.
pub async fn switch_language(jar: CookieJar, Query(q): Query<LanguageQuery>) -> Response {
    let Some(lang) = Lang::from_code(&q.to) else {
        return Problem::new(
            StatusCode::BAD_REQUEST,
            Some(format!("unknown language `{}`", q.to)),
        )
        .into_response();
    };
    let cookie = Cookie::build((LANG_COOKIE, lang.code()))
        .path("/")
        .permanent()
        .same_site(SameSite::Lax)
        .build();
    (jar.add(cookie), Redirect::to(local_path(&q.back))).into_response()
}

/// Only a path on this site: `//host` or `https://host` would send the user elsewhere.
/// The path must also be one a `Location` header can carry as it is (visible ASCII: the links of
/// unpol's pages are percent-encoded); anything else goes home.
fn local_path(back: &str) -> &str {
    let local = back.starts_with('/')
        && !back.starts_with("//")
        && !back.starts_with("/\\")
        && back.len() <= 2048
        && back.bytes().all(|b| b.is_ascii_graphic());
    if local { back } else { "/" }
}

/// `?format=csv|xlsx` on a page: the page's table as a file instead of HTML.
#[derive(Debug, Default, Deserialize)]
pub struct ExportQuery {
    pub format: Option<String>,
    pub table: Option<String>,
}

impl ExportQuery {
    /// The table the query asks for as a file, if it asks for one; a bad format or table is a 400.
    pub fn pick<'a>(
        &self,
        tables: &'a [&'a Table],
    ) -> Result<Option<(&'a Table, ExportFormat)>, Problem> {
        let Some(format) = &self.format else {
            return Ok(None);
        };
        let format = ExportFormat::parse(format).ok_or_else(|| {
            Problem::new(
                StatusCode::BAD_REQUEST,
                Some(format!("format must be csv or xlsx, not `{format}`")),
            )
        })?;
        let wanted = self
            .table
            .as_deref()
            .unwrap_or_else(|| tables.first().map_or("", |t| t.name));
        let table = tables.iter().find(|t| t.name == wanted).ok_or_else(|| {
            Problem::new(
                StatusCode::BAD_REQUEST,
                Some(format!("no table `{wanted}` on this page")),
            )
        })?;
        Ok(Some((table, format)))
    }
}

/// A term's label in the page's language.
pub(crate) fn label(chrome: &Chrome, term: &unpol_domain::vocabulary::Term) -> String {
    term.label(chrome.lang.code()).to_string()
}

/// Codes and their labels for a form's list.
pub(crate) fn options(
    chrome: &Chrome,
    terms: &[unpol_domain::vocabulary::Term],
) -> Vec<(&'static str, String)> {
    terms.iter().map(|t| (t.code, label(chrome, t))).collect()
}

/// A coded value as a cell: files keep the code, the page shows the label.
pub(crate) fn shown(chrome: &Chrome, term: &unpol_domain::vocabulary::Term) -> Cell {
    Cell::Shown {
        value: term.code.into(),
        shown: label(chrome, term),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn export_links_keep_the_page_query_and_replace_the_format() {
        let chrome = Chrome {
            lang: Lang::En,
            here: "/stats?month=2018-01&format=xlsx&table=missions".into(),
            caller: None,
        };
        assert_eq!(
            chrome.export_href("countries", "csv"),
            "/stats?month=2018-01&format=csv&table=countries"
        );
    }

    #[test]
    fn the_language_switch_only_goes_back_to_this_site() {
        assert_eq!(local_path("/stats?month=2018-01"), "/stats?month=2018-01");
        assert_eq!(local_path("//evil.example"), "/");
        assert_eq!(local_path("https://evil.example"), "/");
        assert_eq!(local_path("/\\evil.example"), "/");
        assert_eq!(local_path(""), "/");
    }
}
