-- External ids are their owner's references: an officer's is unique within its country, a tour's
-- and a post's within its mission. Unique across the whole table, a taken id told a contributing
-- country's focal point (or a mission's staff) which ids other countries (or missions) use.
--
-- SQLite cannot drop a column's UNIQUE: the tables are rebuilt, which needs foreign keys off, and
-- sqlx runs a migration inside a transaction where they cannot be turned off. The rebuild is run
-- by `Database::migrate` after this file, once (src/owner_ids_sqlite.sql); this file marks the step.
SELECT 1;
