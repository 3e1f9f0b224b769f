package io.travobooks.ledger;

import io.travobooks.ledger.internal.Hierarchy;
import io.travobooks.spi.AccountId;
import io.travobooks.spi.Outcome;
import io.travobooks.spi.RequestContext;
import io.travobooks.spi.ledger.Account;
import io.travobooks.spi.ledger.AccountTotal;
import io.travobooks.spi.ledger.AccountType;
import io.travobooks.spi.ledger.BalanceKey;
import io.travobooks.spi.ledger.DailyTotal;
import io.travobooks.spi.ledger.EntryKind;
import io.travobooks.spi.ledger.LedgerStore;
import io.travobooks.spi.ledger.Side;
import io.travobooks.spi.ledger.StatementLine;
import io.travobooks.spi.ledger.StatementPosition;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Trial balance, income statement, balance sheet, account statements and daily activity, each rolled up the account
 * tree.
 */
public final class LedgerReports {
    public static final int MAX_PAGE = 1000;

    private final LedgerStore store;

    LedgerReports(LedgerStore store) {
        this.store = store;
    }

    public TrialBalance trialBalance(RequestContext context, LocalDate asOf) {
        return store.transactions().inTransaction(uow -> {
            Hierarchy tree = new Hierarchy(store.listAccounts(uow, context.tenant()));
            Map<Currency, Map<AccountId, Long>> net = signed(
                    store.totalsBetween(uow, context.tenant(), LocalDate.MIN, asOf), account -> Side.DEBIT, tree);
            Map<Currency, TrialBalance.Table> tables = new HashMap<>();
            net.forEach((currency, own) -> {
                long debits = own.values().stream().filter(v -> v > 0).mapToLong(Long::longValue)
                        .reduce(0, Math::addExact);
                long credits = -own.values().stream().filter(v -> v < 0).mapToLong(Long::longValue)
                        .reduce(0, Math::addExact);
                tables.put(currency, new TrialBalance.Table(tree.lines(own, account -> true), debits, credits));
            });
            return new TrialBalance(asOf, tables);
        });
    }

    public IncomeStatement incomeStatement(RequestContext context, LocalDate from, LocalDate to) {
        return store.transactions().inTransaction(uow -> {
            Hierarchy tree = new Hierarchy(store.listAccounts(uow, context.tenant()));
            List<AccountTotal> totals = new ArrayList<>(store.totalsBetween(uow, context.tenant(), from, to));
            // The year-end closing entry empties revenue and expense; the period's result must not include it.
            for (AccountTotal closing : store.totalsOfKind(uow, context.tenant(), EntryKind.CLOSING, from, to)) {
                totals.add(new AccountTotal(closing.account(), closing.currency(), -closing.debit(),
                        -closing.credit()));
            }
            Map<Currency, Map<AccountId, Long>> own = signed(totals, Account::normalSide, tree);
            Map<Currency, IncomeStatement.Section> sections = new HashMap<>();
            own.forEach((currency, amounts) -> {
                List<ReportLine> revenue = tree.lines(amounts, a -> a.type() == AccountType.REVENUE);
                List<ReportLine> expenses = tree.lines(amounts, a -> a.type() == AccountType.EXPENSE);
                sections.put(currency, new IncomeStatement.Section(revenue, expenses,
                        sumOfType(amounts, tree, AccountType.REVENUE), sumOfType(amounts, tree, AccountType.EXPENSE)));
            });
            return new IncomeStatement(from, to, sections);
        });
    }

    public BalanceSheet balanceSheet(RequestContext context, LocalDate asOf) {
        return store.transactions().inTransaction(uow -> {
            Hierarchy tree = new Hierarchy(store.listAccounts(uow, context.tenant()));
            Map<Currency, Map<AccountId, Long>> own = signed(
                    store.totalsBetween(uow, context.tenant(), LocalDate.MIN, asOf), Account::normalSide, tree);
            Map<Currency, BalanceSheet.Section> sections = new HashMap<>();
            own.forEach((currency, amounts) -> {
                long earnings = Math.subtractExact(sumOfType(amounts, tree, AccountType.REVENUE),
                        sumOfType(amounts, tree, AccountType.EXPENSE));
                sections.put(currency, new BalanceSheet.Section(
                        tree.lines(amounts, a -> a.type() == AccountType.ASSET),
                        tree.lines(amounts, a -> a.type() == AccountType.LIABILITY),
                        tree.lines(amounts, a -> a.type() == AccountType.EQUITY),
                        sumOfType(amounts, tree, AccountType.ASSET),
                        sumOfType(amounts, tree, AccountType.LIABILITY),
                        sumOfType(amounts, tree, AccountType.EQUITY),
                        earnings));
            });
            return new BalanceSheet(asOf, sections);
        });
    }

