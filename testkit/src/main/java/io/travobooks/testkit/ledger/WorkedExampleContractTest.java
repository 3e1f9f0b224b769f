package io.travobooks.testkit.ledger;

import io.travobooks.ledger.BalanceSheet;
import io.travobooks.ledger.IncomeStatement;
import io.travobooks.ledger.JournalEntry;
import io.travobooks.ledger.PostResult;
import io.travobooks.ledger.TrialBalance;
import io.travobooks.spi.AccountId;
import io.travobooks.spi.EntryId;
import io.travobooks.spi.ledger.Dimension;
import io.travobooks.spi.ledger.EntryLine;
import io.travobooks.spi.ledger.LedgerStore;
import io.travobooks.spi.ledger.StoredEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.travobooks.testkit.ledger.LedgerFixture.BDT;
import static io.travobooks.testkit.ledger.LedgerFixture.cr;
import static io.travobooks.testkit.ledger.LedgerFixture.dr;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The worked example of docs/accounting.md (Emirates 176, Dhaka-Dubai, BSP Bangladesh, BDT), posted event by event. Each
 * entry is read back and compared with its table row; the closing balances, trial balance, income statement and
 * balance sheet are compared with figures worked out by hand from the table (arithmetic in the comments).
 */
public abstract class WorkedExampleContractTest {
    private static final LocalDate DAY = LocalDate.of(2026, 3, 10);

    protected abstract LedgerStore store();

    private LedgerFixture f;

