package io.travobooks.spi.travel;

import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A ticket or EMD: a 13-digit number (3-digit airline accounting prefix, 10-digit serial) and its coupons.
 * Conjunction tickets are separate documents with consecutive numbers. A standalone EMD carries one coupon for
 * its value, so that its status (open, refunded, void) is tracked like any other document's.
 */
public record Document(String number, DocumentType type, List<CouponStatus> coupons) {
    public Document {
        Objects.requireNonNull(type, "type");
        if (number == null || number.length() != 13 || !number.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("a document number has 13 digits, got " + number);
        }
        coupons = List.copyOf(coupons);
        if (coupons.isEmpty()) {
            throw new IllegalArgumentException("a document has at least one coupon: " + number);
        }
    }

    /** A document whose coupons are all open, as the supplier hands it out at issue. */
    public static Document issued(String number, DocumentType type, int coupons) {
        return new Document(number, type, Collections.nCopies(coupons, CouponStatus.OPEN));
    }

    /** The airline's accounting prefix, for example 176 for Emirates. */
    public String airlinePrefix() {
        return number.substring(0, 3);
    }

    public boolean allCouponsOpen() {
        return coupons.stream().allMatch(status -> status == CouponStatus.OPEN);
    }

    /** The same document with every coupon in {@code status} (voided, refunded, exchanged). */
    public Document withAllCoupons(CouponStatus status) {
        return new Document(number, type, Collections.nCopies(coupons.size(), status));
    }
}