    /**
     * What was posted to an account and every account under it on each day of {@code [from, to]} (at most
     * {@link DailyActivity#MAX_DAYS} days), in one currency: a day without lines shows zeros.
     */
    public Outcome<DailyActivity> dailyActivity(RequestContext context, AccountId accountId, Currency currency,
                                                LocalDate from, LocalDate to) {
        if (from.isAfter(to) || from.plusDays(DailyActivity.MAX_DAYS).isBefore(to.plusDays(1))) {
            return Outcome.refused(LedgerErrorCode.LEDGER_INVALID_REQUEST,
                    "need from <= to and at most " + DailyActivity.MAX_DAYS + " days");
        }
        return store.transactions().inTransaction(uow -> {
            Hierarchy tree = new Hierarchy(store.listAccounts(uow, context.tenant()));
            if (tree.account(accountId) == null) {
                return Outcome.refused(LedgerErrorCode.LEDGER_ACCOUNT_NOT_FOUND, "no account " + accountId);
            }
            Map<LocalDate, long[]> byDay = new TreeMap<>();
            for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
                byDay.put(day, new long[2]);
            }
            for (AccountId account : tree.withDescendants(accountId)) {
                for (DailyTotal total : store.dailyTotals(uow, new BalanceKey(context.tenant(), account, currency),
                        from, to)) {
                    long[] sums = byDay.get(total.day());
                    sums[0] = Math.addExact(sums[0], total.debit());
                    sums[1] = Math.addExact(sums[1], total.credit());
                }
            }
            List<DailyActivity.Day> days = new ArrayList<>();
            byDay.forEach((day, sums) -> days.add(new DailyActivity.Day(day, sums[0], sums[1])));
            return Outcome.ok(new DailyActivity(accountId, currency, days));
        });
    }

    /**
     * One page of an account's posted lines dated within {@code [from, to]}, with opening, running and closing
     * balances. Pass the returned cursor to get the next page.
     */
    public Outcome<AccountStatement> statement(RequestContext context, AccountId accountId, Currency currency,
                                               LocalDate from, LocalDate to, Optional<String> cursor, int pageSize) {
        if (from.isAfter(to) || pageSize < 1 || pageSize > MAX_PAGE) {
            return Outcome.refused(LedgerErrorCode.LEDGER_INVALID_REQUEST,
                    "need from <= to and a page size of 1.." + MAX_PAGE);
        }
        Optional<Cursor> position;
        try {
            position = cursor.map(Cursor::decode);
        } catch (IllegalArgumentException bad) {
            return Outcome.refused(LedgerErrorCode.LEDGER_INVALID_REQUEST, "unreadable cursor");
        }
        return store.transactions().inTransaction(uow -> {
            Optional<Account> account = Optional.ofNullable(
                    store.findAccounts(uow, context.tenant(), List.of(accountId)).get(accountId));
            if (account.isEmpty()) {
                return Outcome.refused(LedgerErrorCode.LEDGER_ACCOUNT_NOT_FOUND, "no account " + accountId);
            }
            Side normal = account.get().normalSide();
            BalanceKey key = new BalanceKey(context.tenant(), accountId, currency);
            long opening = normalOf(normal, store.totalAsOf(uow, key, from.minusDays(1)));
            long closing = normalOf(normal, store.totalAsOf(uow, key, to));
            List<StatementLine> lines = store.statementLines(uow, key, from, to,
                    position.map(Cursor::position), pageSize + 1);
            boolean more = lines.size() > pageSize;
            long running = position.map(Cursor::running).orElse(opening);
            List<AccountStatement.Row> rows = new ArrayList<>();
            for (StatementLine line : lines.subList(0, Math.min(pageSize, lines.size()))) {
                running = Math.addExact(running, line.side() == normal ? line.amountMinor() : -line.amountMinor());
                rows.add(new AccountStatement.Row(line, running));
            }
            Optional<String> next = Optional.empty();
            if (more) {
                StatementLine last = rows.getLast().line();
                next = Optional.of(new Cursor(new StatementPosition(last.effectiveDate(), last.seq(), last.lineNo()),
                        running).encode());
            }
            return Outcome.ok(new AccountStatement(accountId, currency, from, to, opening, rows, closing, next));
        });
    }

    private static long normalOf(Side normal, AccountTotal total) {
        return normal == Side.DEBIT ? Math.subtractExact(total.debit(), total.credit())
                : Math.subtractExact(total.credit(), total.debit());
    }

    private static Map<Currency, Map<AccountId, Long>> signed(List<AccountTotal> totals,
                                                              Function<Account, Side> positiveSide,
                                                              Hierarchy tree) {
        Map<Currency, Map<AccountId, Long>> out = new HashMap<>();
        for (AccountTotal total : totals) {
            Account account = tree.account(total.account());
            if (account == null) {
                continue;
            }
            long amount = normalOf(positiveSide.apply(account), total);
            out.computeIfAbsent(total.currency(), c -> new HashMap<>()).merge(total.account(), amount, Math::addExact);
        }
        return out;
    }

    private static long sumOfType(Map<AccountId, Long> amounts, Hierarchy tree, AccountType type) {
        return amounts.entrySet().stream()
                .filter(e -> tree.account(e.getKey()).type() == type)
                .mapToLong(Map.Entry::getValue)
                .reduce(0, Math::addExact);
    }

    /** Where a statement page ended, with the running balance there, as an opaque string. */
    private record Cursor(StatementPosition position, long running) {
        String encode() {
            String raw = "v1|" + position.effectiveDate() + "|" + position.seq() + "|" + position.lineNo() + "|"
                    + running;
            return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
        }

        static Cursor decode(String encoded) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8)
                        .split("\\|");
                if (parts.length != 5 || !parts[0].equals("v1")) {
                    throw new IllegalArgumentException("bad cursor");
                }
                return new Cursor(new StatementPosition(LocalDate.parse(parts[1]), Long.parseLong(parts[2]),
                        Integer.parseInt(parts[3])), Long.parseLong(parts[4]));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("bad cursor", e);
            }
        }
    }
}
