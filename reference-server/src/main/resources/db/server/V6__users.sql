-- People who sign in to a tenant. An email address names one user on the whole server (it is what people sign in
-- with, before any tenant is known); it is kept in lower case. The password is kept as an Argon2id hash with its
-- parameters. Every change of password, of second factor or of standing raises credentials_version, which ends
-- the sessions opened before it.
CREATE TABLE users (
    user_id             VARCHAR(20)  NOT NULL,
    partner_id          VARCHAR(64)  NOT NULL,
    email               VARCHAR(254) NOT NULL,
    name                VARCHAR(100) NOT NULL,
    role                VARCHAR(32)  NOT NULL,
    password_hash       VARCHAR(255) NOT NULL,
    credentials_version INT          NOT NULL,
    created_at          DATETIME(6)  NOT NULL,
    disabled_at         DATETIME(6)  NULL,
    PRIMARY KEY (user_id),
    CONSTRAINT uq_users_email UNIQUE (email)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
CREATE INDEX ix_users_partner ON users (partner_id, created_at, user_id);
