package io.travobooks.server.bookings;

import io.travobooks.booking.BookingErrorCode;
import io.travobooks.booking.service.BookingAccounting;
import io.travobooks.ledger.PostResult;
import io.travobooks.server.http.Call;
import io.travobooks.server.http.Currencies;
import io.travobooks.server.http.Handler;
import io.travobooks.server.http.Reply;
import io.travobooks.server.ledger.Postings;
import io.travobooks.server.runtime.AgencyTime;
import io.travobooks.spi.AccountId;
import io.travobooks.spi.Money;
import io.travobooks.spi.Outcome;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The money that moves around a booking without changing it: payments, memos, BSP remittances. */
public final class MoneyEventsApi {
    private static final Set<BookingErrorCode> BOOKING_MISSING = Set.of(BookingErrorCode.BOOKING_NOT_FOUND);
    /** The travel-agency chart's BSP payable. */
    private static final AccountId BSP_PAYABLE = AccountId.of("2100");

    private final BookingAccounting accounting;
    private final AgencyTime time;

    public MoneyEventsApi(BookingAccounting accounting, AgencyTime time) {
        this.accounting = accounting;
        this.time = time;
    }

    public Map<String, Handler> handlers() {
        Map<String, Handler> handlers = new HashMap<>();
        handlers.put("recordCustomerPayment", call -> {
            BookingRequests.PaymentBody body = call.bodyAs(BookingRequests.PaymentBody.class);
            return posted(accounting.customerPayment(call.context(), id(call), body.paymentId(), body.amount(),
                    today(body.date())));
        });
        handlers.put("recordRefundPayment", call -> {
            BookingRequests.PaymentBody body = call.bodyAs(BookingRequests.PaymentBody.class);
            return posted(accounting.refundPayment(call.context(), id(call), body.paymentId(), body.amount(),
                    today(body.date())));
        });
        handlers.put("recordAdm", call -> {
            BookingRequests.AdmBody body = call.bodyAs(BookingRequests.AdmBody.class);
            return posted(accounting.adm(call.context(), id(call), body.memoId(), body.documentNumber(),
                    body.amount(), BookingAccounting.AdmDecision.valueOf(body.decision()), today(body.date())));
        });
        handlers.put("recordAdmDisputeWon", call -> {
            BookingRequests.MemoOutcomeBody body = call.bodyAs(BookingRequests.MemoOutcomeBody.class);
            return posted(accounting.admDisputeWon(call.context(), id(call), call.path("memo_id"),
                    body.documentNumber(), body.amount(), today(body.date())));
        });
        handlers.put("recordAdmDisputeLost", call -> {
            BookingRequests.MemoOutcomeBody body = call.bodyAs(BookingRequests.MemoOutcomeBody.class);
            return posted(accounting.admDisputeLost(call.context(), id(call), call.path("memo_id"),
                    body.documentNumber(), body.amount(), today(body.date())));
        });
        handlers.put("recordAcm", call -> {
            BookingRequests.AcmBody body = call.bodyAs(BookingRequests.AcmBody.class);
            return posted(accounting.acm(call.context(), id(call), body.memoId(), body.documentNumber(),
                    body.amount(), today(body.date())));
        });
        handlers.put("recordRemittance", call -> {
            BookingRequests.RemittanceBody body = call.bodyAs(BookingRequests.RemittanceBody.class);
            return posted(accounting.remittance(call.context(), body.remittanceId(), body.billingPeriod(),
                    body.billed(), body.paid(), today(body.date())));
        });
        handlers.put("getBillingPeriodDue", this::due);
        handlers.put("listBillingPeriods", this::periods);
        return handlers;
    }

    private Reply due(Call call) {
        String period = call.query("billing_period").orElseThrow();
        Money due = Postings.orThrow(accounting.billingPeriodDue(call.context(), BSP_PAYABLE,
                Currencies.parse(call.query("currency").orElseThrow(), "currency"), period), Set.of());
        return Reply.ok(Map.of("billing_period", period, "due", BookingViews.MoneyView.of(due)));
    }

    record PeriodView(String billingPeriod, LocalDate firstDay, LocalDate lastDay, Optional<LocalDate> remittanceDue,
                      BookingViews.MoneyView due) {
    }

    private Reply periods(Call call) {
        List<BookingAccounting.PeriodDue> periods = Postings.orThrow(accounting.billingPeriods(call.context(),
                BSP_PAYABLE, Currencies.parse(call.query("currency").orElseThrow(), "currency"),
                call.queryDate("from").orElseThrow(), call.queryDate("to").orElseThrow()), Set.of());
        return Reply.ok(Map.of("items", periods.stream().map(period -> new PeriodView(period.period(),
                period.firstDay(), period.lastDay(), period.remittanceDue(), BookingViews.MoneyView.of(period.due())))
                .toList()));
    }

    private static Reply posted(Outcome<PostResult> outcome) {
        return Postings.reply(Postings.orThrow(outcome, BOOKING_MISSING), Set.of());
    }

    private LocalDate today(Optional<LocalDate> date) {
        return date.orElseGet(time::today);
    }

    private static String id(Call call) {
        return call.path("booking_id");
    }
}
