package io.travobooks.server;

import io.travobooks.server.support.TestServer;

class MariaDbRedisOidcSignInIT extends OidcSignInSuite {
    @Override
    protected TestServer startServer() {
        return TestServer.mariaDbRedisWithOidc();
    }
}
