-- The ledger schema, in the SQL subset shared by MySQL 8, MariaDB 10.11 and H2 (MySQL mode).
-- partner_id leads every primary key. Identifiers compare byte-wise (utf8mb4_bin): 'A1' and 'a1' are two ids.

CREATE TABLE ledger_tenant (
    partner_id          VARCHAR(64) NOT NULL,
    functional_currency CHAR(3)     NOT NULL,
    closed_through      DATE        NULL,
    next_seq            BIGINT      NOT NULL,
    chart_version       BIGINT      NOT NULL,
    PRIMARY KEY (partner_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE ledger_account (
    partner_id   VARCHAR(64)  NOT NULL,
    account_code VARCHAR(32)  NOT NULL,
    name         VARCHAR(200) NOT NULL,
    account_type VARCHAR(16)  NOT NULL,
    normal_side  VARCHAR(6)   NOT NULL,
    parent_code  VARCHAR(32)  NULL,
    status       VARCHAR(8)   NOT NULL,
    currency     CHAR(3)      NULL,
    no_negative  BOOLEAN      NOT NULL,
    limit_minor  BIGINT       NULL,
    PRIMARY KEY (partner_id, account_code)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Append-only: rows are inserted once and never updated or deleted (MySQL triggers enforce it). A tenant's entries
-- are clustered in seq order, so appending is sequential and the audit chain reads them in key order.
CREATE TABLE ledger_entry (
    partner_id      VARCHAR(64)  NOT NULL,
    seq             BIGINT       NOT NULL,
    entry_id        VARCHAR(64)  NOT NULL,
    kind            VARCHAR(16)  NOT NULL,
    effective_date  DATE         NOT NULL,
    posted_at       DATETIME(6)  NOT NULL,
    description     VARCHAR(500) NOT NULL,
    external_ref    VARCHAR(128) NULL,
    source_document VARCHAR(256) NULL,
    metadata        TEXT         NULL,
    reference_id    VARCHAR(64)  NULL,
    expires_at      DATETIME(6)  NULL,
    actor           VARCHAR(128) NOT NULL,
    content_hash    CHAR(64)     NOT NULL,
    PRIMARY KEY (partner_id, seq),
    -- the caller's id is the idempotency key: the database refuses a second entry with it
    CONSTRAINT uq_ledger_entry_id UNIQUE (partner_id, entry_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Which entry reversed or resolved which: an entry is reversed once, a pending entry resolved once, and the key
-- makes the database refuse a second. Only entries that reference another get a row.
CREATE TABLE ledger_entry_reference (
    partner_id    VARCHAR(64) NOT NULL,
    referenced_id VARCHAR(64) NOT NULL,
    entry_id      VARCHAR(64) NOT NULL,
    PRIMARY KEY (partner_id, referenced_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE ledger_line (
    partner_id       VARCHAR(64) NOT NULL,
    seq              BIGINT      NOT NULL,
    line_no          INT         NOT NULL,
    account_code     VARCHAR(32) NOT NULL,
    currency         CHAR(3)     NOT NULL,
    side             CHAR(1)     NOT NULL,
    amount_minor     BIGINT      NOT NULL,
    effective_date   DATE        NOT NULL,
    reserved         BOOLEAN     NOT NULL,
    functional_minor BIGINT      NULL,
    fx_rate          VARCHAR(40) NULL,
    airline          VARCHAR(3)  NULL,
    document_number  VARCHAR(32) NULL,
    billing_period   VARCHAR(16) NULL,
    tax_code         VARCHAR(8)  NULL,
    booking_id       VARCHAR(64) NULL,
    PRIMARY KEY (partner_id, seq, line_no)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE INDEX ix_ledger_line_statement
    ON ledger_line (partner_id, account_code, currency, reserved, effective_date, seq, line_no);

-- Work queue of the expiry sweeper: pending entries with an expiry that are not resolved yet. Not journal data:
-- a row is deleted when its entry is posted or voided.
CREATE TABLE ledger_pending (
    partner_id VARCHAR(64) NOT NULL,
    entry_id   VARCHAR(64) NOT NULL,
    expires_at DATETIME(6) NOT NULL,
    PRIMARY KEY (partner_id, entry_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE INDEX ix_ledger_pending_expiry ON ledger_pending (expires_at);

-- Projections of the journal, updated in the same transaction as the lines they sum.
CREATE TABLE ledger_balance (
    partner_id     VARCHAR(64) NOT NULL,
    account_code   VARCHAR(32) NOT NULL,
    currency       CHAR(3)     NOT NULL,
    posted_debit   BIGINT      NOT NULL,
    posted_credit  BIGINT      NOT NULL,
    pending_debit  BIGINT      NOT NULL,
    pending_credit BIGINT      NOT NULL,
    PRIMARY KEY (partner_id, account_code, currency)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE ledger_daily_total (
    partner_id     VARCHAR(64) NOT NULL,
    account_code   VARCHAR(32) NOT NULL,
    currency       CHAR(3)     NOT NULL,
    effective_date DATE        NOT NULL,
    debit          BIGINT      NOT NULL,
    credit         BIGINT      NOT NULL,
    PRIMARY KEY (partner_id, account_code, currency, effective_date)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE ledger_chain_link (
    partner_id VARCHAR(64) NOT NULL,
    seq        BIGINT      NOT NULL,
    entry_id   VARCHAR(64) NOT NULL,
    link_hash  CHAR(64)    NOT NULL,
    PRIMARY KEY (partner_id, seq)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Where each tenant's chain ends: a derived row the chainer moves forward, so that finding the chain head or the
-- tenants with unchained entries is one key lookup per tenant instead of a MAX over every link.
CREATE TABLE ledger_chain_head (
    partner_id VARCHAR(64) NOT NULL,
    seq        BIGINT      NOT NULL,
    entry_id   VARCHAR(64) NOT NULL,
    link_hash  CHAR(64)    NOT NULL,
    PRIMARY KEY (partner_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
