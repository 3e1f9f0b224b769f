package io.travobooks.testkit.storage;

import io.travobooks.spi.TenantId;
import io.travobooks.spi.UnitOfWork;
import io.travobooks.spi.channel.MessageRecord;
import io.travobooks.spi.channel.MessageStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What every {@link MessageStore} must do; one database is shared by the test JVM, tests isolate by tenant. */
public abstract class MessageStoreContractTest {
    private static final Instant NOW = Instant.parse("2026-03-01T08:30:00.123456Z");

    protected abstract MessageStore store();

    private MessageStore store;
    private TenantId tenant;
    private TenantId other;
    private String provider;

    @BeforeEach
    void setUp() {
        store = store();
        String unique = UUID.randomUUID().toString().substring(0, 8);
        tenant = TenantId.of("t-" + unique);
        other = TenantId.of("o-" + unique);
        provider = "smtp-" + unique;
    }

    private <T> T tx(Function<UnitOfWork, T> work) {
        return store.transactions().inTransaction(work);
    }

    private boolean flag(Function<UnitOfWork, Boolean> work) {
        return tx(work);
    }

    private boolean queue(TenantId owner, String messageId, String eventId) {
        return tx(uow -> store.queue(uow, MessageRecord.queued(owner, messageId, eventId, "EMAIL",
                "rahim@example.com", NOW)));
    }

    private MessageRecord find(TenantId owner, String messageId) {
        Optional<MessageRecord> found = tx(uow -> store.find(uow, owner, messageId));
        return found.orElseThrow();
    }

    @Test
    void aMessageIsQueuedOnceAndScopedToItsTenant() {
        assertThat(queue(tenant, "ev1:EMAIL:r1", "ev1")).isTrue();
        assertThat(queue(tenant, "ev1:EMAIL:r1", "ev1")).as("the event handled again").isFalse();
        assertThat(queue(other, "ev1:EMAIL:r1", "ev1")).as("another tenant's message").isTrue();
        queue(tenant, "ev1:SMS:r1", "ev1");

        List<MessageRecord> ofEvent = tx(uow -> store.forEvent(uow, tenant, "ev1"));
        assertThat(ofEvent).extracting(MessageRecord::messageId).containsExactly("ev1:EMAIL:r1", "ev1:SMS:r1");
        assertThat(ofEvent.getFirst()).isEqualTo(MessageRecord.queued(tenant, "ev1:EMAIL:r1", "ev1", "EMAIL",
                "rahim@example.com", NOW));
        Optional<MessageRecord> stranger = tx(uow -> store.find(uow, other, "ev1:SMS:r1"));
        assertThat(stranger).isEmpty();
    }

    @Test
    void aSentMessageIsDeliveredOrFailedByItsProvidersCallbackOnce() {
        queue(tenant, "m1", "ev1");
        queue(tenant, "m2", "ev1");
        assertThat(flag(uow -> store.markSent(uow, tenant, "m1", provider, "p-1", NOW.plusSeconds(1)))).isTrue();
        assertThat(flag(uow -> store.markSent(uow, tenant, "m2", provider, "p-2", NOW.plusSeconds(1)))).isTrue();
        assertThat(flag(uow -> store.markSent(uow, tenant, "m1", provider, "p-9", NOW))).as("sent already")
                .isFalse();

        assertThat(flag(uow -> store.updateFromProvider(uow, provider, "p-1", MessageRecord.Status.DELIVERED,
                Optional.empty(), NOW.plusSeconds(5)))).isTrue();
        assertThat(flag(uow -> store.updateFromProvider(uow, provider, "p-2", MessageRecord.Status.FAILED,
                Optional.of("mailbox full"), NOW.plusSeconds(6)))).isTrue();
        assertThat(flag(uow -> store.updateFromProvider(uow, provider, "p-1", MessageRecord.Status.FAILED,
                Optional.of("late bounce"), NOW.plusSeconds(7)))).as("delivered is final").isFalse();
        assertThat(flag(uow -> store.updateFromProvider(uow, "another-" + provider, "p-2",
                MessageRecord.Status.DELIVERED, Optional.empty(), NOW))).as("another provider's id").isFalse();

        MessageRecord delivered = find(tenant, "m1");
        Optional<MessageRecord> byProvider = tx(uow -> store.findByProvider(uow, provider, "p-1"));
        assertThat(byProvider).contains(delivered);
        Optional<MessageRecord> unknown = tx(uow -> store.findByProvider(uow, provider, "p-404"));
        assertThat(unknown).isEmpty();
        assertThat(delivered.status()).isEqualTo(MessageRecord.Status.DELIVERED);
        assertThat(delivered.provider()).contains(provider);
        assertThat(delivered.providerMessageId()).contains("p-1");
        assertThat(delivered.updatedAt()).isEqualTo(NOW.plusSeconds(5));
        MessageRecord failed = find(tenant, "m2");
        assertThat(failed.status()).isEqualTo(MessageRecord.Status.FAILED);
        assertThat(failed.reason()).contains("mailbox full");
    }

    @Test
    void aMessageNoProviderTookFailsWithItsReasonAndStaysFailed() {
        queue(tenant, "m1", "ev1");

        assertThat(flag(uow -> store.markFailed(uow, tenant, "m1", "invalid address", NOW))).isTrue();
        assertThat(flag(uow -> store.markSent(uow, tenant, "m1", provider, "p-1", NOW))).isFalse();
        assertThat(flag(uow -> store.markFailed(uow, other, "m1", "not theirs", NOW))).isFalse();

        MessageRecord failed = find(tenant, "m1");
        assertThat(failed.status()).isEqualTo(MessageRecord.Status.FAILED);
        assertThat(failed.reason()).contains("invalid address");
        assertThat(failed.provider()).isEmpty();
    }

    @Test
    void aMessageWhoseAnswerDidNotComeBackStaysQueuedBoundToItsProvider() {
        queue(tenant, "m1", "ev1");

        assertThat(flag(uow -> store.markUnknown(uow, tenant, "m1", provider, "read timed out", NOW))).isTrue();
        assertThat(flag(uow -> store.markUnknown(uow, other, "m1", provider, "not theirs", NOW))).isFalse();
        MessageRecord unknown = find(tenant, "m1");
        assertThat(unknown.status()).isEqualTo(MessageRecord.Status.QUEUED);
        assertThat(unknown.provider()).contains(provider);
        assertThat(unknown.reason()).contains("read timed out");

        assertThat(flag(uow -> store.markSent(uow, tenant, "m1", provider, "p-1", NOW.plusSeconds(60)))).isTrue();
        assertThat(flag(uow -> store.markUnknown(uow, tenant, "m1", provider, "late", NOW))).as("sent now")
                .isFalse();
        assertThat(find(tenant, "m1").status()).isEqualTo(MessageRecord.Status.SENT);
    }

    @Test
    void aCallbackCannotReportAMessageQueuedAgainAndChangesNothing() {
        queue(tenant, "m1", "ev1");
        tx(uow -> store.markSent(uow, tenant, "m1", provider, "p-1", NOW));

        assertThatThrownBy(() -> flag(uow -> store.updateFromProvider(uow, provider, "p-1",
                MessageRecord.Status.QUEUED, Optional.empty(), NOW))).isInstanceOf(IllegalArgumentException.class);
        assertThat(find(tenant, "m1").status()).isEqualTo(MessageRecord.Status.SENT);
    }
}
