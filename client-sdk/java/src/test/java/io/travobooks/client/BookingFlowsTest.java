package io.travobooks.client;

import io.travobooks.client.generated.model.Booking;
import io.travobooks.client.generated.model.BookingStatus;
import io.travobooks.client.generated.model.IssuePreview;
import io.travobooks.client.generated.model.IssueRequest;
import io.travobooks.client.generated.model.Mandate;
import io.travobooks.client.generated.model.NewApiKey;
import io.travobooks.client.generated.model.NewBooking;
import io.travobooks.client.generated.model.Offer;
import io.travobooks.client.generated.model.Passenger;
import io.travobooks.client.generated.model.PaymentSource;
import io.travobooks.client.generated.model.RefundQuoteRequest;
import io.travobooks.client.generated.model.Scope;
import io.travobooks.client.generated.model.Terms;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A booking's life through the Java client, against the simulated airline of a real server. */
class BookingFlowsTest extends ServerTest {
    private static final long REFUND_FEE = 50_000;
    private static final long REFUND_FEE_TAX = 7_500;

    @Override
    protected String tenant() {
        return "sdk-bookings";
    }

    private Booking held(String id) {
        Offer offer = TravoClient.call(() -> client.bookings().searchOffers("DAC", "DXB",
                LocalDate.now().plusDays(30))).getItems().getFirst();
        NewBooking booking = new NewBooking().id(id).offerId(offer.getOfferId())
                .passengers(List.of(new Passenger().givenName("RAHIM").surname("UDDIN")))
                .terms(new Terms().currency("BDT").serviceFeeMinor(100_000L).serviceFeeTaxMinor(15_000L)
                        .refundFeeMinor(REFUND_FEE).refundFeeTaxMinor(REFUND_FEE_TAX).payment(PaymentSource.AGENCY));
        return TravoClient.keyed(key -> client.bookings().holdBooking(key, booking));
    }

    /** Prices the booking and issues it as its preview shows. */
    private Booking pricedAndIssued(String id) {
        assertThat(TravoClient.call(() -> client.bookings().priceBooking(id)).getStatus())
                .isEqualTo(BookingStatus.PRICED);
        IssuePreview preview = TravoClient.call(() -> client.bookings().previewIssue(id));
        assertThat(preview.getFareTotal().getAmountMinor()).isPositive();
        return TravoClient.keyed(key -> client.bookings().issueBooking(key, id,
                new IssueRequest().previewHash(preview.getPreviewHash())));
    }

    @Test
    void aHeldBookingIsPricedIssuedAndVoided() {
        assertThat(held("SDK-V1").getStatus()).isEqualTo(BookingStatus.HELD);
        Booking issued = pricedAndIssued("SDK-V1");
        assertThat(issued.getStatus()).isEqualTo(BookingStatus.ISSUED);
        String ticket = issued.getDocuments().getFirst().getNumber();
        assertThat(TravoClient.call(() -> client.bookings().listBookings(null, null, ticket, null, null, null, null,
                null)).getItems()).extracting(listed -> listed.getBooking().getId()).containsExactly("SDK-V1");

        Booking voided = TravoClient.keyed(key -> client.bookings().voidBooking(key, "SDK-V1"));
        assertThat(voided.getStatus()).isEqualTo(BookingStatus.VOIDED);
        assertThat(TravoClient.call(() -> client.bookings().getBooking("SDK-V1")).getStatus())
                .isEqualTo(BookingStatus.VOIDED);
        assertThatThrownBy(() -> TravoClient.keyed(key -> client.bookings().voidBooking(key, "SDK-V1")))
                .as("a void is done once").isInstanceOfSatisfying(TravoProblem.class,
                        problem -> assertThat(problem.status()).isEqualTo(422));
    }

    @Test
    void anIssueReadsAsDoneOrAsHeldForAPerson() {
        Mandate everyIssueApproved = new Mandate().currency("BDT").perBookingMinor(100_000_000L)
                .perDayMinor(100_000_000L).totalMinor(100_000_000L).approvalAboveMinor(0L);
        String agentKey = TravoClient.keyed(key -> client.admin().createApiKey(key, new NewApiKey().name("agent")
                .scopes(Set.of(Scope.BOOKINGS_READ, Scope.BOOKINGS_WRITE, Scope.BOOKINGS_ISSUE))
                .mandate(everyIssueApproved))).getKey();
        held("SDK-H1");
        TravoClient.call(() -> client.bookings().priceBooking("SDK-H1"));
        try (TravoClient agent = TravoClient.connect(server.url(), agentKey)) {
            Outcome<Booking> asked = agent.outcome(() -> agent.bookings().issueBookingWithHttpInfo(
                    TravoClient.newIdempotencyKey(), "SDK-H1", null));
            assertThat(asked).isInstanceOfSatisfying(Outcome.Held.class, held -> {
                assertThat(held.approval().getId()).startsWith("apr_");
                assertThat(held.approval().getOperation()).isEqualTo("issueBooking");
                assertThat(held.approval().getPayloadHash()).isNotBlank();
            });
        }
        assertThat(TravoClient.call(() -> client.bookings().getBooking("SDK-H1")).getStatus())
                .as("nothing issued while a person decides").isEqualTo(BookingStatus.PRICED);

        String key = TravoClient.newIdempotencyKey();
        Outcome<Booking> issued = client.outcome(() -> client.bookings().issueBookingWithHttpInfo(key, "SDK-H1",
                null));
        assertThat(issued).isInstanceOfSatisfying(Outcome.Done.class, done -> {
            assertThat(done.replayed()).isFalse();
            assertThat(((Booking) done.value()).getStatus()).isEqualTo(BookingStatus.ISSUED);
        });
        assertThat(client.outcome(() -> client.bookings().issueBookingWithHttpInfo(key, "SDK-H1", null)))
                .isInstanceOfSatisfying(Outcome.Done.class, again -> assertThat(again.replayed()).isTrue());
    }

    @Test
    void anIssuedBookingIsRefundedLessTheAgencysFee() {
        held("SDK-R1");
        String ticket = pricedAndIssued("SDK-R1").getDocuments().getFirst().getNumber();
        Booking quoted = TravoClient.keyed(key -> client.bookings().quoteRefund(key, "SDK-R1",
                new RefundQuoteRequest().documentNumbers(Set.of(ticket))));
        assertThat(quoted.getStatus()).isEqualTo(BookingStatus.REFUND_QUOTED);
        long refundable = quoted.getRefundQuote().getRefundable().getAmountMinor();
        assertThat(refundable).isPositive();
        assertThat(quoted.getRefundToCustomer().getAmountMinor()).isEqualTo(refundable - REFUND_FEE - REFUND_FEE_TAX);

        String quote = quoted.getRefundQuote().getQuoteId();
        String key = TravoClient.newIdempotencyKey();
        Booking refunded = TravoClient.call(() -> client.bookings().confirmRefund(key, "SDK-R1", quote));
        assertThat(refunded.getStatus()).isEqualTo(BookingStatus.REFUNDED);
        assertThat(TravoClient.call(() -> client.bookings().confirmRefund(key, "SDK-R1", quote)).getVersion())
                .as("the retry under the same key is the same answer").isEqualTo(refunded.getVersion());
    }
}
