package io.travobooks.server;

import io.travobooks.server.support.TestServer;

class MariaDbRedisUsersAndSessionsIT extends UsersAndSessionsSuite {
    @Override
    protected TestServer startServer() {
        return TestServer.mariaDbRedis();
    }
}
