package io.travobooks.server.mcp;

import io.travobooks.server.support.TestServer;

class MariaDbRedisAgentMandatesIT extends AgentMandatesSuite {
    @Override
    protected TestServer startServer() {
        return TestServer.mariaDbRedis();
    }
}
