package io.travobooks.examples;

import io.travobooks.ledger.AccountSpec;
import io.travobooks.ledger.AccountStatement;
import io.travobooks.ledger.AuditTrail;
import io.travobooks.ledger.BalanceSheet;
import io.travobooks.ledger.ChartTemplates;
import io.travobooks.ledger.IncomeStatement;
import io.travobooks.ledger.JournalEntry;
import io.travobooks.ledger.Ledger;
import io.travobooks.ledger.LedgerOptions;
import io.travobooks.ledger.PostResult;
import io.travobooks.ledger.ReportLine;
import io.travobooks.ledger.TrialBalance;
import io.travobooks.spi.AccountId;
import io.travobooks.spi.EntryId;
import io.travobooks.spi.Money;
import io.travobooks.spi.Outcome;
import io.travobooks.spi.RequestContext;
import io.travobooks.spi.TenantId;
import io.travobooks.spi.ledger.AccountType;
import io.travobooks.spi.ledger.Dimension;
import io.travobooks.spi.ledger.EntryLine;
import io.travobooks.spi.ledger.FxDetail;
import io.travobooks.spi.ledger.LedgerStore;
import io.travobooks.storage.jdbc.JdbcStorage;
import io.travobooks.storage.jdbc.StorageConfig;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.Optional;

/**
 * The ledger embedded in a program, on the default embedded H2 database under {@code ./data}: a travel agency's
 * chart of accounts, the worked example of docs/accounting.md (Emirates, Dhaka-Dubai, BSP Bangladesh), then the reports.
 * Running it again is safe: every entry has a caller id, so the second run gets {@code AlreadyPosted} answers.
 */
public final class LedgerQuickstart {
    private static final Currency BDT = Currency.getInstance("BDT");
    private static final LocalDate DAY = LocalDate.of(2026, 3, 10);

    private final Ledger ledger;
    private final RequestContext agency;
    private final PrintStream out;

    LedgerQuickstart(Ledger ledger, RequestContext agency, PrintStream out) {
        this.ledger = ledger;
        this.agency = agency;
        this.out = out;
    }

    public static void main(String[] args) {
        Path dataDirectory = Path.of(args.length > 0 ? args[0] : "data");
        try (JdbcStorage storage = JdbcStorage.open(StorageConfig.h2File(dataDirectory))) {
            run(storage.ledgerStore(), System.out);
        }
    }

    static void run(LedgerStore store, PrintStream out) {
        LedgerOptions options = LedgerOptions.defaults().withBackgroundEvery(Duration.ZERO);
        try (Ledger ledger = new Ledger(store, options)) {
            new LedgerQuickstart(ledger, RequestContext.of("dhaka-travels", "quickstart"), out).walkThrough();
        }
    }

    void walkThrough() {
        setUpTenant();
        closePreviousYear();
        postWorkedExample();
        showFeatures();
        printReports();
    }

    private void setUpTenant() {
        TenantId tenant = agency.tenant();
        Outcome<TenantId> created = ledger.createTenant(tenant, BDT);
        out.println(created.isOk() ? "Created tenant " + tenant + " (functional currency BDT)"
                : "Tenant " + tenant + " exists already: this is a re-run, every post below is idempotent");
        if (created.isOk()) {
            ledger.chart().openAll(agency, ChartTemplates.travelAgency()).orThrow();
            ledger.chart().openAll(agency, List.of(
                    AccountSpec.of("1030", "Bank USD", AccountType.ASSET).under("1").onlyIn("USD"),
                    AccountSpec.of("1090", "FX position", AccountType.ASSET).under("1"),
                    AccountSpec.of("1250", "Aggregator wallet (must not go negative)", AccountType.ASSET)
                            .under("1").mustNotGoNegative())).orThrow();
        }
        out.println("Chart of accounts: " + ledger.chart().list(agency).size() + " accounts");
    }

