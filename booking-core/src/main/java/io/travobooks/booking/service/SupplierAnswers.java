package io.travobooks.booking.service;

import io.travobooks.booking.BookingErrorCode;
import io.travobooks.spi.Outcome;
import io.travobooks.spi.Rejection;
import io.travobooks.spi.supplier.SupplierResult;

/** The one reading of a supplier's answer as an outcome: its value, or a refusal that says why there is none. */
final class SupplierAnswers {
    private SupplierAnswers() {
    }

    /** The answer's value; a refusal names the supplier's code, an unclear answer its reason. */
    static <T> Outcome<T> outcome(SupplierResult<T> result) {
        return outcome(result, "");
    }

    /** As {@link #outcome(SupplierResult)}, with {@code unknownHint} telling the caller what to do when unclear. */
    static <T> Outcome<T> outcome(SupplierResult<T> result, String unknownHint) {
        return switch (result) {
            case SupplierResult.Success<T> success -> Outcome.ok(success.value());
            case SupplierResult.Refused<T> no -> new Outcome.Refused<>(refusal(no));
            case SupplierResult.Unknown<T> unknown -> unclear(unknown, unknownHint);
        };
    }

    /** An answer that does not say whether the supplier acted, as a refusal of any type. */
    static <T> Outcome<T> unclear(SupplierResult.Unknown<?> unknown, String hint) {
        return Outcome.refused(BookingErrorCode.BOOKING_SUPPLIER_UNAVAILABLE, unknown.reason() + hint);
    }

    static Rejection refusal(SupplierResult.Refused<?> no) {
        return new Rejection(BookingErrorCode.BOOKING_SUPPLIER_REFUSED, no.code() + ": " + no.message());
    }
}
