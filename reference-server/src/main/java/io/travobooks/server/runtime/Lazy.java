package io.travobooks.server.runtime;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A value made on its first use, once, whichever thread asks first: for what a start need not pay for (an HTTP
 * client, a renderer, templates that load ICU).
 */
public final class Lazy<T> implements Supplier<T> {
    private final Supplier<T> factory;
    private volatile T value;

    private Lazy(Supplier<T> factory) {
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    public static <T> Lazy<T> of(Supplier<T> factory) {
        return new Lazy<>(factory);
    }

    @Override
    public T get() {
        T made = value;
        if (made == null) {
            synchronized (this) {
                made = value;
                if (made == null) {
                    made = Objects.requireNonNull(factory.get(), "a lazy value cannot be null");
                    value = made;
                }
            }
        }
        return made;
    }

    /** The value, when it was made already. */
    public Optional<T> ifMade() {
        return Optional.ofNullable(value);
    }
}
