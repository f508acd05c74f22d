-- Conduct cases, second part: who investigates, what the contributing country reported it did,
-- and the interim measures taken while the investigation runs (a disciplinary repatriation ends
-- the officer's tour, in the same transaction).

ALTER TABLE conduct_case ADD COLUMN investigator TEXT
    CHECK (investigator IN ('oios', 'contributing_country', 'mission'));
ALTER TABLE conduct_case ADD COLUMN country_action TEXT
    CHECK (country_action IN ('dismissal', 'imprisonment', 'demotion', 'reprimand', 'pending'));

CREATE TABLE conduct_measure (
    case_id      BIGINT NOT NULL REFERENCES conduct_case (id) ON DELETE CASCADE,
    seq          INTEGER NOT NULL CHECK (seq > 0),
    measure      TEXT NOT NULL CHECK (measure IN
                     ('repatriation', 'administrative_leave', 'payment_suspension', 'barred')),
    officer_id   BIGINT REFERENCES officer (id),
    on_date      DATE NOT NULL,
    PRIMARY KEY (case_id, seq)
);
CREATE INDEX conduct_measure_officer ON conduct_measure (officer_id);

-- A case page lists who has read the case: the audit entries about one record.
CREATE INDEX audit_entry_record ON audit_entry (record, seq);
