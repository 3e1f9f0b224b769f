package io.travobooks.server.bookings;

import io.travobooks.booking.BookingStatus;
import io.travobooks.booking.RefundQuote;
import io.travobooks.booking.service.Booking;
import io.travobooks.booking.service.BookingTerms;
import io.travobooks.spi.Money;
import io.travobooks.spi.supplier.ExchangeOffer;
import io.travobooks.spi.supplier.Fare;
import io.travobooks.spi.supplier.Offer;
import io.travobooks.spi.supplier.Passenger;
import io.travobooks.spi.supplier.Segment;
import io.travobooks.spi.travel.CouponStatus;
import io.travobooks.spi.travel.Document;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Bookings, offers and documents as the contract shapes them. */
public final class BookingViews {
    private BookingViews() {
    }

    record MoneyView(long amountMinor, String currency) {
        static MoneyView of(Money money) {
            return new MoneyView(money.minor(), money.currency().getCurrencyCode());
        }
    }

    record PassengerView(String givenName, String surname) {
        static PassengerView of(Passenger passenger) {
            return new PassengerView(passenger.givenName(), passenger.surname());
        }
    }

    record FareView(MoneyView base, MoneyView carrierSurcharges, MoneyView taxes, Map<String, MoneyView> taxesByCode) {
        static FareView of(Fare fare) {
            Map<String, MoneyView> byCode = new TreeMap<>();
            fare.taxesByCode().forEach((code, amount) -> byCode.put(code, MoneyView.of(amount)));
            return new FareView(MoneyView.of(fare.base()), MoneyView.of(fare.carrierSurcharges()),
                    MoneyView.of(fare.taxes()), byCode);
        }
    }

    record SegmentView(String carrier, String flightNumber, String origin, String destination, String departure,
                       Optional<String> bookingClass) {
        static SegmentView of(Segment segment) {
            return new SegmentView(segment.carrier(), segment.flightNumber(), segment.origin(),
                    segment.destination(), segment.departure().toString(), segment.bookingClass());
        }
    }

    record OfferView(String offerId, String airlinePrefix, List<SegmentView> segments, FareView farePerPassenger,
                     Instant expiresAt) {
        static OfferView of(Offer offer) {
            return new OfferView(offer.offerId(), offer.airlinePrefix(),
                    offer.segments().stream().map(SegmentView::of).toList(), FareView.of(offer.farePerPassenger()),
                    offer.expiresAt());
        }
    }

    record DocumentView(String number, String type, List<String> coupons) {
        static DocumentView of(Document document) {
            return new DocumentView(document.number(), document.type().name(),
                    document.coupons().stream().map(CouponStatus::name).toList());
        }
    }

    record TermsView(String currency, long commissionMinor, Optional<String> commissionPercent, long serviceFeeMinor,
                     long serviceFeeTaxMinor, long markupMinor, long refundFeeMinor, long refundFeeTaxMinor,
                     long reissueFeeMinor, long reissueFeeTaxMinor, String channel, String payment, String model) {
        static TermsView of(BookingTerms terms) {
            return new TermsView(terms.currency().getCurrencyCode(), terms.commission().minor(),
                    terms.commissionPercent().map(percent -> percent.toPlainString()), terms.serviceFee().minor(),
                    terms.serviceFeeTax().minor(), terms.markup().minor(), terms.refundFee().minor(),
                    terms.refundFeeTax().minor(), terms.reissueFee().minor(), terms.reissueFeeTax().minor(),
                    terms.channel().name(), terms.payment().name(), terms.model().name());
        }
    }

    record RefundQuoteView(String quoteId, List<String> documentNumbers, MoneyView refundable, MoneyView penalty,
                           Instant expiresAt) {
        static RefundQuoteView of(RefundQuote quote) {
            return new RefundQuoteView(quote.quoteId(), quote.documentNumbers().stream().sorted().toList(),
                    MoneyView.of(quote.refundable()), MoneyView.of(quote.penalty()), quote.expiresAt());
        }
    }

    record ExchangeQuoteView(String quoteId, String pnr, List<String> documentNumbers, String newOfferId,
                             MoneyView fareDifference, MoneyView changePenalty, Instant expiresAt) {
        static ExchangeQuoteView of(ExchangeOffer offer) {
            return new ExchangeQuoteView(offer.quoteId(), offer.pnr(), offer.documentNumbers().stream().sorted()
                    .toList(), offer.newOfferId(), MoneyView.of(offer.fareDifference()),
                    MoneyView.of(offer.changePenalty()), offer.expiresAt());
        }
    }

    public record BookingView(String id, long version, String pnr, String airlinePrefix, String status,
                       Optional<Instant> ticketingTimeLimit, Optional<Instant> priceGuaranteeUntil,
                       Optional<Instant> issuedAt, Optional<String> statusReason, List<PassengerView> passengers,
                       FareView farePerPassenger, TermsView terms, List<DocumentView> documents,
                       Optional<String> depositHold, Optional<RefundQuoteView> refundQuote,
                       Optional<MoneyView> refundToCustomer, Optional<ExchangeQuoteView> exchangeQuote,
                       boolean postingWaiting) {
        public static BookingView of(Booking booking) {
            BookingStatus status = booking.status();
            Optional<BookingStatus.Priced> priced = switch (status) {
                case BookingStatus.Priced p -> Optional.of(p);
                case BookingStatus.PendingApproval p -> Optional.of(p.priced());
                case BookingStatus.Issuing p -> Optional.of(p.priced());
                case BookingStatus.IssueUnknown p -> Optional.of(p.priced());
                case BookingStatus.IssueFailed p -> Optional.of(p.priced());
                default -> Optional.empty();
            };
            Optional<Instant> timeLimit = status instanceof BookingStatus.Held held
                    ? Optional.of(held.ticketingTimeLimit()) : priced.map(BookingStatus.Priced::ticketingTimeLimit);
            Optional<Instant> issuedAt = switch (status) {
                case BookingStatus.Issued issued -> Optional.of(issued.issuedAt());
                case BookingStatus.RefundQuoted quoted -> Optional.of(quoted.issued().issuedAt());
                default -> Optional.empty();
            };
            Optional<String> reason = switch (status) {
                case BookingStatus.IssueFailed failed -> Optional.of(failed.reason());
                case BookingStatus.Cancelled cancelled -> Optional.of(cancelled.reason());
                default -> Optional.empty();
            };
            Optional<RefundQuoteView> refundQuote = status instanceof BookingStatus.RefundQuoted quoted
                    ? Optional.of(RefundQuoteView.of(quoted.quote())) : Optional.empty();
            return new BookingView(booking.id(), booking.version(), booking.pnr(), booking.airlinePrefix(),
                    status.state().name(), timeLimit, priced.map(BookingStatus.Priced::priceGuaranteeUntil), issuedAt,
                    reason, booking.passengers().stream().map(PassengerView::of).toList(),
                    FareView.of(booking.farePerPassenger()), TermsView.of(booking.terms()),
                    booking.documents().stream().map(DocumentView::of).toList(), booking.depositHold(), refundQuote,
                    booking.refundToCustomer().map(MoneyView::of), booking.exchangeQuote().map(ExchangeQuoteView::of),
                    booking.unposted().isPresent());
        }
    }
}
