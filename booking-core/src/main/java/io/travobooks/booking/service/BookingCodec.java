package io.travobooks.booking.service;

import io.travobooks.booking.PostingEvent;
import io.travobooks.booking.internal.BookingEffect;
import io.travobooks.booking.internal.BookingMachine;
import io.travobooks.booking.BookingStatus;
import io.travobooks.booking.RefundQuote;
import io.travobooks.booking.posting.AccountingModel;
import io.travobooks.booking.posting.FormOfPayment;
import io.travobooks.booking.posting.SettlementChannel;
import io.travobooks.spi.Money;
import io.travobooks.spi.booking.StoredBooking;
import io.travobooks.spi.supplier.ExchangeOffer;
import io.travobooks.spi.supplier.Fare;
import io.travobooks.spi.supplier.Passenger;
import io.travobooks.spi.travel.Document;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a {@link Booking} into the named values of a {@link StoredBooking} and back. Documents are not among them:
 * the store keeps them in their own table, and the codec puts them back into the statuses that hold them.
 */
final class BookingCodec {
    private BookingCodec() {
    }

    /**
     * When the sweepers must look at a booking in this status: a hold's ticketing time limit, an issue's first
     * reconcile (after the issuing process's lease, in case it died), an ambiguous issue's next retrieve, a posting
     * the ledger refused's next try, an exchange confirmation's settling if its confirmer died.
     */
    static Optional<Instant> deadline(Booking booking, Instant now, Duration issuingGrace) {
        if (booking.unposted().isPresent()) {
            return Optional.of(now.plus(BookingMachine.RECONCILE_AFTER)); // the reconciler reposts then
        }
        if (booking.exchangeFollowOn().isPresent()) {
            return Optional.of(now.plus(issuingGrace)); // the reconciler settles the exchange then, if none has
        }
        return Optional.ofNullable(switch (booking.status()) {
            case BookingStatus.Held held -> held.ticketingTimeLimit();
            case BookingStatus.Priced priced -> priced.ticketingTimeLimit();
            case BookingStatus.PendingApproval pending -> pending.priced().ticketingTimeLimit();
            case BookingStatus.IssueFailed failed -> failed.priced().ticketingTimeLimit();
            case BookingStatus.Issuing ignored -> now.plus(issuingGrace);
            case BookingStatus.IssueUnknown unknown -> unknown.since().plus(BookingMachine.RECONCILE_AFTER);
            default -> null;
        });
    }

    static StoredBooking encode(Booking booking, Optional<Instant> deadline) {
        Map<String, String> data = new HashMap<>();
        data.put("airline", booking.airlinePrefix());
        for (int i = 0; i < booking.passengers().size(); i++) {
            data.put("pax." + i + ".given", booking.passengers().get(i).givenName());
            data.put("pax." + i + ".surname", booking.passengers().get(i).surname());
        }
        Fare fare = booking.farePerPassenger();
        data.put("fare.base", money(fare.base()));
        data.put("fare.surcharges", money(fare.carrierSurcharges()));
        data.put("fare.taxes", money(fare.taxes()));
        fare.taxesByCode().forEach((code, tax) -> data.put("fare.tax." + code, money(tax)));
        BookingTerms terms = booking.terms();
        data.put("terms.commission", money(terms.commission()));
        data.put("terms.serviceFee", money(terms.serviceFee()));
        data.put("terms.serviceFeeTax", money(terms.serviceFeeTax()));
        data.put("terms.markup", money(terms.markup()));
        data.put("terms.refundFee", money(terms.refundFee()));
        data.put("terms.refundFeeTax", money(terms.refundFeeTax()));
        data.put("terms.reissueFee", money(terms.reissueFee()));
        data.put("terms.reissueFeeTax", money(terms.reissueFeeTax()));
        data.put("terms.channel", terms.channel().name());
        data.put("terms.payment", terms.payment().name());
        data.put("terms.model", terms.model().name());
        terms.commissionPercent().ifPresent(percent -> data.put("terms.commissionPercent", percent.toPlainString()));
        booking.depositHold().ifPresent(hold -> data.put("deposit.hold", hold));
        booking.exchangeQuote().ifPresent(quote -> {
            data.put("xq.id", quote.quoteId());
            data.put("xq.documents", String.join(",", quote.documentNumbers().stream().sorted().toList()));
            data.put("xq.offer", quote.newOfferId());
            data.put("xq.difference", money(quote.fareDifference()));
            data.put("xq.penalty", money(quote.changePenalty()));
            data.put("xq.expires", quote.expiresAt().toString());
        });
        booking.exchangeFollowOn().ifPresent(followOn -> data.put("xq.followOn", followOn));
        booking.unposted().ifPresent(waiting -> {
            data.put("unposted.event", waiting.event().name());
            data.put("unposted.reason", waiting.reason());
            data.put("unposted.since", waiting.since().toString());
        });
        status(booking.status(), data);
        return new StoredBooking(booking.tenant(), booking.id(), booking.version(), booking.status().state().name(),
                Optional.of(booking.pnr()), deadline, data, booking.passengers().stream()
                .flatMap(p -> StoredBooking.traveller(p.surname(), p.givenName()).stream()).toList());
    }

