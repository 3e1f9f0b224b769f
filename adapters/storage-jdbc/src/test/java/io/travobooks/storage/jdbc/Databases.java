package io.travobooks.storage.jdbc;

import io.travobooks.testkit.TestServices;

/**
 * One database per engine for the whole test JVM: tests isolate themselves by tenant, which is how production
 * isolates partners too. The MariaDB database is created fresh and dropped when the JVM exits.
 */
final class Databases {
    private static JdbcStorage h2;
    private static JdbcStorage mysql;
    private static String mysqlUrl;

    private Databases() {
    }

    static synchronized JdbcStorage h2() {
        if (h2 == null) {
            h2 = JdbcStorage.open(StorageConfig.h2Memory("travo_test"));
        }
        return h2;
    }

    static synchronized JdbcStorage mysql() {
        if (mysql == null) {
            TestServices.MysqlServer server = TestServices.requireMysql();
            mysqlUrl = server.createDatabase("travo_test");
            mysql = JdbcStorage.open(StorageConfig.mysql(mysqlUrl, server.user(), server.password())
                    .withMaxPoolSize(24));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                mysql.close();
                server.dropDatabase(mysqlUrl);
            }));
        }
        return mysql;
    }
}
