package io.travobooks.server;

import io.travobooks.server.support.TestServer;

class H2MessagingRoutesTest extends MessagingRoutesSuite {
    @Override
    protected TestServer startServer() {
        return TestServer.h2();
    }
}
