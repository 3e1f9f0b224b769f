package io.travobooks.server;

import io.travobooks.server.support.TestServer;

class H2AccessControlTest extends AccessControlSuite {
    @Override
    protected TestServer startServer() {
        return TestServer.h2();
    }
}
