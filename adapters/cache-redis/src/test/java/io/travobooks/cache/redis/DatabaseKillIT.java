package io.travobooks.cache.redis;

import io.travobooks.booking.BookingState;
import io.travobooks.booking.posting.PostingRuleTemplates;
import io.travobooks.booking.service.ApprovalPolicy;
import io.travobooks.booking.service.Booking;
import io.travobooks.booking.service.BookingService;
import io.travobooks.booking.service.BookingTerms;
import io.travobooks.ledger.AuditTrail;
import io.travobooks.ledger.ChartTemplates;
import io.travobooks.ledger.JournalEntry;
import io.travobooks.ledger.Ledger;
import io.travobooks.ledger.LedgerOptions;
import io.travobooks.ledger.PostResult;
import io.travobooks.spi.EntryId;
import io.travobooks.spi.Outcome;
import io.travobooks.spi.RequestContext;
import io.travobooks.spi.TransactionRunner.StorageUnavailableException;
import io.travobooks.spi.outbox.OutboxEvent;
import io.travobooks.spi.outbox.OutboxStore;
import io.travobooks.spi.supplier.Passenger;
import io.travobooks.spi.supplier.SupplierOrder;
import io.travobooks.spi.supplier.SupplierResult;
import io.travobooks.spi.travel.Document;
import io.travobooks.storage.jdbc.JdbcStorage;
import io.travobooks.storage.jdbc.StorageConfig;
import io.travobooks.supplier.sim.SimulatedAirline;
import io.travobooks.supplier.sim.SimulationOptions;
import io.travobooks.testkit.MariaDbServers;
import io.travobooks.testkit.TestServices;
import io.travobooks.testkit.ledger.LedgerFixture;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The database dying under load: a private MariaDB (its own data directory and port) is killed with SIGKILL while
 * threads post journal entries and issue bookings, and started again on the same data. Every acknowledged entry,
 * ticket and event must be there and nothing unacknowledged half there; callers get a typed error while it is down;
 * the pool and the workers recover in the same JVM; a booking caught between the airline's answer and the commit
 * is settled by the reconciler.
 */
class DatabaseKillIT {
    private static final int POSTERS = 4;
    private static final int ISSUERS = 4;
    private static final LocalDate DAY = LocalDate.of(2026, 3, 10);
    private static final Duration PATIENCE = Duration.ofSeconds(120);

    /** What the workers saw: acknowledged work, typed failures, refusals, and anything else thrown. */
    private static final class Seen {
        final Set<String> postedIds = ConcurrentHashMap.newKeySet();
        final Map<String, List<String>> issued = new ConcurrentHashMap<>();
        final Set<String> attempted = ConcurrentHashMap.newKeySet();
        final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
        final List<Throwable> untyped = Collections.synchronizedList(new ArrayList<>());
        final Map<String, AtomicInteger> refusals = new ConcurrentHashMap<>();

        @Override
        public String toString() {
            return postedIds.size() + " entries and " + issued.size() + " issues acknowledged, failures "
                    + failures + ", refusals " + refusals + ", untyped " + untyped.size();
        }

        void failed(RuntimeException e) {
            if (e instanceof StorageUnavailableException) {
                failures.computeIfAbsent(e.getClass().getSimpleName(), k -> new AtomicInteger()).incrementAndGet();
            } else {
                untyped.add(e);
            }
        }

        int failureCount() {
            return failures.values().stream().mapToInt(AtomicInteger::get).sum();
        }
    }

