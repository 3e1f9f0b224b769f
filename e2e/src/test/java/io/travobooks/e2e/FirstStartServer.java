package io.travobooks.e2e;

import io.travobooks.server.ReferenceServer;
import io.travobooks.server.config.ServerConfig;
import io.travobooks.testkit.TestZones;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** A server on the embedded default in an empty folder, on a free port: a first start, as a new install makes. */
final class FirstStartServer {
    /** The agency's zone of every such server: a browser that stands for its people works in it too. */
    static final ZoneId AGENCY_ZONE = TestZones.MIDDAY;

    private FirstStartServer() {
    }

    static ReferenceServer start(Path data, Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(settings);
        all.put("TRAVO_PORT", "0");
        all.put("TRAVO_DATA_DIR", data.toString());
        all.put("TRAVO_TIME_ZONE", AGENCY_ZONE.getId());
        return ReferenceServer.start(ServerConfig.load(Optional.empty(), all));
    }
}
