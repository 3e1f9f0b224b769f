package io.travobooks.testkit.booking;

import io.travobooks.booking.PostingEvent;
import io.travobooks.booking.internal.BookingEffect;
import io.travobooks.booking.BookingErrorCode;
import io.travobooks.booking.BookingState;
import io.travobooks.booking.posting.AccountingModel;
import io.travobooks.booking.posting.FormOfPayment;
import io.travobooks.booking.posting.SettlementChannel;
import io.travobooks.booking.service.ApprovalPolicy;
import io.travobooks.booking.service.Booking;
import io.travobooks.booking.service.BookingService;
import io.travobooks.booking.service.BookingServiceOptions;
import io.travobooks.booking.service.BookingTerms;
import io.travobooks.ledger.LedgerErrorCode;
import io.travobooks.spi.AccountId;
import io.travobooks.spi.EntryId;
import io.travobooks.spi.outbox.OutboxEvent;
import io.travobooks.spi.supplier.ExchangeOffer;
import io.travobooks.spi.supplier.Fare;
import io.travobooks.spi.supplier.Offer;
import io.travobooks.spi.supplier.SupplierGateway;
import io.travobooks.spi.travel.Document;
import io.travobooks.spi.supplier.SupplierOrder;
import io.travobooks.supplier.sim.SimulatedAirline;
import io.travobooks.supplier.sim.SimulationOptions;
import io.travobooks.booking.posting.PostingAmount;
import io.travobooks.booking.posting.LineRule;
import io.travobooks.booking.posting.PostingEventType;
import io.travobooks.booking.posting.PostingRule;
import io.travobooks.booking.posting.PostingRuleTemplates;
import io.travobooks.booking.posting.PostingRules;
import io.travobooks.booking.service.BookingAccounting;
import io.travobooks.ledger.PostResult;
import io.travobooks.spi.Money;
import io.travobooks.spi.Outcome;
import io.travobooks.testkit.ledger.LedgerFixture;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static io.travobooks.testkit.ledger.LedgerFixture.bdt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Bookings against an attacker and a careless integrator: what the ledger may refuse after the airline has issued,
 * voids after the ledger reversed an entry itself, money events with a sign or a currency they cannot have, and an
 * event whose second entry is refused. Every store and lock manager runs it.
 */
public abstract class BookingIntegrityContractTest extends BookingContractBase {
    private static final LocalDate PAY_DAY = LocalDate.of(2026, 3, 11);

    private BookingAccounting accounting(PostingRules rules) {
        return new BookingAccounting(bookingStore(), fixture.ledger, tenant -> rules);
    }

    private String issuedTicket() {
        priced("BK1", RAHIM);
        return service.issue(context, "BK1", "key-1").orThrow().documents().getFirst().number();
    }

    // ---------------------------------------------------------------- money events

    @Test
    void aNegativePaymentIsRefusedAndPostsNothing() {
        issuedTicket();
        BookingAccounting accounting = accounting(PostingRuleTemplates.travelAgency());
        LedgerFixture.Snapshot before = fixture.snapshot();

        Outcome<PostResult> paid = accounting.customerPayment(context, "BK1", "pay-1", bdt("-500"), PAY_DAY);

        assertThat(code(paid)).isEqualTo(BookingErrorCode.BOOKING_INVALID_COMMAND);
        assertThat(code(accounting.customerPayment(context, "BK1", "pay-2", bdt("0"), PAY_DAY)))
                .isEqualTo(BookingErrorCode.BOOKING_INVALID_COMMAND);
        assertThat(code(accounting.refundPayment(context, "BK1", "rfp-1", bdt("-1"), PAY_DAY)))
                .isEqualTo(BookingErrorCode.BOOKING_INVALID_COMMAND);
        assertThat(fixture.snapshot()).isEqualTo(before);
    }

    @Test
    void aRemittanceInTheAgencysFavourPostsOnTheOtherSide() {
        BookingAccounting accounting = accounting(PostingRuleTemplates.travelAgency());

        accounting.remittance(context, "R1", "2026-03-P1", bdt("-300"), bdt("-300"), PAY_DAY).orThrow();

        // BSP owes the agency 300 and pays it in: the payable account is credited and the bank debited
        assertThat(balance("2100")).isEqualTo(bdt("300"));
        assertThat(balance("1000")).isEqualTo(bdt("300"));
    }