    private static void status(BookingStatus status, Map<String, String> data) {
        switch (status) {
            case BookingStatus.Held held -> data.put("s.ttl", held.ticketingTimeLimit().toString());
            case BookingStatus.Priced priced -> priced(priced, data);
            case BookingStatus.PendingApproval pending -> {
                priced(pending.priced(), data);
                data.put("s.request", pending.requestId());
            }
            case BookingStatus.Issuing issuing -> {
                priced(issuing.priced(), data);
                data.put("s.request", issuing.requestId());
            }
            case BookingStatus.IssueUnknown unknown -> {
                priced(unknown.priced(), data);
                data.put("s.request", unknown.requestId());
                data.put("s.since", unknown.since().toString());
            }
            case BookingStatus.IssueFailed failed -> {
                priced(failed.priced(), data);
                data.put("s.request", failed.requestId());
                data.put("s.reason", failed.reason());
            }
            case BookingStatus.Issued issued -> data.put("s.issuedAt", issued.issuedAt().toString());
            case BookingStatus.RefundQuoted quoted -> {
                data.put("s.issuedAt", quoted.issued().issuedAt().toString());
                RefundQuote quote = quoted.quote();
                data.put("s.quote.id", quote.quoteId());
                data.put("s.quote.documents", String.join(",", quote.documentNumbers().stream().sorted().toList()));
                data.put("s.quote.refundable", money(quote.refundable()));
                data.put("s.quote.penalty", money(quote.penalty()));
                data.put("s.quote.expires", quote.expiresAt().toString());
                data.put("s.quote.confirming", Boolean.toString(quoted.confirming()));
            }
            case BookingStatus.Cancelled cancelled -> data.put("s.reason", cancelled.reason());
            case BookingStatus.Draft ignored -> { }
            case BookingStatus.Voided ignored -> { }
            case BookingStatus.Refunded ignored -> { }
            case BookingStatus.Exchanged ignored -> { }
            case BookingStatus.Expired ignored -> { }
        }
    }

    private static void priced(BookingStatus.Priced priced, Map<String, String> data) {
        data.put("s.ttl", priced.ticketingTimeLimit().toString());
        data.put("s.guarantee", priced.priceGuaranteeUntil().toString());
        data.put("s.used", String.join(",", priced.usedRequestIds().stream().sorted().toList()));
    }

    static Booking decode(StoredBooking stored, List<Document> documents) {
        Map<String, String> data = stored.data();
        List<Passenger> passengers = new ArrayList<>();
        for (int i = 0; data.containsKey("pax." + i + ".given"); i++) {
            passengers.add(new Passenger(data.get("pax." + i + ".given"), data.get("pax." + i + ".surname")));
        }
        Map<String, Money> taxesByCode = new HashMap<>();
        data.forEach((key, value) -> {
            if (key.startsWith("fare.tax.")) {
                taxesByCode.put(key.substring("fare.tax.".length()), money(value));
            }
        });
        Fare fare = new Fare(money(data.get("fare.base")), money(data.get("fare.surcharges")),
                money(data.get("fare.taxes")), taxesByCode);
        BookingTerms terms = new BookingTerms(money(data.get("terms.commission")),
                money(data.get("terms.serviceFee")), money(data.get("terms.serviceFeeTax")),
                money(data.get("terms.markup")), money(data.get("terms.refundFee")),
                money(data.get("terms.refundFeeTax")), money(data.get("terms.reissueFee")),
                money(data.get("terms.reissueFeeTax")), SettlementChannel.valueOf(data.get("terms.channel")),
                FormOfPayment.valueOf(data.get("terms.payment")), AccountingModel.valueOf(data.get("terms.model")),
                Optional.ofNullable(data.get("terms.commissionPercent")).map(BigDecimal::new));
        return new Booking(stored.tenant(), stored.id(), stored.version(), stored.pnr().orElseThrow(),
                data.get("airline"), passengers, fare, terms, status(stored.state(), data, documents), documents,
                Optional.ofNullable(data.get("deposit.hold")), exchangeQuote(stored.pnr().orElseThrow(), data),
                Optional.ofNullable(data.get("xq.followOn")), unposted(data));
    }

