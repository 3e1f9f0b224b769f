-- API keys of the reference server. The key itself is never stored: only its SHA-256, which requests look up.
CREATE TABLE api_keys (
    key_id          VARCHAR(16)  NOT NULL,
    partner_id      VARCHAR(64)  NOT NULL,
    name            VARCHAR(100) NOT NULL,
    secret_hash     CHAR(64)     NOT NULL,
    display_prefix  VARCHAR(16)  NOT NULL,
    scopes          VARCHAR(512) NOT NULL,
    created_at      DATETIME(6)  NOT NULL,
    expires_at      DATETIME(6)  NULL,
    revoked_at      DATETIME(6)  NULL,
    PRIMARY KEY (key_id),
    CONSTRAINT uq_api_keys_secret UNIQUE (secret_hash)
);
CREATE INDEX ix_api_keys_partner ON api_keys (partner_id, created_at, key_id);
