package io.travobooks.server;

import io.travobooks.server.support.TestServer;

class H2OidcSignInTest extends OidcSignInSuite {
    @Override
    protected TestServer startServer() {
        return TestServer.h2WithOidc();
    }
}
