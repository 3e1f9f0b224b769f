package io.travobooks.server;

import io.travobooks.server.support.TestServer;

class MariaDbRedisBookingRoutesIT extends BookingRoutesSuite {
    @Override
    protected TestServer startServer() {
        return TestServer.mariaDbRedis();
    }
}
