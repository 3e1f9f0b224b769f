package io.travobooks.server;

import io.travobooks.server.support.TestServer;

class H2InboxRoutesTest extends InboxRoutesSuite {
    @Override
    protected TestServer startServer() {
        return TestServer.h2();
    }
}
