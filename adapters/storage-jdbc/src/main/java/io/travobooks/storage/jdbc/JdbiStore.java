package io.travobooks.storage.jdbc;

import io.travobooks.spi.TransactionRunner;
import io.travobooks.spi.UnitOfWork;
import org.jdbi.v3.core.Handle;

import java.util.Objects;

/** What every Jdbi store shares: the transaction runner it hands out, and the handle behind a unit of work. */
abstract class JdbiStore {
    private final TransactionRunner transactions;

    JdbiStore(TransactionRunner transactions) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
    }

    public TransactionRunner transactions() {
        return transactions;
    }

    static Handle handle(UnitOfWork uow) {
        return JdbiUnitOfWork.handleOf(uow);
    }
}
