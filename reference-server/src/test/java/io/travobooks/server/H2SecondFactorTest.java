package io.travobooks.server;

import io.travobooks.server.support.TestServer;

class H2SecondFactorTest extends SecondFactorSuite {
    @Override
    protected TestServer startServer() {
        return TestServer.h2();
    }
}
