package io.travobooks.testkit.ledger;

import io.travobooks.spi.ledger.Dimension;
import io.travobooks.spi.ledger.EntryLine;

import java.time.LocalDate;
import java.util.List;

import static io.travobooks.testkit.ledger.LedgerFixture.cr;
import static io.travobooks.testkit.ledger.LedgerFixture.dr;

/**
 * The worked example of docs/accounting.md as data (Emirates 176, Dhaka-Dubai, BSP Bangladesh, BDT), event by
 * event, for every test that replays it: through the library, or over HTTP.
 */
public final class WorkedExample {
    public static final LocalDate DAY = LocalDate.of(2026, 3, 10);
    /** Both sides of the trial balance after the last event, worked out by hand in WorkedExampleContractTest. */
    public static final long TRIAL_BALANCE_TOTAL_MINOR = 21_308_500;

    private WorkedExample() {
    }

    /** One event of the example: an entry to post, or the reversal of an earlier one. */
    public sealed interface Event {
        String id();

        String description();
    }

    public record Posting(String id, String description, List<EntryLine> lines) implements Event {
        public Posting {
            lines = List.copyOf(lines);
        }
    }

    public record Reversal(String id, String description, String original) implements Event {
    }

    public static List<Event> events() {
        List<EntryLine> issueBspCash = List.of(dr("1100", "55150"), cr("2100", "51200"), cr("4100", "2800"),
                cr("4300", "1000"), cr("2300", "150"));
        return List.of(
                new Posting("capital", "owner's capital", List.of(dr("1000", "200000"), cr("3000", "200000"))),
                new Posting("topup", "aggregator balance top-up", List.of(dr("1200", "100000"),
                        cr("1000", "100000"))),
                new Posting("deposit", "deposit taken at hold", List.of(dr("1000", "55150"), cr("2200", "55150"))),
                new Posting("issue-t1", "issue, BSP cash, agent model", ticket("1762000000001", issueBspCash)),
                new Reversal("void-t1", "void inside window", "issue-t1"),
                new Posting("issue-t2", "issue, BSP cash, agent model", ticket("1762000000002", issueBspCash)),
                new Posting("pay-t2", "customer pays", List.of(dr("1000", "55150"), cr("1100", "55150"))),
                new Posting("refund-t2", "refund after the window", ticket("1762000000002", List.of(
                        dr("2100", "46550"), dr("4100", "2450"), cr("2250", "48425"), cr("4310", "500"),
                        cr("2300", "75")))),
                new Posting("pay-refund-t2", "pay the refund", List.of(dr("2250", "48425"), cr("1000", "48425"))),
                new Posting("issue-t3", "issue against the deposit", ticket("1762000000003", List.of(
                        dr("2200", "55150"), cr("2100", "51200"), cr("4100", "2800"), cr("4300", "1000"),
                        cr("2300", "150")))),
                new Posting("exchange-t3", "exchange/reissue", ticket("1762000000004", List.of(
                        dr("1100", "5920"), cr("2100", "4860"), cr("4100", "140"), cr("4310", "800"),
                        cr("2300", "120")))),
                new Posting("issue-t5", "issue, card charged by the airline", ticket("1762000000005", List.of(
                        dr("2100", "2800"), cr("4100", "2800")))),
                new Posting("fee-t5", "service fee invoiced apart", List.of(dr("1100", "1150"), cr("4300", "1000"),
                        cr("2300", "150"))),
                new Posting("issue-t6", "issue, merchant model via aggregator", ticket("1762000000006", List.of(
                        dr("1100", "55650"), cr("1200", "54000"), cr("4200", "500"), cr("4300", "1000"),
                        cr("2300", "150")))),
                new Posting("emd-1", "EMD extra bag", ticket("1762000000007", List.of(dr("1100", "6000"),
                        cr("2100", "6000")))),
                new Posting("adm-accepted", "ADM accepted", List.of(dr("5100", "3500"), cr("2100", "3500"))),
                new Posting("adm-disputed", "ADM disputed", List.of(dr("5100", "3500"), cr("2150", "3500"))),
                new Reversal("adm-won", "dispute won", "adm-disputed"),
                new Posting("acm-1", "ACM commission under-claimed", List.of(dr("2100", "400"), cr("4100", "400"))),
                new Posting("remit-p1", "BSP remittance", List.of(dr("2100", "67010"), dr("5400", "25"),
                        cr("1000", "67035"))));
    }

    private static List<EntryLine> ticket(String documentNumber, List<EntryLine> lines) {
        return lines.stream()
                .map(line -> line.with(Dimension.AIRLINE, "176").with(Dimension.DOCUMENT_NUMBER, documentNumber))
                .toList();
    }
}
