-- Each tenant's maker-checker policy: the operations that wait for a second person, always or above an amount
-- (JSON as the API shapes it), and how long a request stays open.
CREATE TABLE tenant_approval_policy (
    partner_id       VARCHAR(64) NOT NULL,
    rules            TEXT        NOT NULL,
    validity_seconds BIGINT      NOT NULL,
    PRIMARY KEY (partner_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
