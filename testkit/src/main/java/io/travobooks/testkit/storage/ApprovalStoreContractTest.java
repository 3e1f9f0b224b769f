package io.travobooks.testkit.storage;

import io.travobooks.spi.RetryPolicy;
import io.travobooks.spi.TenantId;
import io.travobooks.spi.UnitOfWork;
import io.travobooks.spi.approval.ApprovalRecord;
import io.travobooks.spi.approval.ApprovalStore;
import io.travobooks.testkit.ConcurrentWriters;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What every {@link ApprovalStore} must do; one database is shared by the test JVM, tests isolate by tenant. */
public abstract class ApprovalStoreContractTest {
    private static final Instant NOW = Instant.parse("2026-03-01T08:30:00.123456Z");
    private static final String PAYLOAD = "{\"amount_minor\":9000000,\"note\":\"ফেরত — refund\"}";

    protected abstract ApprovalStore store();

    private ApprovalStore store;
    private TenantId tenant;
    private TenantId other;

    @BeforeEach
    void setUp() {
        store = store();
        String unique = UUID.randomUUID().toString().substring(0, 8);
        tenant = TenantId.of("t-" + unique);
        other = TenantId.of("o-" + unique);
    }

    private <T> T tx(Function<UnitOfWork, T> work) {
        return store.transactions().inTransaction(work);
    }

    private boolean flag(Function<UnitOfWork, Boolean> work) {
        return tx(work);
    }

    private ApprovalRecord request(TenantId owner, String id) {
        return ApprovalRecord.pending(owner, id, "refund", PAYLOAD, "sha256:" + "ab".repeat(32), "maker-1", NOW,
                NOW.plusSeconds(86_400));
    }

    private Optional<ApprovalRecord> find(TenantId owner, String id) {
        return tx(uow -> store.find(uow, owner, id));
    }

    @Test
    void aRequestIsStoredWholeAndOnce() {
        ApprovalRecord request = request(tenant, "apr-1");
        assertThat(flag(uow -> store.add(uow, request))).isTrue();
        assertThat(find(tenant, "apr-1")).hasValue(request);

        ApprovalRecord again = ApprovalRecord.pending(tenant, "apr-1", "writeOff", "{}", "sha256:00", "maker-2",
                NOW, NOW.plusSeconds(60));
        assertThat(flag(uow -> store.add(uow, again))).as("the same id again").isFalse();
        assertThat(find(tenant, "apr-1")).as("unchanged").hasValue(request);
    }

    @Test
    void fieldsAtTheirLongestAreStoredWhole() {
        String id = "i".repeat(ApprovalRecord.MAX_ID_LENGTH);
        String payload = "\uD83D\uDE00".repeat(ApprovalRecord.MAX_PAYLOAD_CHARS / 2); // 4 bytes in UTF-8 each
        String principal = "\u0995".repeat(ApprovalRecord.MAX_PRINCIPAL_LENGTH);
        ApprovalRecord request = ApprovalRecord.pending(tenant, id, "o".repeat(ApprovalRecord.MAX_OPERATION_LENGTH),
                payload, "h".repeat(ApprovalRecord.MAX_HASH_LENGTH), principal, NOW, NOW.plusSeconds(60));
        assertThat(flag(uow -> store.add(uow, request))).isTrue();
        ApprovalRecord rejected = request.decided(ApprovalRecord.Status.REJECTED, principal.replace('\u0995', 'c'),
                NOW.plusSeconds(5), Optional.of("\u09AB".repeat(ApprovalRecord.MAX_REASON_LENGTH)));
        assertThat(flag(uow -> store.decide(uow, rejected))).isTrue();
        assertThat(find(tenant, id)).hasValue(rejected);
    }

    @Test
    void aRequestBelongsToItsTenant() {
        tx(uow -> store.add(uow, request(tenant, "apr-1")));
        assertThat(find(other, "apr-1")).isEmpty();
        ApprovalRecord othersDecision = request(other, "apr-1").decided(ApprovalRecord.Status.APPROVED, "checker",
                NOW.plusSeconds(5), Optional.empty());
        assertThat(flag(uow -> store.decide(uow, othersDecision))).isFalse();
        assertThat(find(tenant, "apr-1").orElseThrow().status()).isEqualTo(ApprovalRecord.Status.PENDING);
        assertThat(flag(uow -> store.add(uow, request(other, "apr-1")))).as("another tenant's own id").isTrue();
    }

