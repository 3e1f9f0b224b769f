package io.travobooks.server.mcp;

import io.travobooks.server.support.TestServer;

class H2AgentMandatesTest extends AgentMandatesSuite {
    @Override
    protected TestServer startServer() {
        return TestServer.h2();
    }
}
