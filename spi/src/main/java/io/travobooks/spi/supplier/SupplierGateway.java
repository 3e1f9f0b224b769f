package io.travobooks.spi.supplier;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * An airline system (GDS or NDC), as the booking saga needs it. Every call that changes the order may answer
 * {@link SupplierResult.Unknown}: then retrieve, never send again. Issue carries the caller's request id, which the
 * supplier keeps on the order so that {@link #retrieveByRequest} can find what became of it.
 */
public interface SupplierGateway {

    List<Offer> search(String origin, String destination, LocalDate date);

    /** Creates the order (PNR) and holds the seats until the returned order's ticketing time limit. */
    SupplierResult<SupplierOrder> hold(String offerId, List<Passenger> passengers);

    /** Prices the held order again; the returned order carries the new price guarantee. */
    SupplierResult<SupplierOrder> price(String pnr);

    /** Issues the order's documents; {@code requestId} is the caller's, recorded before the call. */
    SupplierResult<SupplierOrder> issue(String pnr, String requestId);

    SupplierResult<SupplierOrder> retrieve(String pnr);

    /** The order on which {@code requestId} was processed; refused (not found) when it never arrived. */
    SupplierResult<SupplierOrder> retrieveByRequest(String requestId);

    SupplierResult<SupplierOrder> retrieveByDocument(String documentNumber);

    /** Voids every document of the order, inside the supplier's void window and while all coupons are open. */
    SupplierResult<SupplierOrder> voidDocuments(String pnr);

    SupplierResult<RefundOffer> refundQuote(String pnr, Set<String> documentNumbers);

    SupplierResult<SupplierOrder> refundConfirm(String pnr, String quoteId);

    /** Releases the seats of a held order. */
    SupplierResult<SupplierOrder> cancel(String pnr);
}
