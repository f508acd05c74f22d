//! The checks every use case applies to typed values, with the refusals each interface says in
//! its user's language.

use unpol_domain::message;
use unpol_domain::text;
use unpol_domain::vocabulary::Term;

use crate::roster::WriteError;

/// A free text within its length, trimmed; refused with the field's name otherwise.
pub(crate) fn text(field: &str, value: &str, max: usize) -> Result<String, WriteError> {
    text::check(value, max).map_err(|problem| WriteError::refused(problem.message(field)))?;
    Ok(value.trim().to_string())
}

/// A free text that may not be empty.
pub(crate) fn required(field: &str, value: &str, max: usize) -> Result<String, WriteError> {
    let value = text(field, value, max)?;
    if value.is_empty() {
        return Err(WriteError::refused(message!(
            "text-required",
            field = field
        )));
    }
    Ok(value)
}

/// The codes of a vocabulary, in its order.
pub(crate) fn codes(terms: &[Term]) -> Vec<&'static str> {
    terms.iter().map(|t| t.code).collect()
}

/// A value outside its list, refused with the known codes.
pub(crate) fn unknown(field: &str, value: &str, known: &[&str]) -> WriteError {
    WriteError::refused(message!(
        "value-unknown",
        field = field,
        value = value,
        known = known.join(", ")
    ))
}

/// The mission a caller records operations data for (capacity building, evaluations,
/// indicators, transition tasks): headquarters any mission, mission staff their own.
pub(crate) async fn writable_mission(
    store: &crate::Store,
    actor: &crate::Actor,
    typed: &str,
) -> Result<unpol_domain::reference::Mission, WriteError> {
    use unpol_domain::MissionCode;
    use unpol_domain::access::Role;
    if !matches!(actor.role(), Role::Hq | Role::Mission) {
        return Err(WriteError::refused(message!("mission-writers")));
    }
    let unknown = || WriteError::refused(message!("unknown-mission", value = typed));
    let code = MissionCode::parse(&typed.trim().to_ascii_uppercase()).map_err(|_| unknown())?;
    if let Some(own) = actor.scope().mission()
        && own != code
    {
        return Err(WriteError::refused(message!(
            "own-mission-records",
            own = own
        )));
    }
    let missions = store.db().missions().await?;
    missions
        .into_iter()
        .find(|m| m.acronym == code)
        .ok_or_else(unknown)
}

/// The missions a caller reads operations data of: `Some(None)` every mission, `Some(Some(m))`
/// one, `None` none. Headquarters and administrators read all; mission staff their own.
pub(crate) fn readable_missions(actor: &crate::Actor) -> Option<Option<unpol_domain::MissionCode>> {
    use unpol_domain::access::Role;
    match actor.role() {
        Role::Admin | Role::Hq => Some(None),
        Role::Mission => actor.scope().mission().map(Some),
        Role::Analyst | Role::Pcc | Role::Conduct => None,
    }
}

/// A code of a vocabulary, refused with the known codes under `field`'s name.
pub(crate) fn coded<T>(
    field: &str,
    value: &str,
    terms: &[Term],
    parse: impl Fn(&str) -> Option<T>,
) -> Result<T, WriteError> {
    parse(value).ok_or_else(|| unknown(field, value, &codes(terms)))
}

/// A day unpol can hold: from 1948 (the first UN peace operation) to 2199.
pub(crate) fn plausible(field: &str, day: chrono::NaiveDate) -> Result<(), WriteError> {
    use unpol_domain::roster::{FIRST_DAY, LAST_DAY};
    if !(FIRST_DAY..=LAST_DAY).contains(&day) {
        return Err(WriteError::refused(message!(
            "day-out-of-range",
            field = field,
            day = day,
            first = FIRST_DAY,
            last = LAST_DAY
        )));
    }
    Ok(())
}

/// A day unpol can hold, no later than today.
pub(crate) fn not_future(
    field: &str,
    day: chrono::NaiveDate,
    today: chrono::NaiveDate,
) -> Result<(), WriteError> {
    plausible(field, day)?;
    if day > today {
        return Err(WriteError::refused(message!(
            "day-in-future",
            field = field,
            today = today
        )));
    }
    Ok(())
}

/// A period whose end is not before its start.
pub(crate) fn period(start: chrono::NaiveDate, end: chrono::NaiveDate) -> Result<(), WriteError> {
    plausible("start", start)?;
    plausible("end", end)?;
    if end < start {
        return Err(WriteError::refused(message!(
            "ends-before-starts",
            start = start,
            end = end
        )));
    }
    Ok(())
}

/// A count small enough to store (SQL integers): a larger one is a typing error.
pub(crate) fn count(field: &str, n: u32) -> Result<u32, WriteError> {
    let max = i32::MAX as u32;
    if n > max {
        return Err(WriteError::refused(message!(
            "incident-count",
            field = field,
            max = max
        )));
    }
    Ok(n)
}
