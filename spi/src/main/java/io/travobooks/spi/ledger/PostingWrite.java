package io.travobooks.spi.ledger;

import java.util.Collection;
import java.util.List;

/**
 * Everything one posting batch writes: new entries with their lines, balance and daily-total deltas, and the tenant
 * rows whose sequence moved. A store may send it to the database in one round trip.
 */
public record PostingWrite(List<StoredEntry> entries, List<BalanceRow> balanceDeltas, List<DailyTotal> dailyDeltas,
                           Collection<TenantRow> tenants) {
    public PostingWrite {
        entries = List.copyOf(entries);
        balanceDeltas = List.copyOf(balanceDeltas);
        dailyDeltas = List.copyOf(dailyDeltas);
        tenants = List.copyOf(tenants);
    }
}
