package io.travobooks.server;

import io.travobooks.server.support.TestServer;

class H2MakerCheckerTest extends MakerCheckerSuite {
    @Override
    protected TestServer startServer() {
        return TestServer.h2();
    }
}
