package io.travobooks.server.messaging;

import io.travobooks.messaging.notify.Channel;
import io.travobooks.server.http.ApiProblem;
import io.travobooks.server.http.Call;
import io.travobooks.server.http.Handler;
import io.travobooks.server.http.Page;
import io.travobooks.server.http.Reply;
import io.travobooks.server.runtime.AgencyTime;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * The sources customers' messages come in through: each has a random id, the only thing its hook's URL names, and
 * the secret its provider signs with (the caller's, or a new one answered this once).
 */
public final class InboundSourcesApi {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final InboundSourceStore sources;
    private final AgencyTime time;

    public InboundSourcesApi(InboundSourceStore sources, AgencyTime time) {
        this.sources = sources;
        this.time = time;
    }

    public Map<String, Handler> handlers() {
        return Map.of(
                "listInboundSources", this::listSources,
                "createInboundSource", this::createSource,
                "deleteInboundSource", this::deleteSource);
    }

    record NewSource(String channel, Optional<String> secret) {
    }

    record SourceView(String id, String channel, String hookPath, Instant createdAt) {
        static SourceView of(InboundSourceStore.Source source) {
            return new SourceView(source.id(), source.channel().name(), "/v1/hooks/inbound/" + source.id(),
                    source.createdAt());
        }
    }

    record CreatedSourceView(SourceView source, Optional<String> secret) {
    }

    private Reply listSources(Call call) {
        int limit = Page.limit(call);
        return Reply.ok(Page.of(sources.list(call.tenant(), Page.position(call), limit + 1), limit,
                InboundSourceStore.Source::id, SourceView::of));
    }

    private Reply createSource(Call call) {
        NewSource request = call.bodyAs(NewSource.class);
        String secret = request.secret().orElseGet(() -> "insec_" + random(24));
        InboundSourceStore.Source source = new InboundSourceStore.Source("src_" + random(16), call.tenant(),
                Channel.valueOf(request.channel()), secret, time.now());
        sources.insert(source);
        SourceView view = SourceView.of(source);
        return Reply.created(new CreatedSourceView(view, request.secret().isPresent() ? Optional.empty()
                : Optional.of(secret))).replayedAs(new CreatedSourceView(view, Optional.empty()));
    }

    private Reply deleteSource(Call call) {
        InboundSourceStore.Source source = sources.find(call.tenant(), call.path("source_id")).orElseThrow(() ->
                ApiProblem.notFound("INBOUND_SOURCE_NOT_FOUND", "no inbound source " + call.path("source_id")));
        sources.delete(call.tenant(), source.id());
        return Reply.ok(SourceView.of(source));
    }

    private static String random(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return HexFormat.of().formatHex(value);
    }
}
