package io.travobooks.ledger.internal;

import io.travobooks.spi.EntryId;

/**
 * Ids of the entries the ledger posts on its own (the sweeper's voids). They live under a prefix that callers may
 * not post with, so a tenant can never take an id the ledger will need; each maps one-to-one to the entry it
 * concerns.
 */
public final class SystemIds {
    /** Callers' entries may not start with this. */
    public static final String PREFIX = "sys:";
    private static final String EXPIRY_VOID = PREFIX + "xp:";
    /** For a pending id too long to follow {@link #EXPIRY_VOID}: its hash, under a prefix of its own. */
    private static final String EXPIRY_VOID_HASHED = PREFIX + "xh:";

    private SystemIds() {
    }

    public static boolean isReserved(EntryId id) {
        return id.value().startsWith(PREFIX);
    }

    /** The id of the sweeper's void of an expired pending entry: the same for every node, never a caller's. */
    public static EntryId expiryVoid(EntryId pending) {
        String direct = EXPIRY_VOID + pending.value();
        if (direct.length() <= EntryId.MAX_LENGTH) {
            return EntryId.of(direct);
        }
        String hash = new ContentHash().field(pending.value()).hex();
        return EntryId.of(EXPIRY_VOID_HASHED + hash.substring(0, EntryId.MAX_LENGTH - EXPIRY_VOID_HASHED.length()));
    }
}
