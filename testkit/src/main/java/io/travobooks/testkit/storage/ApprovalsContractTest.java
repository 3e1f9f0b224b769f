package io.travobooks.testkit.storage;

import io.travobooks.identity.approval.ApprovalErrorCode;
import io.travobooks.identity.approval.ApprovalPolicy;
import io.travobooks.identity.approval.ApprovalRule;
import io.travobooks.identity.approval.Approvals;
import io.travobooks.identity.approval.PayloadHash;
import io.travobooks.spi.ErrorCode;
import io.travobooks.spi.Outcome;
import io.travobooks.spi.RetryPolicy;
import io.travobooks.spi.TenantId;
import io.travobooks.spi.approval.ApprovalRecord;
import io.travobooks.spi.approval.ApprovalStore;
import io.travobooks.testkit.ConcurrentWriters;
import io.travobooks.testkit.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Maker-checker end to end over an {@link ApprovalStore}: the rules, and a decision that sticks once. One database is
 * shared by the test JVM; tests isolate by tenant.
 */
public abstract class ApprovalsContractTest {
    private static final String PAYLOAD = "{\"amount_minor\":9000000}";
    private static final ApprovalPolicy POLICY = new ApprovalPolicy(List.of(ApprovalRule.always("refund")),
            Duration.ofHours(24));

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-10T09:00:00Z"));
    private Approvals approvals;
    private TenantId tenant;
    private String hash;

    protected abstract ApprovalStore store();

    @BeforeEach
    void request() {
        approvals = new Approvals(store(), clock, RetryPolicy.DEFAULT);
        tenant = TenantId.of("t-" + UUID.randomUUID().toString().substring(0, 8));
        hash = PayloadHash.of(PAYLOAD.getBytes(StandardCharsets.UTF_8));
        assertThat(approvals.request(tenant, "apr-1", "refund", PAYLOAD, "maker", POLICY))
                .isInstanceOf(Outcome.Ok.class);
    }

    private static ErrorCode code(Outcome<?> outcome) {
        return ((Outcome.Refused<?>) outcome).rejection().code();
    }

    private ApprovalRecord stored() {
        return approvals.find(tenant, "apr-1").orElseThrow();
    }

    @Test
    void anotherPersonApprovesAndTheExactPayloadComesBack() {
        Outcome<ApprovalRecord> approved = approvals.approve(tenant, "apr-1", "checker", hash);
        ApprovalRecord decided = ((Outcome.Ok<ApprovalRecord>) approved).value();
        assertThat(decided.payload()).isEqualTo(PAYLOAD);
        assertThat(stored()).isEqualTo(decided);
        assertThat(stored().status()).isEqualTo(ApprovalRecord.Status.APPROVED);
    }

    @Test
    void refusedDecisionsLeaveTheRequestPending() {
        ApprovalRecord before = stored();
        assertThat(code(approvals.approve(tenant, "apr-1", "maker", hash)))
                .isEqualTo(ApprovalErrorCode.APPROVAL_SELF);
        String otherHash = PayloadHash.of("{}".getBytes(StandardCharsets.UTF_8));
        assertThat(code(approvals.approve(tenant, "apr-1", "checker", otherHash)))
                .isEqualTo(ApprovalErrorCode.APPROVAL_PAYLOAD_CHANGED);
        assertThat(code(approvals.approve(TenantId.of("someone-else"), "apr-1", "checker", hash)))
                .isEqualTo(ApprovalErrorCode.APPROVAL_NOT_FOUND);
        assertThat(code(approvals.request(tenant, "apr-1", "refund", "{}", "maker", POLICY)))
                .isEqualTo(ApprovalErrorCode.APPROVAL_DUPLICATE);
        assertThat(code(approvals.reject(tenant, "apr-1", "maker", "no"))).isEqualTo(ApprovalErrorCode.APPROVAL_SELF);
        assertThat(code(approvals.reject(tenant, "apr-1", "checker", "x".repeat(1_001))))
                .isEqualTo(ApprovalErrorCode.APPROVAL_INVALID_INPUT);
        assertThat(code(approvals.approve(tenant, "apr-1", " ", hash)))
                .isEqualTo(ApprovalErrorCode.APPROVAL_INVALID_INPUT);
        assertThat(code(approvals.request(tenant, "x".repeat(65), "refund", "{}", "maker", POLICY)))
                .isEqualTo(ApprovalErrorCode.APPROVAL_INVALID_INPUT);
        clock.advance(Duration.ofHours(24));
        assertThat(code(approvals.approve(tenant, "apr-1", "checker", hash)))
                .isEqualTo(ApprovalErrorCode.APPROVAL_EXPIRED);
        assertThat(code(approvals.reject(tenant, "apr-1", "checker", "late")))
                .isEqualTo(ApprovalErrorCode.APPROVAL_EXPIRED);
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void aRepeatedRequestOrApprovalGetsTheFirstAnswerAgain() {
        ApprovalRecord first = stored();
        clock.advance(Duration.ofMinutes(1));
        assertThat(approvals.request(tenant, "apr-1", "refund", PAYLOAD, "maker", POLICY))
                .isEqualTo(new Outcome.Ok<>(first));
        clock.set(Instant.parse("2026-03-10T09:30:00.123456789Z"));
        ApprovalRecord approved = ((Outcome.Ok<ApprovalRecord>) approvals.approve(tenant, "apr-1", "checker", hash))
                .value();
        assertThat(approved.decidedAt()).as("kept to the microsecond, as stored")
                .hasValue(Instant.parse("2026-03-10T09:30:00.123456Z"));
        assertThat(stored()).isEqualTo(approved);
        clock.advance(Duration.ofMinutes(1));
        assertThat(approvals.approve(tenant, "apr-1", "checker", hash)).as("the same checker, after a lost answer")
                .isEqualTo(new Outcome.Ok<>(approved));
        assertThat(code(approvals.approve(tenant, "apr-1", "checker-2", hash)))
                .isEqualTo(ApprovalErrorCode.APPROVAL_DECIDED);
    }

    @Test
    void ofApproversAtOnceOneWinsAndTheRestAreToldItWasDecided() throws InterruptedException {
        List<String> winners = new CopyOnWriteArrayList<>();
        List<ErrorCode> losers = new CopyOnWriteArrayList<>();
        ConcurrentWriters.run(8, 1, (checker, ignored) -> {
            Outcome<ApprovalRecord> outcome = approvals.approve(tenant, "apr-1", "checker-" + checker, hash);
            if (outcome instanceof Outcome.Ok<ApprovalRecord>) {
                winners.add("checker-" + checker);
            } else {
                losers.add(code(outcome));
            }
        });
        assertThat(winners).hasSize(1);
        assertThat(losers).hasSize(7).containsOnly(ApprovalErrorCode.APPROVAL_DECIDED);
        assertThat(stored().checker()).hasValue(winners.getFirst());
    }

    @Test
    void aRejectionKeepsItsReasonAndEndsTheRequest() {
        assertThat(approvals.reject(tenant, "apr-1", "checker", "over the agent's limit"))
                .isInstanceOf(Outcome.Ok.class);
        assertThat(stored().reason()).hasValue("over the agent's limit");
        assertThat(code(approvals.approve(tenant, "apr-1", "checker-2", hash)))
                .isEqualTo(ApprovalErrorCode.APPROVAL_DECIDED);
    }
}
