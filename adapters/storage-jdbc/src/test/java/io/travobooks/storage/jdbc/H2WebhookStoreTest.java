package io.travobooks.storage.jdbc;

import io.travobooks.spi.webhook.WebhookStore;
import io.travobooks.testkit.storage.WebhookStoreContractTest;

class H2WebhookStoreTest extends WebhookStoreContractTest {
    @Override
    protected WebhookStore store() {
        return Databases.h2().webhookStore();
    }
}
