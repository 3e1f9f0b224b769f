package io.travobooks.testkit.storage;

import io.travobooks.spi.ErrorCode;
import io.travobooks.spi.Money;
import io.travobooks.spi.Outcome;
import io.travobooks.spi.Rejection;
import io.travobooks.spi.RetryPolicy;
import io.travobooks.spi.TenantId;
import io.travobooks.spi.UnitOfWork;
import io.travobooks.spi.booking.BookingRef;
import io.travobooks.spi.booking.BookingStore;
import io.travobooks.spi.booking.StoredBooking;
import io.travobooks.spi.booking.SupplierRequest;
import io.travobooks.spi.outbox.OutboxEvent;
import io.travobooks.spi.outbox.OutboxStore;
import io.travobooks.spi.travel.CouponStatus;
import io.travobooks.spi.travel.Document;
import io.travobooks.spi.travel.DocumentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What every {@link BookingStore} and {@link OutboxStore} pair must do; one database is shared by the test JVM. */
public abstract class BookingStoreContractTest {
    private static final Instant NOW = Instant.parse("2026-03-10T06:00:00.123456Z");

    protected abstract BookingStore bookings();

    protected abstract OutboxStore outbox();

    private BookingStore store;
    private TenantId tenant;
    private TenantId otherTenant;
    /** A 10-digit serial unique to the test, so that document numbers do not collide between tests. */
    private String serial;

    @BeforeEach
    void setUp() {
        store = bookings();
        String unique = UUID.randomUUID().toString().substring(0, 8);
        tenant = TenantId.of("t-" + unique);
        otherTenant = TenantId.of("o-" + unique);
        serial = String.format("%010d", Math.floorMod(unique.hashCode(), 1_000_000_000L) * 10);
    }

    private <T> T tx(Function<UnitOfWork, T> work) {
        return store.transactions().inTransaction(work);
    }

    private StoredBooking held(String id) {
        return new StoredBooking(tenant, id, 1, "HELD", Optional.of("PNR" + id),
                Optional.of(NOW.plusSeconds(3600)), Map.of("ttl", NOW.plusSeconds(3600).toString(), "pax", "2"));
    }

    private Document ticket(int offset) {
        String number = "176" + String.format("%010d", Long.parseLong(serial) + offset);
        return Document.issued(number, DocumentType.TICKET, 2);
    }

    private StoredBooking withTravellers(TenantId owner, String id, String state, String pnr, String... travellers) {
        return new StoredBooking(owner, id, 1, state, Optional.of(pnr), Optional.empty(), Map.of("pax", "1"),
                List.of(travellers));
    }

    private List<String> search(TenantId owner, BookingStore.BookingSearch search) {
        return tx(uow -> store.search(uow, owner, search, Optional.empty(), 50)).stream()
                .map(found -> found.booking().id()).toList();
    }

    private static BookingStore.BookingSearch byName(String surname, Optional<String> given) {
        return new BookingStore.BookingSearch(Set.of(), Optional.empty(), Optional.empty(), Optional.of(surname),
                given, Optional.empty(), Optional.empty());
    }

