package io.travobooks.spi.cache;

import java.time.Duration;

/** Remembers request keys for a while, so that a repeated supplier request inside the window is recognised. */
public interface Deduplicator {

    /** True for the first caller with this key inside {@code ttl}; false for every repeat until it expires. */
    boolean firstSeen(String key, Duration ttl);
}
