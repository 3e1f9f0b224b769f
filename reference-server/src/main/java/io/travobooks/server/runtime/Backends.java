package io.travobooks.server.runtime;

import io.travobooks.booking.posting.PostingRules;
import io.travobooks.booking.service.ApprovalPolicy;
import io.travobooks.booking.service.BookingAccounting;
import io.travobooks.booking.service.BookingService;
import io.travobooks.booking.service.BookingServiceOptions;
import io.travobooks.cache.redis.LettuceRedis;
import io.travobooks.cache.redis.RedisConfig;
import io.travobooks.cache.redis.RedisCoordination;
import io.travobooks.embedded.EmbeddedCoordination;
import io.travobooks.ledger.Ledger;
import io.travobooks.ledger.LedgerOptions;
import io.travobooks.server.bookings.BookingReads;
import io.travobooks.server.config.ServerConfig;
import io.travobooks.server.rules.PostingRulesStore;
import io.travobooks.server.rules.TenantPostingRules;
import io.travobooks.spi.Coordination;
import io.travobooks.spi.TenantId;
import io.travobooks.spi.supplier.SupplierGateway;
import io.travobooks.supplier.sim.SimulatedAirline;
import io.travobooks.supplier.sim.SimulationOptions;
import io.travobooks.storage.jdbc.JdbcStorage;
import io.travobooks.storage.jdbc.SchemaHistory;
import io.travobooks.storage.jdbc.StorageConfig;
import org.flywaydb.core.Flyway;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.IntConsumer;
import java.util.stream.Stream;

/**
 * The storage and coordination a server process runs on, opened from its configuration: H2 files and in-JVM
 * coordination by default, MySQL or MariaDB and Redis in production. Closing it closes them in reverse order.
 */
public final class Backends implements AutoCloseable {
    private final JdbcStorage storage;
    private final Coordination coordination;
    private final Optional<RedisCoordination> redis;
    private final Ledger ledger;
    private final ServerDatabase database;
    private final SupplierGateway supplier;
    private final BookingService bookings;
    private final BookingAccounting accounting;
    private final BookingReads bookingReads;
    private final PostingRulesStore postingRules;
    private final TenantPostingRules rulesInForce;
    private final List<BiConsumer<TenantId, String>> bookingChanges = new CopyOnWriteArrayList<>();

    private Backends(JdbcStorage storage, Coordination coordination, Optional<RedisCoordination> redis,
                     ServerConfig.Bookings options, IntConsumer ledgerBatches) {
        this.storage = storage;
        this.coordination = coordination;
        this.redis = redis;
        // The server's workers run the ledger's background passes, so that a process can be told not to run them.
        this.ledger = new Ledger(storage.ledgerStore(), LedgerOptions.defaults().withBackgroundEvery(Duration.ZERO)
                .withBatchObserver(ledgerBatches));
        this.database = new ServerDatabase(storage.ledgerStore().transactions());
        Clock clock = Clock.systemUTC();
        // The simulated airline is the supplier until a real one is configured: it keeps its orders in memory.
        ZoneId zone = options.timeZone();
        this.supplier = new SimulatedAirline(SimulationOptions.builder().seed(clock.millis()).zone(zone).build(),
                clock);
        this.postingRules = new PostingRulesStore(database);
        this.rulesInForce = new TenantPostingRules(postingRules, coordination.hotCache());
        Function<TenantId, PostingRules> rules = rulesInForce;
        this.bookingReads = new BookingReads(coordination.hotCache());
        bookingChanges.add(bookingReads::changed);
        this.bookings = new BookingService(new ChangeTrackingBookingStore(storage.bookingStore(), bookingChanges),
                storage.outboxStore(), ledger,
                coordination.locks(), supplier, rules, approval(options.approvalAboveMinor()), clock,
                BookingServiceOptions.defaults(zone));
        this.accounting = new BookingAccounting(storage.bookingStore(), ledger, rules);
    }

    public static Backends open(ServerConfig config) {
        return open(config, LedgerOptions.UNOBSERVED);
    }

