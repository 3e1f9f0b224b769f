package io.travobooks.storage.jdbc;

import io.travobooks.spi.queue.QueueStore;
import io.travobooks.testkit.storage.QueueStoreContractTest;

class MariaDbQueueStoreIT extends QueueStoreContractTest {
    @Override
    protected QueueStore store() {
        return Databases.mysql().queueStore();
    }
}