    @Test
    void anAmountInAnotherCurrencyIsATypedRefusal() {
        String ticket = issuedTicket();
        BookingAccounting accounting = accounting(PostingRuleTemplates.travelAgency());
        LedgerFixture.Snapshot before = fixture.snapshot();
        Money usd = Money.of("50", "USD");

        assertThat(code(accounting.customerPayment(context, "BK1", "pay-1", usd, PAY_DAY)))
                .isEqualTo(BookingErrorCode.BOOKING_CURRENCY_MISMATCH);
        assertThat(code(accounting.adm(context, "BK1", "adm-1", ticket, usd,
                BookingAccounting.AdmDecision.ACCEPTED, PAY_DAY))).isEqualTo(BookingErrorCode.BOOKING_CURRENCY_MISMATCH);
        assertThat(code(accounting.remittance(context, "R1", "2026-03-P1", bdt("100"), usd, PAY_DAY)))
                .isEqualTo(BookingErrorCode.BOOKING_CURRENCY_MISMATCH);
        assertThat(fixture.snapshot()).isEqualTo(before);
    }

    @Test
    void anEventWhoseSecondEntryIsRefusedPostsNoneOfIts() {
        issuedTicket();
        // A tenant's rule that posts a payment as two entries, the second to an account its chart lacks.
        List<PostingRule> rules = new ArrayList<>();
        rules.add(new PostingRule(PostingEventType.CUSTOMER_PAYMENT, Set.of(), Set.of(), Set.of(), List.of(
                List.of(LineRule.debit("1000", PostingAmount.PAYMENT), LineRule.credit("1100", PostingAmount.PAYMENT)),
                List.of(LineRule.debit("1000", PostingAmount.PAYMENT), LineRule.credit("9999", PostingAmount.PAYMENT)))));
        rules.addAll(PostingRuleTemplates.travelAgency().rules());
        BookingAccounting accounting = accounting(new PostingRules(rules));
        LedgerFixture.Snapshot before = fixture.snapshot();

        Outcome<PostResult> paid = accounting.customerPayment(context, "BK1", "pay-1", bdt("500"), PAY_DAY);

        assertThat(code(paid)).isEqualTo(BookingErrorCode.BOOKING_POSTING_REFUSED);
        assertThat(((Outcome.Refused<PostResult>) paid).rejection().detail()).contains("LEDGER_ACCOUNT_NOT_FOUND");
        assertThat(fixture.snapshot()).isEqualTo(before);
    }

    // ---------------------------------------------------------------- what the ledger may refuse once the airline acted

