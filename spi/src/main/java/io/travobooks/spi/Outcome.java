package io.travobooks.spi;

import java.util.Objects;
import java.util.function.Function;

/** The result of a command that either succeeds with a value or is refused with a stable code. */
public sealed interface Outcome<T> {

    record Ok<T>(T value) implements Outcome<T> {
        public Ok {
            Objects.requireNonNull(value, "value");
        }
    }

    record Refused<T>(Rejection rejection) implements Outcome<T> {
        public Refused {
            Objects.requireNonNull(rejection, "rejection");
        }
    }

    static <T> Outcome<T> ok(T value) {
        return new Ok<>(value);
    }

    static <T> Outcome<T> refused(ErrorCode code, String detail) {
        return new Refused<>(new Rejection(code, detail));
    }

    /** The value transformed, or the same rejection. */
    default <U> Outcome<U> map(Function<? super T, ? extends U> f) {
        return switch (this) {
            case Ok<T> ok -> new Ok<>(f.apply(ok.value()));
            case Refused<T> refused -> new Refused<>(refused.rejection());
        };
    }

    /** The next step's outcome, or the same rejection without running it. */
    default <U> Outcome<U> flatMap(Function<? super T, Outcome<U>> f) {
        return switch (this) {
            case Ok<T> ok -> f.apply(ok.value());
            case Refused<T> refused -> new Refused<>(refused.rejection());
        };
    }

    default boolean isOk() {
        return this instanceof Ok<T>;
    }

    /** The value, or an {@link IllegalStateException} naming the rejection: for callers that treat refusal as a bug. */
    default T orThrow() {
        return switch (this) {
            case Ok<T> ok -> ok.value();
            case Refused<T> refused -> throw new IllegalStateException(refused.rejection().toString());
        };
    }
}
