package io.travobooks.storage.jdbc;

import io.travobooks.spi.TransactionRunner;
import io.travobooks.spi.UnitOfWork;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.function.Function;

/**
 * Transactions on a Jdbi instance; turns lost races reported by the database into a retryable exception, and a
 * database that cannot be reached (or whose connection broke) into {@link StorageUnavailableException}.
 */
public final class JdbiTransactionRunner implements TransactionRunner {
    private static final int MYSQL_DUPLICATE_KEY = 1062;
    private static final int MYSQL_LOCK_WAIT_TIMEOUT = 1205;
    private static final int MYSQL_DEADLOCK = 1213;
    private static final int H2_DUPLICATE_KEY = 23505;
    private static final int H2_DEADLOCK = 40001;
    private static final int H2_LOCK_TIMEOUT = 50200;
    private static final int H2_CONCURRENT_UPDATE = 90131;

    private static final int VALIDITY_CHECK_SECONDS = 2;

    private final Jdbi jdbi;

    public JdbiTransactionRunner(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * Connections come from the pool outside auto-commit, so the transaction is simply the work up to commit (or
     * rollback); no statements are spent switching auto-commit off and on again.
     */
    @Override
    public <T> T inTransaction(Function<UnitOfWork, T> work) {
        try (Handle handle = jdbi.open()) {
            Connection connection = handle.getConnection();
            try {
                T result = work.apply(new JdbiUnitOfWork(handle));
                connection.commit();
                return result;
            } catch (RuntimeException | Error | SQLException failure) {
                boolean broken = false;
                try {
                    connection.rollback();
                } catch (SQLException rollbackFailure) {
                    failure.addSuppressed(rollbackFailure);
                    broken = true;
                }
                // A driver whose connection died may report it as anything (a closed statement, say): ask the
                // connection itself, but only when the database was involved in the failure.
                if (!(failure instanceof Error) && findSqlException(failure) != null
                        && (broken || !isValid(connection))) {
                    throw new StorageUnavailableException("the connection to the database broke: "
                            + failure.getMessage(), failure);
                }
                throw failure;
            }
        } catch (SQLException e) {
            throw translate(new UnableToExecuteStatementException(e, null));
        } catch (RuntimeException e) {
            throw translate(e);
        }
    }

    private static RuntimeException translate(RuntimeException e) {
        if (e instanceof StorageUnavailableException) {
            return e;
        }
        SQLException sql = findSqlException(e);
        if (sql != null && isLostRace(sql)) {
            return new RetryableConflictException(sql.getMessage(), e);
        }
        if (sql != null && isConnectionFailure(sql)) {
            return new StorageUnavailableException(sql.getMessage(), e);
        }
        return e;
    }

    private static boolean isValid(Connection connection) {
        try {
            return connection.isValid(VALIDITY_CHECK_SECONDS);
        } catch (SQLException e) {
            return false;
        }
    }

    private static SQLException findSqlException(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return sql;
            }
        }
        return null;
    }

    /**
     * SQL state class 08 (connection exception, which Connector/J and the pool use for a refused or broken
     * connection) or the driver's and pool's connection exception types.
     */
    static boolean isConnectionFailure(SQLException sql) {
        return sql instanceof SQLTransientConnectionException || sql instanceof SQLNonTransientConnectionException
                || sql.getSQLState() != null && sql.getSQLState().startsWith("08");
    }

    static boolean isLostRace(SQLException sql) {
        int code = sql.getErrorCode();
        return "40001".equals(sql.getSQLState())
                || code == MYSQL_DUPLICATE_KEY || code == MYSQL_LOCK_WAIT_TIMEOUT || code == MYSQL_DEADLOCK
                || code == H2_DUPLICATE_KEY || code == H2_DEADLOCK || code == H2_LOCK_TIMEOUT
                || code == H2_CONCURRENT_UPDATE;
    }
}
