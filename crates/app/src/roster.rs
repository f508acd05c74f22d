//! Writing roster records: the rules a caller's input must satisfy before storage sees it, and the
//! scope of what each caller may write.

use chrono::NaiveDate;
use serde::Deserialize;
use unpol_domain::Category;
use unpol_domain::access::{Principal, Scope};
use unpol_domain::reference::Resolver;
use unpol_domain::roster::{
    Assessment, DeploymentId, EndReason, Gender, LanguageSkill, OfficerId, Post, PostCategory,
    PostId, Unit, UnitId,
};
use unpol_storage::Database;
use unpol_storage::deployments::DeploymentFields;
use unpol_storage::officers::{OfficerFields, WriteError};

use crate::accounts::AuditContext;

/// An officer as a caller sends it (the API's JSON, a row of an import file).
#[derive(Debug, Clone, Deserialize)]
pub struct OfficerInput {
    pub external_id: String,
    pub given_name: String,
    pub family_name: String,
    /// ISO 3166 alpha-3 code or a name in the alias table.
    pub nationality: String,
    pub gender: String,
    pub birth_date: NaiveDate,
    pub rank: String,
    #[serde(default)]
    pub languages: Vec<LanguageSkill>,
    #[serde(default)]
    pub skills: Vec<String>,
    #[serde(default = "pending")]
    pub vetting: String,
    /// AMS sittings; absent on an update keeps the stored ones.
    #[serde(default)]
    pub assessments: Option<Vec<Assessment>>,
}

fn pending() -> String {
    "pending".into()
}

/// A tour as a caller sends it.
#[derive(Debug, Clone, Deserialize)]
pub struct DeploymentInput {
    pub external_id: String,
    pub officer: i64,
    pub unit: Option<i64>,
    pub mission: String,
    pub post: Option<i64>,
    pub category: String,
    pub start: NaiveDate,
    pub planned_end: NaiveDate,
    pub actual_end: Option<NaiveDate>,
    pub end_reason: Option<String>,
}

fn invalid(message: impl Into<String>) -> WriteError {
    WriteError::Invalid(message.into())
}

async fn officer_fields(
    db: &Database,
    who: &Principal,
    input: OfficerInput,
) -> Result<OfficerFields, WriteError> {
    validate_officer(&db.resolver().await?, who.scope, input)
}

/// What is wrong with one field of an officer, kept typed so that a form can put a translated
/// message next to the field and the API can say it in a sentence.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FieldProblem {
    #[error("{field} is required")]
    Required { field: &'static str },
    #[error("unknown country `{value}`")]
    UnknownCountry { value: String },
    #[error("you may only record nationals of {own}")]
    NotYourNational { own: String },
    #[error("unknown gender `{value}`")]
    UnknownGender { value: String },
    #[error("vetting must be pending, cleared or refused, not `{value}`")]
    UnknownVetting { value: String },
    #[error("language `{language}` level {level}: use an ISO 639-1 code and a level 1 to 5")]
    BadLanguage { language: String, level: u8 },
    #[error("AMS {test} of {taken_on}: valid_until must be after taken_on")]
    AssessmentValidity { test: String, taken_on: NaiveDate },
}

impl FieldProblem {
    /// The input field the problem is about.
    pub fn field(&self) -> &'static str {
        match self {
            FieldProblem::Required { field } => field,
            FieldProblem::UnknownCountry { .. } | FieldProblem::NotYourNational { .. } => {
                "nationality"
            }
            FieldProblem::UnknownGender { .. } => "gender",
            FieldProblem::UnknownVetting { .. } => "vetting",
            FieldProblem::BadLanguage { .. } => "languages",
            FieldProblem::AssessmentValidity { .. } => "assessments",
        }
    }
}

