package io.travobooks.server;

import io.travobooks.server.support.TestServer;

class MariaDbRedisCustomRolesIT extends CustomRolesSuite {
    @Override
    protected TestServer startServer() {
        return TestServer.mariaDbRedis();
    }
}
