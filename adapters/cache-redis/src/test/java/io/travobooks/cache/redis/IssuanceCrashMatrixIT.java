package io.travobooks.cache.redis;

import io.travobooks.booking.BookingState;
import io.travobooks.booking.posting.PostingRuleTemplates;
import io.travobooks.booking.service.ApprovalPolicy;
import io.travobooks.booking.service.Booking;
import io.travobooks.booking.service.BookingService;
import io.travobooks.booking.service.BookingTerms;
import io.travobooks.ledger.ChartTemplates;
import io.travobooks.ledger.Ledger;
import io.travobooks.spi.AccountId;
import io.travobooks.spi.EntryId;
import io.travobooks.spi.Money;
import io.travobooks.spi.RequestContext;
import io.travobooks.spi.outbox.OutboxStore;
import io.travobooks.spi.supplier.Passenger;
import io.travobooks.spi.supplier.SupplierOrder;
import io.travobooks.spi.supplier.SupplierResult;
import io.travobooks.spi.travel.Document;
import io.travobooks.storage.jdbc.JdbcStorage;
import io.travobooks.storage.jdbc.StorageConfig;
import io.travobooks.supplier.sim.SimulatedAirline;
import io.travobooks.supplier.sim.SimulationOptions;
import io.travobooks.supplier.sim.SupplierHttpServer;
import io.travobooks.testkit.TestServices;
import io.travobooks.testkit.ledger.LedgerFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The crash matrix: a child JVM issues a booking on MariaDB with Redis locks and is killed with SIGKILL at each
 * boundary of the issuance saga, while the airline (the simulator, served over HTTP from this JVM) keeps what it did.
 * Then a fresh service (the restart) makes one reconciler pass: exactly one set of tickets, one issue entry per
 * ticket, the booking ISSUED when the airline issued (ISSUE_FAILED when the request was recorded but never sent,
 * still PRICED when nothing was recorded), and {@code booking.issued} in the outbox once. Where the airline never
 * issued, issuing again afterwards issues once.
 */
class IssuanceCrashMatrixIT {
    private static final Passenger RAHIM = new Passenger("RAHIM", "UDDIN");
    private static final Passenger KARIM = new Passenger("KARIM", "UDDIN");

    /** Where the issuer dies: a step of the saga, or inside the airline's call after it issued. */
    enum Crash {
        LOCKED, REQUEST_RECORDED, AIRLINE_ISSUED, SUPPLIER_ANSWERED, ISSUE_WRITTEN, ISSUE_COMMITTED
    }

    private static TestServices.MysqlServer server;
    private static String url;
    private static JdbcStorage storage;
    private static LettuceRedis redis;
    private static String redisUri;
    private static String namespace;
    private static SimulatedAirline airline;
    private static SupplierHttpServer supplierServer;
    private static Ledger ledger;

    @BeforeAll
    static void open() {
        server = TestServices.requireMysql();
        url = server.createDatabase("travo_crash");
        storage = JdbcStorage.open(StorageConfig.mysql(url, server.user(), server.password()));
        redisUri = TestServices.requireRedis();
        redis = LettuceRedis.connect(RedisConfig.parse(redisUri));
        namespace = "test-crash-" + UUID.randomUUID();
        airline = new SimulatedAirline(SimulationOptions.emiratesDhaka(99), Clock.systemUTC());
        supplierServer = SupplierHttpServer.start(airline);
        ledger = Ledger.open(storage.ledgerStore());
    }

    @AfterAll
    static void close() {
        if (supplierServer != null) {
            supplierServer.close();
        }
        if (ledger != null) {
            ledger.close();
        }
        if (redis != null) {
            RedisContracts.deleteNamespace(redis, namespace);
            redis.close();
        }
        if (storage != null) {
            storage.close();
            server.dropDatabase(url);
        }
    }

    /** A service as a freshly started process has it: nothing in memory but what the stores and the airline hold. */
    private static BookingService freshService() {
        return new BookingService(storage.bookingStore(), storage.outboxStore(), ledger,
                new LettuceLockManager(redis.inNamespace(namespace)), airline,
                tenant -> PostingRuleTemplates.travelAgency(), ApprovalPolicy.NEVER, Clock.systemUTC(),
                CrashingIssuer.options());
    }

