package io.travobooks.server;

import io.travobooks.server.support.TestServer;

class H2LedgerRoutesTest extends LedgerRoutesSuite {
    @Override
    protected TestServer startServer() {
        return TestServer.h2();
    }
}
