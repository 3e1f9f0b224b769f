package io.travobooks.storage.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.travobooks.spi.TransactionRunner;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Handles;
import org.jdbi.v3.core.Jdbi;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * Opens the database: a connection pool, the schema migrated to the current version, and the stores on top.
 * One per process; close it on shutdown.
 */
public final class JdbcStorage implements AutoCloseable {
    private final HikariDataSource dataSource;
    private final StorageConfig config;
    private final AtomicBoolean closing = new AtomicBoolean();
    private final JdbiLedgerStore ledgerStore;
    private final JdbiQueueStore queueStore;
    private final JdbiBookingStore bookingStore;
    private final JdbiOutboxStore outboxStore;
    private final JdbiWebhookStore webhookStore;
    private final JdbiMessageStore messageStore;
    private final JdbiInboxStore inboxStore;
    private final JdbiApprovalStore approvalStore;

    private JdbcStorage(HikariDataSource dataSource, StorageConfig config) {
        this.dataSource = dataSource;
        this.config = config;
        Jdbi jdbi = Jdbi.create(dataSource);
        // Connections are never in auto-commit (see open): transactions end with an explicit commit or rollback.
        jdbi.getConfig(Handles.class).setForceEndTransactions(false);
        JdbiTransactionRunner transactions = new JdbiTransactionRunner(jdbi);
        this.ledgerStore = new JdbiLedgerStore(transactions, config.isMysql());
        this.queueStore = new JdbiQueueStore(transactions);
        this.bookingStore = new JdbiBookingStore(transactions);
        this.outboxStore = new JdbiOutboxStore(queueStore);
        this.webhookStore = new JdbiWebhookStore(transactions);
        this.messageStore = new JdbiMessageStore(transactions);
        this.inboxStore = new JdbiInboxStore(transactions);
        this.approvalStore = new JdbiApprovalStore(transactions);
    }

    public static JdbcStorage open(StorageConfig config) {
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl(config.isMysql() ? withMysqlDefaults(config.jdbcUrl()) : config.jdbcUrl());
        pool.setUsername(config.user());
        pool.setPassword(config.password());
        pool.setMaximumPoolSize(config.maxPoolSize());
        // A caller waits this long for a connection while the database is down, then gets a typed error.
        pool.setConnectionTimeout(CONNECTION_TIMEOUT_MS);
        pool.setPoolName("travobooks");
        // Row locks are taken explicitly (tenant row first); READ COMMITTED avoids InnoDB gap locks between tenants.
        pool.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        // Every use is a transaction: connections start outside auto-commit, so beginning and ending one costs no
        // "SET autocommit" round trips (the pool rolls back whatever a borrower left uncommitted).
        pool.setAutoCommit(false);
        HikariDataSource dataSource = new HikariDataSource(pool);
        try {
            migrate(dataSource, config.isMysql());
            return new JdbcStorage(dataSource, config);
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
    }

    /**
     * Several statements per round trip (a posting batch's writes go at once), server-side prepared statements cached
     * per connection for the fixed-shape ones, and times that travel as wall-clock values without the JVM's zone.
     */
    private static String withMysqlDefaults(String url) {
        String separator = url.contains("?") ? "&" : "?";
        return url + separator + MYSQL_DEFAULTS;
    }

    private static final long CONNECTION_TIMEOUT_MS = 5_000;

    /** Connection properties for MySQL and MariaDB through Connector/J; public so tools can connect the same way. */
    public static final String MYSQL_DEFAULTS = "allowMultiQueries=true&useServerPrepStmts=true&cachePrepStmts=true"
            + "&prepStmtCacheSize=512"
            + "&prepStmtCacheSqlLimit=262144&rewriteBatchedStatements=true&connectionTimeZone=UTC"
            + "&forceConnectionTimeZoneToSession=true&characterEncoding=UTF-8&useLocalSessionState=true"
            + "&useLocalTransactionState=true&cacheServerConfiguration=true&maintainTimeStats=false"
            + "&connectTimeout=" + CONNECTION_TIMEOUT_MS;

    /** The versions of the migrations this build brings (V1__ledger.sql is "1"); a test holds them to the files. */
    static final List<String> COMMON_MIGRATIONS = List.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "10");
    static final List<String> MYSQL_MIGRATIONS = List.of("1.1");

    private static void migrate(DataSource dataSource, boolean mysql) {
        List<String> expected = mysql ? Stream.concat(COMMON_MIGRATIONS.stream(), MYSQL_MIGRATIONS.stream()).toList()
                : COMMON_MIGRATIONS;
        if (!SchemaHistory.hasEvery(dataSource, "flyway_schema_history", expected)) {
            flyway(dataSource, mysql);
        }
        if (mysql) {
            ExactKeyComparison.enforce(dataSource);
        }
    }

    private static void flyway(DataSource dataSource, boolean mysql) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations(mysql
                        ? new String[]{"classpath:db/migration/common", "classpath:db/migration/mysql"}
                        : new String[]{"classpath:db/migration/common"})
                .load()
                .migrate();
    }

    public JdbiLedgerStore ledgerStore() {
        return ledgerStore;
    }

    /** The durable job queue's storage; its transactions are the ledger's, so both can write in one commit. */
    public JdbiQueueStore queueStore() {
        return queueStore;
    }

    /** Bookings, documents and supplier requests; same transactions as the ledger's. */
    public JdbiBookingStore bookingStore() {
        return bookingStore;
    }

    /** The transactional outbox (the queue {@value io.travobooks.spi.outbox.OutboxStore#QUEUE}). */
    public JdbiOutboxStore outboxStore() {
        return outboxStore;
    }

    /** Webhook endpoints, deliveries and their attempts; same transactions as the ledger's. */
    public JdbiWebhookStore webhookStore() {
        return webhookStore;
    }

    /** Delivery status of notification messages; same transactions as the ledger's. */
    public JdbiMessageStore messageStore() {
        return messageStore;
    }

    /** The unified inbox: conversations, their messages and booking links; same transactions as the ledger's. */
    public JdbiInboxStore inboxStore() {
        return inboxStore;
    }

    /** Maker-checker requests and their decisions; same transactions as the ledger's. */
    public JdbiApprovalStore approvalStore() {
        return approvalStore;
    }

    /** The pool. Its connections are not in auto-commit: whoever borrows one commits, or loses the work. */
    public DataSource dataSource() {
        return dataSource;
    }

    /**
     * Closes the pool; an H2 database that H2 does not close at exit ({@link StorageConfig#withoutH2CloseOnExit()})
     * is shut down first, so that it is written out and closed even while connections are out on loan: the pool
     * cannot close those (H2 ignores its {@code abort}), and their uncommitted work is rolled back.
     */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        try {
            if (config.closedByOwnerOnly()) {
                shutDownH2();
            }
        } finally {
            dataSource.close();
        }
    }

    /** On a connection of its own, outside the pool: every one of the pool's may be out on loan. */
    private void shutDownH2() {
        try (Connection connection = DriverManager.getConnection(config.jdbcUrl(), config.user(), config.password());
             Statement statement = connection.createStatement()) {
            statement.execute("SHUTDOWN");
        } catch (SQLException e) {
            throw new TransactionRunner.StorageUnavailableException("could not shut the H2 database down", e);
        }
    }
}
