package io.travobooks.storage.jdbc;

import io.travobooks.spi.webhook.WebhookStore;
import io.travobooks.testkit.storage.WebhookStoreContractTest;

class MariaDbWebhookStoreIT extends WebhookStoreContractTest {
    @Override
    protected WebhookStore store() {
        return Databases.mysql().webhookStore();
    }
}
