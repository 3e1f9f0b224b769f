package io.travobooks.storage.jdbc;

import io.travobooks.spi.channel.MessageStore;
import io.travobooks.testkit.storage.MessageStoreContractTest;

class H2MessageStoreTest extends MessageStoreContractTest {
    @Override
    protected MessageStore store() {
        return Databases.h2().messageStore();
    }
}
