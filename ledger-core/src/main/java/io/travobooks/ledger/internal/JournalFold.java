package io.travobooks.ledger.internal;

import io.travobooks.spi.EntryId;
import io.travobooks.spi.TenantId;
import io.travobooks.spi.ledger.BalanceKey;
import io.travobooks.spi.ledger.BalanceRow;
import io.travobooks.spi.ledger.DailyTotal;
import io.travobooks.spi.ledger.EntryKind;
import io.travobooks.spi.ledger.EntryLine;
import io.travobooks.spi.ledger.Side;
import io.travobooks.spi.ledger.StoredEntry;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * What the journal's lines add up to: the running balances and the per-day totals that the store keeps as
 * projections. The posting engine adds one entry's share to the stored rows; {@code verify} folds a whole journal
 * and compares. Both use the rules here, so the two cannot drift apart.
 */
public final class JournalFold {
    private final Map<BalanceKey, BalanceRow> balances = new TreeMap<>();
    private final Map<BalanceKey, Map<LocalDate, long[]>> daily = new TreeMap<>();
    private final Map<EntryId, List<EntryLine>> pendingLines = new HashMap<>();

    /** Adds an entry; entries come in seq order, so a resolution finds the pending entry it releases. */
    public void add(StoredEntry entry) {
        if (entry.kind() == EntryKind.PENDING) {
            pendingLines.put(entry.id(), entry.lines());
        }
        List<EntryLine> released = entry.kind() == EntryKind.POST_PENDING || entry.kind() == EntryKind.VOID_PENDING
                ? entry.reference().map(pendingLines::remove).orElse(List.of()) : List.of();
        balanceDeltas(entry.tenant(), entry.kind(), entry.lines(), released)
                .forEach((key, delta) -> balances.merge(key, delta, BalanceRow::plus));
        addDaily(entry, daily);
    }

    /** The balances, without rows that sum to zero in every column. */
    public List<BalanceRow> balances() {
        return balances.values().stream().filter(row -> !row.isZero()).toList();
    }

    /** The per-day totals, without days whose totals are zero. */
    public List<DailyTotal> dailyTotals() {
        return toDailyTotals(daily).stream().filter(total -> total.debit() != 0 || total.credit() != 0).toList();
    }

    /**
     * How one entry changes balance rows: posted lines move posted totals, a pending entry's lines move pending
     * totals, and the pending lines an entry resolves ({@code released}) are taken back out of them.
     */
    public static Map<BalanceKey, BalanceRow> balanceDeltas(TenantId tenant, EntryKind kind, List<EntryLine> lines,
                                                            List<EntryLine> released) {
        Map<BalanceKey, BalanceRow> deltas = new TreeMap<>();
        boolean reserve = kind == EntryKind.PENDING;
        for (EntryLine line : lines) {
            BalanceKey key = new BalanceKey(tenant, line.account(), line.amount().currency());
            long amount = line.amount().minor();
            boolean debit = line.side() == Side.DEBIT;
            BalanceRow delta = reserve
                    ? new BalanceRow(key, 0, 0, debit ? amount : 0, debit ? 0 : amount)
                    : new BalanceRow(key, debit ? amount : 0, debit ? 0 : amount, 0, 0);
            deltas.merge(key, delta, BalanceRow::plus);
        }
        for (EntryLine line : released) {
            BalanceKey key = new BalanceKey(tenant, line.account(), line.amount().currency());
            long amount = line.amount().minor();
            boolean debit = line.side() == Side.DEBIT;
            deltas.merge(key, new BalanceRow(key, 0, 0, debit ? -amount : 0, debit ? 0 : -amount), BalanceRow::plus);
        }
        return deltas;
    }

    /** Adds an entry's posted lines to per-day debit and credit sums; a pending entry posts nothing yet. */
    static void addDaily(StoredEntry entry, Map<BalanceKey, Map<LocalDate, long[]>> daily) {
        if (entry.reservesOnly()) {
            return;
        }
        for (EntryLine line : entry.lines()) {
            BalanceKey key = new BalanceKey(entry.tenant(), line.account(), line.amount().currency());
            long[] day = daily.computeIfAbsent(key, k -> new TreeMap<>())
                    .computeIfAbsent(entry.effectiveDate(), d -> new long[2]);
            int column = line.side() == Side.DEBIT ? 0 : 1;
            day[column] = Math.addExact(day[column], line.amount().minor());
        }
    }

    static List<DailyTotal> toDailyTotals(Map<BalanceKey, Map<LocalDate, long[]>> daily) {
        List<DailyTotal> totals = new ArrayList<>();
        daily.forEach((key, days) -> days.forEach((day, sums) ->
                totals.add(new DailyTotal(key, day, sums[0], sums[1]))));
        return totals;
    }

    /** A description of the first difference between what the lines add up to and what is stored, if any. */
    public static Optional<String> firstDifference(List<BalanceRow> folded, List<BalanceRow> stored) {
        return firstDifference("balance", folded, stored, BalanceRow::key);
    }

    public static Optional<String> firstDailyDifference(List<DailyTotal> folded, List<DailyTotal> stored) {
        return firstDifference("daily total", folded, stored, total -> total.key() + " on " + total.day());
    }

    private static <T> Optional<String> firstDifference(String what, List<T> folded, List<T> stored,
                                                                  Function<T, Object> key) {
        Map<Object, T> byKey = new HashMap<>();
        stored.forEach(row -> byKey.put(key.apply(row), row));
        for (T row : folded) {
            T found = byKey.remove(key.apply(row));
            if (!Objects.equals(row, found)) {
                return Optional.of(what + " " + key.apply(row) + ": the lines add up to " + row
                        + ", the store holds " + found);
            }
        }
        return byKey.values().stream().findFirst()
                .map(extra -> what + " " + key.apply(extra) + ": the store holds " + extra + ", no line adds to it");
    }
}
