package io.travobooks.server.support;

import io.travobooks.messaging.webhook.AddressRange;
import io.travobooks.server.ReferenceServer;
import io.travobooks.server.config.Limits;
import io.travobooks.server.config.ServerConfig;
import io.travobooks.storage.jdbc.StorageConfig;
import io.travobooks.testkit.TestServices;
import io.travobooks.testkit.TestZones;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * A reference server on a real socket for a test, without background workers unless a test starts its own: on an
 * H2 database of its own, or on a MariaDB database and a Redis namespace of its own. Its first tenant is
 * {@link #TENANT}, in taka, with the operator key the first start made.
 */
public final class TestServer implements AutoCloseable {
    public static final String TENANT = "agency-a";
    /** One passenger's fare issues at once; two passengers' wait for approval. */
    public static final long APPROVAL_ABOVE_MINOR = 6_000_000;
    /** The agency's zone, in which void windows and entry dates are days (see {@link TestZones}). */
    public static final ZoneId AGENCY_ZONE = TestZones.MIDDAY;
    /** The generated tests send hundreds of bad keys from one address: high enough not to throttle them. */
    public static final int AUTH_FAILURES_PER_MINUTE = 100_000;

    /** Every node of a production-mode test shares one secret key, as a deployment's nodes do. */
    private static final Optional<String> SHARED_KEY = Optional.of("q7cQh1m6n0eVh2fX0pYw3a9k5Zt8bR4uL1sD6gJ2vW0=");

    /** The secret the SMS provider (configured, and never reached) signs its delivery callbacks with. */
    public static final String SMS_CALLBACK_SECRET = "sms-callback-secret-for-tests";

    private final ReferenceServer server;
    private final Path mailDir;
    private final Runnable cleanup;
    private final AtomicBoolean closed = new AtomicBoolean();
    private Optional<LocalOidcProvider> oidc = Optional.empty();

    private TestServer(ServerConfig config, Runnable cleanup) {
        this.server = ReferenceServer.start(config);
        this.mailDir = config.messaging().mailDir();
        this.cleanup = cleanup;
    }

    public static TestServer h2() {
        return h2(new ServerConfig.Process(ServerConfig.Role.ALL, Set.of(), Duration.ofSeconds(1)));
    }

    /** On H2, as a process of this role with these workers. */
    public static TestServer h2(ServerConfig.Process process) {
        return h2(process, AUTH_FAILURES_PER_MINUTE);
    }

    /** On H2, answering 429 to an address after {@code authFailuresPerMinute} bad keys. */
    public static TestServer h2(ServerConfig.Process process, int authFailuresPerMinute) {
        String url = StorageConfig.h2Memory("srv_" + unique()).jdbcUrl();
        return new TestServer(config(new ServerConfig.Database(url, "sa", "", 8), Optional.empty(), process,
                authFailuresPerMinute), () -> { });
    }

    /** On H2, with these rate limits (the others' are too high to be reached). */
    public static TestServer h2(Limits limits) {
        String url = StorageConfig.h2Memory("srv_" + unique()).jdbcUrl();
        return new TestServer(config(new ServerConfig.Database(url, "sa", "", 8), Optional.empty(),
                new ServerConfig.Process(ServerConfig.Role.ALL, Set.of(), Duration.ofSeconds(1)),
                AUTH_FAILURES_PER_MINUTE, limits, ServerConfig.Web.PLAIN, Optional.empty()), () -> { });
    }

    /** On H2, with this TLS and these CORS origins. */
    public static TestServer h2(ServerConfig.Web web) {
        String url = StorageConfig.h2Memory("srv_" + unique()).jdbcUrl();
        return new TestServer(config(new ServerConfig.Database(url, "sa", "", 8), Optional.empty(),
                new ServerConfig.Process(ServerConfig.Role.ALL, Set.of(), Duration.ofSeconds(1)),
                AUTH_FAILURES_PER_MINUTE, Limits.UNLIMITED, web, Optional.empty()), () -> { });
    }

    /** On H2, signing people in through a provider of its own too ({@link #oidc()}). */
    public static TestServer h2WithOidc() {
        return withOidc(oidc -> h2(Optional.of(oidc)));
    }

    /** On H2, signing people in through this OpenID Connect provider too (one that may be away). */
    public static TestServer h2(Optional<ServerConfig.Oidc> oidc) {
        String url = StorageConfig.h2Memory("srv_" + unique()).jdbcUrl();
        return new TestServer(config(new ServerConfig.Database(url, "sa", "", 8), Optional.empty(),
                new ServerConfig.Process(ServerConfig.Role.ALL, Set.of(), Duration.ofSeconds(1)),
                AUTH_FAILURES_PER_MINUTE, Limits.UNLIMITED, ServerConfig.Web.PLAIN, oidc), () -> { });
    }

    /** Production mode, signing people in through a provider of its own too ({@link #oidc()}). */
    public static TestServer mariaDbRedisWithOidc() {
        return withOidc(oidc -> mariaDbRedis(Optional.of(oidc)));
    }

    private static TestServer withOidc(Function<ServerConfig.Oidc, TestServer> start) {
        LocalOidcProvider provider = new LocalOidcProvider();
        try {
            TestServer server = start.apply(provider.settings());
            server.oidc = Optional.of(provider);
            return server;
        } catch (RuntimeException e) {
            provider.close();
            throw e;
        }
    }

    /** Production mode: MariaDB and Redis (skipped, or failed in CI, when they are not configured). */
    public static TestServer mariaDbRedis() {
        return mariaDbRedis(Optional.empty());
    }

    private static TestServer mariaDbRedis(Optional<ServerConfig.Oidc> oidc) {
        TestServices.MysqlServer mysql = TestServices.requireMysql();
        String redis = TestServices.requireRedis();
        String url = mysql.createDatabase("travo_srv");
        return new TestServer(config(new ServerConfig.Database(url, mysql.user(), mysql.password(), 16),
                Optional.of(new ServerConfig.Redis(redis, "srv-" + unique())),
                new ServerConfig.Process(ServerConfig.Role.ALL, Set.of(), Duration.ofSeconds(1)),
                AUTH_FAILURES_PER_MINUTE, Limits.UNLIMITED, ServerConfig.Web.PLAIN, oidc),
                () -> mysql.dropDatabase(url));
    }

    /**
     * Several server processes' worth of nodes on one MariaDB database and one Redis namespace, as a production
     * deployment runs them; the first node's close drops the database.
     */
    public static List<TestServer> mariaDbRedisNodes(int count) {
        return mariaDbRedisNodes(Collections.nCopies(count, new ServerConfig.Process(ServerConfig.Role.ALL, Set.of(),
                Duration.ofSeconds(1))));
    }

    /** One node per process setting (its role and workers), as {@link #mariaDbRedisNodes(int)} starts them. */
    public static List<TestServer> mariaDbRedisNodes(List<ServerConfig.Process> processes) {
        TestServices.MysqlServer mysql = TestServices.requireMysql();
        String redis = TestServices.requireRedis();
        String url = mysql.createDatabase("travo_srv");
        ServerConfig.Redis namespace = new ServerConfig.Redis(redis, "srv-" + unique());
        List<TestServer> nodes = new ArrayList<>();
        for (int i = 0; i < processes.size(); i++) {
            Runnable cleanup = i == 0 ? () -> mysql.dropDatabase(url) : () -> { };
            nodes.add(new TestServer(config(new ServerConfig.Database(url, mysql.user(), mysql.password(), 16),
                    Optional.of(namespace), processes.get(i), AUTH_FAILURES_PER_MINUTE), cleanup));
        }
        return nodes;
    }

    private static ServerConfig config(ServerConfig.Database database, Optional<ServerConfig.Redis> redis,
                                       ServerConfig.Process process, int authFailuresPerMinute) {
        return config(database, redis, process, authFailuresPerMinute, Limits.UNLIMITED, ServerConfig.Web.PLAIN,
                Optional.empty());
    }

    private static ServerConfig config(ServerConfig.Database database, Optional<ServerConfig.Redis> redis,
                                       ServerConfig.Process process, int authFailuresPerMinute, Limits limits,
                                       ServerConfig.Web web, Optional<ServerConfig.Oidc> oidc) {
        return new ServerConfig("127.0.0.1", 0, 1 << 20, authFailuresPerMinute, Path.of("target", "unused-data"),
                Optional.of(database), redis, new ServerConfig.Bookings(AGENCY_ZONE,
                        OptionalLong.of(APPROVAL_ABOVE_MINOR)),
                // Webhooks to receivers on this machine, email into a folder of this server's own.
                new ServerConfig.Messaging(List.of(AddressRange.parse("127.0.0.0/8")),
                        Path.of("target", "mail", unique()), Optional.empty(),
                        Optional.of(new ServerConfig.HttpProvider(URI.create("http://127.0.0.1:9/sms"),
                                Optional.empty(), Optional.of(SMS_CALLBACK_SECRET))), Optional.empty()),
                process,
                new ServerConfig.Bootstrap(TENANT, Currency.getInstance("BDT"), Optional.empty(),
                        ServerConfig.Bootstrap.DEFAULT_ADMIN_EMAIL, Optional.empty()), limits,
                new ServerConfig.Security(redis.isPresent() ? SHARED_KEY : Optional.empty(), false, oidc), web);
    }

    private static String unique() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    /** The key the first start made: every scope, including opening tenants. */
    public String operatorKey() {
        return server.firstKey().orElseThrow().secret().value();
    }

    /** Where this server writes the email it sends (no SMTP relay is configured). */
    public Path mailDir() {
        return mailDir;
    }

    public ReferenceServer server() {
        return server;
    }

    /** Stops the server and cleans up after it, once: a test may stop it early to see what a stop does. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        server.close();
        oidc.ifPresent(LocalOidcProvider::close);
        cleanup.run();
    }

    /** The OpenID Connect provider this server signs people in through, when it was started with one. */
    public Optional<LocalOidcProvider> oidc() {
        return oidc;
    }
}
