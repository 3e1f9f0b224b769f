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
