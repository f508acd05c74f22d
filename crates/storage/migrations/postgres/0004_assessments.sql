-- Assessment for Mission Service results: language, driving and firearms tests, with validity.

CREATE TABLE ams_result (
    officer_id   BIGINT NOT NULL REFERENCES officer (id) ON DELETE CASCADE,
    test         TEXT NOT NULL CHECK (test IN ('language', 'driving', 'firearms')),
    result       TEXT NOT NULL CHECK (result IN ('scheduled', 'passed', 'failed')),
    taken_on     DATE NOT NULL,
    valid_until  DATE,
    CHECK (valid_until IS NULL OR valid_until > taken_on),
    PRIMARY KEY (officer_id, test, taken_on)
);
