package io.travobooks.cache.redis;

import io.lettuce.core.codec.StringCodec;
import io.travobooks.spi.idempotency.Claim;
import io.travobooks.spi.idempotency.StoredResponse;

/**
 * An idempotency record as one Redis string, so that a claim is one native {@code SET ... NX GET} instead of a
 * script. A running record is {@code r<fingerprint length>:<fingerprint><owner>}; a completed one is
 * {@code d<fingerprint length>:<fingerprint><status>:<body>}. The lengths and the status's digits make every field
 * readable whatever characters the others hold.
 */
final class IdempotencyRecord {
    private IdempotencyRecord() {
    }

    static String running(String fingerprint, String owner) {
        return "r" + fingerprint.length() + ":" + fingerprint + owner;
    }

    static String completed(String fingerprint, StoredResponse response) {
        return "d" + fingerprint.length() + ":" + fingerprint + response.status() + ":" + response.body();
    }

    /** What a claim with {@code fingerprint} gets from the record another request left. */
    static Claim answer(String record, String fingerprint) {
        int colon = record.indexOf(':');
        int start = colon + 1;
        int end = start + Integer.parseInt(record, 1, colon, 10);
        if (!holds(record, start, end, fingerprint) && !holds(record, start, end, asStored(fingerprint))) {
            return new Claim.Mismatch();
        }
        return switch (record.charAt(0)) {
            case 'r' -> new Claim.InProgress();
            case 'd' -> {
                int statusEnd = record.indexOf(':', end);
                yield new Claim.Replay(new StoredResponse(Integer.parseInt(record, end, statusEnd, 10),
                        record.substring(statusEnd + 1)));
            }
            default -> throw new IllegalStateException("not an idempotency record: " + record.charAt(0));
        };
    }

    private static boolean holds(String record, int start, int end, String fingerprint) {
        return end == start + fingerprint.length() && record.regionMatches(start, fingerprint, 0, fingerprint.length());
    }

    /** As Redis gives a string back: through the connection's UTF-8 codec, which writes a lone surrogate as '?'. */
    private static String asStored(String text) {
        return StringCodec.UTF8.decodeValue(StringCodec.UTF8.encodeValue(text));
    }
}
