package io.travobooks.bench;

import io.travobooks.testkit.TestServices;

import java.util.Optional;

/** The MySQL/MariaDB server and Redis a benchmark runs against, as {@code bench/run} configures them. */
final class BenchServices {
    private BenchServices() {
    }

    static TestServices.MysqlServer mysql() {
        return TestServices.findMysql().orElseThrow(() -> new IllegalStateException(
                "set TRAVO_TEST_MYSQL_URL, TRAVO_TEST_MYSQL_USER and TRAVO_TEST_MYSQL_PASSWORD (bench/run does)"));
    }

    static String redisUri() {
        return Optional.ofNullable(System.getenv("TRAVO_TEST_REDIS_URL")).orElseThrow(() ->
                new IllegalStateException("set TRAVO_TEST_REDIS_URL (bench/run does)"));
    }
}
