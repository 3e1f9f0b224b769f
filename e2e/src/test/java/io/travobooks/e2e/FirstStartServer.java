package io.travobooks.e2e;

import io.travobooks.server.ReferenceServer;
import io.travobooks.server.config.ServerConfig;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** A server on the embedded default in an empty folder, on a free port: a first start, as a new install makes. */
final class FirstStartServer {
    private FirstStartServer() {
    }

    static ReferenceServer start(Path data, Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(settings);
        all.put("TRAVO_PORT", "0");
        all.put("TRAVO_DATA_DIR", data.toString());
        return ReferenceServer.start(ServerConfig.load(Optional.empty(), all));
    }
}
