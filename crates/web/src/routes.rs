//! Every route, with who may call it. The router is built from [`ROUTES`]; a handler that is not
//! in the table is not reachable, and the authorization-matrix test fails for a route it does not
//! know.

use axum::Router;
use axum::middleware;
use axum::routing::{MethodRouter, delete, get, post, put};
use unpol_domain::access::Role;

use crate::{AppState, api, guard, pages};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Anyone, signed in or not (aggregates only).
    Public,
    /// Any signed-in user.
    SignedIn,
    /// Signed-in users with one of these roles.
    Roles(&'static [Role]),
}

impl Access {
    /// Whether a signed-in user with this role passes the rule.
    pub fn allows(self, role: Role) -> bool {
        match self {
            Access::Public | Access::SignedIn => true,
            Access::Roles(roles) => roles.contains(&role),
        }
    }
}

/// Pages answer a missing sign-in with a redirect to the login page; the API with 401.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Surface {
    Page,
    Api,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RouteSpec {
    pub method: &'static str,
    pub path: &'static str,
    pub access: Access,
    pub surface: Surface,
    /// One line for the API document.
    pub summary: &'static str,
    /// Query parameters; a trailing `!` marks a required one.
    pub query: &'static [&'static str],
}

const fn route(
    method: &'static str,
    path: &'static str,
    access: Access,
    surface: Surface,
    summary: &'static str,
    query: &'static [&'static str],
) -> RouteSpec {
    RouteSpec {
        method,
        path,
        access,
        surface,
        summary,
        query,
    }
}

const ADMIN: Access = Access::Roles(&[Role::Admin]);
/// Who reads the roster (each through its scope); analysts see aggregates only.
pub const ROSTER_READ: Access = Access::Roles(&[Role::Admin, Role::Hq, Role::Pcc, Role::Mission]);
/// Who records officers: headquarters and the contributing country (its nationals).
pub const OFFICER_WRITE: Access = Access::Roles(&[Role::Admin, Role::Hq, Role::Pcc]);
/// Who records tours: headquarters and the mission (its own).
pub const TOUR_WRITE: Access = Access::Roles(&[Role::Admin, Role::Hq, Role::Mission]);
/// Who records posts: headquarters and the mission (its own).
const POST_WRITE: Access = TOUR_WRITE;
/// Who records units: headquarters.
const UNIT_WRITE: Access = Access::Roles(&[Role::Admin, Role::Hq]);
/// Who reads force-generation requests (each through its scope: a country sees those sent to it).
pub const FG_READ: Access = ROSTER_READ;
/// Who asks for officers: headquarters, and a mission for itself.
pub const FG_REQUEST: Access = Access::Roles(&[Role::Admin, Role::Hq, Role::Mission]);
/// Who nominates: the contributing country (its nationals), and headquarters.
pub const FG_NOMINATE: Access = OFFICER_WRITE;
/// Who plans, selects and deploys: headquarters.
pub const FG_DECIDE: Access = Access::Roles(&[Role::Admin, Role::Hq]);
/// Who reads conduct cases, each through its need to know: conduct officers (their mission's
/// cases in full) and focal points (the cases referred to their country, without victims or
/// narrative). Headquarters, missions, analysts and administrators see the public figures.
pub const CONDUCT_READ: Access = Access::Roles(&[Role::Conduct, Role::Pcc]);
/// Who records cases and their interim measures: conduct officers.
pub const CONDUCT_WRITE: Access = Access::Roles(&[Role::Conduct]);
/// Who takes a case's steps: conduct officers, and the focal point of the country it was
/// referred to for the investigation's steps.
pub const CONDUCT_STEP: Access = CONDUCT_READ;
/// Who reads a mission's incidents (each through its scope): headquarters, administrators and
/// the mission's own staff.
pub const INCIDENT_READ: Access = Access::Roles(&[Role::Admin, Role::Hq, Role::Mission]);
/// Who records incidents and their follow-up: headquarters and the mission (its own).
pub const INCIDENT_WRITE: Access = Access::Roles(&[Role::Hq, Role::Mission]);
/// Who counts incidents: the readers, and analysts (aggregates only).
pub const INCIDENT_COUNT: Access =
    Access::Roles(&[Role::Admin, Role::Hq, Role::Mission, Role::Analyst]);
