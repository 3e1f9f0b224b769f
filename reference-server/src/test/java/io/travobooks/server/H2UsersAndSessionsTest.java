package io.travobooks.server;

import io.travobooks.server.support.TestServer;

class H2UsersAndSessionsTest extends UsersAndSessionsSuite {
    @Override
    protected TestServer startServer() {
        return TestServer.h2();
    }
}
