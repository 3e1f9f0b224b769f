package io.travobooks.server.http;

import io.helidon.common.tls.Tls;
import io.helidon.cors.CrossOriginConfig;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.cors.CorsSupport;
import io.helidon.webserver.http.HttpRouting;
import io.travobooks.server.config.ServerConfig;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * How the server meets the network and browsers: TLS 1.3 only when a keystore is configured (with HSTS on every
 * answer), the security headers, and CORS for the configured origins only (none by default: a browser page of
 * another origin then cannot read an answer).
 */
public final class Transport {
    /** What a page of an allowed origin may send and read. */
    private static final String[] METHODS = {"GET", "POST", "PUT", "PATCH", "DELETE"};
    private static final String[] REQUEST_HEADERS = {"Authorization", "Content-Type", "Idempotency-Key", "If-Match",
            "X-Request-Id", "MCP-Protocol-Version"};
    private static final String[] EXPOSED_HEADERS = {"ETag", "Location", "Idempotent-Replayed", "Retry-After",
            "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset", "X-Request-Id"};

    private Transport() {
    }

    public static void configure(WebServerConfig.Builder web, HttpRouting.Builder routing, ServerConfig.Web config) {
        web.featuresDiscoverServices(false); // nothing joins the server unless it is wired here
        config.tls().ifPresent(tls -> web.tls(tls(tls)));
        routing.addFilter(new SecurityHeaders(config.tls().isPresent()));
        if (!config.corsOrigins().isEmpty()) {
            routing.any(CorsSupport.builder().addCrossOrigin(CrossOriginConfig.builder()
                    .allowOrigins(config.corsOrigins().toArray(String[]::new))
                    .allowMethods(METHODS)
                    .allowHeaders(REQUEST_HEADERS)
                    .exposeHeaders(EXPOSED_HEADERS)
                    .maxAgeSeconds(600)
                    .build()).build());
        }
    }

    private static Tls tls(ServerConfig.Tls config) {
        try (InputStream in = Files.newInputStream(config.keystore())) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            char[] password = config.password().toCharArray();
            store.load(in, password);
            String alias = Collections.list(store.aliases()).stream().filter(name -> isKey(store, name)).findFirst()
                    .orElseThrow(() -> new IllegalStateException(config.keystore() + " holds no private key"));
            Certificate[] chain = store.getCertificateChain(alias);
            List<X509Certificate> certificates = Arrays.stream(chain).map(X509Certificate.class::cast).toList();
            return Tls.builder()
                    .privateKey((PrivateKey) store.getKey(alias, password))
                    .privateKeyCertChain(certificates)
                    .enabledProtocols(List.of("TLSv1.3"))
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the TLS keystore " + config.keystore(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot use the TLS keystore " + config.keystore() + ": "
                    + e.getMessage(), e);
        }
    }

    private static boolean isKey(KeyStore store, String alias) {
        try {
            return store.isKeyEntry(alias);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
