package io.travobooks.server;

import io.travobooks.server.support.TestServer;

class MariaDbRedisMessagingRoutesIT extends MessagingRoutesSuite {
    @Override
    protected TestServer startServer() {
        return TestServer.mariaDbRedis();
    }
}