    private void postWorkedExample() {
        out.println();
        out.println("== The worked example of docs/accounting.md: EK 176, DAC-DXB, BSP Bangladesh, BDT ==");
        post("capital", "Owner's capital", dr("1000", "200000"), cr("3000", "200000"));
        post("deposit", "Deposit taken at hold", dr("1000", "55150"), cr("2200", "55150"));
        post("issue-t1", "Ticket 1762000000001 issued, BSP cash, agent model", ticket("1762000000001",
                dr("1100", "55150"), cr("2100", "51200"), cr("4100", "2800"), cr("4300", "1000"), cr("2300", "150")));
        show("void-t1 (exact reversal)", ledger.reverse(agency, EntryId.of("void-t1"), EntryId.of("issue-t1"), DAY,
                "Void 1762000000001 inside the void window"));
        post("issue-t2", "Ticket 1762000000002 issued, BSP cash, agent model", ticket("1762000000002",
                dr("1100", "55150"), cr("2100", "51200"), cr("4100", "2800"), cr("4300", "1000"), cr("2300", "150")));
        post("pay-t2", "Customer pays", dr("1000", "55150"), cr("1100", "55150"));
        post("refund-t2", "Refund 1762000000002: penalty 5,000, commission recalled 2,450, fee 500 + VAT 75",
                ticket("1762000000002", dr("2100", "46550"), dr("4100", "2450"), cr("2250", "48425"),
                        cr("4310", "500"), cr("2300", "75")));
        post("pay-refund-t2", "Pay the refund", dr("2250", "48425"), cr("1000", "48425"));
        post("issue-t3", "Ticket 1762000000003 issued against the deposit", ticket("1762000000003",
                dr("2200", "55150"), cr("2100", "51200"), cr("4100", "2800"), cr("4300", "1000"), cr("2300", "150")));
        post("exchange-t3", "Ticket 1762000000004 reissued: difference 2,000 + penalty 3,000, fee 800 + VAT 120",
                ticket("1762000000004", dr("1100", "5920"), cr("2100", "4860"), cr("4100", "140"), cr("4310", "800"),
                        cr("2300", "120")));
        post("issue-t5", "Ticket 1762000000005 issued, card charged by the airline", ticket("1762000000005",
                dr("2100", "2800"), cr("4100", "2800")));
        post("fee-t5", "Service fee invoiced apart", dr("1100", "1150"), cr("4300", "1000"), cr("2300", "150"));
        post("topup", "Aggregator balance top-up", dr("1200", "100000"), cr("1000", "100000"));
        post("issue-t6", "Ticket 1762000000006 issued, merchant model via aggregator (markup 500)",
                ticket("1762000000006", dr("1100", "55650"), cr("1200", "54000"), cr("4200", "500"),
                        cr("4300", "1000"), cr("2300", "150")));
        post("emd-1", "EMD-A extra bag", ticket("1762000000007", dr("1100", "6000"), cr("2100", "6000")));
        post("adm-accepted", "ADM accepted: fare-rule violation", dr("5100", "3500"), cr("2100", "3500"));
        post("adm-disputed", "ADM disputed: provision", dr("5100", "3500"), cr("2150", "3500"));
        show("adm-won (dispute won, provision reversed)", ledger.reverse(agency, EntryId.of("adm-won"),
                EntryId.of("adm-disputed"), DAY, "ADM dispute won"));
        post("acm-1", "ACM: commission under-claimed", dr("2100", "400"), cr("4100", "400"));
        Money bspPayable = ledger.balance(agency, AccountId.of("2100"), BDT).orElseThrow().posted();
        out.println("  BSP payable before remittance: " + bspPayable);
        post("remit-p1", "BSP remittance, billing period 2026-03-P1 (25 unexplained)", dr("2100", "67010"),
                dr("5400", "25"), cr("1000", "67035"));
    }

