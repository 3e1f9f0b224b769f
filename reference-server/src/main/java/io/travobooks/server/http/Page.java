package io.travobooks.server.http;

import java.nio.charset.StandardCharsets;
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

    public static int limit(Call call) {
        return call.queryInt("limit", 50);
    }
}
