-- External ids are their owner's references: an officer's is unique within its country, a tour's
-- and a post's within its mission. Unique across the whole table, a taken id told a contributing
-- country's focal point (or a mission's staff) which ids other countries (or missions) use.
ALTER TABLE officer DROP CONSTRAINT officer_external_id_key,
    ADD CONSTRAINT officer_external_id_key UNIQUE (nationality, external_id);
ALTER TABLE deployment DROP CONSTRAINT deployment_external_id_key,
    ADD CONSTRAINT deployment_external_id_key UNIQUE (mission, external_id);
ALTER TABLE post DROP CONSTRAINT post_external_id_key,
    ADD CONSTRAINT post_external_id_key UNIQUE (mission, external_id);
