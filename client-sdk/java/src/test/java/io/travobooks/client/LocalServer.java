package io.travobooks.client;

import io.travobooks.server.ReferenceServer;
import io.travobooks.server.config.ServerConfig;
import io.travobooks.testkit.TestZones;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * A reference server on the embedded default, as the README's first command starts it, on a free port: its workers
 * run often, and it may deliver webhooks to this machine (where the tests receive them).
 */
record LocalServer(ReferenceServer server) implements AutoCloseable {
    static LocalServer start(Path data, String tenant) {
        return new LocalServer(ReferenceServer.start(ServerConfig.load(Optional.empty(), Map.of("TRAVO_PORT", "0",
                "TRAVO_DATA_DIR", data.toString(), "TRAVO_TENANT", tenant, "TRAVO_CURRENCY", "BDT",
                "TRAVO_WORKERS_EVERY_MS", "200", "TRAVO_WEBHOOK_ALLOW", "127.0.0.0/8",
                "TRAVO_TIME_ZONE", TestZones.MIDDAY.getId()))));
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    /** A client holding the first tenant's admin key. */
    TravoClient client() {
        return TravoClient.connect(url(), server.firstKey().orElseThrow().secret().value());
    }

    @Override
    public void close() {
        server.close();
    }
}
