package io.travobooks.storage.jdbc;

import io.travobooks.spi.queue.QueueStore;
import io.travobooks.testkit.storage.QueueStoreContractTest;

class H2QueueStoreTest extends QueueStoreContractTest {
    @Override
    protected QueueStore store() {
        return Databases.h2().queueStore();
    }
}
