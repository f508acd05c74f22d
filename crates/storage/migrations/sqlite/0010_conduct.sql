-- Conduct and discipline: cases of misconduct, the officers they name, their victims (without
-- names) and the conduct officers a restricted case is limited to. The narrative, the notes and the
-- victims' details are sealed by the application with a key kept outside the database
-- (crates/app/src/sealed.rs): these columns hold ciphertext only, bound to their case and field.

CREATE TABLE conduct_case (
    id                    INTEGER PRIMARY KEY AUTOINCREMENT,
    mission               TEXT NOT NULL REFERENCES mission (acronym),
    received_on           TEXT NOT NULL,
    incident_on           TEXT,
    incident_approximate  INTEGER NOT NULL DEFAULT 0,
    location              TEXT NOT NULL DEFAULT '',
    allegation            TEXT NOT NULL CHECK (allegation IN
                              ('sexual_exploitation', 'sexual_abuse', 'category_1', 'category_2')),
    status                TEXT NOT NULL DEFAULT 'received' CHECK (status IN
                              ('received', 'preliminary_assessment', 'referred', 'investigator_named',
                               'under_investigation', 'outcome', 'country_action', 'closed')),
    urgent                INTEGER NOT NULL DEFAULT 0,
    restricted            INTEGER NOT NULL DEFAULT 0,
    referred_to           TEXT REFERENCES country (iso3),
    referred_on           TEXT,
    outcome               TEXT CHECK (outcome IN ('substantiated', 'not_substantiated', 'closed_other')),
    narrative             BLOB NOT NULL,
    notes                 BLOB
);
CREATE INDEX conduct_case_mission ON conduct_case (mission, id);
CREATE INDEX conduct_case_referred ON conduct_case (referred_to, id);

CREATE TABLE conduct_subject (
    case_id      INTEGER NOT NULL REFERENCES conduct_case (id) ON DELETE CASCADE,
    seq          INTEGER NOT NULL CHECK (seq > 0),
    officer_id   INTEGER REFERENCES officer (id),
    category     TEXT NOT NULL CHECK (category IN ('ipo', 'fpu', 'spt')),
    nationality  TEXT NOT NULL REFERENCES country (iso3),
    PRIMARY KEY (case_id, seq)
);
CREATE INDEX conduct_subject_officer ON conduct_subject (officer_id);

CREATE TABLE conduct_victim (
    case_id      INTEGER NOT NULL REFERENCES conduct_case (id) ON DELETE CASCADE,
    code         TEXT NOT NULL,
    sex          TEXT NOT NULL CHECK (sex IN ('female', 'male', 'unknown')),
    age_group    TEXT NOT NULL CHECK (age_group IN ('adult', 'child')),
    details      BLOB NOT NULL,
    PRIMARY KEY (case_id, code)
);

CREATE TABLE conduct_assignee (
    case_id      INTEGER NOT NULL REFERENCES conduct_case (id) ON DELETE CASCADE,
    login        TEXT NOT NULL,
    PRIMARY KEY (case_id, login)
);

-- Each step of a case, dated by the decision it records (the referral's notification, the day the
-- investigator was named, the day of the outcome): the clocks start and stop on these days.
CREATE TABLE conduct_step (
    case_id      INTEGER NOT NULL REFERENCES conduct_case (id) ON DELETE CASCADE,
    seq          INTEGER NOT NULL CHECK (seq > 0),
    status       TEXT NOT NULL CHECK (status IN
                     ('received', 'preliminary_assessment', 'referred', 'investigator_named',
                      'under_investigation', 'outcome', 'country_action', 'closed')),
    on_date      TEXT NOT NULL,
    PRIMARY KEY (case_id, seq)
);
