package io.travobooks.storage.jdbc;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An H2 database that H2 does not close at exit is closed by the storage's own close, loans or not. */
class H2ClosedByOwnerTest {
    @TempDir
    Path data;

    @Test
    void closingTheStorageClosesTheDatabaseUnderALoanKeepingWhatWasCommittedOnly() throws SQLException {
        StorageConfig config = StorageConfig.h2File(data).withoutH2CloseOnExit();
        JdbcStorage storage = JdbcStorage.open(config);
        Connection onLoan = storage.dataSource().getConnection();
        try (Statement statement = onLoan.createStatement()) {
            statement.execute("CREATE TABLE probe (id INT PRIMARY KEY)");
            statement.execute("INSERT INTO probe VALUES (1)");
            onLoan.commit();
            statement.execute("INSERT INTO probe VALUES (2)");
        }

        storage.close();

        // The pool cannot close a connection on loan; the database under it is closed all the same.
        assertThatThrownBy(() -> onLoan.createStatement().executeQuery("SELECT 1")).isInstanceOf(SQLException.class);
        try (JdbcStorage reopened = JdbcStorage.open(config);
             Connection connection = reopened.dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT id FROM probe ORDER BY id")) {
            List<Integer> ids = new ArrayList<>();
            while (rows.next()) {
                ids.add(rows.getInt(1));
            }
            assertThat(ids).containsExactly(1);
        }
    }

    @Test
    void theDatabaseIsShutDownWithEveryPooledConnectionOnLoanAndASecondCloseDoesNothing() throws SQLException {
        JdbcStorage storage = JdbcStorage.open(StorageConfig.h2File(data).withoutH2CloseOnExit().withMaxPoolSize(2));
        List<Connection> allOfThem = List.of(storage.dataSource().getConnection(),
                storage.dataSource().getConnection());

        storage.close();
        storage.close();

        for (Connection onLoan : allOfThem) {
            assertThatThrownBy(() -> onLoan.createStatement().executeQuery("SELECT 1"))
                    .isInstanceOf(SQLException.class);
        }
    }

    @Test
    void turningTheCloseAtExitOffIsForH2AloneAndSaidOnce() {
        StorageConfig h2 = StorageConfig.h2File(data);
        assertThat(h2.closedByOwnerOnly()).isFalse();
        assertThat(h2.withoutH2CloseOnExit().closedByOwnerOnly()).isTrue();
        assertThat(h2.withoutH2CloseOnExit().withoutH2CloseOnExit()).isEqualTo(h2.withoutH2CloseOnExit());
        assertThat(new StorageConfig(h2.jdbcUrl() + ";db_close_on_exit=false", "sa", "", 2).closedByOwnerOnly())
                .isTrue();
        assertThatThrownBy(() -> new StorageConfig(h2.jdbcUrl() + ";DB_CLOSE_ON_EXIT=TRUE", "sa", "", 2)
                .withoutH2CloseOnExit()).isInstanceOf(IllegalStateException.class);
        StorageConfig onAnH2Server = new StorageConfig("jdbc:h2:tcp://127.0.0.1/travobooks;DB_CLOSE_ON_EXIT=FALSE",
                "sa", "", 2);
        assertThat(onAnH2Server.closedByOwnerOnly()).isFalse();
        assertThatThrownBy(() -> new StorageConfig("jdbc:h2:tcp://127.0.0.1/travobooks", "sa", "", 2)
                .withoutH2CloseOnExit()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> StorageConfig.mysql("jdbc:mysql://127.0.0.1/travo", "root", "")
                .withoutH2CloseOnExit()).isInstanceOf(IllegalStateException.class);
    }
}
