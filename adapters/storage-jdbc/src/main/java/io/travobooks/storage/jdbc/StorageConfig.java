package io.travobooks.storage.jdbc;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * Where the data lives. {@code jdbc:mysql://...} for MySQL 8 or MariaDB (through Connector/J), {@code jdbc:h2:...}
 * for the embedded default.
 */
public record StorageConfig(String jdbcUrl, String user, String password, int maxPoolSize) {

    public StorageConfig {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        if (maxPoolSize < 1) {
            throw new IllegalArgumentException("pool needs at least one connection");
        }
        if (!jdbcUrl.startsWith("jdbc:mysql:") && !jdbcUrl.startsWith("jdbc:h2:")) {
            throw new IllegalArgumentException("supported: jdbc:mysql: (MySQL, MariaDB) and jdbc:h2:, got " + jdbcUrl);
        }
    }

    /**
     * An H2 database in files under {@code directory} (the embedded default: {@code ./data}). Each commit is written
     * to the file before it returns ({@code WRITE_DELAY=0}), so it outlives the process's death; H2 does not force
     * it to the disk, so an operating system crash can still take the last ones. H2's default writes commits from a
     * background thread up to half a second later: a process killed meanwhile lost entries it had answered as
     * posted, and one killed while that thread wrote could leave a file H2 no longer opens. Written at once, posting
     * on H2 is about a third slower, and the file is compacted only when the database closes (the background thread
     * also did that), so it grows more between stops.
     */
    public static StorageConfig h2File(Path directory) {
        return new StorageConfig("jdbc:h2:file:" + directory.toAbsolutePath().resolve("travobooks") + H2_OPTIONS
                + H2_WRITE_EACH_COMMIT, "sa", "", 8);
    }

    /** An H2 database that lives as long as the process (tests). */
    public static StorageConfig h2Memory(String name) {
        return new StorageConfig("jdbc:h2:mem:" + name + H2_OPTIONS + ";DB_CLOSE_DELAY=-1", "sa", "", 8);
    }

    public static StorageConfig mysql(String jdbcUrl, String user, String password) {
        return new StorageConfig(jdbcUrl, user, password, 16);
    }

    public StorageConfig withMaxPoolSize(int size) {
        return new StorageConfig(jdbcUrl, user, password, size);
    }

    public boolean isMysql() {
        return jdbcUrl.startsWith("jdbc:mysql:");
    }

    /**
     * This H2 database, closed by {@link JdbcStorage#close()} alone. By default H2 closes a database itself as soon
     * as the JVM begins to exit, which cuts off an owner that is still finishing its work in a shutdown hook of its
     * own: the owner must then close the storage, or lose what it wrote last.
     */
    public StorageConfig withoutH2CloseOnExit() {
        if (!isEmbeddedH2()) {
            throw new IllegalStateException("only an H2 database embedded in this JVM closes itself when it exits");
        }
        if (closedByOwnerOnly()) {
            return this;
        }
        if (jdbcUrl.toUpperCase(Locale.ROOT).contains(";DB_CLOSE_ON_EXIT=")) {
            // Not the URL itself: an H2 URL may carry a password.
            throw new IllegalStateException("the H2 URL already says when H2 closes the database");
        }
        return new StorageConfig(jdbcUrl + H2_NO_CLOSE_ON_EXIT, user, password, maxPoolSize);
    }

    /**
     * Whether H2's own close at exit is off for a database embedded in this JVM, so that closing the storage must
     * close the database itself (never one on an H2 server, whose other clients a shutdown would cut off).
     */
    boolean closedByOwnerOnly() {
        return isEmbeddedH2() && jdbcUrl.toUpperCase(Locale.ROOT).contains(H2_NO_CLOSE_ON_EXIT);
    }

    private boolean isEmbeddedH2() {
        return jdbcUrl.startsWith("jdbc:h2:") && !jdbcUrl.startsWith("jdbc:h2:tcp:")
                && !jdbcUrl.startsWith("jdbc:h2:ssl:");
    }

    private static final String H2_OPTIONS = ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;LOCK_TIMEOUT=10000";
    private static final String H2_NO_CLOSE_ON_EXIT = ";DB_CLOSE_ON_EXIT=FALSE";
    private static final String H2_WRITE_EACH_COMMIT = ";WRITE_DELAY=0";
}
