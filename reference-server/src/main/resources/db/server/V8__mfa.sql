-- A second factor for people: a TOTP secret (sealed with the server's secret key, never kept in the clear), the
-- last time step a code was accepted for (each code works once), a secret awaiting its first code, single-use
-- recovery codes (SHA-256 only), and per tenant the roles that must have a second factor.
ALTER TABLE users ADD COLUMN totp_secret VARCHAR(200) NULL;
ALTER TABLE users ADD COLUMN totp_pending VARCHAR(200) NULL;
ALTER TABLE users ADD COLUMN totp_last_step BIGINT NOT NULL DEFAULT 0;
CREATE TABLE user_recovery_codes (
    partner_id VARCHAR(64) NOT NULL,
    user_id    VARCHAR(20) NOT NULL,
    code_hash  CHAR(64)    NOT NULL,
    PRIMARY KEY (user_id, code_hash)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
CREATE TABLE tenant_mfa_policy (
    partner_id VARCHAR(64)  NOT NULL,
    roles      VARCHAR(200) NOT NULL,
    PRIMARY KEY (partner_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
