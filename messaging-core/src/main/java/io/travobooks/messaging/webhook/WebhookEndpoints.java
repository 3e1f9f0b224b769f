package io.travobooks.messaging.webhook;

import io.travobooks.messaging.EventCatalog;
import io.travobooks.spi.Outcome;
import io.travobooks.spi.RetryPolicy;
import io.travobooks.spi.TenantId;
import io.travobooks.spi.UnitOfWork;
import io.travobooks.spi.webhook.WebhookEndpoint;
import io.travobooks.spi.webhook.WebhookStore;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Managing a tenant's webhook endpoints: register one (its URL vetted by the SSRF guard, its event types checked
 * against the catalog, a fresh {@code whsec_} secret shown once), rotate its secret (the old one keeps signing for
 * {@link EndpointSecrets#OVERLAP}), disable and enable it (enabling clears the failing streak). Refused commands
 * answer with a {@link WebhookErrorCode} and change nothing.
 */
public final class WebhookEndpoints {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Predicate<WebhookEndpoint> ANY = endpoint -> true;

    private final WebhookStore store;
    private final SsrfGuard guard;
    private final EventCatalog catalog;
    private final Clock clock;
    private final RetryPolicy retryPolicy;

    public WebhookEndpoints(WebhookStore store, SsrfGuard guard, EventCatalog catalog, Clock clock) {
        this(store, guard, catalog, clock, RetryPolicy.DEFAULT);
    }

    private WebhookEndpoints(WebhookStore store, SsrfGuard guard, EventCatalog catalog, Clock clock,
                             RetryPolicy retryPolicy) {
        this.store = Objects.requireNonNull(store, "store");
        this.guard = Objects.requireNonNull(guard, "guard");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
    }

    /** The same endpoints, running lost races again under {@code policy} instead of {@link RetryPolicy#DEFAULT}. */
    public WebhookEndpoints withRetryPolicy(RetryPolicy policy) {
        return new WebhookEndpoints(store, guard, catalog, clock, policy);
    }

    /** A registered endpoint and its secret, which is shown this once. */
    public record Registered(WebhookEndpoint endpoint, WebhookSecret secret) {
    }

    /** Registers an endpoint that takes {@code eventTypes} (empty: every type). */
    public Outcome<Registered> register(TenantId tenant, String id, String url, Set<String> eventTypes) {
        if (id == null || !ID.matcher(id).matches()) {
            return Outcome.refused(WebhookErrorCode.WEBHOOK_INVALID_ENDPOINT_ID, "not an endpoint id: " + id);
        }
        Outcome<URI> target = vet(url);
        if (target instanceof Outcome.Refused<URI> refused) {
            return new Outcome.Refused<>(refused.rejection());
        }
        URI uri = target.orThrow();
        Optional<Outcome<Registered>> unknown = unknownType(eventTypes);
        if (unknown.isPresent()) {
            return unknown.get();
        }
        WebhookSecret secret = WebhookSecret.generate();
        WebhookEndpoint endpoint = new WebhookEndpoint(tenant, id, uri, eventTypes, true, Optional.empty(),
                secret.serialized(), Optional.empty(), Optional.empty(), Optional.empty(), clock.instant());
        return tx(uow -> store.createEndpoint(uow, endpoint)
                ? Outcome.ok(new Registered(endpoint, secret))
                : Outcome.refused(WebhookErrorCode.WEBHOOK_ENDPOINT_EXISTS, "endpoint " + id + " exists"));
    }

    /**
     * A new secret for the endpoint, shown this once; the current one becomes the previous and keeps signing for
     * {@link EndpointSecrets#OVERLAP}, so receivers can switch without losing a delivery.
     */
    public Outcome<Registered> rotateSecret(TenantId tenant, String id) {
        return rotateSecret(tenant, id, ANY);
    }

    /** As {@link #rotateSecret(TenantId, String)}, only while the endpoint is as {@code expected} says. */
    public Outcome<Registered> rotateSecret(TenantId tenant, String id, Predicate<WebhookEndpoint> expected) {
        WebhookSecret next = WebhookSecret.generate();
        Instant now = clock.instant();
        return change(tenant, id, expected, e -> e.withSecrets(next.serialized(), Optional.of(e.secret()),
                Optional.of(now.plus(EndpointSecrets.OVERLAP))))
                .map(endpoint -> new Registered(endpoint, next));
    }

    /**
     * Stops deliveries to the endpoint: those attempted meanwhile are dead, to be replayed
     * ({@link WebhookDispatcher#replayDead}) once it is enabled again.
     */
    public Outcome<WebhookEndpoint> disable(TenantId tenant, String id, String reason) {
        return disable(tenant, id, reason, ANY);
    }

    /** As {@link #disable(TenantId, String, String)}, only while the endpoint is as {@code expected} says. */
    public Outcome<WebhookEndpoint> disable(TenantId tenant, String id, String reason,
                                            Predicate<WebhookEndpoint> expected) {
        Objects.requireNonNull(reason, "reason");
        return change(tenant, id, expected, e -> e.withEnabled(false, Optional.of(reason)));
    }

    /** Takes deliveries again, with the failing streak forgotten. */
    public Outcome<WebhookEndpoint> enable(TenantId tenant, String id) {
        return enable(tenant, id, ANY);
    }

    /** As {@link #enable(TenantId, String)}, only while the endpoint is as {@code expected} says. */
    public Outcome<WebhookEndpoint> enable(TenantId tenant, String id, Predicate<WebhookEndpoint> expected) {
        return change(tenant, id, expected, e -> e.withEnabled(true, Optional.empty())
                .withFailingSince(Optional.empty()));
    }

    /**
     * Points the endpoint at another URL (vetted as on registration) or another set of event types (empty: every
     * type), or both; what is absent stays. Deliveries already made keep going to the endpoint as it now is.
     */
    public Outcome<WebhookEndpoint> update(TenantId tenant, String id, Optional<String> url,
                                           Optional<Set<String>> eventTypes, Predicate<WebhookEndpoint> expected) {
        Optional<URI> target = Optional.empty();
        if (url.isPresent()) {
            Outcome<URI> vetted = vet(url.get());
            if (vetted instanceof Outcome.Refused<URI> refused) {
                return new Outcome.Refused<>(refused.rejection());
            }
            target = Optional.of(vetted.orThrow());
        }
        if (eventTypes.isPresent()) {
            Optional<Outcome<WebhookEndpoint>> unknown = unknownType(eventTypes.get());
            if (unknown.isPresent()) {
                return unknown.get();
            }
        }
        Optional<URI> newUrl = target;
        return change(tenant, id, expected, e -> e.withTarget(newUrl.orElse(e.url()),
                eventTypes.orElse(e.eventTypes())));
    }

    public Optional<WebhookEndpoint> find(TenantId tenant, String id) {
        return store.transactions().inTransaction(uow -> store.endpoint(uow, tenant, id));
    }

    public List<WebhookEndpoint> list(TenantId tenant) {
        return store.transactions().inTransaction(uow -> store.endpoints(uow, tenant));
    }

    private Outcome<WebhookEndpoint> change(TenantId tenant, String id, Predicate<WebhookEndpoint> expected,
                                            Function<WebhookEndpoint, WebhookEndpoint> change) {
        return tx(uow -> {
            // Locked: a concurrent change (another command, or a dispatcher disabling it) is not lost.
            Optional<WebhookEndpoint> found = store.endpointForUpdate(uow, tenant, id);
            if (found.isEmpty()) {
                return Outcome.refused(WebhookErrorCode.WEBHOOK_ENDPOINT_NOT_FOUND, "no endpoint " + id);
            }
            if (!expected.test(found.get())) {
                return Outcome.refused(WebhookErrorCode.WEBHOOK_ENDPOINT_CHANGED,
                        "endpoint " + id + " changed since it was read");
            }
            WebhookEndpoint changed = change.apply(found.get());
            store.saveEndpoint(uow, changed);
            return Outcome.ok(changed);
        });
    }

    private <T> Optional<Outcome<T>> unknownType(Set<String> eventTypes) {
        return eventTypes.stream().sorted().filter(type -> catalog.find(type).isEmpty()).findFirst()
                .map(type -> Outcome.refused(WebhookErrorCode.WEBHOOK_UNKNOWN_EVENT_TYPE, "no event type " + type));
    }

    private Outcome<URI> vet(String url) {
        URI uri;
        try {
            uri = new URI(Objects.requireNonNullElse(url, ""));
        } catch (URISyntaxException e) {
            return Outcome.refused(WebhookErrorCode.WEBHOOK_URL_REFUSED, "not a URL: " + url);
        }
        return switch (guard.vet(uri)) {
            case SsrfGuard.Verdict.Allowed allowed -> Outcome.ok(uri);
            case SsrfGuard.Verdict.Refused refused -> Outcome.refused(WebhookErrorCode.WEBHOOK_URL_REFUSED,
                    refused.reason() + ": " + refused.detail());
        };
    }

    private <T> Outcome<T> tx(Function<UnitOfWork, Outcome<T>> work) {
        return store.transactions().inTransactionRetrying(work, retryPolicy);
    }
}