use Access::{Public, SignedIn};
use Surface::{Api, Page};

pub const ROUTES: &[RouteSpec] = &[
    route(
        "GET",
        "/healthz",
        Public,
        Api,
        "Liveness and database check",
        &[],
    ),
    route(
        "GET",
        "/static/{file}",
        Public,
        Page,
        "Stylesheet, scripts and vendored assets (cache-busted by `?v=`)",
        &["v"],
    ),
    route("GET", "/robots.txt", Public, Page, "For crawlers", &[]),
    route(
        "GET",
        "/language",
        Public,
        Page,
        "Switch the language of the pages and go back",
        &["to!", "back"],
    ),
    route(
        "GET",
        "/stats",
        Public,
        Page,
        "Statistics of a month (CSV or XLSX with `format` and `table`)",
        &["month", "format", "table"],
    ),
    route(
        "GET",
        "/stats/parity",
        Public,
        Page,
        "Women's share against the parity targets, every month, with a chart",
        &["from", "to", "format", "table"],
    ),
    route(
        "GET",
        "/stats/trend",
        Public,
        Page,
        "Police strength every month, with a chart",
        &["from", "to", "format", "table"],
    ),
    route(
        "GET",
        "/stats/missions/{code}",
        Public,
        Page,
        "One mission's police over time",
        &["from", "to", "format", "table"],
    ),
    route(
        "GET",
        "/stats/countries/{code}",
        Public,
        Page,
        "One country's police over time",
        &["from", "to", "format", "table"],
    ),
    route(
        "GET",
        "/roster",
        ROSTER_READ,
        Page,
        "Officers in scope, searched",
        &[
            "name",
            "nationality",
            "gender",
            "skill",
            "language",
            "page",
            "format",
            "table",
            "sort",
            "dir",
        ],
    ),
    route(
        "GET",
        "/roster/officers/new",
        OFFICER_WRITE,
        Page,
        "The form to record an officer",
        &[],
    ),
    route(
        "POST",
        "/roster/officers",
        OFFICER_WRITE,
        Page,
        "Record an officer from the form (the session's CSRF token)",
        &[],
    ),
    route(
        "GET",
        "/roster/officers/{id}/edit",
        OFFICER_WRITE,
        Page,
        "The form to edit an officer in scope",
        &[],
    ),
    route(
        "POST",
        "/roster/officers/{id}",
        OFFICER_WRITE,
        Page,
        "Save an officer in scope from the form (the session's CSRF token)",
        &[],
    ),
    route(
        "GET",
        "/roster/officers/{id}",
        ROSTER_READ,
        Page,
        "One officer in scope: assessments, tours, nominations",
        &["format", "table"],
    ),
    route(
        "POST",
        "/roster/officers/{id}/tours",
        TOUR_WRITE,
        Page,
        "Add, end or extend a tour of an officer from its page (the session's CSRF token)",
        &[],
    ),
    route(
        "GET",
        "/roster/posts",
        ROSTER_READ,
        Page,
        "Posts in scope",
        &["mission", "page", "format", "table", "on", "sort", "dir"],
    ),
    route(
        "GET",
        "/roster/units",
        ROSTER_READ,
        Page,
        "Units in scope",
        &["mission", "page", "format", "table", "on", "sort", "dir"],
    ),
    route(
        "GET",
        "/roster/deployments",
        ROSTER_READ,
        Page,
        "Tours in scope",
        &["mission", "page", "format", "table", "sort", "dir"],
    ),
    route(
        "GET",
        "/roster/rotations",
        ROSTER_READ,
        Page,
        "Rotations of the next twelve months and the women they need",
        &["mission", "format", "table", "from"],
    ),
    route(
        "GET",
        "/forcegen",
        FG_READ,
        Page,
        "Force-generation requests in scope",
        &["format", "table"],
    ),
    route(
        "GET",
        "/forcegen/requests/new",
        FG_REQUEST,
        Page,
        "The form of a new request",
        &[],
    ),
    route(
        "POST",
        "/forcegen/requests",
        FG_REQUEST,
        Page,
        "Record a draft request from the form (the session's CSRF token)",
        &[],
    ),
    route(
        "GET",
        "/forcegen/requests/{id}",
        FG_READ,
        Page,
        "A request, its nominations in scope, the nomination picker",
        &["q"],
    ),
    route(
        "GET",
        "/forcegen/requests/{id}/edit",
        FG_REQUEST,
        Page,
        "The form of a draft request",
        &[],
    ),
    route(
        "POST",
        "/forcegen/requests/{id}/edit",
        FG_REQUEST,
        Page,
        "Rewrite a draft request from the form (the session's CSRF token)",
        &[],
    ),
    route(
        "POST",
        "/forcegen/requests/{id}/steps",
        FG_REQUEST,
        Page,
        "Send, close nominations, close or cancel a request (the session's CSRF token)",
        &[],
    ),
    route(
        "POST",
        "/forcegen/requests/{id}/nominations",
        FG_NOMINATE,
        Page,
        "Nominate an officer from the form (the session's CSRF token)",
        &[],
    ),
    route(
        "GET",
        "/forcegen/requests/{id}/plan",
        FG_DECIDE,
        Page,
        "The optimal slate with its bound, the reserve and the ineligible",
        &["format", "table", "women", "cap"],
    ),
    route(
        "POST",
        "/forcegen/requests/{id}/selection",
        FG_DECIDE,
        Page,
        "Select the plan's slate (the session's CSRF token)",
        &[],
    ),
    route(
        "POST",
        "/forcegen/requests/{id}/deployment",
        FG_DECIDE,
        Page,
        "Deploy the selected officers (the session's CSRF token)",
        &[],
    ),
    route(
        "GET",
        "/conduct",
        CONDUCT_READ,
        Page,
        "Conduct cases on a need-to-know basis (CSV or XLSX with `format`)",
        &["format", "table"],
    ),
    route(
        "GET",
        "/conduct/cases/new",
        CONDUCT_WRITE,
        Page,
        "The intake form of a case",
        &[],
    ),
    route(
        "POST",
        "/conduct/cases",
        CONDUCT_WRITE,
        Page,
        "Record a case from the form (the session's CSRF token)",
        &[],
    ),
    route(
        "GET",
        "/conduct/cases/{id}",
        CONDUCT_READ,
        Page,
        "A case as the caller may read it, with its clocks and who has read it",
        &[],
    ),
    route(
        "POST",
        "/conduct/cases/{id}/steps",
        CONDUCT_STEP,
        Page,
        "Take the next step of a case from its page (the session's CSRF token)",
        &[],
    ),
    route(
        "POST",
        "/conduct/cases/{id}/measures",
        CONDUCT_WRITE,
        Page,
        "Record an interim measure from the case's page (the session's CSRF token)",
        &[],
    ),
    route(
        "GET",
        "/conduct/cases/{id}/glass",
        ADMIN,
        Page,
        "The form on which an administrator states why it opens a case",
        &[],
    ),
    route(
        "POST",
        "/conduct/cases/{id}/glass",
        ADMIN,
        Page,
        "Break the glass: open a case with a stated reason, audited (the session's CSRF token)",
        &[],
    ),
    route(
        "GET",
        "/conduct/overdue",
        CONDUCT_READ,
        Page,
        "The clocks run out or due within `within` days, per contributing country",
        &["within", "format", "table"],
    ),
    route(
        "GET",
        "/conduct/figures",
        Public,
        Page,
        "Allegations per year, mission, category and type, with a chart (CSV or XLSX)",
        &["format", "table"],
    ),
    route(
        "GET",
        "/incidents",
        INCIDENT_READ,
        Page,
        "A mission's incidents on a map of its host country, with the table and the aggregates (CSV or XLSX with `format`)",
        &["mission", "since", "until", "category", "format", "table"],
    ),
    route(
        "GET",
        "/docs/api",
        Public,
        Page,
        "The API documentation, rendered from this document",
        &[],
    ),
    route("GET", "/login", Public, Page, "The sign-in page", &[]),
    route(
        "POST",
        "/login",
        Public,
        Page,
        "Sign in with the form (CSRF double-submit cookie)",
        &[],
    ),
    route(
        "POST",
        "/logout",
        SignedIn,
        Page,
        "Sign out (the session's CSRF token)",
        &[],
    ),
    route(
        "GET",
        "/",
        Public,
        Page,
        "Home: who you are and what you may see; a visitor goes to the public statistics",
        &[],
    ),
    route(
        "POST",
        "/api/v1/session",
        Public,
        Api,
        "Sign in: {login, password} sets the session cookie",
        &[],
    ),
    route("DELETE", "/api/v1/session", SignedIn, Api, "Sign out", &[]),
    route(
        "GET",
        "/api/v1/me",
        SignedIn,
        Api,
        "The caller's login, role and scope",
        &[],
    ),
    route(
        "GET",
        "/api/v1/stats/contributions",
        Public,
        Api,
        "Published contributions for one month",
        &["month!", "mission", "country"],
    ),
    route(
        "GET",
        "/api/v1/stats/parity",
        Public,
        Api,
        "Women's share of police against the parity targets",
        &["month!"],
    ),
    route(
        "GET",
        "/api/v1/stats/trend",
        Public,
        Api,
        "Police strength and women's share per month",
        &["from!", "to!"],
    ),
    route("GET", "/api/v1/users", ADMIN, Api, "List users", &[]),
    route(
        "POST",
        "/api/v1/users",
        ADMIN,
        Api,
        "Add a user {login, role, country?, mission?, password?}",
        &[],
    ),
    route("GET", "/api/v1/users/{login}", ADMIN, Api, "One user", &[]),
    route(
        "POST",
        "/api/v1/users/{login}/disable",
        ADMIN,
        Api,
        "Disable a user",
        &[],
    ),
    route(
        "GET",
        "/api/v1/officers",
        ROSTER_READ,
        Api,
        "Officers in scope",
        &[
            "nationality",
            "gender",
            "skill",
            "language",
            "name",
            "page",
            "per_page",
        ],
    ),
    route(
        "POST",
        "/api/v1/officers",
        OFFICER_WRITE,
        Api,
        "Record an officer",
        &[],
    ),
    route(
        "GET",
        "/api/v1/officers/{id}",
        ROSTER_READ,
        Api,
        "One officer in scope",
        &[],
    ),
    route(
        "PUT",
        "/api/v1/officers/{id}",
        OFFICER_WRITE,
        Api,
        "Update an officer in scope",
        &[],
    ),
    route(
        "GET",
        "/api/v1/deployments",
        ROSTER_READ,
        Api,
        "Tours in scope",
        &["mission", "officer", "active_on", "page", "per_page"],
    ),
    route(
        "POST",
        "/api/v1/deployments",
        TOUR_WRITE,
        Api,
        "Record a tour",
        &[],
    ),
    route(
        "GET",
        "/api/v1/deployments/{id}",
        ROSTER_READ,
        Api,
        "One tour in scope",
        &[],
    ),
    route(
        "PUT",
        "/api/v1/deployments/{id}",
        TOUR_WRITE,
        Api,
        "Update a tour in scope",
        &[],
    ),
    route(
        "GET",
        "/api/v1/forecast/rotations",
        ROSTER_READ,
        Api,
        "Tours ending per mission and month, and the women needed",
        &["from!", "months", "mission"],
    ),
    route(
        "GET",
        "/api/v1/posts",
        ROSTER_READ,
        Api,
        "Posts in scope, filled or vacant on a day",
        &["mission", "vacant", "on", "page", "per_page"],
    ),
    route(
        "POST",
        "/api/v1/posts",
        POST_WRITE,
        Api,
        "Record a post",
        &[],
    ),
    route(
        "GET",
        "/api/v1/posts/{id}",
        ROSTER_READ,
        Api,
        "One post in scope",
        &["on"],
    ),
    route(
        "PUT",
        "/api/v1/posts/{id}",
        POST_WRITE,
        Api,
        "Update a post in scope",
        &[],
    ),
    route(
        "GET",
        "/api/v1/units",
        ROSTER_READ,
        Api,
        "Units in scope with their members on a day",
        &["mission", "on", "page", "per_page"],
    ),
    route(
        "POST",
        "/api/v1/units",
        UNIT_WRITE,
        Api,
        "Record a unit",
        &[],
    ),
    route(
        "GET",
        "/api/v1/units/{id}",
        ROSTER_READ,
        Api,
        "One unit in scope",
        &["on"],
    ),
    route(
        "PUT",
        "/api/v1/units/{id}",
        UNIT_WRITE,
        Api,
        "Update a unit in scope",
        &[],
    ),
    route(
        "GET",
        "/api/v1/openapi.json",
        Public,
        Api,
        "This document",
        &[],
    ),
    route(
        "GET",
        "/api/v1/roster/export",
        ROSTER_READ,
        Api,
        "The roster file (CSV or XLSX) in scope",
        &["format"],
    ),
    route(
        "GET",
        "/api/v1/forcegen/lead-times",
        FG_READ,
        Api,
        "Median days from request to nomination, selection and deployment, in scope",
        &["by"],
    ),
    route(
        "GET",
        "/api/v1/forcegen/requests",
        FG_READ,
        Api,
        "Force-generation requests in scope",
        &[],
    ),
    route(
        "POST",
        "/api/v1/forcegen/requests",
        FG_REQUEST,
        Api,
        "Record a draft request",
        &[],
    ),
    route(
        "GET",
        "/api/v1/forcegen/requests/{id}",
        FG_READ,
        Api,
        "One request in scope",
        &[],
    ),
    route(
        "PUT",
        "/api/v1/forcegen/requests/{id}",
        FG_REQUEST,
        Api,
        "Rewrite a draft request",
        &[],
    ),
    route(
        "POST",
        "/api/v1/forcegen/requests/{id}/steps",
        FG_REQUEST,
        Api,
        "Send a request, close its nominations, close or cancel it, dated",
        &[],
    ),
    route(
        "GET",
        "/api/v1/forcegen/requests/{id}/nominations",
        FG_READ,
        Api,
        "A request's nominations in scope",
        &[],
    ),
    route(
        "POST",
        "/api/v1/forcegen/requests/{id}/nominations",
        FG_NOMINATE,
        Api,
        "Nominate one of your officers to a request",
        &[],
    ),
    route(
        "GET",
        "/api/v1/forcegen/requests/{id}/plan",
        FG_DECIDE,
        Api,
        "The optimal slate, with each pick's fit, the binding rules and the bound",
        &["women", "cap"],
    ),
    route(
        "POST",
        "/api/v1/forcegen/requests/{id}/selection",
        FG_DECIDE,
        Api,
        "Select the plan's slate, or the officers named with a reason",
        &[],
    ),
    route(
        "POST",
        "/api/v1/forcegen/requests/{id}/deployment",
        FG_DECIDE,
        Api,
        "Deploy the selected officers, on a given date or today",
        &[],
    ),
    route(
        "GET",
        "/api/v1/conduct/cases",
        CONDUCT_READ,
        Api,
        "Conduct cases on a need-to-know basis, each as its summary (the read is audited)",
        &[],
    ),
    route(
        "POST",
        "/api/v1/conduct/cases",
        CONDUCT_WRITE,
        Api,
        "Record a case; the narrative, notes and victims' details are sealed",
        &[],
    ),
    route(
        "GET",
        "/api/v1/conduct/cases/{id}",
        CONDUCT_READ,
        Api,
        "One case as the caller may read it (a focal point: no victim, no narrative); audited",
        &[],
    ),
    route(
        "POST",
        "/api/v1/conduct/cases/{id}/steps",
        CONDUCT_STEP,
        Api,
        "Take the next step of a case, dated, with what it records",
        &[],
    ),
    route(
        "POST",
        "/api/v1/conduct/cases/{id}/measures",
        CONDUCT_WRITE,
        Api,
        "Record an interim measure (a repatriation ends the officer's tour)",
        &[],
    ),
    route(
        "POST",
        "/api/v1/conduct/cases/{id}/glass",
        ADMIN,
        Api,
        "Break the glass: an administrator opens a case with a stated reason, audited and shown",
        &[],
    ),
    route(
        "GET",
        "/api/v1/conduct/overdue",
        CONDUCT_READ,
        Api,
        "The clocks run out or due within `within` days, per contributing country",
        &["within"],
    ),
    route(
        "GET",
        "/api/v1/conduct/figures",
        Public,
        Api,
        "Allegations per year, mission, category, nationality, type and step: no person",
        &[],
    ),
    route(
        "GET",
        "/api/v1/incidents",
        INCIDENT_READ,
        Api,
        "The incidents the caller may read, oldest first",
        &["mission", "since", "until", "category"],
    ),
    route(
        "POST",
        "/api/v1/incidents",
        INCIDENT_WRITE,
        Api,
        "Record an incident in the caller's mission",
        &[],
    ),
    route(
        "GET",
        "/api/v1/incidents/stats",
        INCIDENT_COUNT,
        Api,
        "Events and deaths (best estimates) per year, month, first-level area or category",
        &["per", "mission", "since", "until", "category"],
    ),
    route(
        "GET",
        "/api/v1/incidents/{id}",
        INCIDENT_READ,
        Api,
        "One incident, if the caller may read it",
        &[],
    ),
    route(
        "POST",
        "/api/v1/incidents/{id}/follow-up",
        INCIDENT_WRITE,
        Api,
        "What the mission did about an incident, and where its follow-up stands",
        &[],
    ),
];

