package io.travobooks.webhook.http;

import io.travobooks.messaging.EventCatalog;
import io.travobooks.messaging.webhook.EndpointSecrets;
import io.travobooks.messaging.webhook.SsrfGuard;
import io.travobooks.messaging.webhook.WebhookEndpoints;
import io.travobooks.messaging.webhook.WebhookErrorCode;
import io.travobooks.messaging.webhook.WebhookSecret;
import io.travobooks.messaging.webhook.WebhookSignature;
import io.travobooks.spi.Outcome;
import io.travobooks.spi.TenantId;
import io.travobooks.spi.webhook.WebhookEndpoint;
import io.travobooks.storage.jdbc.JdbcStorage;
import io.travobooks.storage.jdbc.StorageConfig;
import io.travobooks.testkit.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Managing endpoints on H2: registering, refusals that store nothing, secret rotation, disabling and enabling. */
class WebhookEndpointsTest {
    private static final Instant START = Instant.parse("2026-03-01T08:30:00Z");
    private static final byte[] BODY = "{\"type\":\"booking.issued\"}".getBytes(StandardCharsets.UTF_8);

    private final JdbcStorage storage = JdbcStorage.open(StorageConfig.h2Memory("endpoints_"
            + UUID.randomUUID().toString().substring(0, 8)));
    private final MutableClock clock = new MutableClock(START);
    private final TenantId tenant = TenantId.of("t1");
    /** Public names resolve to a public address, the internal one to a private address. */
    private final SsrfGuard guard = new SsrfGuard(host -> switch (host) {
        case "hooks.partner.example" -> List.of(address("93.184.216.34"));
        case "erp.internal.example" -> List.of(address("10.1.2.3"));
        default -> throw new UnknownHostException(host);
    }, List.of());
    private final WebhookEndpoints endpoints = new WebhookEndpoints(storage.webhookStore(), guard,
            EventCatalog.standard(), clock);

