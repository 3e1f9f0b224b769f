package io.travobooks.spi.supplier;

import java.util.Objects;

public record Passenger(String givenName, String surname) {
    public Passenger {
        Objects.requireNonNull(givenName, "givenName");
        Objects.requireNonNull(surname, "surname");
    }
}
