package io.travobooks.spi.supplier;

import io.travobooks.spi.Money;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * An airline system (GDS or NDC), as the booking saga needs it. Every call that changes the order may answer
 * {@link SupplierResult.Unknown}: then retrieve, never send again. Issue carries the caller's request id, which the
 * supplier keeps on the order so that {@link #retrieveByRequest} can find what became of it.
 */
public interface SupplierGateway {

    /**
     * The refusal code of {@link #retrieveByRequest} for a request the supplier never received: the only answer
     * that lets a reconciler fail an issue. Any other refusal of a retrieve leaves the issue unknown.
     */
    String NOT_FOUND = "NOT_FOUND";

    /**
     * The longest a call to this supplier can take before it answers (at worst with {@link SupplierResult.Unknown}).
     * A caller that leaves requests alone while they may still be in flight must wait at least this long past its
     * own lease: the booking service refuses an issuing grace shorter than that.
     */
    Duration callTimeout();

    List<Offer> search(String origin, String destination, LocalDate date);

    /**
     * An offer a search returned, while it can still be held; refused ({@code OFFER_EXPIRED}) once it is unknown or
     * expired. A supplier that cannot look offers up refuses with {@code UNSUPPORTED}.
     */
    default SupplierResult<Offer> offer(String offerId) {
        return new SupplierResult.Refused<>("UNSUPPORTED", "this supplier does not look offers up");
    }

    /** Creates the order (PNR) and holds the seats until the returned order's ticketing time limit. */
    SupplierResult<SupplierOrder> hold(String offerId, List<Passenger> passengers);

    /** Prices the held order again; the returned order carries the new price guarantee. */
    SupplierResult<SupplierOrder> price(String pnr);

    /** Issues the order's documents; {@code requestId} is the caller's, recorded before the call. */
    SupplierResult<SupplierOrder> issue(String pnr, String requestId);

    SupplierResult<SupplierOrder> retrieve(String pnr);

    /** The order on which {@code requestId} was processed; refused with {@link #NOT_FOUND} when it never arrived. */
    SupplierResult<SupplierOrder> retrieveByRequest(String requestId);

    SupplierResult<SupplierOrder> retrieveByDocument(String documentNumber);

    /** Voids every document of the order, inside the supplier's void window and while all coupons are open. */
    SupplierResult<SupplierOrder> voidDocuments(String pnr);

    SupplierResult<RefundOffer> refundQuote(String pnr, Set<String> documentNumbers);

    SupplierResult<SupplierOrder> refundConfirm(String pnr, String quoteId);

    /** Quotes exchanging these documents for the itinerary of another offer (reissue). */
    SupplierResult<ExchangeOffer> exchangeQuote(String pnr, Set<String> documentNumbers, String newOfferId);

    /**
     * Exchanges the quote's documents: their coupons become EXCHANGED and new documents are issued on the order;
     * a confirmation sent again answers the order as it is.
     */
    SupplierResult<SupplierOrder> exchangeConfirm(String pnr, String quoteId);

    /**
     * Issues an EMD for {@code amount} (an extra bag, a seat) on an issued order, one per passenger;
     * {@code requestId} is the caller's, recorded before the call, and is kept among the order's request ids.
     */
    SupplierResult<SupplierOrder> issueEmd(String pnr, String requestId, Money amount, String reason);

    /** Releases the seats of a held order. */
    SupplierResult<SupplierOrder> cancel(String pnr);
}