    @BeforeEach
    void setUp() {
        f = new LedgerFixture(store());
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    private StoredEntry post(String id, String description, List<EntryLine> lines) {
        JournalEntry entry = JournalEntry.builder(id, DAY).description(description).lines(lines).build();
        assertThat(f.ledger.post(f.context, entry)).isInstanceOf(PostResult.Posted.class);
        StoredEntry stored = f.ledger.entry(f.context, EntryId.of(id)).orElseThrow();
        assertThat(stored.lines()).as(description).containsExactlyElementsOf(lines);
        return stored;
    }

    private static List<EntryLine> ticket(String documentNumber, EntryLine... lines) {
        return Arrays.stream(lines)
                .map(line -> line.with(Dimension.AIRLINE, "176").with(Dimension.DOCUMENT_NUMBER, documentNumber))
                .toList();
    }

    @Test
    void domainWorkedExampleReproducesTheTable() {
        post("capital", "owner's capital", List.of(dr("1000", "200000"), cr("3000", "200000")));
        post("topup", "aggregator balance top-up", List.of(dr("1200", "100000"), cr("1000", "100000")));
        post("deposit", "deposit taken at hold", List.of(dr("1000", "55150"), cr("2200", "55150")));

        List<EntryLine> issueBspCash = List.of(dr("1100", "55150"), cr("2100", "51200"), cr("4100", "2800"),
                cr("4300", "1000"), cr("2300", "150"));
        StoredEntry t1 = post("issue-t1", "issue, BSP cash, agent model", ticket("1762000000001",
                issueBspCash.toArray(EntryLine[]::new)));

        PostResult voided = f.ledger.reverse(f.context, EntryId.of("void-t1"), t1.id(), DAY, "void inside window");
        assertThat(voided).isInstanceOf(PostResult.Posted.class);
        StoredEntry voidEntry = f.ledger.entry(f.context, EntryId.of("void-t1")).orElseThrow();
        assertThat(voidEntry.reference()).contains(t1.id());
        assertThat(voidEntry.lines()).containsExactlyElementsOf(t1.lines().stream().map(EntryLine::reversed).toList());

        post("issue-t2", "issue, BSP cash, agent model", ticket("1762000000002",
                issueBspCash.toArray(EntryLine[]::new)));
        post("pay-t2", "customer pays", List.of(dr("1000", "55150"), cr("1100", "55150")));
        post("refund-t2", "refund after the window", ticket("1762000000002",
                dr("2100", "46550"), dr("4100", "2450"), cr("2250", "48425"), cr("4310", "500"), cr("2300", "75")));
        post("pay-refund-t2", "pay the refund", List.of(dr("2250", "48425"), cr("1000", "48425")));
        post("issue-t3", "issue against the deposit", ticket("1762000000003",
                dr("2200", "55150"), cr("2100", "51200"), cr("4100", "2800"), cr("4300", "1000"), cr("2300", "150")));
        post("exchange-t3", "exchange/reissue", ticket("1762000000004",
                dr("1100", "5920"), cr("2100", "4860"), cr("4100", "140"), cr("4310", "800"), cr("2300", "120")));
        post("issue-t5", "issue, card charged by the airline", ticket("1762000000005",
                dr("2100", "2800"), cr("4100", "2800")));
        post("fee-t5", "service fee invoiced apart", List.of(dr("1100", "1150"), cr("4300", "1000"), cr("2300", "150")));
        post("issue-t6", "issue, merchant model via aggregator", ticket("1762000000006",
                dr("1100", "55650"), cr("1200", "54000"), cr("4200", "500"), cr("4300", "1000"), cr("2300", "150")));
        post("emd-1", "EMD extra bag", ticket("1762000000007", dr("1100", "6000"), cr("2100", "6000")));
        post("adm-accepted", "ADM accepted", List.of(dr("5100", "3500"), cr("2100", "3500")));
        StoredEntry disputed = post("adm-disputed", "ADM disputed", List.of(dr("5100", "3500"), cr("2150", "3500")));
        assertThat(f.ledger.reverse(f.context, EntryId.of("adm-won"), disputed.id(), DAY, "dispute won"))
                .isInstanceOf(PostResult.Posted.class);
        post("acm-1", "ACM commission under-claimed", List.of(dr("2100", "400"), cr("4100", "400")));

        // BSP payable before remittance (credit): 51,200 - 51,200 (void) + 51,200 - 46,550 + 51,200 + 4,860 - 2,800
        // + 6,000 + 3,500 - 400 = 67,010; BSP bills 25 more than the ledger explains.
        assertThat(f.ledger.balance(f.context, AccountId.of("2100"), BDT).orElseThrow().posted())
                .isEqualTo(LedgerFixture.bdt("67010"));
        post("remit-p1", "BSP remittance", List.of(dr("2100", "67010"), dr("5400", "25"), cr("1000", "67035")));

        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("1000", "94840");  // 200,000 - 100,000 + 55,150 + 55,150 - 48,425 - 67,035
        expected.put("1100", "68720");  // 55,150 - 55,150 + 55,150 - 55,150 + 5,920 + 1,150 + 55,650 + 6,000
        expected.put("1200", "46000");  // 100,000 - 54,000
        expected.put("2100", "0");
        expected.put("2150", "0");      // 3,500 - 3,500 (dispute won)
        expected.put("2200", "0");      // 55,150 - 55,150
        expected.put("2250", "0");      // 48,425 - 48,425
        expected.put("2300", "795");    // 150 - 150 + 150 + 75 + 150 + 120 + 150 + 150
        expected.put("3000", "200000");
        expected.put("4100", "6490");   // 2,800 - 2,800 + 2,800 - 2,450 + 2,800 + 140 + 2,800 + 400
        expected.put("4200", "500");
        expected.put("4300", "4000");   // 1,000 - 1,000 + 1,000 + 1,000 + 1,000 + 1,000
        expected.put("4310", "1300");   // 500 + 800
        expected.put("5100", "3500");   // 3,500 + 3,500 - 3,500
        expected.put("5400", "25");
        expected.forEach((account, amount) -> assertThat(
                f.ledger.balance(f.context, AccountId.of(account), BDT).orElseThrow().posted())
                .as("account %s", account).isEqualTo(LedgerFixture.bdt(amount)));

        TrialBalance trial = f.ledger.reports().trialBalance(f.context, DAY);
        TrialBalance.Table table = trial.byCurrency().get(BDT);
        // debits 94,840 + 68,720 + 46,000 + 3,500 + 25; credits 795 + 200,000 + 6,490 + 500 + 4,000 + 1,300
        assertThat(table.totalDebit()).isEqualTo(21_308_500);
        assertThat(table.totalCredit()).isEqualTo(21_308_500);
        assertThat(trial.balanced()).isTrue();
        assertThat(table.lines()).filteredOn(line -> line.account().value().equals("11")).singleElement()
                .satisfies(receivables -> assertThat(receivables.total()).isEqualTo(6_872_000));

        IncomeStatement income = f.ledger.reports().incomeStatement(f.context, DAY.withDayOfMonth(1), DAY);
        IncomeStatement.Section result = income.byCurrency().get(BDT);
        assertThat(result.totalRevenue()).isEqualTo(1_229_000);   // 6,490 + 500 + 4,000 + 1,300
        assertThat(result.totalExpenses()).isEqualTo(352_500);    // 3,500 + 25
        assertThat(result.netIncome()).isEqualTo(876_500);
        assertThat(result.revenue().getFirst().account().value()).isEqualTo("4");
        assertThat(result.revenue().getFirst().total()).isEqualTo(1_229_000);

        BalanceSheet sheet = f.ledger.reports().balanceSheet(f.context, DAY);
        BalanceSheet.Section position = sheet.byCurrency().get(BDT);
        assertThat(position.totalAssets()).isEqualTo(20_956_000);    // 94,840 + 68,720 + 46,000
        assertThat(position.totalLiabilities()).isEqualTo(79_500);
        assertThat(position.totalEquity()).isEqualTo(20_000_000);
        assertThat(position.currentEarnings()).isEqualTo(876_500);
        assertThat(position.balanced()).isTrue();
    }
}
