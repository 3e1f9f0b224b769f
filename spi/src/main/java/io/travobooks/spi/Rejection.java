package io.travobooks.spi;

import java.util.Objects;

/** A refused request: a stable code plus a human-readable detail. Rejections are data, not exceptions. */
public record Rejection(ErrorCode code, String detail) {
    public Rejection {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(detail, "detail");
    }

    @Override
    public String toString() {
        return code.name() + ": " + detail;
    }
}
