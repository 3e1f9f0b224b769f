package io.travobooks.server;

import io.travobooks.server.support.TestServer;

class H2InjectionTest extends InjectionSuite {
    @Override
    protected TestServer startServer() {
        return TestServer.h2();
    }
}
