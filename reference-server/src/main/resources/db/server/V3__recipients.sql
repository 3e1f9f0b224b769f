-- Who hears of a booking, and how: a tenant's recipients with their language, addresses and opt-outs, and the
-- bookings each of them follows.
CREATE TABLE recipients (
    partner_id            VARCHAR(64)  NOT NULL,
    recipient_id          VARCHAR(64)  NOT NULL,
    language              VARCHAR(35)  NOT NULL,
    email                 VARCHAR(320) NULL,
    sms                   VARCHAR(32)  NULL,
    whatsapp              VARCHAR(32)  NULL,
    opted_out             VARCHAR(200) NOT NULL,
    transactional_channel VARCHAR(16)  NOT NULL,
    version               BIGINT       NOT NULL,
    updated_at            DATETIME(6)  NOT NULL,
    PRIMARY KEY (partner_id, recipient_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE booking_recipients (
    partner_id   VARCHAR(64) NOT NULL,
    booking_id   VARCHAR(64) NOT NULL,
    recipient_id VARCHAR(64) NOT NULL,
    PRIMARY KEY (partner_id, booking_id, recipient_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
