package io.travobooks.server.audit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * One line of the audit log: who ({@code actor}: {@code key:...}, {@code user:...} or {@code anonymous}), did what
 * ({@code action}: the operation, {@code resource}: the ids it named, {@code detail}: JSON of what changed, never a
 * secret), when, from where, with which answer; the request id and Idempotency-Key tie it to the access log and to
 * retries. {@code chain} is the tenant, or {@link #NO_TENANT}. Text fields are stored neutralised (see
 * {@link #neutralised}).
 */
public record AuditRecord(String chain, Instant at, String actor, String action, String resource, int status,
                          String requestId, Optional<String> idempotencyKey, String address, String userAgent,
                          String detail) {
    /** The chain of events that name no tenant (sign-in attempts at addresses no user has). */
    public static final String NO_TENANT = "*";
    /**
     * The longest detail a new line gets (see {@link #fittingDetail}): MySQL's TEXT holds 65,535 bytes, so as many
     * characters as fit when each takes UTF-8's three bytes.
     */
    public static final int MAX_DETAIL_CHARS = 20_000;
    /** The cut every line's detail is held to, lines read back included: what earlier versions wrote stays so. */
    private static final int STORED_DETAIL_CHARS = 60_000;

    public AuditRecord {
        Objects.requireNonNull(chain, "chain");
        at = at.truncatedTo(ChronoUnit.MICROS); // what the database keeps, so what is hashed
        actor = neutralised(actor, 64);
        action = neutralised(action, 80);
        resource = neutralised(resource, 255);
        requestId = neutralised(requestId, 64);
        idempotencyKey = idempotencyKey.map(key -> neutralised(key, 128));
        address = neutralised(address, 64);
        userAgent = neutralised(userAgent, 255);
        // JSON: the escapes written here are JSON's own, so the detail stays the same JSON.
        detail = neutralised(Objects.requireNonNull(detail, "detail"), STORED_DETAIL_CHARS);
    }

    /**
     * {@code json} as a new line's detail: itself when, neutralised, it is at most {@link #MAX_DETAIL_CHARS} long;
     * otherwise a note of its size, still JSON (a cut would leave a detail no reader can parse).
     */
    public static String fittingDetail(String json) {
        String neutral = neutralised(json, Integer.MAX_VALUE);
        return neutral.length() <= MAX_DETAIL_CHARS ? json : "{\"truncated\":true,\"chars\":" + json.length() + "}";
    }

    /** The fields in one text, as they are hashed into the chain: no field holds the separator (it is neutralised). */
    String canonical() {
        return String.join("\u001f", chain, at.toString(), actor, action, resource, Integer.toString(status),
                requestId, idempotencyKey.orElse(""), address, userAgent, detail);
    }

    /**
     * The text with every control, line-separating and bidirectional-override character written as {@code \\uXXXX}
     * (a forged line, a terminal escape or a reordered display cannot come out of the log), cut to {@code max}
     * characters. Applied twice it changes nothing more, so a row read back is the row that was hashed.
     */
    public static String neutralised(String text, int max) {
        if (text == null) {
            return "";
        }
        if (text.length() <= max && !anyDangerous(text)) {
            return text; // the usual case: nothing to write out
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), max));
        for (int i = 0; i < text.length() && out.length() < max; i++) {
            char c = text.charAt(i);
            if (dangerous(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.length() > max ? out.substring(0, max) : out.toString();
    }

    /** A plain loop: every request's audit line checks its fields, and a stream per field showed in profiles. */
    private static boolean anyDangerous(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (dangerous(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** Control, line-separating and bidirectional-override characters. */
    private static boolean dangerous(int c) {
        return c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == '\u2028' || c == '\u2029'
                || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069');
    }
}
