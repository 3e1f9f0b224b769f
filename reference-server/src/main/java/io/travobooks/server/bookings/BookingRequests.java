package io.travobooks.server.bookings;

import io.travobooks.booking.posting.AccountingModel;
import io.travobooks.booking.posting.FormOfPayment;
import io.travobooks.booking.posting.SettlementChannel;
import io.travobooks.booking.service.BookingTerms;
import io.travobooks.server.http.ApiProblem;
import io.travobooks.server.http.Currencies;
import io.travobooks.spi.Money;
import io.travobooks.spi.supplier.Passenger;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Optional;

/** Request bodies of the booking operations and their mapping to the library's types. */
final class BookingRequests {
    private BookingRequests() {
    }

    /** An amount of a body whose currency is its top-level {@code currency} field. */
    private static Money money(long minor, String currency) {
        return new Money(minor, Currencies.parse(currency, "/currency"));
    }

    record PassengerBody(String givenName, String surname) {
        Passenger toPassenger() {
            return new Passenger(givenName, surname);
        }
    }

    record TermsBody(String currency, Optional<Long> commissionMinor, Optional<String> commissionPercent,
                     Optional<Long> serviceFeeMinor, Optional<Long> serviceFeeTaxMinor, Optional<Long> markupMinor,
                     Optional<Long> refundFeeMinor, Optional<Long> refundFeeTaxMinor, Optional<Long> reissueFeeMinor,
                     Optional<Long> reissueFeeTaxMinor, Optional<String> channel, Optional<String> payment,
                     Optional<String> model) {
        BookingTerms toTerms() {
            Currency money = Currencies.parse(currency, "/terms/currency");
            try {
                return new BookingTerms(amount(commissionMinor, money), amount(serviceFeeMinor, money),
                        amount(serviceFeeTaxMinor, money), amount(markupMinor, money), amount(refundFeeMinor, money),
                        amount(refundFeeTaxMinor, money), amount(reissueFeeMinor, money),
                        amount(reissueFeeTaxMinor, money),
                        SettlementChannel.valueOf(channel.orElse("BSP")),
                        FormOfPayment.valueOf(payment.orElse("AGENCY")),
                        AccountingModel.valueOf(model.orElse("AGENT")), commissionPercent.map(BigDecimal::new));
            } catch (IllegalArgumentException e) {
                throw ApiProblem.invalid("/terms", e.getMessage());
            }
        }

        private static Money amount(Optional<Long> minor, Currency currency) {
            return new Money(minor.orElse(0L), currency);
        }
    }

    record NewBooking(String id, String offerId, List<PassengerBody> passengers, TermsBody terms) {
    }

    record ReasonBody(String reason) {
    }

    record RefundQuoteBody(List<String> documentNumbers) {
    }

    record ExchangeQuoteBody(String newOfferId, Optional<List<String>> documentNumbers) {
    }

    record ExchangeConfirmationBody(String followOnBookingId) {
    }

    record EmdBody(long amountMinor, String currency, String reason) {
        Money amount() {
            return money(amountMinor, currency);
        }
    }

    record DepositBody(String depositId) {
    }

    record PaymentBody(String paymentId, long amountMinor, String currency, Optional<LocalDate> date) {
        Money amount() {
            return money(amountMinor, currency);
        }
    }

    record AdmBody(String memoId, String documentNumber, long amountMinor, String currency, String decision,
                   Optional<LocalDate> date) {
        Money amount() {
            return money(amountMinor, currency);
        }
    }

    record MemoOutcomeBody(String documentNumber, long amountMinor, String currency, Optional<LocalDate> date) {
        Money amount() {
            return money(amountMinor, currency);
        }
    }

    record AcmBody(String memoId, String documentNumber, long amountMinor, String currency,
                   Optional<LocalDate> date) {
        Money amount() {
            return money(amountMinor, currency);
        }
    }

    record RemittanceBody(String remittanceId, String billingPeriod, long billedMinor, long paidMinor,
                          String currency, Optional<LocalDate> date) {
        Money billed() {
            return money(billedMinor, currency);
        }

        Money paid() {
            return money(paidMinor, currency);
        }
    }
}