    @Test
    void bookingsAreFoundByStatePnrTicketAndTravellerAndReadBackWithTheirTravellers() {
        Instant before = Instant.now().minusSeconds(60);
        insert(withTravellers(tenant, "S1", "HELD", "AAA111", "UDDIN/RAHIM", "UDDIN/KARIM"));
        insert(withTravellers(tenant, "S2", "ISSUED", "BBB222", "KHAN/AMINA"));
        insert(withTravellers(tenant, "S3", "ISSUED", "CCC333", "UDDIN_X/RAHIM"));
        insert(withTravellers(otherTenant, "S9", "HELD", "AAA111", "UDDIN/RAHIM"));
        tx(uow -> {
            store.insertDocuments(uow, tenant, "S2", List.of(ticket(0)));
            return null;
        });

        assertThat(find(tenant, "S1").orElseThrow().travellers()).containsExactly("UDDIN/RAHIM", "UDDIN/KARIM");
        assertThat(search(tenant, BookingStore.BookingSearch.ALL)).containsExactlyInAnyOrder("S1", "S2", "S3");
        assertThat(search(tenant, new BookingStore.BookingSearch(Set.of("ISSUED"), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty())))
                .containsExactlyInAnyOrder("S2", "S3");
        assertThat(search(tenant, new BookingStore.BookingSearch(Set.of(), Optional.of("AAA111"),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty())))
                .as("the other tenant's booking with the same PNR is not found").containsExactly("S1");
        assertThat(search(tenant, new BookingStore.BookingSearch(Set.of(), Optional.empty(),
                Optional.of(ticket(0).number()), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty()))).containsExactly("S2");
        assertThat(search(tenant, byName("uddin", Optional.empty()))).as("a whole surname, in any case")
                .containsExactly("S1");
        assertThat(search(tenant, byName("UDDIN", Optional.of("kar")))).containsExactly("S1");
        assertThat(search(tenant, byName("UDDIN", Optional.of("AMI")))).isEmpty();
        assertThat(search(tenant, byName("UDDIN_X", Optional.of("R")))).containsExactly("S3");
        assertThat(search(tenant, byName("UDDIN", Optional.of("_")))).as("a wildcard is a letter").isEmpty();
        assertThat(search(tenant, new BookingStore.BookingSearch(Set.of(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.of(before), Optional.of(Instant.now().plusSeconds(60)))))
                .containsExactlyInAnyOrder("S1", "S2", "S3");
        assertThat(search(tenant, new BookingStore.BookingSearch(Set.of(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.of(Instant.now().plusSeconds(60)), Optional.empty())))
                .isEmpty();
    }

    @Test
    void searchesArePagedNewestFirstWithoutSkippingOrRepeating() {
        for (int i = 1; i <= 5; i++) {
            insert(withTravellers(tenant, "P" + i, "HELD", "PNR00" + i, "DOE/JANE"));
        }
        List<String> seen = new ArrayList<>();
        Optional<BookingStore.Position> after = Optional.empty();
        for (int page = 0; page < 5; page++) {
            Optional<BookingStore.Position> cursor = after;
            List<BookingStore.Found> found = tx(uow -> store.search(uow, tenant, BookingStore.BookingSearch.ALL,
                    cursor, 2));
            if (found.isEmpty()) {
                break;
            }
            found.forEach(f -> seen.add(f.booking().id()));
            after = Optional.of(found.getLast().position());
        }
        List<BookingStore.Found> all = tx(uow -> store.search(uow, tenant, BookingStore.BookingSearch.ALL,
                Optional.empty(), 10));
        assertThat(seen).containsExactlyElementsOf(all.stream().map(f -> f.booking().id()).toList())
                .containsExactlyInAnyOrder("P1", "P2", "P3", "P4", "P5");
        assertThat(all).extracting(BookingStore.Found::createdAt).isSortedAccordingTo(Comparator
                .reverseOrder());
    }

    @Test
    void aBookingIsStoredAndReadBackAsWritten() {
        StoredBooking booking = held("BK1");
        assertThat(insert(booking)).isTrue();

        assertThat(find(tenant, "BK1")).contains(booking);
        assertThat(lock(tenant, "BK1")).contains(booking);
        assertThat(insert(held("BK1"))).as("the id is taken").isFalse();
    }

    @Test
    void aTransactionThatAnswersARefusalWritesNothingAndReturnsTheRefusal() {
        Rejection refusal = new Rejection(TestRefusal.REFUSED, "changed its mind");

        Outcome<Boolean> outcome = store.transactions().inTransactionUnlessRefused(uow -> {
            store.insert(uow, held("BK1"));
            store.insertDocuments(uow, tenant, "BK1", List.of(ticket(0)));
            return new Outcome.Refused<>(refusal);
        }, RetryPolicy.DEFAULT);

        assertThat(outcome).isEqualTo(new Outcome.Refused<>(refusal));
        assertThat(find(tenant, "BK1")).as("rolled back").isEmpty();
        Set<String> documents = tx(uow -> store.storedDocuments(uow, tenant, List.of(ticket(0).number())));
        assertThat(documents).isEmpty();
        assertThat(store.transactions().inTransactionUnlessRefused(uow -> Outcome.ok(store.insert(uow, held("BK1"))),
                RetryPolicy.DEFAULT)).as("an answer that is not a refusal commits").isEqualTo(Outcome.ok(true));
        assertThat(find(tenant, "BK1")).isPresent();
    }

    private enum TestRefusal implements ErrorCode {
        REFUSED
    }

    @Test
    void anotherTenantSeesNothing() {
        insert(held("BK1"));
        tx(uow -> {
            store.insertDocuments(uow, tenant, "BK1", List.of(ticket(0)));
            return null;
        });

        assertThat(find(otherTenant, "BK1")).isEmpty();
        assertThat(documents(otherTenant, "BK1")).isEmpty();
        assertThat(update(new StoredBooking(otherTenant, "BK1", 2, "PRICED",
                Optional.empty(), Optional.empty(), Map.of()), 1)).isFalse();
        assertThat(find(tenant, "BK1")).contains(held("BK1"));
    }

    @Test
    void anUpdateNeedsTheNextVersionAndNoNewerFencingToken() {
        StoredBooking booking = held("BK1");
        insert(booking);
        StoredBooking priced = booking.next("PRICED", booking.pnr(), booking.deadline(), Map.of("price", "1"));

        assertThat(update(priced, 5)).isTrue();
        StoredBooking issuing = priced.next("ISSUING", priced.pnr(), Optional.empty(), Map.of());
        assertThat(update(issuing, 4)).as("an older lease's token").isFalse();
        assertThat(update(priced, 6)).as("a stale version").isFalse();
        assertThat(find(tenant, "BK1")).contains(priced);

        assertThat(update(issuing, 5)).as("the same lease again").isTrue();
        assertThat(find(tenant, "BK1")).contains(issuing);
    }

    @Test
    void dueFindsBookingsInTheGivenStatesWhoseDeadlinePassed() {
        insert(held("BK1"));
        StoredBooking later = new StoredBooking(tenant, "BK2", 1, "HELD", Optional.empty(),
                Optional.of(NOW.plusSeconds(7200)), Map.of());
        insert(later);
        StoredBooking issued = new StoredBooking(tenant, "BK3", 1, "ISSUED", Optional.empty(),
                Optional.of(NOW), Map.of());
        insert(issued);

        List<BookingRef> due = tx(uow -> store.due(uow, Set.of("HELD", "PRICED"), NOW.plusSeconds(3600), 100));

        assertThat(due).contains(new BookingRef(tenant, "BK1"))
                .doesNotContain(new BookingRef(tenant, "BK2"), new BookingRef(tenant, "BK3"));
    }

    @Test
    void documentsAreStoredOnceAndTheirCouponsUpdated() {
        insert(held("BK1"));
        tx(uow -> {
            store.insertDocuments(uow, tenant, "BK1", List.of(ticket(1), ticket(0)));
            return null;
        });

        assertThat(documents(tenant, "BK1")).containsExactly(ticket(0), ticket(1));
        Set<String> stored = tx(uow -> store.storedDocuments(uow, tenant, List.of(ticket(0).number(),
                ticket(5).number())));
        assertThat(stored).containsExactly(ticket(0).number());
        Set<String> othersStored = tx(uow -> store.storedDocuments(uow, otherTenant, List.of(ticket(0).number())));
        assertThat(othersStored).isEmpty();
        assertThatThrownBy(() -> tx(uow -> {
            store.insertDocuments(uow, tenant, "BK2", List.of(ticket(2), ticket(1)));
            return null;
        })).as("ticket 1 exists");
        assertThat(documents(tenant, "BK2")).as("nothing half-written").isEmpty();

        Document refunded = new Document(ticket(0).number(), DocumentType.TICKET,
                List.of(CouponStatus.REFUNDED, CouponStatus.OPEN));
        tx(uow -> {
            store.updateDocuments(uow, tenant, "BK1", List.of(refunded));
            return null;
        });
        assertThat(documents(tenant, "BK1")).containsExactly(refunded, ticket(1));
        assertThatThrownBy(() -> tx(uow -> {
            store.updateDocuments(uow, tenant, "BK9", List.of(refunded));
            return null;
        })).as("another booking's document").isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aSupplierRequestIsRecordedOncePerIdAndKeyAndSettled() {
        SupplierRequest request = new SupplierRequest(tenant, "R1", "BK1", "ISSUE", Optional.of("key-1"),
                Optional.of(Money.of("6000", "BDT")), SupplierRequest.Status.PENDING, NOW);
        assertThat(record(request)).isTrue();
        assertThat(record(new SupplierRequest(tenant, "R2", "BK1", "ISSUE",
                Optional.of("key-1"), Optional.empty(), SupplierRequest.Status.PENDING, NOW)))
                .as("key taken").isFalse();
        assertThat(record(new SupplierRequest(tenant, "R1", "BK1", "VOID",
                Optional.empty(), Optional.empty(), SupplierRequest.Status.PENDING, NOW))).as("id taken").isFalse();
        SupplierRequest unkeyed = new SupplierRequest(tenant, "R3", "BK1", "VOID", Optional.empty(),
                Optional.empty(), SupplierRequest.Status.PENDING, NOW.plusSeconds(1));
        assertThat(record(unkeyed)).isTrue();

        tx(uow -> {
            store.settleRequest(uow, tenant, "R1", SupplierRequest.Status.UNKNOWN);
            return null;
        });

        SupplierRequest unknown = new SupplierRequest(tenant, "R1", "BK1", "ISSUE", Optional.of("key-1"),
                Optional.of(Money.of("6000", "BDT")), SupplierRequest.Status.UNKNOWN, NOW);
        assertThat(requestByKey(tenant, "key-1")).contains(unknown);
        assertThat(requestByKey(otherTenant, "key-1")).isEmpty();
        List<SupplierRequest> requests = tx(uow -> store.requests(uow, tenant, "BK1"));
        assertThat(requests).containsExactly(unknown, unkeyed);
    }

    @Test
    void keysAndIdsThatDifferOnlyInTrailingSpacesAreDifferent() {
        SupplierRequest plain = new SupplierRequest(tenant, "R1", "BK1", "ISSUE", Optional.of("k"),
                Optional.empty(), SupplierRequest.Status.PENDING, NOW);
        SupplierRequest spaced = new SupplierRequest(tenant, "R1 ", "BK1", "ISSUE", Optional.of("k "),
                Optional.empty(), SupplierRequest.Status.PENDING, NOW.plusSeconds(1));
        assertThat(record(plain)).isTrue();
        assertThat(record(spaced)).as("another id and another key").isTrue();

        assertThat(requestByKey(tenant, "k")).contains(plain);
        assertThat(requestByKey(tenant, "k ")).contains(spaced);
        assertThat(requestByKey(tenant, "k  ")).isEmpty();
        assertThat(insert(held("BK2"))).isTrue();
        assertThat(find(tenant, "BK2 ")).isEmpty();
    }

    @Test
    void outboxEventsCommitOrRollBackWithTheBooking() {
        OutboxEvent issued = new OutboxEvent("ev-" + serial, "booking.issued", tenant, NOW,
                Map.of("bookingId", "BK1", "documents", List.of(ticket(0).number()), "passengers", 2));
        long before = tx(uow -> {
            List<OutboxStore.Stored> all = outbox().read(uow, 0, Integer.MAX_VALUE);
            return all.isEmpty() ? 0L : all.getLast().position();
        });

        assertThatThrownBy(() -> tx(uow -> {
            store.insert(uow, held("BK1"));
            outbox().append(uow, issued);
            throw new IllegalStateException("the supplier call failed");
        })).isInstanceOf(IllegalStateException.class);
        Optional<StoredBooking> rolledBack = find(tenant, "BK1");
        assertThat(rolledBack).isEmpty();
        assertThat(eventsOfTenant(before)).isEmpty();

        tx(uow -> {
            store.insert(uow, held("BK1"));
            return outbox().append(uow, issued);
        });
        assertThat(eventsOfTenant(before)).containsExactly(issued);
    }

    private boolean insert(StoredBooking booking) {
        return tx(uow -> store.insert(uow, booking));
    }

    private boolean update(StoredBooking next, long fencingToken) {
        return tx(uow -> store.update(uow, next, fencingToken));
    }

    private boolean record(SupplierRequest request) {
        return tx(uow -> store.recordRequest(uow, request));
    }

    private Optional<StoredBooking> find(TenantId owner, String id) {
        return tx(uow -> store.find(uow, owner, id));
    }

    private Optional<StoredBooking> lock(TenantId owner, String id) {
        return tx(uow -> store.lock(uow, owner, id));
    }

    private List<Document> documents(TenantId owner, String bookingId) {
        return tx(uow -> store.documents(uow, owner, bookingId));
    }

    private Optional<SupplierRequest> requestByKey(TenantId owner, String key) {
        return tx(uow -> store.requestByKey(uow, owner, key));
    }

    private List<OutboxEvent> eventsOfTenant(long after) {
        return tx(uow -> outbox().read(uow, after, 10_000)).stream()
                .map(OutboxStore.Stored::event)
                .filter(event -> event.tenant().equals(tenant))
                .toList();
    }
}
