-- Each tenant's posting rules, every version kept: the newest is the one in force (none: the travel-agency
-- defaults). The rules are JSON as the API shapes them.
CREATE TABLE posting_rules (
    partner_id VARCHAR(64) NOT NULL,
    version    BIGINT      NOT NULL,
    rules      MEDIUMTEXT  NOT NULL,
    created_at DATETIME(6) NOT NULL,
    PRIMARY KEY (partner_id, version)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
