-- Where a tenant's customers' messages come in: a provider posts to the hook of a source, signed with its secret.
-- The secret is kept as given: checking an HMAC needs it (it is never answered or logged).
CREATE TABLE inbound_sources (
    source_id  VARCHAR(44)  NOT NULL,
    partner_id VARCHAR(64)  NOT NULL,
    channel    VARCHAR(16)  NOT NULL,
    secret     VARCHAR(200) NOT NULL,
    created_at DATETIME(6)  NOT NULL,
    PRIMARY KEY (source_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
CREATE INDEX ix_inbound_sources_partner ON inbound_sources (partner_id, source_id);
