-- Each change of a login_failure row bumps its version, so that a failed attempt is counted by a
-- compare-and-swap: two attempts at once can no longer both read count 3 and both write 4.
ALTER TABLE login_failure ADD COLUMN version BIGINT NOT NULL DEFAULT 0;