    /** As {@link #open(ServerConfig)}, telling {@code ledgerBatches} how many entries each ledger commit wrote. */
    public static Backends open(ServerConfig config, IntConsumer ledgerBatches) {
        StorageConfig storageConfig = config.database()
                .map(db -> new StorageConfig(db.url(), db.user(), db.password(), db.poolSize()))
                // The server closes the embedded database itself, last of its stop: H2 must not close it earlier.
                .orElseGet(() -> StorageConfig.h2File(config.dataDir()).withoutH2CloseOnExit());
        JdbcStorage storage = JdbcStorage.open(storageConfig);
        try {
            migrate(storage, storageConfig.isMysql());
            Optional<RedisCoordination> redis = config.redis()
                    .map(r -> RedisCoordination.connect(RedisConfig.parse(r.uri(), r.namespace())));
            Coordination coordination = redis.<Coordination>map(r -> r)
                    .orElseGet(() -> EmbeddedCoordination.open(storage.queueStore()));
            return new Backends(storage, coordination, redis, config.bookings(), ledgerBatches);
        } catch (RuntimeException e) {
            throw ShutdownSteps.undoAfter(e, List.of(storage::close));
        }
    }

    /** Issues above the amount wait for a person's approval: the fare of every passenger, taxes included. */
    private static ApprovalPolicy approval(OptionalLong aboveMinor) {
        if (aboveMinor.isEmpty()) {
            return ApprovalPolicy.NEVER;
        }
        return (context, booking) -> booking.fareTotal().minor() > aboveMinor.getAsLong();
    }

    /** The versions of the server's own migrations (db/server); a test holds them to the files. */
    static final List<String> MIGRATIONS = List.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13",
            "14", "15", "16");
    /** Those for MySQL only (db/server-mysql): triggers. */
    static final List<String> MYSQL_MIGRATIONS = List.of("13.1");
    private static final String HISTORY = "server_schema_history";

    /** The server's own tables (API keys, ...), beside the library's, with a schema history of their own. */
    private static void migrate(JdbcStorage storage, boolean mysql) {
        List<String> expected = mysql ? Stream.concat(MIGRATIONS.stream(), MYSQL_MIGRATIONS.stream()).toList()
                : MIGRATIONS;
        if (SchemaHistory.hasEvery(storage.dataSource(), HISTORY, expected)) {
            return; // nothing to do: a start need not load Flyway
        }
        Flyway.configure()
                .dataSource(storage.dataSource())
                .locations(mysql ? new String[]{"classpath:db/server", "classpath:db/server-mysql"}
                        : new String[]{"classpath:db/server"})
                .table(HISTORY)
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
    }

    public JdbcStorage storage() {
        return storage;
    }

    public Coordination coordination() {
        return coordination;
    }

    public Ledger ledger() {
        return ledger;
    }

    public SupplierGateway supplier() {
        return supplier;
    }

    public BookingService bookings() {
        return bookings;
    }

    /**
     * Tells {@code listener} of every booking a transaction wrote, once it has ended (after the cache's drop); a
     * listener that fails is logged and does not keep the others from hearing.
     */
    public void onBookingChange(BiConsumer<TenantId, String> listener) {
        bookingChanges.add(listener);
    }

    public PostingRulesStore postingRules() {
        return postingRules;
    }

    public TenantPostingRules rulesInForce() {
        return rulesInForce;
    }

    public BookingReads bookingReads() {
        return bookingReads;
    }

    public BookingAccounting accounting() {
        return accounting;
    }

    public ServerDatabase database() {
        return database;
    }

    /** Whether the database answers. */
    public boolean databaseUp() {
        try (Connection connection = storage.dataSource().getConnection()) {
            return connection.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    /** Whether Redis answers; true when the server runs without it. */
    public boolean redisUp() {
        return redis.map(r -> {
            try {
                return "PONG".equals(r.redis().sync().ping());
            } catch (RuntimeException e) {
                return false;
            }
        }).orElse(true);
    }

    public boolean usesRedis() {
        return redis.isPresent();
    }

    /** The Redis client, in production mode: the outbox relay copies the outbox to its streams. */
    public Optional<LettuceRedis> redisClient() {
        return redis.map(RedisCoordination::redis);
    }

    @Override
    public void close() {
        ShutdownSteps.runAll(List.of(ledger::close, coordination::close, storage::close));
    }
}
