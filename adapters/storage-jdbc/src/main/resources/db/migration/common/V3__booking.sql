-- Bookings (JdbiBookingStore), in the SQL subset shared by MySQL 8, MariaDB 10.11 and H2 (MySQL mode).
-- partner_id leads every key: one tenant's bookings are never read by another's queries.

-- A booking: what the sweepers query by (state, deadline) in columns, the rest of its data as JSON. fence is the
-- highest lock fencing token that wrote the row: a writer with an older token is refused.
CREATE TABLE booking (
    partner_id VARCHAR(64)  NOT NULL,
    booking_id VARCHAR(64)  NOT NULL,
    version    BIGINT       NOT NULL,
    fence      BIGINT       NOT NULL,
    state      VARCHAR(24)  NOT NULL,
    pnr        VARCHAR(32)  NULL,
    deadline   DATETIME(6)  NULL,
    data       MEDIUMTEXT   NOT NULL,
    PRIMARY KEY (partner_id, booking_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE INDEX ix_booking_due ON booking (state, deadline);

-- Tickets and EMDs. A document number exists once per tenant, so one issuance can never be stored twice.
CREATE TABLE booking_document (
    partner_id      VARCHAR(64) NOT NULL,
    document_number CHAR(13)    NOT NULL,
    booking_id      VARCHAR(64) NOT NULL,
    document_type   VARCHAR(16) NOT NULL,
    coupons         VARCHAR(64) NOT NULL,
    PRIMARY KEY (partner_id, document_number)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE INDEX ix_booking_document_booking ON booking_document (partner_id, booking_id);

-- Supplier requests that change an order, committed as PENDING before they are sent.
CREATE TABLE supplier_request (
    partner_id      VARCHAR(64)  NOT NULL,
    request_id      VARCHAR(64)  NOT NULL,
    booking_id      VARCHAR(64)  NOT NULL,
    call_name       VARCHAR(24)  NOT NULL,
    idempotency_key VARCHAR(128) NULL,
    amount_minor    BIGINT       NULL,
    currency        CHAR(3)      NULL,
    status          VARCHAR(12)  NOT NULL,
    created_at      DATETIME(6)  NOT NULL,
    PRIMARY KEY (partner_id, request_id),
    UNIQUE (partner_id, idempotency_key)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE INDEX ix_supplier_request_booking ON supplier_request (partner_id, booking_id, created_at);
