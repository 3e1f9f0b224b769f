-- Who made each key (the key or the signed-in person, as "key:..." or "user:..."): a person's keys end with the
-- person's standing. Keys made before this column existed have none.
ALTER TABLE api_keys ADD COLUMN created_by VARCHAR(40) NULL;
CREATE INDEX ix_api_keys_creator ON api_keys (partner_id, created_by);
