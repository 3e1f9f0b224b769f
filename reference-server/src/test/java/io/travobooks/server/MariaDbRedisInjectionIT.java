package io.travobooks.server;

import io.travobooks.server.support.TestServer;

class MariaDbRedisInjectionIT extends InjectionSuite {
    @Override
    protected TestServer startServer() {
        return TestServer.mariaDbRedis();
    }
}
