package io.travobooks.spi.ledger;

public enum AccountStatus {
    OPEN, CLOSED
}
