package io.travobooks.server.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.time.Duration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServerConfigTest {
    @TempDir
    Path dir;

    @Test
    void withNothingSetTheServerRunsOnTheEmbeddedDefault() {
        ServerConfig config = ServerConfig.load(Optional.empty(), Map.of());
        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.dataDir()).isEqualTo(Path.of("data"));
        assertThat(config.database()).isEmpty();
        assertThat(config.redis()).isEmpty();
        assertThat(config.bootstrap().tenant()).isEqualTo("demo");
        assertThat(config.process().role()).isEqualTo(ServerConfig.Role.ALL);
        assertThat(config.process().workers()).containsExactlyInAnyOrder(Worker.values());
        assertThat(config.bookings().approvalAboveMinor()).isEmpty();
    }

    @Test
    void rateLimitsComeByPlanPerTenantAndRefuseAPlanNoOneDefined() {
        assertThat(ServerConfig.load(Optional.empty(), Map.of()).limits().perTenantPerMinute("any"))
                .isEqualTo(6000);
        ServerConfig config = ServerConfig.load(Optional.empty(), Map.of("TRAVO_LIMIT_PLANS",
                "standard=600, large=60000", "TRAVO_LIMIT_TENANT_PLANS", "agency-b=large",
                "TRAVO_LIMIT_PER_CREDENTIAL_PER_MINUTE", "120"));
        assertThat(config.limits().perTenantPerMinute("agency-a")).isEqualTo(600);
        assertThat(config.limits().perTenantPerMinute("agency-b")).isEqualTo(60000);
        assertThat(config.limits().perCredentialPerMinute()).isEqualTo(120);
        assertThatThrownBy(() -> ServerConfig.load(Optional.empty(), Map.of("TRAVO_LIMIT_TENANT_PLANS",
                "agency-b=gold"))).isInstanceOf(ConfigException.class).hasMessageContaining("gold");
        assertThatThrownBy(() -> ServerConfig.load(Optional.empty(), Map.of("TRAVO_LIMIT_PLANS", "large=100")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("standard");
        assertThatThrownBy(() -> ServerConfig.load(Optional.empty(), Map.of("TRAVO_LIMIT_PLANS", "standard=lots")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("lots");
    }

    @Test
    void anIdentityProviderNeedsItsClientAndRedirectAndHttpsBeyondThisMachine() {
        assertThat(ServerConfig.load(Optional.empty(), Map.of()).security().oidc()).isEmpty();
        Map<String, String> full = Map.of("TRAVO_OIDC_ISSUER", "https://id.example.com/realms/agency",
                "TRAVO_OIDC_CLIENT_ID", "travo", "TRAVO_OIDC_CLIENT_SECRET", "s3cret",
                "TRAVO_OIDC_REDIRECT_URI", "https://console.example.com/signed-in", "TRAVO_OIDC_TENANTS", "a, b");
        ServerConfig.Oidc oidc = ServerConfig.load(Optional.empty(), full).security().oidc().orElseThrow();
        assertThat(oidc.issuer()).hasToString("https://id.example.com/realms/agency");
        assertThat(oidc.clientSecret()).hasValue("s3cret");
        assertThat(oidc.toString()).doesNotContain("s3cret");
        assertThat(oidc.admits("a")).isTrue();
        assertThat(oidc.admits("c")).isFalse();
        assertThatThrownBy(() -> ServerConfig.load(Optional.empty(), Map.of("TRAVO_OIDC_ISSUER",
                "https://id.example.com", "TRAVO_OIDC_CLIENT_ID", "travo", "TRAVO_OIDC_REDIRECT_URI",
                "https://console.example.com/in"))).hasMessageContaining("TRAVO_OIDC_TENANTS");
        assertThatThrownBy(() -> ServerConfig.load(Optional.empty(), Map.of("TRAVO_OIDC_ISSUER",
                "https://id.example.com", "TRAVO_OIDC_CLIENT_ID", "travo", "TRAVO_OIDC_REDIRECT_URI",
                "https://console.example.com/in", "TRAVO_OIDC_TENANTS", " , "))).as("no tenant at all")
                .hasMessageContaining("TRAVO_OIDC_TENANTS");
        assertThatThrownBy(() -> ServerConfig.load(Optional.empty(), Map.of("TRAVO_OIDC_CLIENT_ID", "travo")))
                .as("a client without its provider").hasMessageContaining("TRAVO_OIDC_ISSUER");
        assertThatThrownBy(() -> ServerConfig.load(Optional.empty(), Map.of("TRAVO_OIDC_ISSUER",
                "https://id.example.com", "TRAVO_OIDC_REDIRECT_URI", "https://console.example.com/in",
                "TRAVO_OIDC_TENANTS", "*"))).hasMessageContaining("TRAVO_OIDC_CLIENT_ID");
        assertThatThrownBy(() -> ServerConfig.load(Optional.empty(), Map.of("TRAVO_OIDC_ISSUER",
                "https://id.example.com", "TRAVO_OIDC_CLIENT_ID", "travo", "TRAVO_OIDC_TENANTS", "*")))
                .hasMessageContaining("TRAVO_OIDC_REDIRECT_URI");
        assertThatThrownBy(() -> ServerConfig.load(Optional.empty(), Map.of("TRAVO_OIDC_ISSUER",
                "http://id.example.com", "TRAVO_OIDC_CLIENT_ID", "travo", "TRAVO_OIDC_REDIRECT_URI",
                "https://console.example.com/in", "TRAVO_OIDC_TENANTS", "*"))).hasMessageContaining("https://");
        assertThatThrownBy(() -> ServerConfig.load(Optional.empty(), Map.of("TRAVO_OIDC_ISSUER",
                "not a url", "TRAVO_OIDC_CLIENT_ID", "travo", "TRAVO_OIDC_REDIRECT_URI",
                "https://console.example.com/in"))).isInstanceOf(ConfigException.class);
        assertThat(ServerConfig.load(Optional.empty(), Map.of("TRAVO_OIDC_ISSUER", "http://127.0.0.1:8180",
                "TRAVO_OIDC_CLIENT_ID", "travo", "TRAVO_OIDC_REDIRECT_URI", "http://127.0.0.1:5173/in",
                "TRAVO_OIDC_TENANTS", "*"))
                .security().oidc()).as("in the clear on this machine").isPresent();
    }

    @Test
    void rolesAndWorkersAreChosenBySetting() {
        ServerConfig api = ServerConfig.load(Optional.empty(), Map.of("TRAVO_ROLE", "api"));
        assertThat(api.process().workers()).as("an API process runs none").isEmpty();
        ServerConfig some = ServerConfig.load(Optional.empty(), Map.of("TRAVO_ROLE", "worker",
                "TRAVO_WORKERS", "hold-expiry, audit-chainer", "TRAVO_WORKERS_EVERY_MS", "250",
                "TRAVO_APPROVAL_ABOVE_MINOR", "6000000", "TRAVO_TIME_ZONE", "Europe/London"));
        assertThat(some.process().workers()).containsExactlyInAnyOrder(Worker.HOLD_EXPIRY, Worker.AUDIT_CHAINER);
        assertThat(some.process().every()).isEqualTo(Duration.ofMillis(250));
        assertThat(some.bookings().approvalAboveMinor()).hasValue(6_000_000);
        assertThat(some.bookings().timeZone()).hasToString("Europe/London");
        assertThatThrownBy(() -> ServerConfig.load(Optional.empty(), Map.of("TRAVO_WORKERS", "hold-expiry,cleaner")))
                .hasMessageContaining("workers.run (TRAVO_WORKERS) names an unknown worker cleaner");
        assertThatThrownBy(() -> ServerConfig.load(Optional.empty(), Map.of("TRAVO_ROLE", "boss")))
                .hasMessageContaining("server.role (TRAVO_ROLE)");
        assertThatThrownBy(() -> ServerConfig.load(Optional.empty(), Map.of("TRAVO_TIME_ZONE", "Mars/Olympus")))
                .hasMessageContaining("bookings.time-zone (TRAVO_TIME_ZONE)");
    }

    @Test
    void theEnvironmentOverridesTheFile() throws IOException {
        Path file = dir.resolve("travo.yaml");
        Files.writeString(file, """
                server:
                  port: 9000
                database:
                  url: jdbc:mysql://db.internal:3306/travo
                  user: travo
                redis:
                  uri: redis-sentinel://s1:26379,s2:26379/?sentinelMasterId=main
                """);
        assertThatThrownBy(() -> ServerConfig.load(Optional.of(file), Map.of())).as("nodes share a sealing key")
                .isInstanceOf(ConfigException.class).hasMessageContaining("security.secret-key (TRAVO_SECRET_KEY)");
        ServerConfig config = ServerConfig.load(Optional.of(file), Map.of("TRAVO_PORT", "9100",
                "TRAVO_DATABASE_PASSWORD", "secret", "TRAVO_DATA_DIR", "/var/lib/travo",
                "TRAVO_SECRET_KEY", "q7cQh1m6n0eVh2fX0pYw3a9k5Zt8bR4uL1sD6gJ2vW0="));
        assertThat(config.port()).isEqualTo(9100);
        assertThat(config.dataDir()).isEqualTo(Path.of("/var/lib/travo"));
        assertThat(config.database()).hasValueSatisfying(db -> {
            assertThat(db.url()).isEqualTo("jdbc:mysql://db.internal:3306/travo");
            assertThat(db.user()).isEqualTo("travo");
            assertThat(db.password()).isEqualTo("secret");
        });
        assertThat(config.redis().orElseThrow().uri()).startsWith("redis-sentinel://");
        assertThat(config.toString()).as("no secret printed with the settings").doesNotContain("secret");
    }

    @Test
    void tlsNeedsAReadableKeystoreAndCorsTakesOriginsOnly() {
        assertThat(ServerConfig.load(Optional.empty(), Map.of()).web()).isEqualTo(ServerConfig.Web.PLAIN);
        assertThatThrownBy(() -> ServerConfig.load(Optional.empty(), Map.of("TRAVO_TLS_KEYSTORE",
                "/nowhere/server.p12"))).isInstanceOf(ConfigException.class).hasMessageContaining("PKCS#12");
        assertThat(ServerConfig.load(Optional.empty(), Map.of("TRAVO_CORS_ALLOWED_ORIGINS",
                "https://console.example, http://localhost:5173")).web().corsOrigins())
                .containsExactly("https://console.example", "http://localhost:5173");
        assertThatThrownBy(() -> ServerConfig.load(Optional.empty(), Map.of("TRAVO_CORS_ALLOWED_ORIGINS",
                "https://console.example/app"))).isInstanceOf(ConfigException.class).hasMessageContaining("no path");
        ServerConfig withPassword = ServerConfig.load(Optional.empty(), Map.of("TRAVO_TLS_KEYSTORE", "pom.xml",
                "TRAVO_TLS_KEYSTORE_PASSWORD", "hunter2-keystore"));
        assertThat(withPassword.toString()).doesNotContain("hunter2-keystore");
    }

    @Test
    void theSecretKeyIsThirtyTwoBytesAndNeverPrinted() {
        String key = "q7cQh1m6n0eVh2fX0pYw3a9k5Zt8bR4uL1sD6gJ2vW0=";
        ServerConfig config = ServerConfig.load(Optional.empty(), Map.of("TRAVO_SECRET_KEY", key));
        assertThat(config.security().secretKey()).contains(key);
        assertThat(config.toString()).doesNotContain(key);
        assertThat(ServerConfig.load(Optional.empty(), Map.of()).security().secretKey()).isEmpty();
        assertThatThrownBy(() -> ServerConfig.load(Optional.empty(), Map.of("TRAVO_SECRET_KEY", "c2hvcnQ=")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("32 random bytes");
    }

    @Test
    void messagingIsSetByFileListsAndVariablesAndEmailGoesToTheMailFolderByDefault() throws IOException {
        Path file = dir.resolve("messaging.yaml");
        Files.writeString(file, """
                workers:
                  run: [notifier, webhook-dispatcher]
                messaging:
                  webhook-allow: [10.0.0.0/8, 127.0.0.0/8]
                  smtp:
                    host: smtp.agency.example
                    from: tickets@agency.example
                    password: hunter2hunter2
                  sms:
                    url: https://sms.provider.example/send
                    callback-secret: sms-callback-secret
                """);
        ServerConfig config = ServerConfig.load(Optional.of(file), Map.of("TRAVO_SMTP_USER", "agency"));
        assertThat(config.process().workers()).containsExactlyInAnyOrder(Worker.NOTIFIER, Worker.WEBHOOK_DISPATCHER);
        assertThat(config.messaging().webhookAllowed()).hasSize(2);
        assertThat(config.messaging().smtp().orElseThrow().port()).as("submission by default").isEqualTo(587);
        assertThat(config.messaging().smtp().orElseThrow().user()).contains("agency");
        assertThat(config.messaging().sms().orElseThrow().callbackSecret()).contains("sms-callback-secret");
        assertThat(config.messaging().whatsapp()).isEmpty();
        assertThat(config.toString()).doesNotContain("hunter2hunter2").doesNotContain("sms-callback-secret");

        ServerConfig defaults = ServerConfig.load(Optional.empty(), Map.of("TRAVO_DATA_DIR", "/var/lib/travo"));
        assertThat(defaults.messaging().mailDir()).isEqualTo(Path.of("/var/lib/travo", "mail"));
        assertThat(defaults.messaging().smtp()).isEmpty();
        assertThatThrownBy(() -> ServerConfig.load(Optional.empty(), Map.of("TRAVO_SMTP_HOST", "smtp.example")))
                .hasMessageContaining("TRAVO_SMTP_FROM");
        assertThatThrownBy(() -> ServerConfig.load(Optional.empty(), Map.of("TRAVO_WEBHOOK_ALLOW", "10.0.0.0/33")))
                .hasMessageContaining("TRAVO_WEBHOOK_ALLOW");
        assertThatThrownBy(() -> ServerConfig.load(Optional.empty(), Map.of("TRAVO_SMS_URL", "ftp://x")))
                .hasMessageContaining("TRAVO_SMS_URL");
    }

    @Test
    void aBadValueStopsTheStartNamingTheSetting() throws IOException {
        assertThatThrownBy(() -> ServerConfig.load(Optional.empty(), Map.of("TRAVO_PORT", "eighty")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("server.port (TRAVO_PORT)");
        assertThatThrownBy(() -> ServerConfig.load(Optional.empty(), Map.of("TRAVO_DATABASE_URL", "postgres://x")))
                .hasMessageContaining("database.url (TRAVO_DATABASE_URL)");
        assertThatThrownBy(() -> ServerConfig.load(Optional.empty(), Map.of("TRAVO_REDIS_URI", "localhost:6379")))
                .hasMessageContaining("redis.uri (TRAVO_REDIS_URI)");
        assertThatThrownBy(() -> ServerConfig.load(Optional.empty(), Map.of("TRAVO_CURRENCY", "ZZZ")))
                .hasMessageContaining("bootstrap.currency (TRAVO_CURRENCY)");
        assertThatThrownBy(() -> ServerConfig.load(Optional.empty(), Map.of("TRAVO_TENANT", "Big Agency")))
                .hasMessageContaining("bootstrap.tenant (TRAVO_TENANT)");
        assertThatThrownBy(() -> ServerConfig.load(Optional.empty(),
                Map.of("TRAVO_DATABASE_URL", "jdbc:postgresql://db/travo?user=a&password=hunter2")))
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> ServerConfig.load(Optional.empty(), Map.of("TRAVO_REDIS_URI", "http://u:hunter2@r")))
                .hasMessageNotContaining("hunter2");
        Path typo = dir.resolve("typo.yaml");
        Files.writeString(typo, "server:\n  prot: 9000\n");
        assertThatThrownBy(() -> ServerConfig.load(Optional.of(typo), Map.of()))
                .hasMessageContaining("unknown setting server.prot");
        assertThatThrownBy(() -> ServerConfig.load(Optional.of(dir.resolve("missing.yaml")), Map.of()))
                .hasMessageContaining("cannot read the configuration file");
    }
}