fn handler(spec: &RouteSpec) -> MethodRouter<AppState> {
    match (spec.method, spec.path) {
        ("GET", "/healthz") => get(pages::healthz),
        ("GET", "/static/{file}") => get(pages::assets::serve),
        ("GET", "/robots.txt") => get(pages::assets::robots),
        ("GET", "/language") => get(pages::switch_language),
        ("GET", "/stats") => get(pages::stats::contributions),
        ("GET", "/stats/parity") => get(pages::stats::parity),
        ("GET", "/stats/trend") => get(pages::stats::trend),
        ("GET", "/stats/missions/{code}") => get(pages::stats::mission),
        ("GET", "/stats/countries/{code}") => get(pages::stats::country),
        ("GET", "/roster") => get(pages::roster::officers),
        ("GET", "/roster/officers/new") => get(pages::roster::new_officer),
        ("POST", "/roster/officers") => post(pages::roster::create_officer),
        ("GET", "/roster/officers/{id}") => get(pages::roster::officer),
        ("GET", "/roster/officers/{id}/edit") => get(pages::roster::edit_officer),
        ("POST", "/roster/officers/{id}") => post(pages::roster::update_officer),
        ("POST", "/roster/officers/{id}/tours") => post(pages::roster::change_tour),
        ("GET", "/roster/posts") => get(pages::roster::posts),
        ("GET", "/roster/units") => get(pages::roster::units),
        ("GET", "/roster/deployments") => get(pages::roster::deployments),
        ("GET", "/roster/rotations") => get(pages::roster::rotations),
        ("GET", "/docs/api") => get(pages::api_docs::page),
        ("GET", "/conduct") => get(pages::conduct::cases),
        ("GET", "/conduct/cases/new") => get(pages::conduct::new_case),
        ("POST", "/conduct/cases") => post(pages::conduct::create_case),
        ("GET", "/conduct/cases/{id}") => get(pages::conduct::case),
        ("POST", "/conduct/cases/{id}/steps") => post(pages::conduct::step),
        ("POST", "/conduct/cases/{id}/measures") => post(pages::conduct::measure),
        ("GET", "/conduct/cases/{id}/glass") => get(pages::conduct::glass_form),
        ("POST", "/conduct/cases/{id}/glass") => post(pages::conduct::glass),
        ("GET", "/conduct/overdue") => get(pages::conduct::overdue),
        ("GET", "/conduct/figures") => get(pages::conduct::figures),
        ("GET", "/incidents") => get(pages::incidents::page),
        ("GET", "/forcegen") => get(pages::forcegen::requests),
        ("GET", "/forcegen/requests/new") => get(pages::forcegen::new_request),
        ("POST", "/forcegen/requests") => post(pages::forcegen::create_request),
        ("GET", "/forcegen/requests/{id}") => get(pages::forcegen::request),
        ("GET", "/forcegen/requests/{id}/edit") => get(pages::forcegen::edit_request),
        ("POST", "/forcegen/requests/{id}/edit") => post(pages::forcegen::update_request),
        ("POST", "/forcegen/requests/{id}/steps") => post(pages::forcegen::step),
        ("POST", "/forcegen/requests/{id}/nominations") => post(pages::forcegen::nominate),
        ("GET", "/forcegen/requests/{id}/plan") => get(pages::forcegen::plan),
        ("POST", "/forcegen/requests/{id}/selection") => post(pages::forcegen::select),
        ("POST", "/forcegen/requests/{id}/deployment") => post(pages::forcegen::deploy),
        ("GET", "/login") => get(pages::login_form),
        ("POST", "/login") => post(pages::login),
        ("POST", "/logout") => post(pages::logout),
        ("GET", "/") => get(pages::home),
        ("POST", "/api/v1/session") => post(api::session::create),
        ("DELETE", "/api/v1/session") => delete(api::session::end),
        ("GET", "/api/v1/me") => get(api::session::me),
        ("GET", "/api/v1/stats/contributions") => get(api::stats::contributions),
        ("GET", "/api/v1/stats/parity") => get(api::stats::parity),
        ("GET", "/api/v1/stats/trend") => get(api::stats::trend),
        ("GET", "/api/v1/users") => get(api::users::list),
        ("POST", "/api/v1/users") => post(api::users::create),
        ("GET", "/api/v1/users/{login}") => get(api::users::get),
        ("POST", "/api/v1/users/{login}/disable") => post(api::users::disable),
        ("GET", "/api/v1/officers") => get(api::officers::list),
        ("POST", "/api/v1/officers") => post(api::officers::create),
        ("GET", "/api/v1/officers/{id}") => get(api::officers::get),
        ("PUT", "/api/v1/officers/{id}") => put(api::officers::update),
        ("GET", "/api/v1/deployments") => get(api::deployments::list),
        ("POST", "/api/v1/deployments") => post(api::deployments::create),
        ("GET", "/api/v1/deployments/{id}") => get(api::deployments::get),
        ("PUT", "/api/v1/deployments/{id}") => put(api::deployments::update),
        ("GET", "/api/v1/forecast/rotations") => get(api::forecast::rotations),
        ("GET", "/api/v1/posts") => get(api::posts::list_posts),
        ("POST", "/api/v1/posts") => post(api::posts::create_post),
        ("GET", "/api/v1/posts/{id}") => get(api::posts::get_post),
        ("PUT", "/api/v1/posts/{id}") => put(api::posts::update_post),
        ("GET", "/api/v1/units") => get(api::posts::list_units),
        ("POST", "/api/v1/units") => post(api::posts::create_unit),
        ("GET", "/api/v1/units/{id}") => get(api::posts::get_unit),
        ("PUT", "/api/v1/units/{id}") => put(api::posts::update_unit),
        ("GET", "/api/v1/roster/export") => get(api::export::roster),
        ("GET", "/api/v1/forcegen/requests") => get(api::forcegen::list),
        ("GET", "/api/v1/forcegen/lead-times") => get(api::forcegen::lead_times),
        ("POST", "/api/v1/forcegen/requests") => post(api::forcegen::create),
        ("GET", "/api/v1/forcegen/requests/{id}") => get(api::forcegen::get),
        ("PUT", "/api/v1/forcegen/requests/{id}") => put(api::forcegen::update),
        ("POST", "/api/v1/forcegen/requests/{id}/steps") => post(api::forcegen::step),
        ("GET", "/api/v1/forcegen/requests/{id}/nominations") => get(api::forcegen::nominations),
        ("POST", "/api/v1/forcegen/requests/{id}/nominations") => post(api::forcegen::nominate),
        ("GET", "/api/v1/forcegen/requests/{id}/plan") => get(api::forcegen::plan),
        ("POST", "/api/v1/forcegen/requests/{id}/selection") => post(api::forcegen::select),
        ("POST", "/api/v1/forcegen/requests/{id}/deployment") => post(api::forcegen::deploy),
        ("GET", "/api/v1/conduct/cases") => get(api::conduct::list),
        ("POST", "/api/v1/conduct/cases") => post(api::conduct::create),
        ("GET", "/api/v1/conduct/cases/{id}") => get(api::conduct::get),
        ("POST", "/api/v1/conduct/cases/{id}/steps") => post(api::conduct::step),
        ("POST", "/api/v1/conduct/cases/{id}/measures") => post(api::conduct::measure),
        ("POST", "/api/v1/conduct/cases/{id}/glass") => post(api::conduct::glass),
        ("GET", "/api/v1/conduct/overdue") => get(api::conduct::overdue),
        ("GET", "/api/v1/conduct/figures") => get(api::conduct::figures),
        ("GET", "/api/v1/incidents") => get(api::incidents::list),
        ("POST", "/api/v1/incidents") => post(api::incidents::create),
        ("GET", "/api/v1/incidents/stats") => get(api::incidents::stats),
        ("GET", "/api/v1/incidents/{id}") => get(api::incidents::get),
        ("POST", "/api/v1/incidents/{id}/follow-up") => post(api::incidents::follow_up),
        ("GET", "/api/v1/openapi.json") => get(crate::openapi::document),
        (method, path) => panic!("route {method} {path} is in ROUTES but has no handler"),
    }
}

/// The public pages of the UN's published figures: the same for every anonymous visitor, so each
/// is built once per address and language ([`crate::shared_page`]).
fn publishes_figures(spec: &RouteSpec) -> bool {
    spec.method == "GET"
        && spec.access == Public
        && spec.surface == Page
        && (spec.path == "/stats" || spec.path.starts_with("/stats/"))
}

pub(crate) fn router(state: AppState) -> Router {
    let mut router = Router::new();
    for spec in ROUTES {
        let mut handler = handler(spec);
        if publishes_figures(spec) {
            handler = handler.route_layer(middleware::from_fn_with_state(
                crate::shared_page::SharedState {
                    app: state.clone(),
                    spec,
                },
                crate::shared_page::shared,
            ));
        }
        // The guard is the outer layer: it identifies the caller before anything else runs.
        let guarded = handler.route_layer(middleware::from_fn_with_state(
            guard::GuardState {
                app: state.clone(),
                spec,
            },
            guard::guard,
        ));
        router = router.route(spec.path, guarded);
    }
    router.fallback(pages::not_found).with_state(state)
}
