package io.travobooks.ledger;

import io.travobooks.ledger.internal.ChartVersions;
import io.travobooks.spi.AccountId;
import io.travobooks.spi.Outcome;
import io.travobooks.spi.RequestContext;
import io.travobooks.spi.RetryPolicy;
import io.travobooks.spi.TenantId;
import io.travobooks.spi.UnitOfWork;
import io.travobooks.spi.ledger.Account;
import io.travobooks.spi.ledger.AccountStatus;
import io.travobooks.spi.ledger.LedgerStore;
import io.travobooks.spi.ledger.TenantRow;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A tenant's chart of accounts: open, close, list. Changes take the tenant's ledger lock, like postings. */
public final class ChartOfAccounts {
    private final LedgerStore store;
    private final RetryPolicy retry;

    ChartOfAccounts(LedgerStore store, RetryPolicy retry) {
        this.store = store;
        this.retry = retry;
    }

    public Outcome<Account> open(RequestContext context, AccountSpec spec) {
        Outcome<List<Account>> opened = openAll(context, List.of(spec));
        return switch (opened) {
            case Outcome.Ok<List<Account>> ok -> Outcome.ok(ok.value().getFirst());
            case Outcome.Refused<List<Account>> refused -> new Outcome.Refused<>(refused.rejection());
        };
    }

    /** Opens accounts in order (parents before children), all or none. */
    public Outcome<List<Account>> openAll(RequestContext context, List<AccountSpec> specs) {
        try {
            return retry.inTransaction(store.transactions(), uow -> {
                TenantRow row = lockTenant(uow, context.tenant());
                List<Account> opened = new ArrayList<>();
                for (AccountSpec spec : specs) {
                    if (spec.parent().isPresent() && opened.stream().noneMatch(a -> a.id().equals(spec.parent().get()))
                            && find(uow, context.tenant(), spec.parent().get()).isEmpty()) {
                        throw new Refusal(LedgerErrorCode.LEDGER_INVALID_ACCOUNT,
                                "parent " + spec.parent().get() + " of " + spec.id() + " does not exist");
                    }
                    Account account = new Account(context.tenant(), spec.id(), spec.name(), spec.type(),
                            spec.normalSide(), spec.parent(), AccountStatus.OPEN, spec.currency(), spec.noNegative(),
                            spec.limitMinor());
                    if (!store.insertAccount(uow, account)) {
                        throw new Refusal(LedgerErrorCode.LEDGER_ACCOUNT_EXISTS, "account " + spec.id() + " exists");
                    }
                    opened.add(account);
                }
                store.updateTenants(uow, List.of(ChartVersions.bump(row)));
                return Outcome.ok(List.copyOf(opened));
            });
        } catch (Refusal refusal) {
            return Outcome.refused(refusal.code, refusal.getMessage());
        }
    }

    /** Closes an account with no posted or pending balance in any currency; postings to it are refused after. */
    public Outcome<Account> close(RequestContext context, AccountId id) {
        try {
            return retry.inTransaction(store.transactions(), uow -> {
                TenantRow row = lockTenant(uow, context.tenant());
                Account account = find(uow, context.tenant(), id).orElseThrow(() ->
                        new Refusal(LedgerErrorCode.LEDGER_ACCOUNT_NOT_FOUND, "no account " + id));
                if (!account.isOpen()) {
                    return Outcome.ok(account);
                }
                boolean empty = store.listBalances(uow, context.tenant()).stream()
                        .filter(balance -> balance.key().account().equals(id))
                        .allMatch(balance -> balance.postedDebit() == balance.postedCredit()
                                && balance.pendingDebit() == 0 && balance.pendingCredit() == 0);
                if (!empty) {
                    throw new Refusal(LedgerErrorCode.LEDGER_ACCOUNT_NOT_EMPTY, "account " + id + " has a balance");
                }
                Account closed = account.withStatus(AccountStatus.CLOSED);
                store.updateAccount(uow, closed);
                store.updateTenants(uow, List.of(ChartVersions.bump(row)));
                return Outcome.ok(closed);
            });
        } catch (Refusal refusal) {
            return Outcome.refused(refusal.code, refusal.getMessage());
        }
    }

    public List<Account> list(RequestContext context) {
        return store.transactions().inTransaction(uow -> store.listAccounts(uow, context.tenant()));
    }

    public Optional<Account> find(RequestContext context, AccountId id) {
        return store.transactions().inTransaction(uow -> find(uow, context.tenant(), id));
    }

    Optional<Account> find(UnitOfWork uow, TenantId tenant, AccountId id) {
        return Optional.ofNullable(store.findAccounts(uow, tenant, Set.of(id)).get(id));
    }

    private TenantRow lockTenant(UnitOfWork uow, TenantId tenant) {
        Map<TenantId, TenantRow> rows = store.lockTenants(uow, List.of(tenant));
        TenantRow row = rows.get(tenant);
        if (row == null) {
            throw new Refusal(LedgerErrorCode.LEDGER_TENANT_NOT_FOUND, "no ledger for tenant " + tenant);
        }
        return row;
    }

    /** Carries a refusal out of a transaction so that it rolls back. */
    static final class Refusal extends RuntimeException {
        final LedgerErrorCode code;

        Refusal(LedgerErrorCode code, String detail) {
            super(detail, null, false, false);
            this.code = code;
        }
    }
}
