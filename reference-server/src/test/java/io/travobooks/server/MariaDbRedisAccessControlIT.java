package io.travobooks.server;

import io.travobooks.server.support.TestServer;

class MariaDbRedisAccessControlIT extends AccessControlSuite {
    @Override
    protected TestServer startServer() {
        return TestServer.mariaDbRedis();
    }
}