/// Every problem of an officer's fields against the rules and the writer's scope (a `pcc` writer
/// records its nationals only), in the order of the fields; none when the input is valid.
pub fn officer_problems(
    resolver: &Resolver,
    scope: Scope,
    input: &OfficerInput,
) -> Vec<FieldProblem> {
    let mut problems = Vec::new();
    for (field, value) in [
        ("external_id", &input.external_id),
        ("given_name", &input.given_name),
        ("family_name", &input.family_name),
    ] {
        if value.trim().is_empty() {
            problems.push(FieldProblem::Required { field });
        }
    }
    match resolver.country(&input.nationality) {
        None => problems.push(FieldProblem::UnknownCountry {
            value: input.nationality.clone(),
        }),
        Some(nationality) => {
            if let Some(own) = scope.country()
                && own != nationality
            {
                problems.push(FieldProblem::NotYourNational {
                    own: own.to_string(),
                });
            }
        }
    }
    if Gender::from_code(&input.gender).is_none() {
        problems.push(FieldProblem::UnknownGender {
            value: input.gender.clone(),
        });
    }
    if input.rank.trim().is_empty() {
        problems.push(FieldProblem::Required { field: "rank" });
    }
    if !["pending", "cleared", "refused"].contains(&input.vetting.as_str()) {
        problems.push(FieldProblem::UnknownVetting {
            value: input.vetting.clone(),
        });
    }
    for l in &input.languages {
        if l.language.len() != 2
            || !l.language.bytes().all(|b| b.is_ascii_lowercase())
            || !(1..=5).contains(&l.level)
        {
            problems.push(FieldProblem::BadLanguage {
                language: l.language.clone(),
                level: l.level,
            });
        }
    }
    for a in input.assessments.iter().flatten() {
        if a.valid_until.is_some_and(|v| v <= a.taken_on) {
            problems.push(FieldProblem::AssessmentValidity {
                test: a.test.code().into(),
                taken_on: a.taken_on,
            });
        }
    }
    problems
}

/// Checks an officer's fields (see [`officer_problems`]); the first problem is the error.
pub fn validate_officer(
    resolver: &Resolver,
    scope: Scope,
    input: OfficerInput,
) -> Result<OfficerFields, WriteError> {
    if let Some(problem) = officer_problems(resolver, scope, &input).into_iter().next() {
        return Err(invalid(problem.to_string()));
    }
    let nationality = resolver
        .country(&input.nationality)
        .ok_or_else(|| invalid(format!("unknown country `{}`", input.nationality)))?;
    let gender = Gender::from_code(&input.gender)
        .ok_or_else(|| invalid(format!("unknown gender `{}`", input.gender)))?;
    Ok(OfficerFields {
        external_id: input.external_id.trim().into(),
        given_name: input.given_name.trim().into(),
        family_name: input.family_name.trim().into(),
        nationality,
        gender,
        birth_date: input.birth_date,
        rank: input.rank.trim().into(),
        languages: input.languages,
        skills: input.skills,
        vetting: input.vetting,
        assessments: input.assessments,
    })
}

pub async fn create_officer(
    db: &Database,
    who: &Principal,
    input: OfficerInput,
    ctx: &AuditContext,
) -> Result<OfficerId, WriteError> {
    let fields = officer_fields(db, who, input).await?;
    db.create_officer(&fields, &ctx.event("officer.create", "", ""))
        .await
}

pub async fn update_officer(
    db: &Database,
    who: &Principal,
    id: OfficerId,
    input: OfficerInput,
    ctx: &AuditContext,
) -> Result<(), WriteError> {
    let fields = officer_fields(db, who, input).await?;
    db.update_officer(
        who.scope,
        id,
        &fields,
        &ctx.event("officer.update", &format!("officer:{id}"), ""),
    )
    .await
}

