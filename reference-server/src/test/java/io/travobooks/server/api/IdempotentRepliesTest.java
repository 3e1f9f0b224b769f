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
    void numbersKeepTheFormTheyHadWhenFingerprintsWereFirstStored() throws Exception {
        // Jackson reads decimals as BigDecimal without trailing zeros and writes them in BigDecimal's own notation.
        assertThat(IdempotentReplies.fingerprint("op", "/p", Optional.of(json("{\"a\":100.0,\"b\":100,\"c\":0.50}"))))
                .isEqualTo(sha256("op /p\n{\"a\":1E+2,\"b\":100,\"c\":0.5}"));
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
    void passwordsAreLeftOutOfTheFingerprintAndNothingElseIs() {
        String withOne = IdempotentReplies.fingerprint("op", "/p", Optional.of(json(
                "{\"email\":\"a@example.com\",\"password\":\"first-secret\",\"new_password\":\"x\"}")));
        String withAnother = IdempotentReplies.fingerprint("op", "/p", Optional.of(json(
                "{\"email\":\"a@example.com\",\"password\":\"other-secret\",\"new_password\":\"y\"}")));
        String bare = IdempotentReplies.fingerprint("op", "/p", Optional.of(json("{\"email\":\"a@example.com\"}")));

        assertThat(withOne).isEqualTo(withAnother).isEqualTo(bare);
        assertThat(IdempotentReplies.fingerprint("op", "/p", Optional.of(json(
                "{\"email\":\"b@example.com\",\"password\":\"first-secret\"}")))).isNotEqualTo(withOne);
        assertThat(IdempotentReplies.fingerprint("op", "/p", Optional.of(json("{\"passwords\":\"kept\"}"))))
                .as("only fields named as passwords").isNotEqualTo(IdempotentReplies.fingerprint("op", "/p",
                        Optional.of(json("{}"))));
    }

    @Test
    void requestIdsAreDistinctVersion4Uuids() {
        String first = Pipeline.newRequestId();
        UUID parsed = UUID.fromString(first);

        assertThat(first).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(parsed.version()).isEqualTo(4);
        assertThat(parsed.variant()).isEqualTo(2);
        assertThat(Pipeline.newRequestId()).isNotEqualTo(first);
    }
}
