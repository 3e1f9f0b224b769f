package io.travobooks.server;

import io.travobooks.server.support.TestServer;

class MariaDbRedisLedgerRoutesIT extends LedgerRoutesSuite {
    @Override
    protected TestServer startServer() {
        return TestServer.mariaDbRedis();
    }
}
