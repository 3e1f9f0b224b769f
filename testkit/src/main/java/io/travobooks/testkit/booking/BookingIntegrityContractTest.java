package io.travobooks.testkit.booking;

import io.travobooks.booking.BookingErrorCode;
import io.travobooks.booking.posting.Amount;
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

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static io.travobooks.testkit.ledger.LedgerFixture.bdt;
import static org.assertj.core.api.Assertions.assertThat;

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
        assertThat(code(accounting.remittance(context, "R1", "2026-03-P1", bdt("100"), bdt("-100"), PAY_DAY)))
                .isEqualTo(BookingErrorCode.BOOKING_INVALID_COMMAND);
        assertThat(fixture.snapshot()).isEqualTo(before);
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
                List.of(LineRule.debit("1000", Amount.PAYMENT), LineRule.credit("1100", Amount.PAYMENT)),
                List.of(LineRule.debit("1000", Amount.PAYMENT), LineRule.credit("9999", Amount.PAYMENT)))));
        rules.addAll(PostingRuleTemplates.travelAgency().rules());
        BookingAccounting accounting = accounting(new PostingRules(rules));
        LedgerFixture.Snapshot before = fixture.snapshot();

        Outcome<PostResult> paid = accounting.customerPayment(context, "BK1", "pay-1", bdt("500"), PAY_DAY);

        assertThat(code(paid)).isEqualTo(BookingErrorCode.BOOKING_POSTING_REFUSED);
        assertThat(((Outcome.Refused<PostResult>) paid).rejection().detail()).contains("LEDGER_ACCOUNT_NOT_FOUND");
        assertThat(fixture.snapshot()).isEqualTo(before);
    }
}
