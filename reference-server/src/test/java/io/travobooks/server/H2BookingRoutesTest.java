package io.travobooks.server;

import io.travobooks.server.support.TestServer;

class H2BookingRoutesTest extends BookingRoutesSuite {
    @Override
    protected TestServer startServer() {
        return TestServer.h2();
    }
}
