package io.travobooks.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.travobooks.server.http.Json;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class IdempotentRepliesTest {
    private static JsonNode json(String text) {
        return Json.readBody(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theFingerprintHashesOperationPathAndTheBodyWithKeysInOrderAtEveryDepth() throws Exception {
        JsonNode body = json("{\"b\":{\"d\":[{\"z\":1,\"y\":\"é\"}],\"c\":null},\"a\":2.50}");

        // Written out by hand: keys sorted in every object, arrays kept in order, no spaces, a number as its value.
        String expected = sha256("post_entry /v1/journal-entries\n{\"a\":2.5,\"b\":{\"c\":null,\"d\":[{\"y\":\"é\","
                + "\"z\":1}]}}");
        assertThat(IdempotentReplies.fingerprint("post_entry", "/v1/journal-entries", Optional.of(body)))
                .isEqualTo(expected);
    }

    @Test
    void bodiesThatDifferOnlyInKeyOrderHaveOneFingerprintAndAnyOtherDifferenceChangesIt() {
        String one = IdempotentReplies.fingerprint("op", "/p", Optional.of(json("{\"a\":1,\"b\":[1,2]}")));

        assertThat(IdempotentReplies.fingerprint("op", "/p", Optional.of(json("{\"b\":[1,2],\"a\":1}"))))
                .isEqualTo(one);
        assertThat(IdempotentReplies.fingerprint("op", "/p", Optional.of(json("{\"a\":1,\"b\":[2,1]}"))))
                .isNotEqualTo(one);
        assertThat(IdempotentReplies.fingerprint("op", "/q", Optional.of(json("{\"a\":1,\"b\":[1,2]}"))))
                .isNotEqualTo(one);
        assertThat(IdempotentReplies.fingerprint("op", "/p", Optional.empty())).isNotEqualTo(one);
    }

    @Test
    void requestIdsAreDistinctVersion4Uuids() {
        String first = Pipeline.newRequestId();
        UUID parsed = UUID.fromString(first);

        assertThat(parsed.version()).isEqualTo(4);
        assertThat(parsed.variant()).isEqualTo(2);
        assertThat(parsed.toString()).isEqualTo(first);
        assertThat(Pipeline.newRequestId()).isNotEqualTo(first);
    }
}