    @AfterEach
    void close() {
        storage.close();
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static WebhookErrorCode code(Outcome<?> outcome) {
        assertThat(outcome).isInstanceOf(Outcome.Refused.class);
        return (WebhookErrorCode) ((Outcome.Refused<?>) outcome).rejection().code();
    }

    @Test
    void anEndpointIsRegisteredEnabledWithASecretShownOnce() {
        WebhookEndpoints.Registered registered = endpoints.register(tenant, "erp", "https://hooks.partner.example/in",
                Set.of("booking.issued", "booking.voided")).orThrow();

        assertThat(registered.endpoint().enabled()).isTrue();
        assertThat(registered.secret().serialized()).startsWith(WebhookSecret.PREFIX)
                .isEqualTo(registered.endpoint().secret());
        assertThat(endpoints.list(tenant)).containsExactly(registered.endpoint());
        assertThat(code(endpoints.register(tenant, "erp", "https://hooks.partner.example/other", Set.of())))
                .isEqualTo(WebhookErrorCode.WEBHOOK_ENDPOINT_EXISTS);
        assertThat(endpoints.list(tenant)).containsExactly(registered.endpoint());
    }

    @Test
    void refusedRegistrationsStoreNothing() {
        assertThat(code(endpoints.register(tenant, "erp", "https://erp.internal.example/in", Set.of())))
                .as("resolves to a private address").isEqualTo(WebhookErrorCode.WEBHOOK_URL_REFUSED);
        assertThat(code(endpoints.register(tenant, "erp", "ftp://hooks.partner.example/in", Set.of())))
                .isEqualTo(WebhookErrorCode.WEBHOOK_URL_REFUSED);
        assertThat(code(endpoints.register(tenant, "erp", "http://[not a url", Set.of())))
                .isEqualTo(WebhookErrorCode.WEBHOOK_URL_REFUSED);
        assertThat(code(endpoints.register(tenant, "erp one", "https://hooks.partner.example/in", Set.of())))
                .isEqualTo(WebhookErrorCode.WEBHOOK_INVALID_ENDPOINT_ID);
        assertThat(code(endpoints.register(tenant, "erp", "https://hooks.partner.example/in",
                Set.of("booking.teleported")))).isEqualTo(WebhookErrorCode.WEBHOOK_UNKNOWN_EVENT_TYPE);
        assertThat(endpoints.list(tenant)).isEmpty();
    }

    @Test
    void aRotatedSecretSignsBesideTheOldOneForADay() {
        WebhookSecret old = endpoints.register(tenant, "erp", "https://hooks.partner.example/in", Set.of())
                .orThrow().secret();
        clock.advance(Duration.ofDays(3));

        WebhookEndpoints.Registered rotated = endpoints.rotateSecret(tenant, "erp").orThrow();
        WebhookEndpoint endpoint = rotated.endpoint();
        assertThat(rotated.secret()).isNotEqualTo(old);
        assertThat(endpoint.previousSecret()).contains(old.serialized());

        EndpointSecrets secrets = new EndpointSecrets(WebhookSecret.parse(endpoint.secret()),
                endpoint.previousSecret().map(WebhookSecret::parse), endpoint.previousSecretUntil());
        Map<String, String> headers = WebhookSignature.headers(secrets.signingAt(clock.instant()), "msg_1",
                clock.instant(), BODY);
        assertThat(WebhookSignature.verify(List.of(old), headers, BODY, clock.instant(), Duration.ofMinutes(5)))
                .as("a receiver still on the old secret").isEmpty();
        assertThat(WebhookSignature.verify(List.of(rotated.secret()), headers, BODY, clock.instant(),
                Duration.ofMinutes(5))).as("a receiver on the new secret").isEmpty();

        Instant dayLater = clock.instant().plus(Duration.ofHours(25));
        assertThat(secrets.signingAt(dayLater)).containsExactly(rotated.secret());
        assertThat(code(endpoints.rotateSecret(tenant, "nope"))).isEqualTo(WebhookErrorCode.WEBHOOK_ENDPOINT_NOT_FOUND);
    }

    @Test
    void aDisabledEndpointWantsNothingAndEnablingForgetsItsFailingStreak() {
        endpoints.register(tenant, "erp", "https://hooks.partner.example/in", Set.of()).orThrow();
        WebhookEndpoint disabled = endpoints.disable(tenant, "erp", "maintenance").orThrow();
        assertThat(disabled.wants("booking.issued")).isFalse();
        assertThat(disabled.disabledReason()).contains("maintenance");

        WebhookEndpoint failing = new WebhookEndpoint(disabled.tenant(), disabled.id(), disabled.url(),
                disabled.eventTypes(), false, disabled.disabledReason(), disabled.secret(), Optional.empty(),
                Optional.empty(), Optional.of(START), disabled.createdAt());
        storage.webhookStore().transactions().inTransaction(uow -> {
            storage.webhookStore().saveEndpoint(uow, failing);
            return null;
        });

        WebhookEndpoint enabled = endpoints.enable(tenant, "erp").orThrow();
        assertThat(enabled.wants("booking.issued")).isTrue();
        assertThat(enabled.failingSince()).isEmpty();
        assertThat(enabled.disabledReason()).isEmpty();
        assertThat(code(endpoints.disable(tenant, "nope", "x"))).isEqualTo(WebhookErrorCode.WEBHOOK_ENDPOINT_NOT_FOUND);
    }
    @Test
    void anUpdateRetargetsTheEndpointAndARefusedOneChangesNothing() {
        WebhookEndpoint registered = endpoints.register(tenant, "erp", "https://hooks.partner.example/in",
                Set.of("booking.issued")).orThrow().endpoint();

        assertThat(code(endpoints.update(tenant, "erp", Optional.of("https://erp.internal.example/in"),
                Optional.empty(), e -> true))).isEqualTo(WebhookErrorCode.WEBHOOK_URL_REFUSED);
        assertThat(code(endpoints.update(tenant, "erp", Optional.empty(), Optional.of(Set.of("booking.teleported")),
                e -> true))).isEqualTo(WebhookErrorCode.WEBHOOK_UNKNOWN_EVENT_TYPE);
        assertThat(code(endpoints.update(tenant, "nope", Optional.empty(), Optional.of(Set.of()), e -> true)))
                .isEqualTo(WebhookErrorCode.WEBHOOK_ENDPOINT_NOT_FOUND);
        assertThat(endpoints.list(tenant)).containsExactly(registered);

        WebhookEndpoint updated = endpoints.update(tenant, "erp", Optional.of("https://hooks.partner.example/v2"),
                Optional.of(Set.of()), e -> true).orThrow();
        assertThat(updated.url()).hasToString("https://hooks.partner.example/v2");
        assertThat(updated.wants("booking.voided")).as("an empty set takes every type").isTrue();
        assertThat(updated.secret()).isEqualTo(registered.secret());
        assertThat(endpoints.find(tenant, "erp")).contains(updated);
    }

    @Test
    void aChangeExpectingAnotherStateOfTheEndpointIsRefusedAndWritesNothing() {
        WebhookEndpoint registered = endpoints.register(tenant, "erp", "https://hooks.partner.example/in",
                Set.of()).orThrow().endpoint();

        assertThat(code(endpoints.disable(tenant, "erp", "maintenance", e -> !e.enabled())))
                .isEqualTo(WebhookErrorCode.WEBHOOK_ENDPOINT_CHANGED);
        assertThat(code(endpoints.rotateSecret(tenant, "erp", e -> false)))
                .isEqualTo(WebhookErrorCode.WEBHOOK_ENDPOINT_CHANGED);
        assertThat(code(endpoints.update(tenant, "erp", Optional.of("https://hooks.partner.example/v2"),
                Optional.empty(), e -> false))).isEqualTo(WebhookErrorCode.WEBHOOK_ENDPOINT_CHANGED);
        assertThat(endpoints.find(tenant, "erp")).contains(registered);

        assertThat(endpoints.disable(tenant, "erp", "maintenance", registered::equals).orThrow().enabled()).isFalse();
    }
}
