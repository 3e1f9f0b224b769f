package io.travobooks.cache.redis;

import io.lettuce.core.codec.StringCodec;
import io.travobooks.spi.idempotency.Claim;
import io.travobooks.spi.idempotency.StoredResponse;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IdempotencyRecordTest {

    @Property(tries = 500)
    void aCompletedRecordReplaysItsResponseToTheSameFingerprintOnly(@ForAll String fingerprint, @ForAll String other,
                                                                   @ForAll int status, @ForAll String body) {
        String record = IdempotencyRecord.completed(fingerprint, new StoredResponse(status, body));

        assertThat(IdempotencyRecord.answer(record, fingerprint))
                .isEqualTo(new Claim.Replay(new StoredResponse(status, body)));
        if (!other.equals(fingerprint)) {
            assertThat(IdempotencyRecord.answer(record, other)).isEqualTo(new Claim.Mismatch());
        }
    }

    @Property(tries = 500)
    void aRunningRecordIsInProgressForTheSameFingerprintOnly(@ForAll String fingerprint, @ForAll String other) {
        String record = IdempotencyRecord.running(fingerprint, "0123456789abcdef0123456789abcdef");

        assertThat(IdempotencyRecord.answer(record, fingerprint)).isEqualTo(new Claim.InProgress());
        if (!other.equals(fingerprint)) {
            assertThat(IdempotencyRecord.answer(record, other)).isEqualTo(new Claim.Mismatch());
        }
    }

    /** Strings come back from Redis through the connection's codec, which writes a lone surrogate as '?'. */
    @Test
    void aFingerprintReadBackThroughTheCodecIsStillItsOwn() {
        String fingerprint = "a\uD800é";
        String stored = StringCodec.UTF8.decodeValue(StringCodec.UTF8.encodeValue(
                IdempotencyRecord.completed(fingerprint, new StoredResponse(200, "{}"))));

        assertThat(IdempotencyRecord.answer(stored, fingerprint))
                .isEqualTo(new Claim.Replay(new StoredResponse(200, "{}")));
        assertThat(IdempotencyRecord.answer(stored, "a?c")).isEqualTo(new Claim.Mismatch());
    }

    @Test
    void aFingerprintThatStartsAnotherOrHoldsTheSeparatorsIsNotTakenForIt() {
        String record = IdempotencyRecord.completed("ab", new StoredResponse(201, "{\"a\":1}"));

        assertThat(IdempotencyRecord.answer(record, "a")).isEqualTo(new Claim.Mismatch());
        assertThat(IdempotencyRecord.answer(record, "ab2")).isEqualTo(new Claim.Mismatch());
        assertThat(IdempotencyRecord.answer(IdempotencyRecord.completed("1:2", new StoredResponse(200, ":")), "1:2"))
                .isEqualTo(new Claim.Replay(new StoredResponse(200, ":")));
    }
}
