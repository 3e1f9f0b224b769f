package io.travobooks.server;

import io.travobooks.server.support.TestServer;

class MariaDbRedisSecondFactorIT extends SecondFactorSuite {
    @Override
    protected TestServer startServer() {
        return TestServer.mariaDbRedis();
    }
}
