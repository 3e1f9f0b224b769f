/** Webhooks, notifications and the unified inbox. */
module io.travobooks.messaging {
    requires transitive io.travobooks.spi;

    exports io.travobooks.messaging;
    exports io.travobooks.messaging.inbox;
    exports io.travobooks.messaging.notify;
    exports io.travobooks.messaging.webhook;
}