    private static Optional<Unposted> unposted(Map<String, String> data) {
        if (!data.containsKey("unposted.event")) {
            return Optional.empty();
        }
        return Optional.of(new Unposted(PostingEvent.valueOf(data.get("unposted.event")),
                data.get("unposted.reason"), instant(data, "unposted.since")));
    }

    private static Optional<ExchangeOffer> exchangeQuote(String pnr, Map<String, String> data) {
        if (!data.containsKey("xq.id")) {
            return Optional.empty();
        }
        return Optional.of(new ExchangeOffer(data.get("xq.id"), pnr, Set.of(data.get("xq.documents").split(",")),
                data.get("xq.offer"), money(data.get("xq.difference")), money(data.get("xq.penalty")),
                instant(data, "xq.expires")));
    }

    private static BookingStatus status(String state, Map<String, String> data, List<Document> documents) {
        return switch (state) {
            case "DRAFT" -> new BookingStatus.Draft();
            case "HELD" -> new BookingStatus.Held(instant(data, "s.ttl"));
            case "PRICED" -> priced(data);
            case "PENDING_APPROVAL" -> new BookingStatus.PendingApproval(priced(data), data.get("s.request"));
            case "ISSUING" -> new BookingStatus.Issuing(priced(data), data.get("s.request"));
            case "ISSUE_UNKNOWN" -> new BookingStatus.IssueUnknown(priced(data), data.get("s.request"),
                    instant(data, "s.since"));
            case "ISSUE_FAILED" -> new BookingStatus.IssueFailed(priced(data), data.get("s.request"),
                    data.get("s.reason"));
            case "ISSUED" -> new BookingStatus.Issued(documents, instant(data, "s.issuedAt"));
            case "REFUND_QUOTED" -> new BookingStatus.RefundQuoted(
                    new BookingStatus.Issued(documents, instant(data, "s.issuedAt")),
                    new RefundQuote(data.get("s.quote.id"), Set.of(data.get("s.quote.documents").split(",")),
                            money(data.get("s.quote.refundable")), money(data.get("s.quote.penalty")),
                            instant(data, "s.quote.expires")),
                    Boolean.parseBoolean(data.get("s.quote.confirming")));
            case "VOIDED" -> new BookingStatus.Voided(documents);
            case "REFUNDED" -> new BookingStatus.Refunded(documents);
            case "EXCHANGED" -> new BookingStatus.Exchanged(documents, List.of());
            case "EXPIRED" -> new BookingStatus.Expired();
            case "CANCELLED" -> new BookingStatus.Cancelled(data.get("s.reason"));
            default -> throw new IllegalStateException("unknown booking state " + state);
        };
    }

    private static BookingStatus.Priced priced(Map<String, String> data) {
        String used = data.get("s.used");
        return new BookingStatus.Priced(instant(data, "s.ttl"), instant(data, "s.guarantee"),
                used.isEmpty() ? Set.of() : Set.copyOf(Arrays.asList(used.split(","))));
    }

    private static Instant instant(Map<String, String> data, String key) {
        return Instant.parse(data.get(key));
    }

    /** Minor units and currency: "5120000 BDT". */
    private static String money(Money money) {
        return money.minor() + " " + money.currency().getCurrencyCode();
    }

    private static Money money(String text) {
        int space = text.indexOf(' ');
        return Money.ofMinor(Long.parseLong(text.substring(0, space)), text.substring(space + 1));
    }
}
