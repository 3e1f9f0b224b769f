package io.travobooks.server;

import io.travobooks.server.support.TestServer;

class MariaDbRedisAuditLogIT extends AuditLogSuite {
    @Override
    protected TestServer startServer() {
        return TestServer.mariaDbRedis();
    }

    @Override
    protected boolean appendOnlyInTheDatabase() {
        return true;
    }
}
