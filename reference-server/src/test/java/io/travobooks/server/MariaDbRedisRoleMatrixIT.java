package io.travobooks.server;

import io.travobooks.server.support.TestServer;

class MariaDbRedisRoleMatrixIT extends RoleMatrixSuite {
    @Override
    protected TestServer startServer() {
        return TestServer.mariaDbRedis();
    }
}
