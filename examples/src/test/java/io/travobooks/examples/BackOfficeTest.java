package io.travobooks.examples;

import io.travobooks.client.TravoClient;
import io.travobooks.client.generated.model.Booking;
import io.travobooks.client.generated.model.BookingStatus;
import io.travobooks.client.generated.model.TrialBalanceCurrenciesInner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The back office, run against a real server on the embedded default. */
class BackOfficeTest {
    @TempDir
    Path data;

    @Test
    void aTicketIsSoldAndRefundedAndTheBooksBalance() {
        try (LocalServer server = LocalServer.start(data, "back-office");
             TravoClient client = server.admin()) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            Booking booking = BackOffice.run(client, "BO-1", new PrintStream(bytes, true, StandardCharsets.UTF_8));
            String output = bytes.toString(StandardCharsets.UTF_8);
            System.out.print(output);

            assertThat(booking.getStatus()).isEqualTo(BookingStatus.REFUNDED);
            assertThat(TravoClient.call(() -> client.bookings().getBooking("BO-1")).getStatus())
                    .as("as the server has it").isEqualTo(BookingStatus.REFUNDED);
            assertThat(output).containsPattern("issue +ISSUED +ticket \\d{13}").containsPattern("refund +REFUNDED");
            // The agency keeps its 1,000 service fee and earns the 500 refund fee; the fare and the VAT pass through.
            assertThat(output).contains("4310 Service fee: void, refund, reissue: 500.00 BDT")
                    .contains("revenue 1500.00 BDT, expenses 0.00 BDT, net income 1500.00 BDT");

            TrialBalanceCurrenciesInner taka = TravoClient.call(() -> client.reports().getTrialBalance(null))
                    .getCurrencies().stream().filter(c -> c.getCurrency().equals("BDT")).findFirst().orElseThrow();
            assertThat(taka.getTotalDebitMinor()).as("something was posted").isPositive()
                    .as("debits equal credits").isEqualTo(taka.getTotalCreditMinor());
            assertThat(output).contains("trial balance BDT: debits " + taka.getTotalDebitMinor() / 100 + ".");
        }
    }
}