    @ParameterizedTest
    @EnumSource(Crash.class)
    void anIssuerKilledAtAnyStepLeavesExactlyOneIssuance(Crash crash) throws Exception {
        RequestContext context = RequestContext.of(LedgerFixture.newTenantId(), "crash-test");
        ledger.createTenant(context.tenant(), LedgerFixture.BDT).orThrow();
        ledger.chart().openAll(context, ChartTemplates.travelAgency()).orThrow();
        BookingService before = freshService();
        String offer = airline.search("DAC", "DXB", LocalDate.of(2026, 4, 2)).getFirst().offerId();
        BookingTerms terms = BookingTerms.bspAgent(LedgerFixture.bdt("2800"), LedgerFixture.bdt("1000"),
                LedgerFixture.bdt("150"));
        Booking priced = before.hold(context, "BK1", offer, List.of(RAHIM, KARIM), terms)
                .flatMap(held -> before.price(context, "BK1")).orThrow();

        killIssuerAt(crash, context);

        Thread.sleep(CrashingIssuer.ISSUING_GRACE.plusMillis(500)); // the dead issuer's lease and grace pass
        BookingService restarted = freshService();
        restarted.reconciler().reconcileDue(1_000);

        Booking after = restarted.find(context, "BK1").orElseThrow();
        SupplierOrder order = ((SupplierResult.Success<SupplierOrder>) airline.retrieve(priced.pnr())).value();
        BookingState expected = switch (crash) {
            case LOCKED -> BookingState.PRICED;
            case REQUEST_RECORDED -> BookingState.ISSUE_FAILED;
            default -> BookingState.ISSUED;
        };
        assertThat(after.status().state()).as("after " + crash).isEqualTo(expected);
        if (expected == BookingState.ISSUED) {
            assertOneIssuance(context, after, order);
            return;
        }
        assertThat(after.documents()).isEmpty();
        assertThat(order.issueRequestIds()).as("the airline never saw an issue request").isEmpty();
        assertThat(payable(context)).isEqualTo(LedgerFixture.bdt("0"));
        assertThat(issuedEvents(context)).isZero();

        String key = crash == Crash.LOCKED ? "key-1" : "key-2"; // a failed request's key stays with its failure
        Booking issued = restarted.issue(context, "BK1", key).orThrow();
        SupplierOrder reissued = ((SupplierResult.Success<SupplierOrder>) airline.retrieve(priced.pnr())).value();
        assertOneIssuance(context, issued, reissued);
    }

    private static void assertOneIssuance(RequestContext context, Booking booking, SupplierOrder order) {
        assertThat(booking.status().state()).isEqualTo(BookingState.ISSUED);
        assertThat(order.issueRequestIds()).hasSize(1);
        assertThat(booking.documents()).hasSize(2).isEqualTo(order.documents());
        // docs/accounting.md: 51,200 BSP payable per ticket, once per ticket
        assertThat(payable(context)).isEqualTo(LedgerFixture.bdt("102400"));
        for (Document document : booking.documents()) {
            assertThat(ledger.entry(context, EntryId.of("BK1.IS." + document.number() + ".0"))).isPresent();
        }
        assertThat(issuedEvents(context)).isEqualTo(1);
    }

    private static Money payable(RequestContext context) {
        return ledger.balance(context, AccountId.of("2100"), LedgerFixture.BDT).map(b -> b.posted())
                .orElse(LedgerFixture.bdt("0"));
    }

    private static long issuedEvents(RequestContext context) {
        return storage.bookingStore().transactions().inTransaction(uow ->
                        storage.outboxStore().read(uow, 0, Integer.MAX_VALUE)).stream()
                .map(OutboxStore.Stored::event)
                .filter(event -> event.tenant().equals(context.tenant()) && event.type().equals("booking.issued"))
                .count();
    }

    /** Runs the issuer in a child JVM and kills it with SIGKILL at {@code crash}. */
    private static void killIssuerAt(Crash crash, RequestContext context) throws Exception {
        String step = crash == Crash.AIRLINE_ISSUED ? "NONE" : crash.name();
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CrashingIssuer.class.getName(),
                url, server.user(), server.password(), redisUri, namespace, supplierServer.uri().toString(),
                context.tenant().value(), "BK1", "key-1", step)
                .redirectErrorStream(true)
                .start();
        try {
            if (crash == Crash.AIRLINE_ISSUED) {
                supplierServer.observe((method, arguments, result) -> {
                    if (method.equals("issue")) {
                        child.destroyForcibly(); // the airline issued; its answer never reaches the issuer
                        waitQuietly(child);
                    }
                });
            }
            String seen = readUntilMarker(child);
            if (crash != Crash.AIRLINE_ISSUED) {
                assertThat(seen).as("the issuer reached " + crash).isEqualTo(CrashingIssuer.MARKER + crash);
                child.destroyForcibly();
            }
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(137);
        } finally {
            supplierServer.observe((method, arguments, result) -> { });
            child.destroyForcibly();
        }
    }

    /** Copies the child's output to ours until the marker line, which it returns (null when the child ended). */
    private static String readUntilMarker(Process child) throws Exception {
        BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8));
        String line;
        while ((line = lines.readLine()) != null) {
            System.out.println("[issuer] " + line);
            if (line.startsWith(CrashingIssuer.MARKER)) {
                return line;
            }
        }
        return null;
    }

    private static void waitQuietly(Process process) {
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
