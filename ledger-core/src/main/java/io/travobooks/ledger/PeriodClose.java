package io.travobooks.ledger;

import io.travobooks.ledger.ChartOfAccounts.Refusal;
import io.travobooks.ledger.internal.PostingCommand;
import io.travobooks.ledger.internal.PostingEngine;
import io.travobooks.spi.AccountId;
import io.travobooks.spi.EntryId;
import io.travobooks.spi.Money;
import io.travobooks.spi.Outcome;
import io.travobooks.spi.RequestContext;
import io.travobooks.spi.RetryPolicy;
import io.travobooks.spi.TenantId;
import io.travobooks.spi.UnitOfWork;
import io.travobooks.spi.ledger.Account;
import io.travobooks.spi.ledger.AccountTotal;
import io.travobooks.spi.ledger.AccountType;
import io.travobooks.spi.ledger.EntryHeader;
import io.travobooks.spi.ledger.EntryKind;
import io.travobooks.spi.ledger.EntryLine;
import io.travobooks.spi.ledger.LedgerStore;
import io.travobooks.spi.ledger.StoredEntry;
import io.travobooks.spi.ledger.TenantRow;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** Closing periods: after a close, postings dated on or before the closed date are refused. */
public final class PeriodClose {
    private final LedgerStore store;
    private final PostingEngine engine;
    private final RetryPolicy retry;

    PeriodClose(LedgerStore store, PostingEngine engine, RetryPolicy retry) {
        this.store = store;
        this.engine = engine;
        this.retry = retry;
    }

    /** Closes every day up to and including {@code through}. Closing the same date again is a no-op. */
    public Outcome<LocalDate> closeThrough(RequestContext context, LocalDate through) {
        try {
            return retry.inTransaction(store.transactions(), uow -> {
                moveClosedDate(uow, context.tenant(), through);
                return Outcome.ok(through);
            });
        } catch (Refusal refusal) {
            return Outcome.refused(refusal.code, refusal.getMessage());
        }
    }

    /** The day through which postings are refused, if any period is closed. */
    public Optional<LocalDate> closedThrough(RequestContext context) {
        return store.transactions().inTransaction(uow -> store.findTenant(uow, context.tenant()))
                .flatMap(TenantRow::closedThrough);
    }

    /**
     * Year-end close: posts entry {@code entryId} dated {@code yearEnd} that moves every revenue and expense balance
     * (per currency) into {@code retainedEarnings}, and closes the period through {@code yearEnd}, in one
     * transaction. Repeating it with the same id returns the first result; the id used for another year, another
     * retained earnings account or any other entry is a {@link PostResult.Conflict}.
     */
    public Outcome<PostResult> closeYear(RequestContext context, LocalDate yearEnd, AccountId retainedEarnings,
                                         EntryId entryId) {
        try {
            return retry.inTransaction(store.transactions(), uow -> {
                TenantId tenant = context.tenant();
                if (store.lockTenants(uow, List.of(tenant)).isEmpty()) {
                    throw new Refusal(LedgerErrorCode.LEDGER_TENANT_NOT_FOUND, "no ledger for tenant " + tenant);
                }
                EntryHeader existing = store.findHeaders(uow, Map.of(tenant, List.of(entryId)))
                        .getOrDefault(tenant, Map.of()).get(entryId);
                if (existing != null) {
                    return Outcome.ok(replay(uow, tenant, existing, yearEnd, retainedEarnings));
                }
                Account earnings = store.findAccounts(uow, tenant, Set.of(retainedEarnings)).get(retainedEarnings);
                if (earnings == null || earnings.type() != AccountType.EQUITY) {
                    throw new Refusal(LedgerErrorCode.LEDGER_INVALID_ACCOUNT,
                            retainedEarnings + " is not an equity account of this tenant");
                }
                List<EntryLine> lines = closingLines(uow, tenant, yearEnd, retainedEarnings);
                PostResult result;
                if (lines.isEmpty()) {
                    result = PostResult.rejected(entryId, LedgerErrorCode.LEDGER_INVALID_ENTRY,
                            "no revenue or expense balance to close");
                } else {
                    JournalEntry closing = JournalEntry.builder(entryId, yearEnd)
                            .description("Year-end close " + yearEnd).lines(lines).build();
                    result = engine.apply(uow, List.of(new PostingCommand.NewEntry(context, EntryKind.CLOSING,
                            closing, Optional.empty()))).getFirst();
                    if (result instanceof PostResult.Rejected rejected) {
                        throw new Refusal(rejected.code(), rejected.rejection().detail());
                    }
                }
                moveClosedDate(uow, tenant, yearEnd);
                return Outcome.ok(result);
            });
        } catch (Refusal refusal) {
            return Outcome.refused(refusal.code, refusal.getMessage());
        }
    }

