-- The roles a tenant made for itself, beside the built-in ones: a name no built-in role has, and its scopes
-- (separated by spaces). Users name their role by its name.
CREATE TABLE tenant_roles (
    partner_id VARCHAR(64)   NOT NULL,
    name       VARCHAR(32)   NOT NULL,
    scopes     VARCHAR(1000) NOT NULL,
    created_at DATETIME(6)   NOT NULL,
    updated_at DATETIME(6)   NOT NULL,
    PRIMARY KEY (partner_id, name)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
-- The second-factor policy may name a tenant's roles too: room for every one of them.
ALTER TABLE tenant_mfa_policy MODIFY roles VARCHAR(2000) NOT NULL;
-- The account at the server's identity provider a user signs in with: linked at their first sign-in there (by
-- their verified address), and from then on the only one that signs them in.
ALTER TABLE users ADD COLUMN oidc_issuer VARCHAR(255) NULL;
ALTER TABLE users ADD COLUMN oidc_subject VARCHAR(255) NULL;
CREATE UNIQUE INDEX uq_users_oidc ON users (oidc_issuer, oidc_subject);
