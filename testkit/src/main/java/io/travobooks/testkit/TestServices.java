package io.travobooks.testkit;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How tests find the real services they need: environment variables first ({@code TRAVO_TEST_MYSQL_URL},
 * {@code TRAVO_TEST_MYSQL_USER}, {@code TRAVO_TEST_MYSQL_PASSWORD}, {@code TRAVO_TEST_REDIS_URL}); otherwise the test is skipped loudly, and
 * when {@code TRAVO_REQUIRE_SERVICES=true} (CI sets it) a missing service fails the test instead.
 *
 * <p>Testcontainers would be the next fallback on machines with a Docker engine; none of ours has one.
 */
public final class TestServices {
    public static final String MYSQL_URL = "TRAVO_TEST_MYSQL_URL";
    public static final String MYSQL_USER = "TRAVO_TEST_MYSQL_USER";
    public static final String MYSQL_PASSWORD = "TRAVO_TEST_MYSQL_PASSWORD";
    public static final String REDIS_URL = "TRAVO_TEST_REDIS_URL";
    public static final String REQUIRE_SERVICES = "TRAVO_REQUIRE_SERVICES";

    private TestServices() {
    }

    /** A MySQL or MariaDB server reachable with a user that may create databases. */
    public record MysqlServer(String serverUrl, String user, String password) {

        /** Creates an empty database with a unique name and returns its JDBC URL. */
        public String createDatabase(String prefix) {
            String name = prefix + "_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
            execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
            return databaseUrl(name);
        }

        public void dropDatabase(String jdbcUrl) {
            String path = jdbcUrl.substring(jdbcUrl.indexOf("//") + 2);
            String name = path.substring(path.indexOf('/') + 1).split("[?;]")[0];
            execute("DROP DATABASE IF EXISTS " + name);
        }

        private String databaseUrl(String name) {
            int query = serverUrl.indexOf('?');
            String base = query < 0 ? serverUrl : serverUrl.substring(0, query);
            String params = query < 0 ? "" : serverUrl.substring(query);
            base = base.endsWith("/") ? base : base + "/";
            return base + name + params;
        }

        private void execute(String sql) {
            try (Connection connection = DriverManager.getConnection(serverUrl, user, password);
                 Statement statement = connection.createStatement()) {
                statement.execute(sql);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot run '" + sql + "' on " + serverUrl, e);
            }
        }
    }

    public static Optional<MysqlServer> findMysql() {
        return env(MYSQL_URL).map(url -> new MysqlServer(url, env(MYSQL_USER).orElse("root"),
                env(MYSQL_PASSWORD).orElse("")));
    }

    /** The MySQL server, or a skipped test (a failed one in CI). */
    public static MysqlServer requireMysql() {
        return findMysql().orElseGet(() -> {
            missing("MySQL/MariaDB", MYSQL_URL + " (for example jdbc:mysql://127.0.0.1:3306/)");
            return null;
        });
    }

    /** The shared Redis server's URI (tests keep to keys under a namespace of their own), or a skipped test. */
    public static String requireRedis() {
        return env(REDIS_URL).orElseGet(() -> {
            missing("Redis", REDIS_URL + " (for example redis://127.0.0.1:6379)");
            return null;
        });
    }

    /**
     * The executable's path, found on the PATH or in the system directories a root shell has on it; else skips the
     * test (fails it where services are required).
     */
    public static Path requireExecutable(String binary, String install) {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
        dirs.addAll(List.of("/usr/sbin", "/usr/local/sbin", "/sbin"));
        Optional<Path> found = dirs.stream().filter(dir -> !dir.isBlank()).map(dir -> Path.of(dir, binary))
                .filter(Files::isExecutable).findFirst();
        if (found.isEmpty()) {
            missing(binary, "PATH (" + install + ")");
        }
        return found.orElseThrow();
    }

    static void missing(String service, String variable) {
        String message = service + " is not configured: set " + variable + " to run this test";
        if (env(REQUIRE_SERVICES).map(Boolean::parseBoolean).orElse(false)) {
            Assertions.fail(message + " (" + REQUIRE_SERVICES + " is true, so a skip is a failure)");
        }
        System.err.println("SKIPPED, NOT RUN: " + message);
        Assumptions.abort(message);
    }

    private static Optional<String> env(String name) {
        return Optional.ofNullable(System.getenv(name)).filter(value -> !value.isBlank());
    }
}
