package io.travobooks.server;

import io.travobooks.server.support.TestServer;

class MariaDbRedisInboxRoutesIT extends InboxRoutesSuite {
    @Override
    protected TestServer startServer() {
        return TestServer.mariaDbRedis();
    }
}
