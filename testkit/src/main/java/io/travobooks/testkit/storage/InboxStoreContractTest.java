package io.travobooks.testkit.storage;

import io.travobooks.spi.RetryPolicy;
import io.travobooks.spi.TenantId;
import io.travobooks.spi.UnitOfWork;
import io.travobooks.spi.inbox.Conversation;
import io.travobooks.spi.inbox.InboxMessage;
import io.travobooks.spi.inbox.InboxStore;
import io.travobooks.testkit.ConcurrentWriters;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** What every {@link InboxStore} must do; one database is shared by the test JVM, tests isolate by tenant. */
public abstract class InboxStoreContractTest {
    private static final Instant NOW = Instant.parse("2026-03-01T08:30:00.123456Z");

    protected abstract InboxStore store();

    private InboxStore store;
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

    private void save(Conversation conversation) {
        tx(uow -> {
            store.saveConversation(uow, conversation);
            return null;
        });
    }

    private Conversation conversation(TenantId owner, String id, String address, Instant at) {
        return new Conversation(owner, id, "WHATSAPP", address, Conversation.Status.OPEN, Optional.empty(),
                Set.of(), Optional.of(at), at);
    }

    private Optional<Conversation> find(TenantId owner, String id) {
        return tx(uow -> store.conversation(uow, owner, id));
    }

    /** Three writers each link bookings one by one, reading the conversation with {@code read} each time. */
    private Set<String> linkConcurrently(Function<UnitOfWork, Conversation> read) throws InterruptedException {
        ConcurrentWriters.run(3, 15, (writer, i) -> store.transactions().inTransactionRetrying(uow -> {
            store.saveConversation(uow, read.apply(uow).withBookings(Set.of("BK-" + writer + i), NOW));
            return null;
        }, RetryPolicy.DEFAULT.withAttempts(20)));
        return find(tenant, "c1").orElseThrow().bookingIds();
    }

    @Test
    void changesOfAConversationReadForUpdateAreNeverLost() throws Exception {
        save(conversation(tenant, "c1", "+8801711000000", NOW));

        assertThat(linkConcurrently(uow -> store.conversationForUpdate(uow, tenant, "c1").orElseThrow()))
                .as("every writer's every link").hasSize(45);
    }

    @Test
    void changesOfAConversationFoundByItsContactForUpdateAreNeverLost() throws Exception {
        save(conversation(tenant, "c1", "+8801711000000", NOW));

        assertThat(linkConcurrently(uow -> store.conversationWithForUpdate(uow, tenant, "WHATSAPP",
                "+8801711000000").orElseThrow())).as("every writer's every link").hasSize(45);
    }

    @Test
    void aConversationIsFoundByIdAndByItsContactAndScopedToItsTenant() {
        Conversation first = conversation(tenant, "c1", "+8801711000000", NOW).withBookings(Set.of("BK1"), NOW);
        save(first);
        save(conversation(other, "c1", "+8801711000000", NOW));

        assertThat(find(tenant, "c1")).contains(first);
        Optional<Conversation> byContact = tx(uow -> store.conversationWith(uow, tenant, "WHATSAPP",
                "+8801711000000"));
        assertThat(byContact).contains(first);
        Optional<Conversation> otherChannel = tx(uow -> store.conversationWith(uow, tenant, "SMS",
                "+8801711000000"));
        assertThat(otherChannel).isEmpty();

        Conversation changed = first.withStatus(Conversation.Status.RESOLVED, NOW.plusSeconds(60))
                .withAssignee(Optional.of("agent-7"), NOW.plusSeconds(60)).withBookings(Set.of("BK2"),
                        NOW.plusSeconds(60));
        save(changed);
        assertThat(find(tenant, "c1")).contains(changed);
        assertThat(changed.bookingIds()).containsExactly("BK1", "BK2");
        assertThat(find(other, "c1").orElseThrow().bookingIds()).as("the other tenant's links").isEmpty();
    }

    @Test
    void conversationsAreListedByStatusNewestFirstAndByTheBookingsTheyAreAbout() {
        save(conversation(tenant, "c1", "+1", NOW).withBookings(Set.of("BK1"), NOW));
        save(conversation(tenant, "c2", "+2", NOW.plusSeconds(10)).withBookings(Set.of("BK1", "BK2"),
                NOW.plusSeconds(10)));
        save(conversation(tenant, "c3", "+3", NOW.plusSeconds(20)).withStatus(Conversation.Status.PENDING,
                NOW.plusSeconds(20)));

        List<Conversation> open = tx(uow -> store.conversations(uow, tenant, Conversation.Status.OPEN, 10));
        assertThat(open).extracting(Conversation::id).containsExactly("c2", "c1");
        List<Conversation> pending = tx(uow -> store.conversations(uow, tenant, Conversation.Status.PENDING, 10));
        assertThat(pending).extracting(Conversation::id).containsExactly("c3");
        List<Conversation> aboutBk1 = tx(uow -> store.conversationsAbout(uow, tenant, "BK1"));
        assertThat(aboutBk1).extracting(Conversation::id).containsExactly("c1", "c2");
        List<Conversation> strangers = tx(uow -> store.conversationsAbout(uow, other, "BK1"));
        assertThat(strangers).isEmpty();
    }

    @Test
    void conversationsArePagedNewestFirstWithoutSkippingTies() {
        for (int i = 1; i <= 5; i++) {
            save(conversation(tenant, "c" + i, "+" + i, i <= 2 ? NOW.plusSeconds(10) : NOW.plusSeconds(i)));
        }
        List<String> pages = new ArrayList<>();
        Optional<InboxStore.Position> after = Optional.empty();
        for (int page = 0; page < 5; page++) {
            Optional<InboxStore.Position> cursor = after;
            List<Conversation> listed = tx(uow -> store.conversations(uow, tenant, Conversation.Status.OPEN, cursor,
                    2));
            if (listed.isEmpty()) {
                break;
            }
            pages.add(String.join(",", listed.stream().map(Conversation::id).toList()));
            after = Optional.of(new InboxStore.Position(listed.getLast().updatedAt(), listed.getLast().id()));
        }
        assertThat(pages).as("c1 and c2 tie at the newest time").containsExactly("c1,c2", "c5,c4", "c3");
    }

    @Test
    void aMessageIsAddedOnceAndMessagesComeOldestFirst() {
        save(conversation(tenant, "c1", "+1", NOW));
        InboxMessage question = new InboxMessage(tenant, "c1", "wa:p-1", InboxMessage.Direction.INBOUND, "",
                "আমার টিকিট কোথায়? PNR QWERTY", NOW);
        InboxMessage answer = new InboxMessage(tenant, "c1", "out-1", InboxMessage.Direction.OUTBOUND, "",
                "Your ticket 1762000000001 is issued", NOW.plusSeconds(30));

        assertThat(flag(uow -> store.addMessage(uow, question))).isTrue();
        assertThat(flag(uow -> store.addMessage(uow, question))).as("posted twice by the provider").isFalse();
        assertThat(flag(uow -> store.addMessage(uow, answer))).isTrue();

        List<InboxMessage> messages = tx(uow -> store.messages(uow, tenant, "c1"));
        assertThat(messages).containsExactly(question, answer);
        List<InboxMessage> none = tx(uow -> store.messages(uow, other, "c1"));
        assertThat(none).isEmpty();
    }

    private boolean flag(Function<UnitOfWork, Boolean> work) {
        return tx(work);
    }
}
