-- Finding a tenant's bookings: when each was inserted (bookings stored before this keep the epoch, "unknown",
-- and sort last), by PNR, and by the names of their travellers.
ALTER TABLE booking ADD COLUMN created_at DATETIME(6) NOT NULL DEFAULT '1970-01-01 00:00:00.000000';
-- The travellers as the booking is read back (SURNAME/GIVEN, separated by |); booking_traveller is what a search
-- by name reads.
ALTER TABLE booking ADD COLUMN travellers TEXT NULL;
CREATE INDEX ix_booking_created ON booking (partner_id, created_at, booking_id);
CREATE INDEX ix_booking_pnr ON booking (partner_id, pnr);

CREATE TABLE booking_traveller (
    partner_id VARCHAR(64) NOT NULL,
    booking_id VARCHAR(64) NOT NULL,
    position   INT         NOT NULL,
    surname    VARCHAR(64) NOT NULL,
    given_name VARCHAR(64) NOT NULL,
    PRIMARY KEY (partner_id, booking_id, position)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE INDEX ix_booking_traveller_name ON booking_traveller (partner_id, surname, given_name);
