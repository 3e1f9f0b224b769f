package io.travobooks.storage.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * Timestamps go to the database as text with microseconds. Connector/J reads MariaDB's handshake version as 5.5.5
 * and then drops fractional seconds from temporal parameters; a string is stored exactly by MySQL, MariaDB and H2.
 * Public for the tables applications keep beside the library's, in the same databases.
 */
public final class SqlTimes {
    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    private SqlTimes() {
    }

    public static String text(LocalDateTime time) {
        return MICROS.format(time);
    }

    /** An instant as UTC wall-clock text with microseconds. */
    public static String text(Instant instant) {
        return text(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
    }

    /** A UTC wall-clock column read back as an instant; empty for NULL. */
    public static Optional<Instant> instant(ResultSet rs, String column)
            throws SQLException {
        LocalDateTime time = rs.getObject(column, LocalDateTime.class);
        return Optional.ofNullable(time).map(t -> t.toInstant(ZoneOffset.UTC));
    }
}
