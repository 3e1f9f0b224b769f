package io.travobooks.server.support;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A route suite: one server per subclass (H2, or MariaDB + Redis), the operator's client, and every exchange
 * checked against the contract when the suite ends.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class RoutesSuite {
    protected TestServer server;
    protected ApiClient operator;
    private final ContractValidator contract = new ContractValidator();

    protected abstract TestServer startServer();

    @BeforeAll
    void start() {
        server = startServer();
        operator = new ApiClient(server.baseUrl(), Optional.of(server.operatorKey()), contract, true);
    }

    @AfterAll
    void stop() {
        server.close();
        assertThat(contract.violations()).as("exchanges that break the contract").isEmpty();
    }
}
