-- The unified inbox (JdbiInboxStore), in the SQL subset shared by MySQL 8, MariaDB 10.11 and H2 (MySQL mode).

-- One conversation per contact, who is known by the channel and address they write from.
CREATE TABLE inbox_conversation (
    partner_id       VARCHAR(64)  NOT NULL,
    conversation_id  VARCHAR(64)  NOT NULL,
    channel          VARCHAR(16)  NOT NULL,
    address          VARCHAR(320) NOT NULL,
    status           VARCHAR(12)  NOT NULL,
    assignee         VARCHAR(200) NULL,
    last_inbound_at  DATETIME(6)  NULL,
    updated_at       DATETIME(6)  NOT NULL,
    PRIMARY KEY (partner_id, conversation_id),
    UNIQUE (partner_id, channel, address)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE INDEX ix_inbox_conversation_status ON inbox_conversation (partner_id, status, updated_at);

CREATE TABLE inbox_booking_link (
    partner_id      VARCHAR(64) NOT NULL,
    conversation_id VARCHAR(64) NOT NULL,
    booking_id      VARCHAR(64) NOT NULL,
    PRIMARY KEY (partner_id, conversation_id, booking_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE INDEX ix_inbox_booking_link_booking ON inbox_booking_link (partner_id, booking_id);

CREATE TABLE inbox_message (
    partner_id      VARCHAR(64)   NOT NULL,
    message_id      VARCHAR(200)  NOT NULL,
    conversation_id VARCHAR(64)   NOT NULL,
    direction       VARCHAR(8)    NOT NULL,
    subject         VARCHAR(1000) NOT NULL,
    body            MEDIUMTEXT    NOT NULL,
    sent_at         DATETIME(6)   NOT NULL,
    seq             BIGINT        NOT NULL AUTO_INCREMENT,
    PRIMARY KEY (partner_id, message_id),
    UNIQUE (seq)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE INDEX ix_inbox_message_conversation ON inbox_message (partner_id, conversation_id, seq);
