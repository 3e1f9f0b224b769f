package io.travobooks.spi.supplier;

import java.util.Objects;

/**
 * A supplier's answer. {@link Unknown} is the ambiguous case (a timeout, a 5xx, a dropped connection): the
 * supplier may or may not have acted, and only a retrieve tells; a request is never sent again blindly.
 */
public sealed interface SupplierResult<T> {

    record Success<T>(T value) implements SupplierResult<T> {
        public Success {
            Objects.requireNonNull(value, "value");
        }
    }

    /** A definite refusal: nothing happened at the supplier. {@code code} is the supplier's own error code. */
    record Refused<T>(String code, String message) implements SupplierResult<T> {
        public Refused {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(message, "message");
        }
    }

    record Unknown<T>(String reason) implements SupplierResult<T> {
        public Unknown {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
