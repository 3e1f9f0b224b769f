package io.travobooks.client;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** Tests of the client against one real server per class, on the embedded default, in a tenant of their own. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ServerTest {
    protected LocalServer server;
    protected TravoClient client;

    /** The tenant the server opens on its first start. */
    protected abstract String tenant();

    /** {@code data}: the server's folder, one per test class. */
    @BeforeAll
    void start(@TempDir Path data) {
        server = LocalServer.start(data, tenant());
        client = server.client();
    }

    @AfterAll
    void stop() {
        if (server != null) { // else the start failed, and says why
            client.close();
            server.close();
        }
    }
}
