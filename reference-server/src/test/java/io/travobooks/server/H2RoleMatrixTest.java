package io.travobooks.server;

import io.travobooks.server.support.TestServer;

class H2RoleMatrixTest extends RoleMatrixSuite {
    @Override
    protected TestServer startServer() {
        return TestServer.h2();
    }
}
