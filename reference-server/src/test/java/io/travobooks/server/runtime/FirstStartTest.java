package io.travobooks.server.runtime;

import io.travobooks.server.ReferenceServer;
import io.travobooks.server.config.ConfigException;
import io.travobooks.server.config.ServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A first start on the embedded default: the first tenant's owner, who signs in and must set up a second factor. */
class FirstStartTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static ServerConfig config(Path data, Map<String, String> more) {
        Map<String, String> settings = new HashMap<>(Map.of("TRAVO_PORT", "0", "TRAVO_DATA_DIR", data.toString()));
        settings.putAll(more);
        return ServerConfig.load(Optional.empty(), settings);
    }

    private static HttpResponse<String> signIn(ReferenceServer server, String email, String password)
            throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/v1/sessions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + email + "\",\"password\":\"" + password
                        + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theFirstStartMakesAnOwnerWhoSetsUpASecondFactorAndTheNextStartNone(@TempDir Path data) throws Exception {
        String password;
        try (ReferenceServer first = ReferenceServer.start(config(data, Map.of()))) {
            FirstStart.FirstUser user = first.firstUser().orElseThrow();
            assertThat(user.email()).isEqualTo(ServerConfig.Bootstrap.DEFAULT_ADMIN_EMAIL);
            password = user.newPassword().orElseThrow();
            assertThat(password).matches("[0-9A-Za-z]{5}(-[0-9A-Za-z]{5}){3}");
            assertThat(user.toString()).doesNotContain(password);
            HttpResponse<String> session = signIn(first, user.email(), password);
            assertThat(session.statusCode()).isEqualTo(201);
            assertThat(session.body()).contains("\"mfa_setup_required\":true").contains("\"role\":\"owner\"");
        }
        try (ReferenceServer again = ReferenceServer.start(config(data, Map.of()))) {
            assertThat(again.firstUser()).isEmpty();
            assertThat(signIn(again, ServerConfig.Bootstrap.DEFAULT_ADMIN_EMAIL, password).statusCode())
                    .isEqualTo(201);
        }
    }

    @Test
    void aConfiguredUserSignsInWithTheConfiguredPassword(@TempDir Path data) throws Exception {
        String password = "ledger-kite-harbour-59-minnows";
        try (ReferenceServer server = ReferenceServer.start(config(data, Map.of("TRAVO_ADMIN_EMAIL",
                "Boss@Agency.example", "TRAVO_ADMIN_PASSWORD", password)))) {
            FirstStart.FirstUser user = server.firstUser().orElseThrow();
            assertThat(user.email()).isEqualTo("boss@agency.example");
            assertThat(user.newPassword()).isEmpty();
            assertThat(signIn(server, "boss@agency.example", password).statusCode()).isEqualTo(201);
        }
    }

    @Test
    void aWeakConfiguredPasswordStopsTheStartBeforeAnythingIsMade(@TempDir Path data) {
        assertThatThrownBy(() -> ReferenceServer.start(config(data, Map.of("TRAVO_ADMIN_PASSWORD", "password"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("TRAVO_ADMIN_PASSWORD");
        try (ReferenceServer fixed = ReferenceServer.start(config(data, Map.of()))) {
            assertThat(fixed.firstKey()).isPresent();
            assertThat(fixed.firstUser()).isPresent();
        }
    }
}
