package io.travobooks.spi;

/**
 * Carries a refusal out of a transaction so that the runner rolls it back; caught by
 * {@link TransactionRunner#inTransactionUnlessRefused}, never seen by callers. An exception because a transaction
 * ends in rollback only when its work throws.
 */
final class RefusalRollback extends RuntimeException {
    private final transient Rejection rejection;

    RefusalRollback(Rejection rejection) {
        super(rejection.toString(), null, false, false);
        this.rejection = rejection;
    }

    Rejection rejection() {
        return rejection;
    }
}
