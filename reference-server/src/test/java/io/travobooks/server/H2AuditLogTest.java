package io.travobooks.server;

import io.travobooks.server.support.TestServer;

class H2AuditLogTest extends AuditLogSuite {
    @Override
    protected TestServer startServer() {
        return TestServer.h2();
    }

    @Override
    protected boolean appendOnlyInTheDatabase() {
        return false;
    }
}
