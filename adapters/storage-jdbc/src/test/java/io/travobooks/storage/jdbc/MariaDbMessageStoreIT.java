package io.travobooks.storage.jdbc;

import io.travobooks.spi.channel.MessageStore;
import io.travobooks.testkit.storage.MessageStoreContractTest;

class MariaDbMessageStoreIT extends MessageStoreContractTest {
    @Override
    protected MessageStore store() {
        return Databases.mysql().messageStore();
    }
}
