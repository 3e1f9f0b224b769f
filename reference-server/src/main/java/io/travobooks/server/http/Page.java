package io.travobooks.server.http;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** One page of a list and the cursor of the next one; a cursor is opaque to clients (base64url of a position). */
public record Page<T>(List<T> items, Optional<String> nextCursor) {
    public Page {
        items = List.copyOf(items);
    }

    /**
     * A page from {@code limit + 1} rows read after the position: the extra row only says that there is more, and
     * the last row kept gives the next cursor.
     */
    public static <R, T> Page<T> of(List<R> rows, int limit, Function<R, String> position, Function<R, T> view) {
        boolean more = rows.size() > limit;
        List<R> kept = more ? rows.subList(0, limit) : rows;
        return new Page<>(kept.stream().map(view).toList(),
                more ? Optional.of(encode(position.apply(kept.getLast()))) : Optional.empty());
    }

    public static String encode(String position) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(position.getBytes(StandardCharsets.UTF_8));
    }

    /** The position a cursor stands for; a cursor this server did not write is the client's error. */
    public static Optional<String> position(Call call) {
        return call.query("cursor").map(cursor -> {
            try {
                return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw ApiProblem.invalid("cursor", "not a cursor this server gave");
            }
        });
    }

    /** Where a page of a time-ordered list ended: the last row's time and id ({@code time|id} in the cursor). */
    public record TimeAndId(Instant at, String id) {
        public static String of(Instant at, String id) {
            return at + "|" + id;
        }
    }

    /** The time and id a cursor of a time-ordered list stands for. */
    public static Optional<TimeAndId> timeAndId(Call call) {
        return position(call).map(position -> {
            int bar = position.indexOf('|');
            try {
                return new TimeAndId(Instant.parse(position.substring(0, bar)), position.substring(bar + 1));
            } catch (RuntimeException e) {
                throw ApiProblem.invalid("cursor", "not a cursor this server gave");
            }
        });
    }

    /** One page of a list held in memory, sorted by {@code key}: the rows after the cursor's key. */
    public static <R, T> Page<T> ofSorted(List<R> sorted, Call call, Function<R, String> key, Function<R, T> view) {
        int limit = limit(call);
        Optional<String> after = position(call);
        return of(sorted.stream().filter(row -> after.map(last -> key.apply(row).compareTo(last) > 0).orElse(true))
                .limit(limit + 1L).toList(), limit, key, view);
    }

    public static int limit(Call call) {
        return call.queryInt("limit", 50);
    }
}
