package io.travobooks.storage.jdbc;

import io.travobooks.spi.UnitOfWork;
import org.jdbi.v3.core.Handle;

/** A unit of work is a Jdbi handle inside an open transaction; other JDBC modules may use the handle directly. */
public record JdbiUnitOfWork(Handle handle) implements UnitOfWork {

    static Handle handleOf(UnitOfWork uow) {
        if (uow instanceof JdbiUnitOfWork jdbi) {
            return jdbi.handle();
        }
        throw new IllegalArgumentException("not a JDBC unit of work: " + uow.getClass().getName());
    }
}
