-- What an approved request made that only its maker may see (a new key's secret, a webhook's signing secret): the
-- request's whole answer, sealed under the server's secret key for that approval and maker, until the maker
-- collects it, once.
CREATE TABLE approval_secrets (
    partner_id  VARCHAR(64)  NOT NULL,
    approval_id VARCHAR(64)  NOT NULL,
    maker       VARCHAR(200) NOT NULL,
    sealed      TEXT         NOT NULL,
    created_at  DATETIME(6)  NOT NULL,
    PRIMARY KEY (partner_id, approval_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