    private void showFeatures() {
        out.println();
        out.println("== Idempotency, refusals, two-phase entries, FX, statements, audit ==");
        show("capital again, same content", ledger.post(agency, entry("capital", "Owner's capital",
                dr("1000", "200000"), cr("3000", "200000"))));
        show("capital again, other amount", ledger.post(agency, entry("capital", "Owner's capital",
                dr("1000", "1"), cr("3000", "1"))));
        show("unbalanced", ledger.post(agency, entry("oops", "Typo", dr("1000", "10"), cr("3000", "9"))));

        post("wallet", "Fund the aggregator wallet", dr("1250", "1000"), cr("1000", "1000"));
        show("overdraw the wallet", ledger.post(agency, entry("overdraw", "Too much", dr("5000", "1500"),
                cr("1250", "1500"))));
        show("reserve 800 of the wallet (pending)", ledger.reserve(agency, entry("hold-800", "Seat held",
                dr("1200", "800"), cr("1250", "800")), Optional.of(Instant.parse("2030-01-01T00:00:00Z"))));
        out.println("  wallet: " + ledger.balance(agency, AccountId.of("1250"), BDT).orElseThrow());
        show("post the reservation for 750", ledger.postPending(agency, EntryId.of("hold-800-post"),
                EntryId.of("hold-800"), List.of(750_00L, 750_00L), DAY));
        out.println("  wallet: " + ledger.balance(agency, AccountId.of("1250"), BDT).orElseThrow());

        Money usd = Money.of("100.00", "USD");
        FxDetail at120 = new FxDetail(12_000_00, new BigDecimal("120"));
        show("buy USD 100 at 120 (two legs through 1090)", ledger.post(agency, JournalEntry.builder("fx-1", DAY)
                .description("Buy USD for a hotel deposit")
                .line(EntryLine.debit(AccountId.of("1090"), Money.of("12000", "BDT")))
                .line(EntryLine.credit(AccountId.of("1000"), Money.of("12000", "BDT")))
                .line(EntryLine.debit(AccountId.of("1030"), usd).withFx(at120))
                .line(EntryLine.credit(AccountId.of("1090"), usd).withFx(at120))
                .build()));

        out.println("  BSP payable (2100) as of " + DAY.minusDays(1) + ": "
                + ledger.balanceAsOf(agency, AccountId.of("2100"), BDT, DAY.minusDays(1)).orElseThrow().posted());
        AccountStatement statement = ledger.reports().statement(agency, AccountId.of("1000"), BDT, DAY, DAY,
                Optional.empty(), 5).orThrow();
        out.println("  Bank statement " + DAY + ", first page of 5: opening " + statement.opening() / 100
                + ", closing " + statement.closing() / 100);
        for (AccountStatement.Row row : statement.rows()) {
            out.printf("    %-14s %s %12s  running %12s%n", row.line().entryId(), row.line().side(),
                    new Money(row.line().amountMinor(), BDT).toDecimal(), new Money(row.runningBalance(), BDT).toDecimal());
        }
        statement.nextCursor().ifPresent(cursor -> out.println("    (next page cursor " + cursor + ")"));

        List<PostResult> batch = ledger.postAll(agency, List.of(
                entry("gds-fee-03", "GDS segment fees, March", dr("5200", "1200"), cr("1000", "1200")),
                entry("gateway-03", "Gateway charges, March", dr("5210", "300"), cr("1000", "301"))), true);
        out.println("  postAll, all or nothing: " + batch.stream().map(LedgerQuickstart::brief).toList());
        show("reserve a sub-agent hold (expires soon)", ledger.reserve(agency, entry("hold-sub", "Sub-agent hold",
                dr("1120", "500"), cr("2200", "500")), Optional.of(Instant.parse("2026-01-01T00:00:00Z"))));
        out.println("  expired pending entries voided by the sweeper: " + ledger.voidExpiredPending().voided());

        out.println("  Audit chain: chained " + ledger.audit().chain(agency.tenant()) + " new entries; verify: "
                + describe(ledger.audit().verify(agency.tenant())));
        Outcome<LocalDate> closed = ledger.periods().closeThrough(agency, DAY.minusDays(1));
        out.println("  Period closed through " + closed.orThrow());
        show("post into the closed period", ledger.post(agency, JournalEntry.builder("late", DAY.minusDays(1))
                .lines(List.of(dr("1000", "1"), cr("3000", "1"))).build()));
    }

    private static String brief(PostResult result) {
        return result instanceof PostResult.Rejected rejected ? rejected.entryId() + " " + rejected.code()
                : result.entryId() + " " + result.getClass().getSimpleName();
    }

    /** The previous year's books: one sale and one cost, closed into retained earnings. */
    private void closePreviousYear() {
        LocalDate yearEnd = LocalDate.of(2025, 12, 31);
        show("2025 sale", ledger.post(agency, JournalEntry.builder("fy25-sale", yearEnd.minusDays(30))
                .description("2025 service fees").lines(List.of(dr("1100", "9000"), cr("4300", "9000"))).build()));
        show("2025 cost", ledger.post(agency, JournalEntry.builder("fy25-cost", yearEnd.minusDays(20))
                .description("2025 GDS fees").lines(List.of(dr("5200", "2500"), cr("1000", "2500"))).build()));
        Outcome<PostResult> closed = ledger.periods().closeYear(agency, yearEnd, AccountId.of("3100"),
                EntryId.of("close-fy25"));
        out.println("  Year-end close 2025: " + (closed.isOk() ? brief(closed.orThrow()) : closed) + "; retained "
                + "earnings " + ledger.balance(agency, AccountId.of("3100"), BDT).orElseThrow().posted());
    }

