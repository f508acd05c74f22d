//! Refusals as data: a key and its arguments, so that each interface says them in its user's
//! language. The command line and the API read the English below; the pages read the key in
//! their Fluent file (English or French), and a test of the web crate checks that every key is
//! in both files and that the English file says what this table says.

use std::fmt;

/// A sentence to show a user: its key in the message files and the values it names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub key: &'static str,
    pub args: Vec<(&'static str, String)>,
}

/// `message!("fg-out-of-order", request = id, status = "draft")`.
#[macro_export]
macro_rules! message {
    ($key:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::message::Message {
            key: $key,
            args: vec![$((stringify!($name), ($value).to_string())),*],
        }
    };
}

impl Message {
    /// The value of an argument.
    pub fn arg(&self, name: &str) -> Option<&str> {
        self.args
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The sentence in English: the template of its key with its arguments in place.
    pub fn english(&self) -> String {
        let template = ENGLISH
            .iter()
            .find(|(key, _)| *key == self.key)
            .map_or(self.key, |(_, text)| text);
        let mut text = template.to_string();
        for (name, value) in &self.args {
            let value = if STATUS_ARGS.contains(name)
                || NOMINATION_ARGS.contains(name)
                || CASE_STEP_ARGS.contains(name)
            {
                value.replace('_', " ")
            } else {
                value.clone()
            };
            text = text.replace(&format!("{{{name}}}"), &value);
        }
        text
    }
}

impl fmt::Display for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.english())
    }
}

/// Arguments that hold a request's status code: pages show them by their label.
pub const STATUS_ARGS: [&str; 2] = ["status", "next"];

/// Arguments that hold a conduct case's step code: pages show them by their label.
pub const CASE_STEP_ARGS: [&str; 2] = ["step", "target"];

/// Arguments that hold a nomination's status code: pages show them by their label.
pub const NOMINATION_ARGS: [&str; 2] = ["was", "becomes"];

