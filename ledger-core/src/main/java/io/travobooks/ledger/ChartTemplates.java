package io.travobooks.ledger;

import io.travobooks.spi.ledger.AccountType;

import java.util.List;

/** Starting charts a tenant can load and then edit. */
public final class ChartTemplates {
    private ChartTemplates() {
    }

    /**
     * The travel agency chart of docs/accounting.md, grouped under one header account per class (1 assets, 2 liabilities,
     * 3 equity, 4 revenue, 5 expenses) and, for receivables, a sub-group, so that reports roll up.
     */
    public static List<AccountSpec> travelAgency() {
        return List.of(
                AccountSpec.of("1", "Assets", AccountType.ASSET),
                AccountSpec.of("1000", "Bank operating", AccountType.ASSET).under("1"),
                AccountSpec.of("1010", "Bank client trust", AccountType.ASSET).under("1"),
                AccountSpec.of("1020", "Card and payment-gateway clearing", AccountType.ASSET).under("1"),
                // Both legs of a currency conversion pass through it, one per currency; 1030 to 1070 stay free for
                // bank accounts in other currencies.
                AccountSpec.of("1080", "FX clearing", AccountType.ASSET).under("1"),
                AccountSpec.of("11", "Receivables", AccountType.ASSET).under("1"),
                AccountSpec.of("1100", "Receivable: retail", AccountType.ASSET).under("11"),
                AccountSpec.of("1110", "Receivable: corporate", AccountType.ASSET).under("11"),
                AccountSpec.of("1120", "Receivable: sub-agent", AccountType.ASSET).under("11"),
                AccountSpec.of("1150", "BSP receivable", AccountType.ASSET).under("11"),
                AccountSpec.of("1200", "Supplier prepaid balances", AccountType.ASSET).under("1"),
                AccountSpec.of("1300", "Commission receivable", AccountType.ASSET).under("1"),
                AccountSpec.of("1400", "VAT input", AccountType.ASSET).under("1"),
                AccountSpec.of("2", "Liabilities", AccountType.LIABILITY),
                AccountSpec.of("2000", "Payable: non-BSP suppliers", AccountType.LIABILITY).under("2"),
                AccountSpec.of("2100", "BSP/ARC payable", AccountType.LIABILITY).under("2"),
                AccountSpec.of("2150", "ADM dispute provision", AccountType.LIABILITY).under("2"),
                AccountSpec.of("2200", "Customer deposits", AccountType.LIABILITY).under("2"),
                AccountSpec.of("2210", "Customer credit", AccountType.LIABILITY).under("2"),
                AccountSpec.of("2250", "Refunds payable to customers", AccountType.LIABILITY).under("2"),
                AccountSpec.of("2300", "VAT output", AccountType.LIABILITY).under("2"),
                AccountSpec.of("2400", "Deferred revenue", AccountType.LIABILITY).under("2"),
                AccountSpec.of("3", "Equity", AccountType.EQUITY),
                AccountSpec.of("3000", "Owner's equity", AccountType.EQUITY).under("3"),
                AccountSpec.of("3100", "Retained earnings", AccountType.EQUITY).under("3"),
                AccountSpec.of("4", "Revenue", AccountType.REVENUE),
                AccountSpec.of("4100", "Air commission: base", AccountType.REVENUE).under("4"),
                AccountSpec.of("4110", "Air commission: override", AccountType.REVENUE).under("4"),
                AccountSpec.of("4200", "Markup income", AccountType.REVENUE).under("4"),
                AccountSpec.of("4300", "Service fee: issue", AccountType.REVENUE).under("4"),
                AccountSpec.of("4310", "Service fee: void, refund, reissue", AccountType.REVENUE).under("4"),
                AccountSpec.of("4400", "Principal sales", AccountType.REVENUE).under("4"),
                AccountSpec.of("4500", "FX gain", AccountType.REVENUE).under("4"),
                AccountSpec.of("5", "Expenses", AccountType.EXPENSE),
                AccountSpec.of("5000", "Cost of sales (principal model)", AccountType.EXPENSE).under("5"),
                AccountSpec.of("5100", "ADM losses", AccountType.EXPENSE).under("5"),
                AccountSpec.of("5200", "GDS, NDC and aggregator fees", AccountType.EXPENSE).under("5"),
                AccountSpec.of("5210", "Gateway charges", AccountType.EXPENSE).under("5"),
                AccountSpec.of("5300", "FX loss", AccountType.EXPENSE).under("5"),
                AccountSpec.of("5400", "BSP variance write-off", AccountType.EXPENSE).under("5"));
    }
}
