package io.travobooks.storage.jdbc;

import io.travobooks.spi.inbox.InboxStore;
import io.travobooks.testkit.storage.InboxStoreContractTest;

class H2InboxStoreTest extends InboxStoreContractTest {
    @Override
    protected InboxStore store() {
        return Databases.h2().inboxStore();
    }
}
