package io.travobooks.embedded;

import io.travobooks.spi.idempotency.IdempotencyOptions;
import io.travobooks.spi.idempotency.IdempotencyStore;
import io.travobooks.testkit.coordination.IdempotencyStoreContractTest;

class EmbeddedIdempotencyStoreContractTest extends IdempotencyStoreContractTest {
    @Override
    protected IdempotencyStore idempotencyStore(IdempotencyOptions options) {
        return new EmbeddedIdempotencyStore(options);
    }
}
