-- Operations beyond incidents: host-State police capacity building (activities and projects), the
-- performance of officers (evaluations) and units (readiness assessments), mission performance
-- indicators with their entered values, and the police tasks a mission hands over.

CREATE TABLE capacity_activity (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    mission      TEXT NOT NULL REFERENCES mission (acronym),
    kind         TEXT NOT NULL CHECK (kind IN ('course', 'recruitment', 'vetting', 'mentoring')),
    topic        TEXT NOT NULL,
    starts_on    TEXT NOT NULL,
    ends_on      TEXT NOT NULL,
    place        TEXT NOT NULL DEFAULT '',
    institution  TEXT NOT NULL DEFAULT '',
    partner      TEXT NOT NULL DEFAULT 'none' CHECK (partner IN ('none', 'undp', 'unodc', 'interpol', 'au', 'eu', 'other')),
    trainers     INTEGER NOT NULL DEFAULT 0 CHECK (trainers >= 0),
    CHECK (ends_on >= starts_on)
);
CREATE INDEX capacity_activity_mission ON capacity_activity (mission, ends_on);

CREATE TABLE capacity_trainees (
    activity_id  INTEGER NOT NULL REFERENCES capacity_activity (id) ON DELETE CASCADE,
    rank         TEXT NOT NULL,
    women        INTEGER NOT NULL CHECK (women >= 0),
    men          INTEGER NOT NULL CHECK (men >= 0),
    PRIMARY KEY (activity_id, rank)
);

CREATE TABLE capacity_project (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    mission       TEXT NOT NULL REFERENCES mission (acronym),
    kind          TEXT NOT NULL CHECK (kind IN ('police_station', 'community_policing_centre', 'training_facility', 'other')),
    name          TEXT NOT NULL,
    place         TEXT NOT NULL DEFAULT '',
    partner       TEXT NOT NULL DEFAULT 'none' CHECK (partner IN ('none', 'undp', 'unodc', 'interpol', 'au', 'eu', 'other')),
    status        TEXT NOT NULL CHECK (status IN ('planned', 'under_way', 'delivered', 'cancelled')),
    delivered_on  TEXT,
    CHECK ((status = 'delivered') = (delivered_on IS NOT NULL))
);
CREATE INDEX capacity_project_mission ON capacity_project (mission, id);

-- An underperformance (overall below `meets`) always carries its remedy, and only then.
CREATE TABLE evaluation (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    officer_id  INTEGER NOT NULL REFERENCES officer (id),
    mission     TEXT NOT NULL REFERENCES mission (acronym),
    period_from TEXT NOT NULL,
    period_to   TEXT NOT NULL,
    overall     TEXT NOT NULL CHECK (overall IN ('unsatisfactory', 'partly_meets', 'meets', 'exceeds')),
    remedy      TEXT CHECK (remedy IN ('improvement_plan', 'repatriation')),
    comment     TEXT NOT NULL DEFAULT '',
    CHECK (period_to >= period_from),
    CHECK ((overall IN ('unsatisfactory', 'partly_meets')) = (remedy IS NOT NULL)),
    UNIQUE (officer_id, mission, period_from)
);
CREATE INDEX evaluation_mission ON evaluation (mission, id);

CREATE TABLE evaluation_score (
    evaluation_id  INTEGER NOT NULL REFERENCES evaluation (id) ON DELETE CASCADE,
    competency     TEXT NOT NULL,
    rating         TEXT NOT NULL CHECK (rating IN ('unsatisfactory', 'partly_meets', 'meets', 'exceeds')),
    PRIMARY KEY (evaluation_id, competency)
);

-- The mission is the unit's when it was assessed: a unit that moves leaves its assessments behind.
CREATE TABLE unit_assessment (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    unit_id      INTEGER NOT NULL REFERENCES unit (id),
    mission      TEXT NOT NULL REFERENCES mission (acronym),
    assessed_on  TEXT NOT NULL,
    readiness    TEXT NOT NULL CHECK (readiness IN ('ready', 'ready_with_shortfalls', 'not_ready')),
    remarks      TEXT NOT NULL DEFAULT '',
    UNIQUE (unit_id, assessed_on)
);

-- `computed` names the rule unpol computes the values by; NULL for an indicator whose values the
-- mission enters (in `indicator_value`).
CREATE TABLE indicator (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    mission    TEXT NOT NULL REFERENCES mission (acronym),
    name_en    TEXT NOT NULL,
    name_fr    TEXT NOT NULL,
    unit       TEXT NOT NULL DEFAULT '',
    direction  TEXT NOT NULL CHECK (direction IN ('increase', 'decrease')),
    baseline   REAL NOT NULL,
    target     REAL NOT NULL,
    computed   TEXT CHECK (computed IN ('women_share', 'host_police_trained', 'incidents_against_personnel',
                                        'post_vacancy_rate', 'allegations_per_thousand')),
    UNIQUE (mission, name_en)
);

CREATE TABLE indicator_value (
    indicator_id  INTEGER NOT NULL REFERENCES indicator (id) ON DELETE CASCADE,
    quarter       TEXT NOT NULL CHECK (length(quarter) = 7),
    value         REAL NOT NULL,
    PRIMARY KEY (indicator_id, quarter)
);

CREATE TABLE transition_task (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    mission    TEXT NOT NULL REFERENCES mission (acronym),
    task       TEXT NOT NULL,
    recipient  TEXT NOT NULL CHECK (recipient IN ('host_police', 'country_team')),
    owner      TEXT NOT NULL,
    status     TEXT NOT NULL CHECK (status IN ('not_started', 'in_progress', 'handed_over', 'at_risk')),
    due_on     TEXT NOT NULL
);
CREATE INDEX transition_task_mission ON transition_task (mission, due_on);