    /**
     * A repeated close answers with the first one only when it is the same closing: a closing entry of the same
     * year into the same retained earnings. Anything else under that id is a conflict, never a silent no-op.
     */
    private PostResult replay(UnitOfWork uow, TenantId tenant, EntryHeader existing, LocalDate yearEnd,
                              AccountId retainedEarnings) {
        StoredEntry stored = store.findEntry(uow, tenant, existing.id()).orElseThrow();
        if (stored.kind() != EntryKind.CLOSING) {
            return new PostResult.Conflict(existing.id(), "kind");
        }
        if (!stored.effectiveDate().equals(yearEnd)) {
            return new PostResult.Conflict(existing.id(), "effectiveDate");
        }
        Map<AccountId, Account> chart = new TreeMap<>();
        store.listAccounts(uow, tenant).forEach(account -> chart.put(account.id(), account));
        boolean sameEarnings = stored.lines().stream()
                .filter(line -> !chart.get(line.account()).type().isIncomeStatement())
                .allMatch(line -> line.account().equals(retainedEarnings));
        return sameEarnings ? new PostResult.AlreadyPosted(existing.id(), existing.seq(), existing.postedAt())
                : new PostResult.Conflict(existing.id(), "retainedEarnings");
    }

    private List<EntryLine> closingLines(UnitOfWork uow, TenantId tenant, LocalDate yearEnd, AccountId earnings) {
        Map<AccountId, Account> chart = new TreeMap<>();
        store.listAccounts(uow, tenant).forEach(account -> chart.put(account.id(), account));
        Map<Currency, Long> toEarnings = new TreeMap<>(Comparator.comparing(Currency::getCurrencyCode));
        List<EntryLine> lines = new ArrayList<>();
        List<AccountTotal> totals = new ArrayList<>(store.totalsBetween(uow, tenant, LocalDate.MIN, yearEnd));
        totals.sort(Comparator.comparing(AccountTotal::account).thenComparing(t -> t.currency().getCurrencyCode()));
        for (AccountTotal total : totals) {
            Account account = chart.get(total.account());
            long net = Math.subtractExact(total.debit(), total.credit());
            if (account == null || !account.type().isIncomeStatement() || net == 0) {
                continue;
            }
            Money amount = new Money(Math.abs(net), total.currency());
            lines.add(net > 0 ? EntryLine.credit(account.id(), amount) : EntryLine.debit(account.id(), amount));
            toEarnings.merge(total.currency(), net, Math::addExact);
        }
        toEarnings.forEach((currency, net) -> {
            if (net != 0) {
                Money amount = new Money(Math.abs(net), currency);
                lines.add(net > 0 ? EntryLine.debit(earnings, amount) : EntryLine.credit(earnings, amount));
            }
        });
        return lines;
    }

    private void moveClosedDate(UnitOfWork uow, TenantId tenant, LocalDate through) {
        TenantRow row = store.lockTenants(uow, List.of(tenant)).get(tenant);
        if (row == null) {
            throw new Refusal(LedgerErrorCode.LEDGER_TENANT_NOT_FOUND, "no ledger for tenant " + tenant);
        }
        if (row.closedThrough().isPresent() && through.isBefore(row.closedThrough().get())) {
            throw new Refusal(LedgerErrorCode.LEDGER_PERIOD_REOPEN_REFUSED,
                    "already closed through " + row.closedThrough().get());
        }
        store.updateTenants(uow, List.of(new TenantRow(row.tenant(), row.functionalCurrency(), Optional.of(through),
                row.nextSeq(), row.chartVersion())));
    }
}