    @Test
    void aDecisionIsStoredOnce() {
        ApprovalRecord request = request(tenant, "apr-1");
        tx(uow -> store.add(uow, request));
        ApprovalRecord approved = request.decided(ApprovalRecord.Status.APPROVED, "checker-1", NOW.plusSeconds(5),
                Optional.empty());
        assertThat(flag(uow -> store.decide(uow, approved))).isTrue();
        ApprovalRecord rejected = request.decided(ApprovalRecord.Status.REJECTED, "checker-2", NOW.plusSeconds(9),
                Optional.of("too much"));
        assertThat(flag(uow -> store.decide(uow, rejected))).isFalse();
        assertThat(find(tenant, "apr-1")).hasValue(approved);
    }

    @Test
    void aDecisionOverAnotherPayloadIsNotStored() {
        ApprovalRecord request = request(tenant, "apr-1");
        tx(uow -> store.add(uow, request));
        ApprovalRecord swapped = ApprovalRecord.pending(tenant, "apr-1", "refund", "{\"amount_minor\":1}",
                "sha256:" + "cd".repeat(32), "maker-1", NOW, NOW.plusSeconds(86_400))
                .decided(ApprovalRecord.Status.APPROVED, "checker-1", NOW.plusSeconds(5), Optional.empty());
        assertThat(flag(uow -> store.decide(uow, swapped))).isFalse();
        assertThat(find(tenant, "apr-1")).hasValue(request);
    }

    @Test
    void ofCheckersDecidingAtOnceExactlyOneWins() throws InterruptedException {
        int checkers = 8;
        for (int round = 0; round < 5; round++) {
            String id = "race-" + round;
            ApprovalRecord request = request(tenant, id);
            tx(uow -> store.add(uow, request));
            List<String> winners = new CopyOnWriteArrayList<>();
            ConcurrentWriters.run(checkers, 1, (checker, ignored) -> {
                ApprovalRecord decided = request.decided(ApprovalRecord.Status.APPROVED, "checker-" + checker,
                        NOW.plusSeconds(5), Optional.empty());
                if (store.transactions().inTransactionRetrying(uow -> store.decide(uow, decided),
                        RetryPolicy.DEFAULT)) {
                    winners.add("checker-" + checker);
                }
            });
            assertThat(winners).hasSize(1);
            assertThat(find(tenant, id).orElseThrow().checker()).hasValue(winners.getFirst());
        }
    }

    @Test
    void aTenantsRequestsAreListedInIdOrderByStatusAPageAtATime() {
        for (String id : List.of("apr-c", "apr-a", "apr-b", "apr-d")) {
            assertThat(flag(uow -> store.add(uow, request(tenant, id)))).isTrue();
        }
        assertThat(flag(uow -> store.add(uow, request(other, "apr-0")))).isTrue();
        ApprovalRecord b = find(tenant, "apr-b").orElseThrow();
        assertThat(flag(uow -> store.decide(uow, b.decided(ApprovalRecord.Status.REJECTED, "checker-1",
                NOW.plusSeconds(60), Optional.of("no"))))).isTrue();
        List<ApprovalRecord> all = tx(uow -> store.list(uow, tenant, Optional.empty(), Optional.empty(), 10));
        List<ApprovalRecord> pendingAfterA = tx(uow -> store.list(uow, tenant,
                Optional.of(ApprovalRecord.Status.PENDING), Optional.of("apr-a"), 2));
        List<ApprovalRecord> rejected = tx(uow -> store.list(uow, tenant, Optional.of(ApprovalRecord.Status.REJECTED),
                Optional.empty(), 10));
        List<ApprovalRecord> others = tx(uow -> store.list(uow, other, Optional.empty(), Optional.empty(), 10));
        assertThat(all).extracting(ApprovalRecord::id).containsExactly("apr-a", "apr-b", "apr-c", "apr-d");
        assertThat(pendingAfterA).extracting(ApprovalRecord::id).containsExactly("apr-c", "apr-d");
        assertThat(rejected).extracting(ApprovalRecord::id).containsExactly("apr-b");
        assertThat(others).extracting(ApprovalRecord::id).containsExactly("apr-0");
    }

    @Test
    void aPendingRequestCannotBeStoredAsADecision() {
        ApprovalRecord request = request(tenant, "apr-1");
        tx(uow -> store.add(uow, request));
        assertThatThrownBy(() -> tx(uow -> store.decide(uow, request))).isInstanceOf(IllegalArgumentException.class);
        ApprovalRecord decided = request.decided(ApprovalRecord.Status.REJECTED, "checker", NOW, Optional.empty());
        assertThatThrownBy(() -> tx(uow -> store.add(uow, decided))).isInstanceOf(IllegalArgumentException.class);
        assertThat(find(tenant, "apr-1")).hasValue(request);
    }
}
