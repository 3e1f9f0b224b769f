package io.travobooks.server.auth;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Cached texts already decoded. Every request decodes its credential's cached text, which changes only when the
 * credential does; decoding once per text keeps that off the request path. Only texts of credentials that exist get
 * here (unknown ones are not cached), so this holds the credentials in use and the old texts of changed ones,
 * until it is cleared when full.
 */
public final class DecodedTexts<T> {
    private static final int MAX = 10_000;

    private final Map<String, T> decoded = new ConcurrentHashMap<>();
    private final Function<String, T> decoder;

    public DecodedTexts(Function<String, T> decoder) {
        this.decoder = decoder;
    }

    public T get(String text) {
        T value = decoded.get(text);
        if (value == null) {
            if (decoded.size() >= MAX) {
                decoded.clear();
            }
            value = decoder.apply(text);
            decoded.put(text, value);
        }
        return value;
    }
}
