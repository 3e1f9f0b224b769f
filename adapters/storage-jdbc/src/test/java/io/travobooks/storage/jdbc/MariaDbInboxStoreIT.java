package io.travobooks.storage.jdbc;

import io.travobooks.spi.inbox.InboxStore;
import io.travobooks.testkit.storage.InboxStoreContractTest;

class MariaDbInboxStoreIT extends InboxStoreContractTest {
    @Override
    protected InboxStore store() {
        return Databases.mysql().inboxStore();
    }
}