async fn deployment_fields(
    db: &Database,
    input: DeploymentInput,
) -> Result<DeploymentFields, WriteError> {
    let resolver = db.resolver().await?;
    let mission = *resolver
        .mission(&input.mission)
        .ok_or_else(|| invalid(format!("unknown mission `{}`", input.mission)))?;
    let category = Category::from_label(&input.category)
        .filter(|c| c.is_police())
        .ok_or_else(|| {
            invalid(format!(
                "category must be individual_police or formed_police_units, not `{}`",
                input.category
            ))
        })?;
    let end_reason = input
        .end_reason
        .as_deref()
        .map(|r| {
            EndReason::from_code(r).ok_or_else(|| invalid(format!("unknown end reason `{r}`")))
        })
        .transpose()?;
    if input.external_id.trim().is_empty() {
        return Err(invalid("external_id is required"));
    }
    Ok(DeploymentFields {
        external_id: input.external_id.trim().into(),
        officer: OfficerId(input.officer),
        unit: input.unit.map(UnitId),
        mission,
        post: input.post.map(PostId),
        category,
        start: input.start,
        planned_end: input.planned_end,
        actual_end: input.actual_end,
        end_reason,
    })
}

pub async fn save_deployment(
    db: &Database,
    who: &Principal,
    replacing: Option<DeploymentId>,
    input: DeploymentInput,
    ctx: &AuditContext,
) -> Result<DeploymentId, WriteError> {
    let fields = deployment_fields(db, input).await?;
    let action = if replacing.is_some() {
        "deployment.update"
    } else {
        "deployment.create"
    };
    db.save_deployment(who.scope, replacing, &fields, &ctx.event(action, "", ""))
        .await
}

/// A post as a caller sends it.
#[derive(Debug, Clone, Deserialize)]
pub struct PostInput {
    pub external_id: String,
    pub mission: String,
    pub title: String,
    /// `ipo`, `fpu` or `spt`.
    pub category: String,
    #[serde(default)]
    pub location: String,
}

/// A formed police unit or specialized team as a caller sends it.
#[derive(Debug, Clone, Deserialize)]
pub struct UnitInput {
    pub external_id: String,
    /// `fpu` or `spt`.
    pub kind: String,
    pub country: String,
    pub mission: String,
    pub designation: String,
}

fn required(field: &str, value: &str) -> Result<String, WriteError> {
    let value = value.trim();
    if value.is_empty() {
        Err(invalid(format!("{field} is required")))
    } else {
        Ok(value.to_string())
    }
}

pub async fn save_post(
    db: &Database,
    who: &Principal,
    replacing: Option<PostId>,
    input: PostInput,
    ctx: &AuditContext,
) -> Result<PostId, WriteError> {
    let resolver = db.resolver().await?;
    let post = Post {
        id: replacing.unwrap_or(PostId(0)),
        external_id: required("external_id", &input.external_id)?,
        mission: *resolver
            .mission(&input.mission)
            .ok_or_else(|| invalid(format!("unknown mission `{}`", input.mission)))?,
        title: required("title", &input.title)?,
        category: PostCategory::from_code(input.category.trim()).ok_or_else(|| {
            invalid(format!(
                "category must be ipo, fpu or spt, not `{}`",
                input.category
            ))
        })?,
        location: input.location.trim().to_string(),
    };
    let action = if replacing.is_some() {
        "post.update"
    } else {
        "post.create"
    };
    db.save_post(who.scope, replacing, &post, &ctx.event(action, "", ""))
        .await
}

pub async fn save_unit(
    db: &Database,
    replacing: Option<UnitId>,
    input: UnitInput,
    ctx: &AuditContext,
) -> Result<UnitId, WriteError> {
    let resolver = db.resolver().await?;
    let kind = PostCategory::from_code(input.kind.trim())
        .filter(|k| *k != PostCategory::Ipo)
        .ok_or_else(|| invalid(format!("kind must be fpu or spt, not `{}`", input.kind)))?;
    let country = resolver
        .country(&input.country)
        .ok_or_else(|| invalid(format!("unknown country `{}`", input.country)))?;
    let unit = Unit {
        id: replacing.unwrap_or(UnitId(0)),
        external_id: required("external_id", &input.external_id)?,
        kind,
        country,
        mission: *resolver
            .mission(&input.mission)
            .ok_or_else(|| invalid(format!("unknown mission `{}`", input.mission)))?,
        designation: required("designation", &input.designation)?,
    };
    let action = if replacing.is_some() {
        "unit.update"
    } else {
        "unit.create"
    };
    db.save_unit(replacing, &unit, &ctx.event(action, "", ""))
        .await
}
