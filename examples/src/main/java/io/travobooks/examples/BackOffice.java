package io.travobooks.examples;

import io.travobooks.client.TravoClient;
import io.travobooks.client.generated.model.Booking;
import io.travobooks.client.generated.model.Fare;
import io.travobooks.client.generated.model.IncomeStatement;
import io.travobooks.client.generated.model.IncomeStatementCurrenciesInner;
import io.travobooks.client.generated.model.IssuePreview;
import io.travobooks.client.generated.model.IssueRequest;
import io.travobooks.client.generated.model.MoneyOut;
import io.travobooks.client.generated.model.NewBooking;
import io.travobooks.client.generated.model.Offer;
import io.travobooks.client.generated.model.Passenger;
import io.travobooks.client.generated.model.RefundQuoteRequest;
import io.travobooks.client.generated.model.ReportLine;
import io.travobooks.client.generated.model.Terms;
import io.travobooks.client.generated.model.TrialBalance;
import io.travobooks.client.generated.model.TrialBalanceCurrenciesInner;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static io.travobooks.client.TravoClient.call;
import static io.travobooks.client.TravoClient.keyed;

/**
 * An OTA's back office over the Java client of a travoBooks server: it sells a customer one ticket Dhaka-Dubai on
 * the simulated airline, refunds it when the customer cancels, and reads the books the server kept meanwhile.
 * Against a running server (the README's quickstart starts one), with its admin key:
 *
 * <pre>
 * ./mvnw -q -B -pl examples -am compile exec:java -Dexample=io.travobooks.examples.BackOffice \
 *     -Dexec.args="http://127.0.0.1:8080 tb_..."
 * </pre>
 *
 * {@link TravoClient#call} turns an answer that is not a success into a {@code TravoProblem} with the server's
 * stable code; {@link TravoClient#keyed} also gives the change an Idempotency-Key, which the client's retries send
 * again, so that a change is never made twice.
 */
public final class BackOffice {
    private BackOffice() {
    }

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: BackOffice <server URL> <key>, e.g. http://127.0.0.1:8080 tb_...");
            System.exit(2);
        }
        try (TravoClient client = TravoClient.connect(URI.create(args[0]), args[1])) {
            // A new booking id each run, so that the example runs again against the same server.
            run(client, "BO-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(), System.out);
        }
    }

    /** Sells, refunds and reports; answers the booking as it ends. */
    public static Booking run(TravoClient client, String bookingId, PrintStream out) {
        // 1. The flights on sale a month from now.
        Offer offer = call(() -> client.bookings().searchOffers("DAC", "DXB", LocalDate.now().plusDays(30)))
                .getItems().getFirst();
        Fare fare = offer.getFarePerPassenger();
        out.printf("offer     %s, %s per passenger (fare, carrier surcharges and taxes)%n", offer.getOfferId(),
                money(fare.getBase().getAmountMinor() + fare.getCarrierSurcharges().getAmountMinor()
                        + fare.getTaxes().getAmountMinor(), fare.getBase().getCurrency()));

        // 2. Hold a seat: the airline makes a PNR; no ticket yet, no money moves. The terms are the agency's: a
        //    1,000 taka service fee with 150 VAT, and a 500 taka refund fee with 75 VAT (minor units: paisa).
        Booking held = keyed(key -> client.bookings().holdBooking(key, new NewBooking().id(bookingId)
                .offerId(offer.getOfferId())
                .passengers(List.of(new Passenger().givenName("RAHIM").surname("UDDIN")))
                .terms(new Terms().currency("BDT").serviceFeeMinor(100_000L).serviceFeeTaxMinor(15_000L)
                        .refundFeeMinor(50_000L).refundFeeTaxMinor(7_500L))));
        out.printf("hold      %-14s PNR %s%n", held.getStatus(), held.getPnr());

        // 3. Price: the airline's fare now, and how long it holds. The issue charges this fare.
        Booking priced = call(() -> client.bookings().priceBooking(bookingId));
        out.printf("price     %-14s guaranteed until %s%n", priced.getStatus(), priced.getPriceGuaranteeUntil());

        // 4. Preview what the issue would do, then issue exactly that: with the preview's hash, the server refuses
        //    the issue if anything changed since (preview again then).
        IssuePreview preview = call(() -> client.bookings().previewIssue(bookingId));
        out.printf("preview   the airline is paid %s, the customer pays %s, journal entries to post: %d%n",
                money(preview.getFareTotal()), money(preview.getCustomerTotal()), preview.getEntries().size());
        Booking issued = keyed(key -> client.bookings().issueBooking(key, bookingId,
                new IssueRequest().previewHash(preview.getPreviewHash())));
        String ticket = issued.getDocuments().getFirst().getNumber();
        out.printf("issue     %-14s ticket %s%n", issued.getStatus(), ticket);

        // 5. The customer cancels: ask the airline what it refunds, then confirm that quote.
        Booking quoted = keyed(key -> client.bookings().quoteRefund(key, bookingId,
                new RefundQuoteRequest().documentNumbers(Set.of(ticket))));
        out.printf("quote     %-14s the airline refunds %s, the customer gets %s%n", quoted.getStatus(),
                money(quoted.getRefundQuote().getRefundable()), money(quoted.getRefundToCustomer()));
        Booking refunded = keyed(key -> client.bookings().confirmRefund(key, bookingId,
                quoted.getRefundQuote().getQuoteId()));
        out.printf("refund    %-14s%n", refunded.getStatus());

        // 6. The books. Every step above posted its own journal entries; debits and credits always agree.
        TrialBalance trialBalance = call(() -> client.reports().getTrialBalance(null)); // as of today
        for (TrialBalanceCurrenciesInner section : trialBalance.getCurrencies()) {
            out.printf("trial balance %s: debits %s, credits %s%n", section.getCurrency(),
                    money(section.getTotalDebitMinor(), section.getCurrency()),
                    money(section.getTotalCreditMinor(), section.getCurrency()));
        }
        // The server dates postings in the agency's time zone: from yesterday to tomorrow (UTC) takes in today there.
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        IncomeStatement income = call(() -> client.reports().getIncomeStatement(today.minusDays(1),
                today.plusDays(1)));
        for (IncomeStatementCurrenciesInner section : income.getCurrencies()) {
            String currency = section.getCurrency();
            out.printf("income statement %s%n", currency);
            section.getRevenue().forEach(line -> out.println(reportLine(line, currency)));
            section.getExpenses().forEach(line -> out.println(reportLine(line, currency)));
            out.printf("  revenue %s, expenses %s, net income %s%n", money(section.getTotalRevenueMinor(), currency),
                    money(section.getTotalExpensesMinor(), currency), money(section.getNetIncomeMinor(), currency));
        }
        return refunded;
    }

    /** An account of the report, indented as deep as it sits in the chart. */
    private static String reportLine(ReportLine line, String currency) {
        return "  " + "  ".repeat(line.getDepth()) + line.getAccount() + " " + line.getName() + ": "
                + money(line.getTotalMinor(), currency);
    }

    private static String money(MoneyOut money) {
        return money(money.getAmountMinor(), money.getCurrency());
    }

    /** Minor units as the currency writes them: 5400000 BDT is 54000.00 BDT. */
    private static String money(long minor, String currency) {
        return BigDecimal.valueOf(minor, Currency.getInstance(currency).getDefaultFractionDigits()) + " " + currency;
    }
}