/// Every message's English template (`{name}` for an argument).
pub const ENGLISH: &[(&str, &str)] = &[
    (
        "fg-out-of-order",
        "request {request} is {status} and cannot become {next}",
    ),
    (
        "fg-not-draft",
        "request {request} is {status} and can no longer be edited",
    ),
    (
        "fg-date-future",
        "a decision cannot be dated after today ({today}): {on}",
    ),
    (
        "fg-date-before",
        "request {request} took its last step on {last}; a later step cannot be dated {on}",
    ),
    ("fg-cancel-reason", "say why the request is cancelled"),
    (
        "fg-own-step",
        "a request becomes {next} through its own step, not this one",
    ),
    (
        "fg-sent-after-deadline",
        "the deadline for nominations ({deadline}) is before the day it would be sent ({on})",
    ),
    (
        "fg-not-taking",
        "request {request} is {status}: it takes nominations only once sent and until they close",
    ),
    (
        "fg-not-sent-to",
        "request {request} was not sent to {country}",
    ),
    (
        "fg-nominations-ended",
        "nominations for request {request} closed on {deadline}",
    ),
    (
        "fg-all-filled",
        "every post of request {request} is filled: {deployed} deployed for {posts} posts",
    ),
    (
        "fg-reason-needed",
        "this selection departs from the plan: say why (reason)",
    ),
    ("fg-none-chosen", "no officer was chosen"),
    (
        "fg-no-nomination",
        "request {request} has no open nomination to select from",
    ),
    (
        "fg-none-eligible",
        "none of the {count} open nominations to request {request} is eligible: see the plan",
    ),
    (
        "fg-too-many",
        "request {request} has {open} open posts; {chosen} officers were chosen",
    ),
    (
        "fg-not-nominee",
        "officer {officer} has no open nomination to request {request}",
    ),
    (
        "fg-not-eligible",
        "officer {officer} is not eligible: {reasons}",
    ),
    (
        "fg-nothing-to-deploy",
        "request {request} has no selected officer to deploy",
    ),
    (
        "fg-no-open-post",
        "the request has no open post left: more officers than posts were selected",
    ),
    ("unknown-mission", "unknown mission `{value}`"),
    (
        "fg-own-mission",
        "you may only request officers for {mission}",
    ),
    ("fg-title-required", "title is required"),
    ("fg-title-text", "title {problem}"),
    ("fg-reason-text", "reason {problem}"),
    ("fg-too-many-skills", "a request asks for at most 50 skills"),
    ("fg-posts-range", "posts must be from 1 to 10,000"),
    (
        "fg-language-level",
        "language `{language}` level {level}: the level is 1 to 5",
    ),
    ("fg-tour-months", "tour_months must be from 1 to 36"),
    (
        "fg-dates-range",
        "start and deadline must be from {first} to {last}",
    ),
    (
        "fg-deadline-after-start",
        "the deadline for nominations must not be after the start date",
    ),
    (
        "fg-country-cap",
        "country_cap must be above 0 and at most 1",
    ),
    ("unknown-country", "unknown country `{value}`"),
    ("fg-no-country", "a request goes to at least one country"),
    (
        "fg-tour-past-calendar",
        "the tour would end past the calendar",
    ),
    ("tour-ended", "tour {tour} has already ended"),
    (
        "tour-end-before-start",
        "tour {tour} starts on {start}: it cannot end before",
    ),
    (
        "tour-extend-earlier",
        "tour {tour} is planned to end on {end}: an extension ends later",
    ),
    (
        "tour-overlaps",
        "this tour ({new_start} to {new_end}) overlaps the officer's tour {existing_start} to {existing_end}",
    ),
    (
        "tour-overlaps-hidden",
        "officer {officer} has another tour in that period",
    ),
    (
        "tour-overlap",
        "this tour overlaps another tour of the same officer",
    ),
    (
        "vocabulary-unknown",
        "unknown {vocabulary} `{value}`; one of: {known}",
    ),
    ("text-required", "{field} is required"),
    ("text-too-long", "{field} is longer than {max} characters"),
    ("text-control", "{field} holds a control character"),
    (
        "day-out-of-range",
        "{field} {day} is outside {first} to {last}",
    ),
    ("gender-unknown", "unknown gender `{value}`"),
    (
        "vetting-unknown",
        "vetting must be pending, cleared or refused, not `{value}`",
    ),
    (
        "assessment-validity",
        "AMS {test} of {taken_on}: days from 1948 to 2199, valid_until after taken_on",
    ),
    (
        "birth-date-range",
        "birth_date must be between {earliest} and {latest} (an officer is at least 18)",
    ),
    ("no-officer", "no officer {id}"),
    ("no-post", "no post {id}"),
    ("no-unit", "no unit {id}"),
    ("own-mission-tours", "you may only record tours in {own}"),
    ("own-mission-posts", "you may only record posts in {own}"),
    (
        "incident-writers",
        "only headquarters and mission staff record incidents",
    ),
    (
        "own-mission-incidents",
        "you may only record incidents of {own}",
    ),
    (
        "mission-writers",
        "only headquarters and mission staff record this",
    ),
    ("own-mission-records", "you may only record for {own}"),
    ("day-in-future", "{field} cannot be after today ({today})"),
    (
        "ends-before-starts",
        "the end ({end}) is before the start ({start})",
    ),
    (
        "project-delivery",
        "a delivered project needs the day it was delivered, and only a delivered project has one",
    ),
    (
        "evaluation-remedy",
        "a rating below `meets` is underperformance and needs a remedy (improvement_plan or repatriation); a rating of `meets` or above takes none",
    ),
    (
        "evaluation-tour",
        "officer {officer} served no tour in {mission} over this period",
    ),
    (
        "evaluation-competency",
        "competency `{competency}` is rated twice",
    ),
    (
        "indicator-computed",
        "indicator {indicator} is computed by unpol from its records; its values cannot be entered",
    ),
    ("indicator-number", "{field} must be a finite number"),
    (
        "incident-precision",
        "{field} must be a whole number from 1 to {max}",
    ),
    ("incident-count", "{field} cannot be above {max}"),
    (
        "incident-ends-before",
        "an incident cannot end before it starts",
    ),
    (
        "incident-future",
        "an incident cannot start after today ({today})",
    ),
    (
        "incident-point",
        "give both latitude (-90 to 90) and longitude (-180 to 180), or neither",
    ),
    ("conduct-only", "only conduct officers record conduct cases"),
    ("own-mission-cases", "you may only record cases of {own}"),
    (
        "value-unknown",
        "unknown {field} `{value}`; one of: {known}",
    ),
    (
        "conduct-victim-twice",
        "victim code `{code}` is given twice",
    ),
    (
        "conduct-out-of-order",
        "case {case} is at step {step} and cannot go to {target}",
    ),
    (
        "conduct-date-before",
        "case {case} took its last step on {last}; a later step cannot be dated {on}",
    ),
    (
        "conduct-no-officer",
        "no officer {officer} in the roster; leave the officer out for an unidentified subject",
    ),
    (
        "conduct-glass-admin",
        "only an administrator may break the glass",
    ),
    (
        "conduct-glass-reason",
        "say why you open this case (at least 10 characters): the reason is shown to its conduct officers",
    ),
    (
        "conduct-step-country",
        "a focal point records the investigator, the investigation, the outcome and the action, not the step {target}",
    ),
    ("conduct-closed", "case {case} is closed"),
    (
        "conduct-not-subject",
        "officer {officer} is not a subject of case {case}",
    ),
    (
        "conduct-no-key",
        "conduct cases are sealed with a key kept outside the database, and this server has none: set UNPOL_CASE_KEY or --case-key-file",
    ),
    (
        "conduct-rekey",
        "only headquarters or an administrator, at the console, rotates the case key",
    ),
    (
        "conduct-incident-after",
        "the incident ({incident}) cannot come after the report was received ({received})",
    ),
    ("own-mission-units", "you may only record units in {own}"),
    ("own-country-units", "you may only record units of {own}"),
    ("own-nationals", "you may only record nationals of {own}"),
    (
        "tour-category",
        "category must be individual_police or formed_police_units, not `{value}`",
    ),
    (
        "tour-end-reason",
        "unknown end reason `{value}`; one of: {known}",
    ),
    (
        "tour-ends-before-start",
        "a tour must end after it starts (start {start}, end {end})",
    ),
    (
        "tour-wrong-post",
        "an individual police officer's tour needs a post of category individual_police or specialized_police_teams, not {category}",
    ),
    ("tour-under-18", "officer {officer} is under 18 on {day}"),
    (
        "tour-post-mission",
        "post {post} belongs to {mission}, not {wanted}",
    ),
    (
        "tour-unit-mission",
        "unit {unit} serves in {mission}, not {wanted}",
    ),
    (
        "tour-unit-country",
        "unit {unit} is from {country}; officer {officer} is a national of {nationality}",
    ),
    (
        "tour-fpu-category",
        "a tour in formed police unit {unit} has the category formed_police_units",
    ),
    (
        "post-category",
        "category must be individual_police, formed_police_units or specialized_police_teams, not `{value}`",
    ),
    (
        "unit-kind",
        "kind must be formed_police_units or specialized_police_teams, not `{value}`",
    ),
    (
        "record-exists",
        "a record with this external id already exists",
    ),
    (
        "reference-unknown",
        "a code does not resolve to reference data",
    ),
    ("value-breaks-rule", "a value breaks a rule: {detail}"),
    (
        "fg-already-nominated",
        "officer {officer} is already nominated to request {request}",
    ),
    (
        "fg-nomination-elsewhere",
        "nomination {nomination} is not one of request {request}",
    ),
    (
        "fg-nomination-step",
        "nomination {nomination} is {was} and cannot become {becomes}",
    ),
    (
        "fg-nomination-officer",
        "nomination {nomination} is not officer {officer}'s",
    ),
    (
        "fg-nomination-not-selected",
        "nomination {nomination} is {was}, not selected",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arguments_take_their_places_and_statuses_read_as_words() {
        let m = message!(
            "fg-out-of-order",
            request = 3,
            status = "nominations_closed",
            next = "deployed"
        );
        assert_eq!(
            m.english(),
            "request 3 is nominations closed and cannot become deployed"
        );
        assert_eq!(m.arg("request"), Some("3"));
    }

    #[test]
    fn keys_are_unique_and_every_argument_is_named_in_its_template() {
        let mut keys: Vec<&str> = ENGLISH.iter().map(|(k, _)| *k).collect();
        keys.sort_unstable();
        let n = keys.len();
        keys.dedup();
        assert_eq!(keys.len(), n);
        for (key, text) in ENGLISH {
            let open = text.matches('{').count();
            assert_eq!(open, text.matches('}').count(), "{key}");
        }
    }
}
