package io.travobooks.server.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import io.travobooks.messaging.webhook.WebhookDispatcher;
import io.travobooks.messaging.webhook.WebhookEndpoints;
import io.travobooks.messaging.webhook.WebhookErrorCode;
import io.travobooks.server.http.ApiProblem;
import io.travobooks.server.http.Call;
import io.travobooks.server.http.ETags;
import io.travobooks.server.http.Handler;
import io.travobooks.server.http.Json;
import io.travobooks.server.http.Page;
import io.travobooks.server.http.Reply;
import io.travobooks.spi.Outcome;
import io.travobooks.spi.TenantId;
import io.travobooks.spi.webhook.WebhookDelivery;
import io.travobooks.spi.webhook.WebhookEndpoint;
import io.travobooks.spi.webhook.WebhookStore;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Webhook endpoints (register, change, rotate, disable, enable, with ETags guarding the changes) and their
 * deliveries (list, one with its attempts, replay one, replay a time range).
 */
public final class WebhooksApi {
    private final WebhookEndpoints endpoints;
    private final WebhookDispatcher dispatcher;
    private final WebhookStore store;

    public WebhooksApi(WebhookEndpoints endpoints, WebhookDispatcher dispatcher, WebhookStore store) {
        this.endpoints = endpoints;
        this.dispatcher = dispatcher;
        this.store = store;
    }

    public Map<String, Handler> handlers() {
        return Map.ofEntries(
                Map.entry("listWebhookEndpoints", this::listEndpoints),
                Map.entry("registerWebhookEndpoint", this::register),
                Map.entry("getWebhookEndpoint", call -> endpoint(endpoints.find(call.tenant(), endpointId(call))
                        .orElseThrow(() -> missingEndpoint(call)))),
                Map.entry("updateWebhookEndpoint", this::update),
                Map.entry("rotateWebhookSecret", this::rotate),
                Map.entry("disableWebhookEndpoint", call -> endpoint(changed(call, endpoints.disable(call.tenant(),
                        endpointId(call), call.bodyAs(ReasonBody.class).reason(), expected(call))))),
                Map.entry("enableWebhookEndpoint", call -> endpoint(changed(call, endpoints.enable(call.tenant(),
                        endpointId(call), expected(call))))),
                Map.entry("listWebhookDeliveries", this::listDeliveries),
                Map.entry("getWebhookDelivery", this::getDelivery),
                Map.entry("replayWebhookDelivery", this::replay),
                Map.entry("replayWebhookDeliveries", this::replayRange));
    }

    record NewEndpoint(String id, String url, Optional<List<String>> eventTypes) {
    }

    record EndpointChange(Optional<String> url, Optional<List<String>> eventTypes) {
    }

    record ReasonBody(String reason) {
    }

    record ReplayRange(Instant from, Instant to) {
    }

    private Reply listEndpoints(Call call) {
        return Reply.ok(Page.ofSorted(endpoints.list(call.tenant()), call, WebhookEndpoint::id,
                WebhookViews.EndpointView::of));
    }

    private Reply register(Call call) {
        NewEndpoint request = call.bodyAs(NewEndpoint.class);
        WebhookEndpoints.Registered registered = changed(call, endpoints.register(call.tenant(), request.id(),
                request.url(), new HashSet<>(request.eventTypes().orElse(List.of()))));
        return withSecret(201, registered);
    }

    private Reply update(Call call) {
        EndpointChange change = call.bodyAs(EndpointChange.class);
        return endpoint(changed(call, endpoints.update(call.tenant(), endpointId(call), change.url(),
                change.eventTypes().map(Set::copyOf), expected(call))));
    }

    private Reply rotate(Call call) {
        return withSecret(200, changed(call, endpoints.rotateSecret(call.tenant(), endpointId(call),
                expected(call))));
    }

    /** The secret is answered once: a retry under the same Idempotency-Key gets the endpoint without it. */
    private static Reply withSecret(int status, WebhookEndpoints.Registered registered) {
        WebhookViews.EndpointView view = WebhookViews.EndpointView.of(registered.endpoint());
        return Reply.of(status, new WebhookViews.WithSecretView(view, Optional.of(registered.secret()
                        .serialized())))
                .replayedAs(new WebhookViews.WithSecretView(view, Optional.empty()))
                .withHeader(ETags.ETAG, WebhookViews.etag(registered.endpoint()));
    }

