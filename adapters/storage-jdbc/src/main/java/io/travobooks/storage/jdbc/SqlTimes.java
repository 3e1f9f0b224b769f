package io.travobooks.storage.jdbc;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Timestamps go to the database as text with microseconds. Connector/J reads MariaDB's handshake version as 5.5.5
 * and then drops fractional seconds from temporal parameters; a string is stored exactly by MySQL, MariaDB and H2.
 */
final class SqlTimes {
    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    private SqlTimes() {
    }

    static String text(LocalDateTime time) {
        return MICROS.format(time);
    }
}