    /** The booking service over an airline that runs {@code meanwhile} while it answers one kind of call. */
    private BookingService serviceWhere(String call, Runnable meanwhile) {
        SupplierGateway real = airline;
        SupplierGateway decorated = (SupplierGateway) Proxy.newProxyInstance(SupplierGateway.class.getClassLoader(),
                new Class<?>[]{SupplierGateway.class}, (proxy, method, args) -> {
                    try {
                        Object answer = method.invoke(real, args);
                        if (method.getName().equals(call)) {
                            meanwhile.run();
                        }
                        return answer;
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        return new BookingService(bookingStore(), outboxStore(), fixture.ledger, locks(), decorated,
                tenant -> PostingRuleTemplates.travelAgency(), ApprovalPolicy.NEVER, fixture.clock,
                BookingServiceOptions.defaults(DHAKA));
    }

    private LocalDate today() {
        return LocalDate.ofInstant(fixture.clock.instant(), DHAKA);
    }

    @Test
    void aPeriodClosedWhileADepositIsHeldLetsTheIssueCaptureItOnTheDayOfIssue() {
        BookingTerms byDeposit = terms().settled(SettlementChannel.BSP, FormOfPayment.DEPOSIT, AccountingModel.AGENT,
                bdt("0"));
        service.hold(context, "BK1", offer(), List.of(RAHIM), byDeposit).orThrow();
        service.holdDeposit(context, "BK1", "dep-1").orThrow();
        LocalDate holdDay = today();
        fixture.ledger.periods().closeThrough(context, holdDay).orThrow();
        fixture.clock.advance(Duration.ofHours(13));
        assertThat(today()).isAfter(holdDay);
        service.price(context, "BK1").orThrow();

        Booking issued = service.issue(context, "BK1", "key-1").orThrow();

        assertThat(issued.status().state()).isEqualTo(BookingState.ISSUED);
        assertThat(issued.unposted()).isEmpty();
        assertThat(pending("2200")).isEqualTo(bdt("0"));
        assertThat(balance("2100")).isEqualTo(bdt("51200"));
        assertThat(fixture.ledger.entry(context, EntryId.of("BK1.DH.dep-1.captured")).orElseThrow().effectiveDate())
                .isEqualTo(today());
    }

    @Test
    void anIssueTheLedgerWouldRefuseIsRefusedBeforeTheAirlineIsAsked() {
        Booking priced = priced("BK1", RAHIM);
        fixture.ledger.periods().closeThrough(context, today()).orThrow();
        LedgerFixture.Snapshot before = fixture.snapshot();

        Outcome<Booking> issued = service.issue(context, "BK1", "key-1");

        assertThat(code(issued)).isEqualTo(BookingErrorCode.BOOKING_POSTING_REFUSED);
        assertThat(((Outcome.Refused<Booking>) issued).rejection().detail()).contains("LEDGER_PERIOD_CLOSED");
        assertThat(order(priced).documents()).as("the airline issued nothing").isEmpty();
        assertThat(service.find(context, "BK1").orElseThrow().status().state()).isEqualTo(BookingState.PRICED);
        assertThat(fixture.snapshot()).isEqualTo(before);
    }

    @Test
    void anIssueTheLedgerRefusesOnceTheAirlineIssuedIsRecordedAndItsPostingWaits() {
        priced("BK1", RAHIM);
        BookingService racing = serviceWhere("issue",
                () -> fixture.ledger.periods().closeThrough(context, today()).orThrow());

        Booking issued = racing.issue(context, "BK1", "key-1").orThrow();

        assertThat(issued.status().state()).isEqualTo(BookingState.ISSUED);
        assertThat(issued.documents()).hasSize(1);
        assertThat(issued.unposted()).hasValueSatisfying(waiting -> {
            assertThat(waiting.event()).isEqualTo(PostingEvent.ISSUE);
            assertThat(waiting.reason()).contains("LEDGER_PERIOD_CLOSED");
        });
        assertThat(balance("1100")).isEqualTo(bdt("0"));
        assertThat(eventsOf("BK1")).extracting(OutboxEvent::type)
                .containsExactly("booking.held", "booking.issued", "accounting.posting_refused");
        assertThat(code(service.voidTickets(context, "BK1"))).isEqualTo(BookingErrorCode.BOOKING_POSTING_PENDING);
        assertThat(order(issued).status()).as("not voided").isEqualTo(SupplierOrder.Status.ISSUED);
        assertThat(code(service.reconciler().repost(context, "BK1"))).as("the period is still closed")
                .isEqualTo(BookingErrorCode.BOOKING_POSTING_REFUSED);

        fixture.clock.advance(Duration.ofDays(1));
        assertThat(service.reconciler().reconcileDue(100)).isPositive();

        Booking posted = service.find(context, "BK1").orElseThrow();
        assertThat(posted.unposted()).isEmpty();
        assertThat(balance("1100")).isEqualTo(bdt("55150"));
        assertThat(balance("2100")).isEqualTo(bdt("51200"));
        assertThat(eventsOf("BK1")).extracting(OutboxEvent::type).endsWith("accounting.posted");
        assertThat(service.reconciler().repost(context, "BK1").orThrow()).isEqualTo(posted);
        assertThat(balance("1100")).as("posted once").isEqualTo(bdt("55150"));
    }

    @Test
    void aVoidIsTheLedgerReversalOfTheIssue() {
        String ticket = issuedTicket();

        service.voidTickets(context, "BK1").orThrow();

        assertThat(balance("1100")).isEqualTo(bdt("0"));
        PostResult again = fixture.ledger.reverse(context, EntryId.of("manual"), EntryId.of("BK1.IS." + ticket + ".0"),
                today(), "undo the issue");
        assertThat(again).isInstanceOfSatisfying(PostResult.Rejected.class,
                rejected -> assertThat(rejected.code()).isEqualTo(LedgerErrorCode.LEDGER_ALREADY_REVERSED));
    }

    @Test
    void aVoidOfAnIssueTheLedgerReversedAlreadyIsRefusedBeforeTheAirlineVoids() {
        String ticket = issuedTicket();
        assertThat(fixture.ledger.reverse(context, EntryId.of("manual"), EntryId.of("BK1.IS." + ticket + ".0"),
                today(), "undo the issue")).isInstanceOf(PostResult.Posted.class);
        LedgerFixture.Snapshot before = fixture.snapshot();

        Outcome<Booking> voided = service.voidTickets(context, "BK1");

        assertThat(code(voided)).isEqualTo(BookingErrorCode.BOOKING_POSTING_REFUSED);
        assertThat(((Outcome.Refused<Booking>) voided).rejection().detail()).contains("LEDGER_ALREADY_REVERSED");
        Booking booking = service.find(context, "BK1").orElseThrow();
        assertThat(booking.status().state()).isEqualTo(BookingState.ISSUED);
        assertThat(order(booking).status()).isEqualTo(SupplierOrder.Status.ISSUED);
        assertThat(fixture.snapshot()).isEqualTo(before);
        assertThat(balance("1100")).as("undone once, not twice").isEqualTo(bdt("0"));
    }

    @Test
    void anIssueReversedInTheLedgerWhileTheAirlineVoidsLeavesTheVoidRecordedAndWaiting() {
        String ticket = issuedTicket();
        BookingService racing = serviceWhere("voidDocuments", () -> fixture.ledger.reverse(context,
                EntryId.of("manual"), EntryId.of("BK1.IS." + ticket + ".0"), today(), "undo the issue"));

        Booking voided = racing.voidTickets(context, "BK1").orThrow();

        assertThat(voided.status().state()).isEqualTo(BookingState.VOIDED);
        assertThat(voided.unposted()).hasValueSatisfying(waiting ->
                assertThat(waiting.reason()).contains("LEDGER_ALREADY_REVERSED"));
        assertThat(balance("1100")).as("undone once, not twice").isEqualTo(bdt("0"));
        assertThat(eventsOf("BK1")).extracting(OutboxEvent::type).endsWith("booking.voided", "accounting.posting_refused");
    }

    @Test
    void anAccountClosedWhileTheAirlineIssuesLeavesTheTicketsRecordedAndThePostingWaiting() {
        priced("BK1", RAHIM);
        BookingService racing = serviceWhere("issue",
                () -> fixture.ledger.chart().close(context, AccountId.of("4300")).orThrow());

        Booking issued = racing.issue(context, "BK1", "key-1").orThrow();

        assertThat(issued.status().state()).isEqualTo(BookingState.ISSUED);
        assertThat(issued.documents()).hasSize(1);
        assertThat(issued.unposted()).hasValueSatisfying(waiting ->
                assertThat(waiting.reason()).contains("LEDGER_ACCOUNT_CLOSED"));
        assertThat(service.find(context, "BK1").orElseThrow()).isEqualTo(issued);
        assertThat(code(service.reconciler().repost(context, "BK1"))).isEqualTo(BookingErrorCode.BOOKING_POSTING_REFUSED);
    }

    @Test
    void anIssuingGraceThatASlowSuppliersCallCouldOutlastIsRefused() {
        SimulatedAirline slow = new SimulatedAirline(SimulationOptions.builder().seed(7)
                .latency(Duration.ofSeconds(100)).build(), fixture.clock);
        BookingServiceOptions defaults = BookingServiceOptions.defaults(DHAKA);

        assertThatThrownBy(() -> new BookingService(bookingStore(), outboxStore(), fixture.ledger, locks(), slow,
                tenant -> PostingRuleTemplates.travelAgency(), ApprovalPolicy.NEVER, fixture.clock, defaults))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("issuing grace");
        assertThat(new BookingService(bookingStore(), outboxStore(), fixture.ledger, locks(), slow,
                tenant -> PostingRuleTemplates.travelAgency(), ApprovalPolicy.NEVER, fixture.clock,
                defaults.withIssuingGrace(defaults.lease().plusSeconds(101)))).isNotNull();
    }

    @Test
    void anExchangeTheAirlineMadeButWhoseRecordFailedIsSettledByTheReconciler() {
        String oldTicket = issuedTicket();
        Offer dearer = airline.offerAt("DAC", "DXB", LocalDate.of(2026, 4, 5),
                new Fare(bdt("42000"), bdt("8000"), bdt("6000")));
        ExchangeOffer quote = service.quoteExchange(context, "BK1", dearer.offerId()).orThrow();
        BookingService racing = serviceWhere("exchangeConfirm",
                () -> fixture.ledger.periods().closeThrough(context, today()).orThrow());

        Outcome<Booking> confirmed = racing.confirmExchange(context, "BK1", quote.quoteId(), "BK1X");

        assertThat(code(confirmed)).isEqualTo(BookingErrorCode.BOOKING_POSTING_REFUSED);
        Booking original = service.find(context, "BK1").orElseThrow();
        assertThat(order(original).documents()).as("the airline reissued").hasSize(2);
        assertThat(service.find(context, "BK1X")).isEmpty();
        assertThat(code(service.confirmExchange(context, "BK1", quote.quoteId(), "BK1Y")))
                .isEqualTo(BookingErrorCode.BOOKING_REQUEST_UNSETTLED);
        assertThat(code(service.quoteExchange(context, "BK1", dearer.offerId())))
                .as("no other quote while one is confirmed").isEqualTo(BookingErrorCode.BOOKING_REQUEST_UNSETTLED);
        assertThat(service.find(context, "BK1").orElseThrow().unposted()).as("the refused exchange is marked")
                .hasValueSatisfying(waiting -> assertThat(waiting.event()).isEqualTo(PostingEvent.EXCHANGE));
        assertThat(code(service.voidTickets(context, "BK1"))).as("nor anything else asked of the airline")
                .isEqualTo(BookingErrorCode.BOOKING_POSTING_PENDING);

        fixture.clock.advance(Duration.ofDays(1));
        assertThat(service.reconciler().reconcileDue(100)).isPositive();

        Booking ended = service.find(context, "BK1").orElseThrow();
        assertThat(ended.status().state()).isEqualTo(BookingState.EXCHANGED);
        assertThat(ended.unposted()).isEmpty();
        Booking followOn = service.find(context, "BK1X").orElseThrow();
        assertThat(followOn.status().state()).isEqualTo(BookingState.ISSUED);
        assertThat(followOn.documents()).extracting(Document::number).doesNotContain(oldTicket).hasSize(1);
        // the issue's 51,200 due to BSP, and the exchange's net 4,860 on top
        assertThat(balance("2100")).isEqualTo(bdt("56060"));
        service.reconciler().reconcileDue(100);
        assertThat(balance("2100")).as("recorded once").isEqualTo(bdt("56060"));
    }

    @Test
    void anEmdTheLedgerRefusesOnceTheAirlineIssuedItIsFlaggedAndRecordedLater() {
        issuedTicket();
        BookingService racing = serviceWhere("issueEmd",
                () -> fixture.ledger.periods().closeThrough(context, today()).orThrow());

        Outcome<Booking> sold = racing.issueEmd(context, "BK1", bdt("6000"), "XBAG", "emd-1");

        assertThat(code(sold)).isEqualTo(BookingErrorCode.BOOKING_POSTING_REFUSED);
        assertThat(eventsOf("BK1")).last().satisfies(event -> {
            assertThat(event.type()).isEqualTo("accounting.posting_refused");
            assertThat(String.valueOf(event.data().get("reason"))).contains("LEDGER_PERIOD_CLOSED");
        });
        assertThat(order(service.find(context, "BK1").orElseThrow()).documents()).as("the airline issued the EMD")
                .hasSize(2);
        assertThat(code(service.reconciler().repost(context, "BK1"))).as("only the airline's answer can be recorded")
                .isEqualTo(BookingErrorCode.BOOKING_POSTING_PENDING);

        fixture.clock.advance(Duration.ofDays(1));
        service.reconciler().reconcileDue(100);

        Booking booking = service.find(context, "BK1").orElseThrow();
        assertThat(booking.documents()).hasSize(2);
        assertThat(balance("2100")).isEqualTo(bdt("57200"));
        service.reconciler().reconcileDue(100);
        assertThat(balance("2100")).as("recorded once").isEqualTo(bdt("57200"));
    }
}
