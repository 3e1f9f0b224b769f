-- A tenant's first key is marked, and one tenant has one first key: two concurrent openings of a tenant cannot
-- both hand out an admin key (NULL, for every other key, is not unique).
ALTER TABLE api_keys ADD COLUMN first_of_tenant TINYINT NULL;
CREATE UNIQUE INDEX uq_api_keys_first ON api_keys (partner_id, first_of_tenant);