    @Test
    void acknowledgedWorkSurvivesTheDatabaseKilledUnderLoad() throws Exception {
        String redisUri = TestServices.requireRedis();
        try (MariaDbServers.Server db = MariaDbServers.create();
             LettuceRedis redis = LettuceRedis.connect(RedisConfig.parse(redisUri))) {
            String namespace = "test-dbkill-" + UUID.randomUUID();
            JdbcStorage storage = JdbcStorage.open(StorageConfig.mysql(db.jdbcUrl(), "travo", "travo")
                    .withMaxPoolSize(16));
            Ledger ledger = new Ledger(storage.ledgerStore(), LedgerOptions.defaults()
                    .withBackgroundEvery(Duration.ZERO));
            SimulatedAirline airline = new SimulatedAirline(SimulationOptions.emiratesDhaka(42), Clock.systemUTC());
            BookingService service = new BookingService(storage.bookingStore(), storage.outboxStore(), ledger,
                    new LettuceLockManager(redis.inNamespace(namespace)), airline,
                    tenant -> PostingRuleTemplates.travelAgency(), ApprovalPolicy.NEVER, Clock.systemUTC(),
                    CrashingIssuer.options());
            RequestContext context = RequestContext.of(LedgerFixture.newTenantId(), "db-kill");
            ledger.createTenant(context.tenant(), LedgerFixture.BDT).orThrow();
            ledger.chart().openAll(context, ChartTemplates.travelAgency()).orThrow();
            String offer = airline.search("DAC", "DXB", LocalDate.of(2026, 4, 2)).getFirst().offerId();
            BookingTerms terms = BookingTerms.bspAgent(LedgerFixture.bdt("2800"), LedgerFixture.bdt("1000"),
                    LedgerFixture.bdt("150"));

            Seen seen = new Seen();
            AtomicBoolean running = new AtomicBoolean(true);
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < POSTERS; t++) {
                String prefix = "p" + t + "-";
                workers.add(Thread.ofPlatform().daemon().start(() -> {
                    for (int n = 0; running.get(); n++) {
                        String id = prefix + n;
                        try {
                            PostResult result = ledger.post(context, JournalEntry.builder(id, DAY)
                                    .description("load " + id).line(LedgerFixture.dr("1000", "1"))
                                    .line(LedgerFixture.cr("4300", "1")).build());
                            if (result instanceof PostResult.Posted) {
                                seen.postedIds.add(id);
                            }
                        } catch (RuntimeException e) {
                            seen.failed(e);
                        }
                    }
                }));
            }
            for (int t = 0; t < ISSUERS; t++) {
                String prefix = "K" + t + "-";
                workers.add(Thread.ofPlatform().daemon().start(() -> {
                    for (int n = 0; running.get(); n++) {
                        String id = prefix + n;
                        seen.attempted.add(id);
                        try {
                            Booking held = service.hold(context, id, offer, List.of(new Passenger("RAHIM", "UDDIN")),
                                    terms).flatMap(booking -> service.price(context, id)).orThrow();
                            switch (service.issue(context, held.id(), "key-" + id)) {
                                case Outcome.Ok<Booking> issued -> seen.issued.put(id,
                                        issued.value().documents().stream().map(Document::number).toList());
                                case Outcome.Refused<Booking> refused -> seen.refusals.computeIfAbsent(
                                        refused.rejection().code().toString(), k -> new AtomicInteger()).incrementAndGet();
                            }
                        } catch (StorageUnavailableException e) {
                            seen.failed(e);
                        } catch (IllegalStateException refused) {
                            // a hold or price refused (orThrow): counted by its code, checked below
                            seen.refusals.computeIfAbsent(String.valueOf(refused.getMessage()).split(":")[0],
                                    k -> new AtomicInteger()).incrementAndGet();
                        } catch (RuntimeException e) {
                            seen.failed(e);
                        }
                    }
                }));
            }

            try {
                awaitUntil(() -> seen.postedIds.size() >= 300 && seen.issued.size() >= 20, "work before the kill",
                        seen);
                db.kill();
                int postedBefore = seen.postedIds.size();
                int issuedBefore = seen.issued.size();
                awaitUntil(() -> seen.failureCount() >= POSTERS + ISSUERS, "callers told the database is down", seen);
                db.start();
                awaitUntil(() -> seen.postedIds.size() >= postedBefore + 300
                        && seen.issued.size() >= issuedBefore + 20, "work after the restart, in the same JVM", seen);
            } finally {
                running.set(false);
                for (Thread worker : workers) {
                    worker.join(PATIENCE.toMillis());
                }
            }
            assertThat(workers).as("no worker hangs").noneMatch(Thread::isAlive);
            assertThat(seen.refusals.keySet()).as("refusals are the service's typed answers")
                    .allMatch(code -> code.startsWith("BOOKING_"));

            assertThat(seen.untyped).as("every failure while the database was down is typed").isEmpty();
            assertThat(seen.failureCount()).isPositive();

            // A booking caught between the airline's answer and the commit is ISSUING: the reconciler settles it.
            Thread.sleep(CrashingIssuer.ISSUING_GRACE.plusMillis(500).toMillis());
            service.reconciler().reconcileDue(10_000);

            for (String id : seen.postedIds) {
                assertThat(ledger.entry(context, EntryId.of(id))).as("acknowledged entry " + id).isPresent();
            }
            ledger.audit().chain(context.tenant());
            assertThat(ledger.audit().verify(context.tenant())).as("no entry half there, projections = lines")
                    .isInstanceOf(AuditTrail.Verification.Intact.class);
            assertThat(ledger.reports().trialBalance(context, DAY.plusYears(1)).balanced()).isTrue();

            Map<String, Long> issuedEvents = storage.bookingStore().transactions().inTransaction(uow ->
                            storage.outboxStore().read(uow, 0, Integer.MAX_VALUE)).stream()
                    .map(OutboxStore.Stored::event)
                    .filter(event -> event.tenant().equals(context.tenant()) && event.type().equals("booking.issued"))
                    .collect(Collectors.groupingBy(DatabaseKillIT::bookingOf, Collectors.counting()));
            for (String id : seen.attempted) {
                Booking booking = service.find(context, id).orElse(null);
                if (booking == null) {
                    continue; // the hold never reached the database
                }
                SupplierOrder order = ((SupplierResult.Success<SupplierOrder>) airline.retrieve(booking.pnr()))
                        .value();
                assertThat(booking.status().state()).as(id + " settled")
                        .isNotIn(BookingState.ISSUING, BookingState.ISSUE_UNKNOWN);
                if (booking.status().state() == BookingState.ISSUED) {
                    assertThat(booking.documents()).as(id).isEqualTo(order.documents());
                    assertThat(issuedEvents.get(id)).as(id + " published once").isEqualTo(1L);
                    for (Document document : booking.documents()) {
                        assertThat(ledger.entry(context, EntryId.of(id + ".IS." + document.number() + ".0")))
                                .as(id + " posted").isPresent();
                    }
                } else {
                    assertThat(order.documents()).as(id + " never ticketed").isEmpty();
                    assertThat(issuedEvents).doesNotContainKey(id);
                }
            }
            seen.issued.forEach((id, tickets) -> assertThat(service.find(context, id).orElseThrow().documents())
                    .extracting(Document::number).as("acknowledged tickets of " + id).isEqualTo(tickets));
            System.out.printf("database kill: %d entries and %d issues acknowledged, %d typed failures%n",
                    seen.postedIds.size(), seen.issued.size(), seen.failureCount());

            ledger.close();
            storage.close();
            RedisContracts.deleteNamespace(redis, namespace);
        }
    }

    private static String bookingOf(OutboxEvent event) {
        return String.valueOf(event.data().get("bookingId"));
    }

    private static void awaitUntil(BooleanSupplier condition, String what, Seen seen) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + what + " within " + PATIENCE + ": " + seen);
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }
}
