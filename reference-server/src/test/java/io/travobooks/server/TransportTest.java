package io.travobooks.server;

import io.travobooks.server.config.ServerConfig;
import io.travobooks.server.support.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** TLS 1.3 on a self-signed certificate with HSTS, and CORS: off by default, for the configured origins only. */
class TransportTest {
    private static final String PASSWORD = "changeit-for-tests";
    @TempDir
    static Path dir;
    private static Path keystore;

    /** A self-signed certificate for 127.0.0.1 and localhost, made by the JDK's keytool. */
    @BeforeAll
    static void makeCertificate() throws Exception {
        keystore = dir.resolve("server.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process made = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "server", "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", PASSWORD)
                .redirectErrorStream(true).start();
        String output = new String(made.getInputStream().readAllBytes());
        assertThat(made.waitFor()).as(output).isZero();
    }

    private static HttpClient trusting(Optional<String> onlyProtocol) throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            trusted.load(in, PASSWORD.toCharArray());
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        HttpClient.Builder client = HttpClient.newBuilder().sslContext(context);
        onlyProtocol.ifPresent(protocol -> {
            SSLParameters parameters = new SSLParameters();
            parameters.setProtocols(new String[]{protocol});
            client.sslParameters(parameters);
        });
        return client.build();
    }

    private static HttpResponse<String> get(HttpClient client, String url) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void overTlsTheServerSpeaksTls13OnlyAndTellsBrowsersToStayOnIt() throws Exception {
        try (TestServer server = TestServer.h2(new ServerConfig.Web(Optional.of(new ServerConfig.Tls(keystore,
                PASSWORD)), List.of()))) {
            String url = server.baseUrl().replace("http://", "https://") + "/health/live";
            HttpResponse<String> answer = get(trusting(Optional.empty()), url);
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.sslSession().orElseThrow().getProtocol()).isEqualTo("TLSv1.3");
            assertThat(answer.headers().firstValue("Strict-Transport-Security"))
                    .contains("max-age=31536000; includeSubDomains");
            assertThatThrownBy(() -> get(trusting(Optional.of("TLSv1.2")), url))
                    .isInstanceOf(SSLHandshakeException.class);
        }
    }

    @Test
    void withoutTlsThereIsNoHstsAndWithoutOriginsNoCors() throws Exception {
        try (TestServer server = TestServer.h2(ServerConfig.Web.PLAIN)) {
            HttpClient client = HttpClient.newHttpClient();
            HttpResponse<String> answer = get(client, server.baseUrl() + "/health/live");
            assertThat(answer.headers().firstValue("Strict-Transport-Security")).isEmpty();
            HttpResponse<String> preflight = preflight(client, server.baseUrl(), "https://console.example");
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        }
    }

    @Test
    void anAllowedOriginGetsCorsAndAnotherDoesNot() throws Exception {
        try (TestServer server = TestServer.h2(new ServerConfig.Web(Optional.empty(),
                List.of("https://console.example")))) {
            HttpClient client = HttpClient.newHttpClient();
            HttpResponse<String> allowed = preflight(client, server.baseUrl(), "https://console.example");
            assertThat(allowed.statusCode()).isBetween(200, 204);
            assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).contains("https://console.example");
            assertThat(allowed.headers().firstValue("Access-Control-Allow-Headers").orElse("").toLowerCase())
                    .contains("idempotency-key");
            HttpResponse<String> read = client.send(HttpRequest.newBuilder(URI.create(server.baseUrl()
                    + "/v1/whoami")).header("Origin", "https://console.example").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(read.statusCode()).isEqualTo(401);
            assertThat(read.headers().firstValue("Access-Control-Allow-Origin")).contains("https://console.example");
            HttpResponse<String> other = preflight(client, server.baseUrl(), "https://evil.example");
            assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        }
    }

    private static HttpResponse<String> preflight(HttpClient client, String base, String origin)
            throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(base + "/v1/whoami"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin)
                .header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "authorization, idempotency-key")
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
