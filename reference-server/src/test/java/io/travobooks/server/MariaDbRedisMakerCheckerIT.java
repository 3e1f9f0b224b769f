package io.travobooks.server;

import io.travobooks.server.support.TestServer;

class MariaDbRedisMakerCheckerIT extends MakerCheckerSuite {
    @Override
    protected TestServer startServer() {
        return TestServer.mariaDbRedis();
    }
}