    private void printReports() {
        out.println();
        TrialBalance trial = ledger.reports().trialBalance(agency, DAY);
        TrialBalance.Table bdt = trial.byCurrency().get(BDT);
        out.println("== Trial balance as of " + DAY + " (BDT) ==");
        out.printf("%-48s %16s %16s%n", "account", "debit", "credit");
        for (ReportLine line : bdt.lines()) {
            String name = "  ".repeat(line.depth()) + line.account() + " " + line.name();
            long total = line.total();
            out.printf("%-48s %16s %16s%n", name.length() > 48 ? name.substring(0, 48) : name,
                    total > 0 ? amount(total) : "", total < 0 ? amount(-total) : "");
        }
        out.printf("%-48s %16s %16s%n", "TOTAL (accounts' own balances)", amount(bdt.totalDebit()),
                amount(bdt.totalCredit()));
        out.println(bdt.balanced() ? "Balanced: debits = credits" : "NOT BALANCED");

        IncomeStatement income = ledger.reports().incomeStatement(agency, DAY.withDayOfMonth(1), DAY);
        IncomeStatement.Section result = income.byCurrency().get(BDT);
        out.println();
        out.println("Income statement " + income.from() + ".." + income.to() + ": revenue "
                + amount(result.totalRevenue()) + ", expenses " + amount(result.totalExpenses()) + ", net income "
                + amount(result.netIncome()));
        BalanceSheet.Section sheet = ledger.reports().balanceSheet(agency, DAY).byCurrency().get(BDT);
        out.println("Balance sheet " + DAY + ": assets " + amount(sheet.totalAssets()) + " = liabilities "
                + amount(sheet.totalLiabilities()) + " + equity " + amount(sheet.totalEquity())
                + " + current earnings " + amount(sheet.currentEarnings()) + (sheet.balanced() ? "  (balanced)" : ""));
    }

    // ---- helpers

    private void post(String id, String description, EntryLine... lines) {
        show(id, ledger.post(agency, entry(id, description, lines)));
    }

    private static JournalEntry entry(String id, String description, EntryLine... lines) {
        return JournalEntry.builder(id, DAY).description(description).lines(List.of(lines)).build();
    }

    private static EntryLine[] ticket(String documentNumber, EntryLine... lines) {
        return Arrays.stream(lines)
                .map(line -> line.with(Dimension.AIRLINE, "176").with(Dimension.DOCUMENT_NUMBER, documentNumber))
                .toArray(EntryLine[]::new);
    }

    private void show(String label, PostResult result) {
        String outcome = switch (result) {
            case PostResult.Posted posted -> "posted, seq " + posted.seq();
            case PostResult.AlreadyPosted already -> "already posted (seq " + already.seq() + "), nothing written";
            case PostResult.Conflict conflict -> "CONFLICT: id reused with a different " + conflict.field();
            case PostResult.Rejected rejected -> "REFUSED " + rejected.code() + ": " + rejected.rejection().detail();
        };
        out.printf("  %-44s %s%n", label, outcome);
    }

    private static String describe(AuditTrail.Verification verification) {
        return switch (verification) {
            case AuditTrail.Verification.Intact intact -> "intact, " + intact.verified() + " entries verified";
            case AuditTrail.Verification.Broken broken -> "BROKEN at seq " + broken.seq() + ": " + broken.reason();
            case AuditTrail.Verification.ProjectionMismatch mismatch -> "MISMATCH: " + mismatch.detail();
        };
    }

    private static String amount(long minor) {
        return String.format("%,.2f", new Money(minor, BDT).toDecimal());
    }

    private static EntryLine dr(String account, String amount) {
        return EntryLine.debit(AccountId.of(account), Money.of(amount, "BDT"));
    }

    private static EntryLine cr(String account, String amount) {
        return EntryLine.credit(AccountId.of(account), Money.of(amount, "BDT"));
    }

}
