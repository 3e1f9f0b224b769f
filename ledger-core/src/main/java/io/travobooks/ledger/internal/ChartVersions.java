package io.travobooks.ledger.internal;

import io.travobooks.spi.ledger.TenantRow;

import java.util.concurrent.ThreadLocalRandom;

/** Chart versions are random, never incremented: see {@link ChartCache} for why. */
public final class ChartVersions {
    private ChartVersions() {
    }

    public static TenantRow bump(TenantRow row) {
        long next;
        do {
            next = ThreadLocalRandom.current().nextLong();
        } while (next == row.chartVersion());
        return new TenantRow(row.tenant(), row.functionalCurrency(), row.closedThrough(), row.nextSeq(), next);
    }
}
