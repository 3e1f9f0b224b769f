package io.travobooks.server;

import io.travobooks.server.support.TestServer;

class H2CustomRolesTest extends CustomRolesSuite {
    @Override
    protected TestServer startServer() {
        return TestServer.h2();
    }
}
