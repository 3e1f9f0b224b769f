package io.travobooks.spi.idempotency;

import java.util.Objects;

/** What the first execution of an idempotent request answered; replayed to every retry with the same key. */
public record StoredResponse(int status, String body) {
    public StoredResponse {
        Objects.requireNonNull(body, "body");
    }
}
