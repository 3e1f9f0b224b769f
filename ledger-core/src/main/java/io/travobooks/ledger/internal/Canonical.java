package io.travobooks.ledger.internal;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * An unambiguous text form of a string map, for fingerprints and audit hashes: each key and value is written as its
 * length, a colon and its characters, in key order. Reading it back is deterministic, so two maps encode alike only
 * when they are equal (a separator inside a value cannot fake a second pair).
 */
public final class Canonical {
    private Canonical() {
    }

    public static String of(Map<String, String> map) {
        return of(map, Function.identity());
    }

    /** The same, with each key written as {@code keyName} gives it (an enum's name, say). */
    public static <K> String of(Map<K, String> map, Function<K, String> keyName) {
        TreeMap<String, String> sorted = new TreeMap<>();
        map.forEach((key, value) -> sorted.put(keyName.apply(key), value));
        StringBuilder text = new StringBuilder();
        sorted.forEach((key, value) -> append(append(text, key), value));
        return text.toString();
    }

    private static StringBuilder append(StringBuilder text, String part) {
        return text.append(part.length()).append(':').append(part);
    }
}
