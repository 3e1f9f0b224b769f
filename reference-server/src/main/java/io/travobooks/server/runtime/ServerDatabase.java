package io.travobooks.server.runtime;

import io.travobooks.spi.RetryPolicy;
import io.travobooks.spi.TransactionRunner;
import io.travobooks.storage.jdbc.JdbiUnitOfWork;
import org.jdbi.v3.core.Handle;

import java.util.function.Function;

/**
 * Transactions on the server's own tables, run by the storage adapter's runner: the same pool, the same commit
 * and rollback handling, and the same translation of a lost database into a typed error.
 */
public final class ServerDatabase {
    private final TransactionRunner transactions;

    public ServerDatabase(TransactionRunner transactions) {
        this.transactions = transactions;
    }

    public <T> T inTransaction(Function<Handle, T> work) {
        return transactions.inTransaction(uow -> work.apply(((JdbiUnitOfWork) uow).handle()));
    }

    /** As {@link #inTransaction}, run again when it lost a race (two writers of one new row, a deadlock). */
    public <T> T inTransactionRetrying(Function<Handle, T> work) {
        return transactions.inTransactionRetrying(uow -> work.apply(((JdbiUnitOfWork) uow).handle()),
                RetryPolicy.DEFAULT);
    }
}
