package io.travobooks.examples;

import io.travobooks.client.TravoClient;
import io.travobooks.server.ReferenceServer;
import io.travobooks.server.config.ServerConfig;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * A reference server on the embedded default, as the README's quickstart starts it, on a free port and with its data
 * in {@code data}: what the client examples are run against.
 */
record LocalServer(ReferenceServer server) implements AutoCloseable {
    static LocalServer start(Path data, String tenant) {
        return new LocalServer(ReferenceServer.start(ServerConfig.load(Optional.empty(), Map.of("TRAVO_PORT", "0",
                "TRAVO_DATA_DIR", data.toString(), "TRAVO_TENANT", tenant, "TRAVO_CURRENCY", "BDT",
                "TRAVO_WORKERS_EVERY_MS", "200"))));
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    /** The tenant's admin key, the one the first start prints. */
    String adminKey() {
        return server.firstKey().orElseThrow().secret().value();
    }

    /** A client holding the admin key. */
    TravoClient admin() {
        return TravoClient.connect(url(), adminKey());
    }

    @Override
    public void close() {
        server.close();
    }
}
