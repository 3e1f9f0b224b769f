package io.travobooks.storage.jdbc;

import io.travobooks.spi.TransactionRunner;
import io.travobooks.spi.UnitOfWork;
import org.jdbi.v3.core.Jdbi;

import java.sql.SQLException;
import java.util.function.Function;

/** Transactions on a Jdbi instance; turns lost races reported by the database into a retryable exception. */
public final class JdbiTransactionRunner implements TransactionRunner {
    private static final int MYSQL_DUPLICATE_KEY = 1062;
    private static final int MYSQL_LOCK_WAIT_TIMEOUT = 1205;
    private static final int MYSQL_DEADLOCK = 1213;
    private static final int H2_DUPLICATE_KEY = 23505;
    private static final int H2_DEADLOCK = 40001;
    private static final int H2_LOCK_TIMEOUT = 50200;
    private static final int H2_CONCURRENT_UPDATE = 90131;

    private final Jdbi jdbi;

    public JdbiTransactionRunner(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public <T> T inTransaction(Function<UnitOfWork, T> work) {
        try {
            return jdbi.inTransaction(handle -> work.apply(new JdbiUnitOfWork(handle)));
        } catch (RuntimeException e) {
            SQLException sql = findSqlException(e);
            if (sql != null && isLostRace(sql)) {
                throw new RetryableConflictException(sql.getMessage(), e);
            }
            throw e;
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

    static boolean isLostRace(SQLException sql) {
        int code = sql.getErrorCode();
        return "40001".equals(sql.getSQLState())
                || code == MYSQL_DUPLICATE_KEY || code == MYSQL_LOCK_WAIT_TIMEOUT || code == MYSQL_DEADLOCK
                || code == H2_DUPLICATE_KEY || code == H2_DEADLOCK || code == H2_LOCK_TIMEOUT
                || code == H2_CONCURRENT_UPDATE;
    }
}