    private static Reply endpoint(WebhookEndpoint endpoint) {
        return Reply.ok(WebhookViews.EndpointView.of(endpoint)).withHeader(ETags.ETAG, WebhookViews.etag(endpoint));
    }

    /** What If-Match asks of the endpoint, checked under its lock. */
    private static Predicate<WebhookEndpoint> expected(Call call) {
        Optional<String> ifMatch = call.header(ETags.IF_MATCH);
        return endpoint -> ETags.matches(ifMatch, WebhookViews.etag(endpoint));
    }

    private static <T> T changed(Call call, Outcome<T> outcome) {
        return switch (outcome) {
            case Outcome.Ok<T> ok -> ok.value();
            case Outcome.Refused<T> refused -> {
                if (refused.rejection().code() == WebhookErrorCode.WEBHOOK_ENDPOINT_NOT_FOUND) {
                    throw missingEndpoint(call);
                }
                if (refused.rejection().code() == WebhookErrorCode.WEBHOOK_ENDPOINT_CHANGED) {
                    throw ETags.changed(refused.rejection().detail());
                }
                throw ApiProblem.refused(refused.rejection());
            }
        };
    }

    private Reply listDeliveries(Call call) {
        int limit = Page.limit(call);
        Optional<WebhookDelivery> after = Page.position(call).map(id -> delivery(call.tenant(), id)
                .orElseThrow(() -> ApiProblem.invalid("cursor", "not a cursor this server gave")));
        WebhookStore.DeliveryQuery query = new WebhookStore.DeliveryQuery(call.query("endpoint_id"),
                call.query("status").map(WebhookDelivery.Status::valueOf));
        List<WebhookDelivery> rows = store.transactions().inTransaction(uow -> store.deliveries(uow, call.tenant(),
                query, after, limit + 1));
        return Reply.ok(Page.of(rows, limit, WebhookDelivery::id, WebhookViews.DeliveryView::of));
    }

    record DeliveryDetail(WebhookViews.DeliveryView delivery, JsonNode payload,
                          List<WebhookViews.AttemptView> attempts) {
    }

    private Reply getDelivery(Call call) {
        WebhookDelivery delivery = delivery(call.tenant(), deliveryId(call)).orElseThrow(() -> missingDelivery(call));
        List<WebhookViews.AttemptView> attempts = store.transactions().inTransaction(uow -> store.attempts(uow,
                call.tenant(), delivery.id())).stream().map(WebhookViews.AttemptView::of).toList();
        return Reply.ok(new DeliveryDetail(WebhookViews.DeliveryView.of(delivery),
                Json.readBody(delivery.payload().getBytes(java.nio.charset.StandardCharsets.UTF_8)), attempts));
    }

    private Reply replay(Call call) {
        WebhookDelivery delivery = delivery(call.tenant(), deliveryId(call)).orElseThrow(() -> missingDelivery(call));
        if (!dispatcher.replay(call.tenant(), delivery.id())) {
            throw new ApiProblem(422, "WEBHOOK_DELIVERY_NOT_DEAD", "Refused",
                    "delivery " + delivery.id() + " is " + delivery.status() + "; only a dead delivery is replayed");
        }
        return Reply.ok(WebhookViews.DeliveryView.of(delivery(call.tenant(), delivery.id()).orElseThrow()));
    }

    private Reply replayRange(Call call) {
        ReplayRange range = call.bodyAs(ReplayRange.class);
        if (!range.from().isBefore(range.to())) {
            throw ApiProblem.invalid("/to", "must be after from");
        }
        return Reply.ok(Map.of("replayed", dispatcher.replayDead(call.tenant(), range.from(), range.to())));
    }

    private Optional<WebhookDelivery> delivery(TenantId tenant, String id) {
        return store.transactions().inTransaction(uow -> store.delivery(uow, tenant, id));
    }

    private static String endpointId(Call call) {
        return call.path("endpoint_id");
    }

    private static String deliveryId(Call call) {
        return call.path("delivery_id");
    }

    private static ApiProblem missingEndpoint(Call call) {
        return ApiProblem.notFound(WebhookErrorCode.WEBHOOK_ENDPOINT_NOT_FOUND, "no endpoint " + endpointId(call));
    }

    private static ApiProblem missingDelivery(Call call) {
        return ApiProblem.notFound("WEBHOOK_DELIVERY_NOT_FOUND", "no delivery " + deliveryId(call));
    }
}
