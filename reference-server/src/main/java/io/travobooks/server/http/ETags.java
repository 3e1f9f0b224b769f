package io.travobooks.server.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Entity tags of resources that change, and the If-Match check against them (RFC 9110): a change sent with
 * If-Match is made only if the resource still has one of the tags listed ({@code *}: any version).
 */
public final class ETags {
    public static final String IF_MATCH = "If-Match";
    public static final String ETAG = "ETag";

    private ETags() {
    }

    /** A strong tag from everything a client can see of the resource's state, in a fixed order. */
    public static String of(Object... state) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Object part : state) {
                digest.update(String.valueOf(part).getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            return "\"" + HexFormat.of().formatHex(digest.digest(), 0, 12) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Whether a resource tagged {@code current} satisfies the request's If-Match (always, without one). */
    public static boolean matches(Optional<String> ifMatch, String current) {
        return ifMatch.map(header -> header.trim().equals("*") || Arrays.stream(header.split(","))
                .map(String::trim).anyMatch(current::equals)).orElse(true);
    }

    /** The answer to a change whose If-Match no longer holds. */
    public static ApiProblem changed(String detail) {
        return new ApiProblem(412, "PRECONDITION_FAILED", "Changed since read", detail);
    }
}
