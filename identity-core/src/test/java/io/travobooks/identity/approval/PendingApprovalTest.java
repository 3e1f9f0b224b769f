package io.travobooks.identity.approval;

import io.travobooks.spi.Outcome;
import io.travobooks.spi.Rejection;
import io.travobooks.spi.TenantId;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PendingApprovalTest {
    private static final Instant NOW = Instant.parse("2026-03-10T09:00:00Z");
    private static final byte[] PAYLOAD = "{\"amount_minor\":9000000}".getBytes(StandardCharsets.UTF_8);
    private static final ApprovalPolicy POLICY = new ApprovalPolicy(List.of(ApprovalRule.always("refund")),
            Duration.ofHours(24));

    private static PendingApproval requested() {
        return PendingApproval.request("apr-1", TenantId.of("agency"), "refund", PAYLOAD, "maker", NOW, POLICY);
    }

    private static Rejection refusal(Outcome<?> outcome) {
        return ((Outcome.Refused<?>) outcome).rejection();
    }

    @Test
    void anotherPersonApprovesTheExactPayload() {
        Outcome<PendingApproval> approved = requested().approve("checker", PayloadHash.of(PAYLOAD),
                NOW.plusSeconds(60));
        assertThat(approved).isInstanceOf(Outcome.Ok.class);
        assertThat(((Outcome.Ok<PendingApproval>) approved).value().approvedBy()).hasValue("checker");
    }

    @Test
    void theMakerCannotApproveOrRejectTheirOwnRequest() {
        assertThat(refusal(requested().approve("maker", PayloadHash.of(PAYLOAD), NOW)).code())
                .isEqualTo(ApprovalErrorCode.APPROVAL_SELF);
        assertThat(refusal(requested().reject("maker", "changed my mind", NOW)).code())
                .isEqualTo(ApprovalErrorCode.APPROVAL_SELF);
    }

    @Test
    void aChangedPayloadCannotBeApprovedUnderTheOldHash() {
        byte[] changed = "{\"amount_minor\":9000001}".getBytes(StandardCharsets.UTF_8);
        assertThat(refusal(requested().approve("checker", PayloadHash.of(changed), NOW)).code())
                .isEqualTo(ApprovalErrorCode.APPROVAL_PAYLOAD_CHANGED);
        assertThat(refusal(requested().approve("checker", null, NOW)).code())
                .isEqualTo(ApprovalErrorCode.APPROVAL_PAYLOAD_CHANGED);
    }

    @Test
    void aRequestExpiresAtTheEndOfItsValidity() {
        Instant end = NOW.plus(Duration.ofHours(24));
        assertThat(requested().approve("checker", PayloadHash.of(PAYLOAD), end.minusMillis(1)))
                .isInstanceOf(Outcome.Ok.class);
        assertThat(refusal(requested().approve("checker", PayloadHash.of(PAYLOAD), end)).code())
                .isEqualTo(ApprovalErrorCode.APPROVAL_EXPIRED);
        assertThat(requested().expired(end)).isTrue();
    }

    @Test
    void aDecisionIsFinal() {
        PendingApproval approved = ((Outcome.Ok<PendingApproval>) requested()
                .approve("checker", PayloadHash.of(PAYLOAD), NOW)).value();
        assertThat(refusal(approved.approve("second-checker", PayloadHash.of(PAYLOAD), NOW)).code())
                .isEqualTo(ApprovalErrorCode.APPROVAL_DECIDED);
        assertThat(refusal(approved.reject("second-checker", "no", NOW)).code())
                .isEqualTo(ApprovalErrorCode.APPROVAL_DECIDED);
        assertThat(approved.expired(NOW.plus(Duration.ofDays(2)))).as("a decided request does not expire").isFalse();
    }

    /** One attempt to decide: who, which payload, what, and how long after the request. */
    record Attempt(String who, boolean samePayload, boolean approve, long afterMinutes) {
    }

    /**
     * Whatever anyone tries in whatever order: at most one decision stands, never the maker's, never after the end
     * of the validity, and an approval always names the requested payload.
     */
    @Property(tries = 500)
    void attemptsInAnyOrderLeaveAtMostOneLawfulDecision(@ForAll("attempts") List<Attempt> attempts) {
        PendingApproval current = requested();
        int decisions = 0;
        for (Attempt attempt : attempts) {
            Instant at = NOW.plus(Duration.ofMinutes(attempt.afterMinutes()));
            byte[] payload = attempt.samePayload() ? PAYLOAD : "{}".getBytes(StandardCharsets.UTF_8);
            Outcome<PendingApproval> outcome = attempt.approve()
                    ? current.approve(attempt.who(), PayloadHash.of(payload), at)
                    : current.reject(attempt.who(), "no", at);
            if (outcome instanceof Outcome.Ok<PendingApproval> ok) {
                decisions++;
                assertThat(attempt.who()).isNotEqualTo("maker");
                assertThat(at).isBefore(current.expiresAt());
                assertThat(!attempt.approve() || attempt.samePayload()).isTrue();
                current = ok.value();
            }
        }
        assertThat(decisions).isLessThanOrEqualTo(1);
        assertThat(current.payloadHash()).isEqualTo(PayloadHash.of(PAYLOAD));
    }

    @Provide
    Arbitrary<List<Attempt>> attempts() {
        Arbitrary<Attempt> attempt = Combinators.combine(Arbitraries.of("maker", "checker", "other"),
                Arbitraries.of(true, false), Arbitraries.of(true, false), Arbitraries.longs().between(0, 3_000))
                .as(Attempt::new);
        return attempt.list().ofMinSize(1).ofMaxSize(6);
    }
}
