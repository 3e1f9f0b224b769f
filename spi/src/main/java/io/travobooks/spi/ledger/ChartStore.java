package io.travobooks.spi.ledger;

import io.travobooks.spi.AccountId;
import io.travobooks.spi.TenantId;
import io.travobooks.spi.UnitOfWork;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/** The chart of accounts. Accounts are reference data: they may be updated (closed), unlike journal rows. */
public interface ChartStore {
    /** @return false when an account with that id exists already */
    boolean insertAccount(UnitOfWork uow, Account account);

    void updateAccount(UnitOfWork uow, Account account);

    Map<AccountId, Account> findAccounts(UnitOfWork uow, TenantId tenant, Collection<AccountId> ids);

    List<Account> listAccounts(UnitOfWork uow, TenantId tenant);
}
