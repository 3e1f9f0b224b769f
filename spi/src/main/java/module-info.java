/** The interfaces and value types every travoBooks module and adapter shares; no dependencies. */
module io.travobooks.spi {
    exports io.travobooks.spi;
    exports io.travobooks.spi.approval;
    exports io.travobooks.spi.booking;
    exports io.travobooks.spi.cache;
    exports io.travobooks.spi.channel;
    exports io.travobooks.spi.idempotency;
    exports io.travobooks.spi.inbox;
    exports io.travobooks.spi.ledger;
    exports io.travobooks.spi.lock;
    exports io.travobooks.spi.outbox;
    exports io.travobooks.spi.pubsub;
    exports io.travobooks.spi.queue;
    exports io.travobooks.spi.ratelimit;
    exports io.travobooks.spi.session;
    exports io.travobooks.spi.supplier;
    exports io.travobooks.spi.travel;
    exports io.travobooks.spi.webhook;
}
