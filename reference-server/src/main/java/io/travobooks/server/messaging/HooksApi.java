package io.travobooks.server.messaging;

import io.travobooks.channel.http.DeliveryCallbacks;
import io.travobooks.channel.http.InboundWebhooks;
import io.travobooks.channel.http.ProviderSignature;
import io.travobooks.messaging.inbox.Inbox;
import io.travobooks.server.http.ApiProblem;
import io.travobooks.server.http.Call;
import io.travobooks.server.http.Handler;
import io.travobooks.server.http.Reply;
import io.travobooks.spi.TenantId;

import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * What providers post to the server: customers' messages (to an inbound source's hook) and delivery reports (to a
 * provider's callback). Neither carries an API key: the signature over the raw body, under the secret shared with
 * the sender, is the credential, and the source names the tenant. Anything unsigned or badly signed is answered
 * 401 and changes nothing.
 */
public final class HooksApi {
    private final Inbox inbox;
    private final InboundSourceStore sources;
    private final DeliveryCallbacks callbacks;
    private final BiConsumer<TenantId, String> filed;
    private final Clock clock;

    /** @param filed told of every conversation a message was filed in (the real-time stream) */
    public HooksApi(Inbox inbox, InboundSourceStore sources, DeliveryCallbacks callbacks,
                    BiConsumer<TenantId, String> filed, Clock clock) {
        this.inbox = inbox;
        this.sources = sources;
        this.callbacks = callbacks;
        this.filed = filed;
        this.clock = clock;
    }

    public Map<String, Handler> handlers() {
        return Map.of("receiveInboundMessage", this::inbound, "receiveDeliveryCallback", this::callback);
    }

    record Filed(String conversationId) {
    }

    private Reply inbound(Call call) {
        String id = call.path("source_id");
        Optional<InboundSourceStore.Source> source = sources.find(id);
        if (source.isEmpty()) {
            throw refused();
        }
        InboundWebhooks hook = new InboundWebhooks(inbox, Map.of(id, source.get().toWebhookSource()), clock);
        return switch (hook.receive(id, signature(call), call.rawBody())) {
            case InboundWebhooks.Result.Filed done -> {
                filed.accept(source.get().tenant(), done.conversation().id());
                yield Reply.ok(new Filed(done.conversation().id()));
            }
            case InboundWebhooks.Result.RefusedSignature ignored -> throw refused();
            case InboundWebhooks.Result.Malformed malformed -> throw ApiProblem.invalid("", malformed.detail());
        };
    }

    private Reply callback(Call call) {
        String provider = call.path("provider");
        DeliveryCallbacks.Result result = callbacks.receive(provider, signature(call), call.rawBody());
        return switch (result) {
            case UPDATED, IGNORED -> Reply.ok(Map.of("result", result.name()));
            case NOT_YET_KNOWN -> throw new ApiProblem(503, "MESSAGE_NOT_YET_KNOWN", "Not yet known",
                    "no message of " + provider + " has this id yet; post the callback again later");
            case REFUSED_SIGNATURE -> throw refused();
            case MALFORMED -> throw ApiProblem.invalid("", "not a delivery callback");
        };
    }

    /** The signature header as the verifiers read it (lower-case name). */
    private static Map<String, String> signature(Call call) {
        return call.header(ProviderSignature.HEADER).map(value -> Map.of(ProviderSignature.HEADER.toLowerCase(
                Locale.ROOT), value)).orElse(Map.of());
    }

    private static ApiProblem refused() {
        return new ApiProblem(401, "SIGNATURE_REFUSED", "Signature refused",
                "the request is not signed with this hook's secret");
    }
}
