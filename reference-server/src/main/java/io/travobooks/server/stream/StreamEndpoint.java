package io.travobooks.server.stream;

import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.websocket.WsListener;
import io.helidon.websocket.WsSession;
import io.helidon.websocket.WsUpgradeException;
import io.travobooks.server.auth.ApiKeys;
import io.travobooks.server.auth.Caller;
import io.travobooks.server.auth.Scope;

import java.util.Optional;

/**
 * One connection to {@code /v1/stream}: authenticated at the upgrade like any request (the key in
 * {@code Authorization: Bearer}, or in the {@code access_token} query parameter for browsers, which cannot set
 * headers on a WebSocket), with the scope {@code bookings:read}. It receives its tenant's events, and only them.
 */
public final class StreamEndpoint implements WsListener {
    public static final String PATH = "/v1/stream";

    private final StreamHub hub;
    private final ApiKeys keys;
    private volatile Caller caller;

    public StreamEndpoint(StreamHub hub, ApiKeys keys) {
        this.hub = hub;
        this.keys = keys;
    }

    @Override
    public Optional<Headers> onHttpUpgrade(HttpPrologue prologue, Headers headers) throws WsUpgradeException {
        Optional<String> token = headers.first(HeaderNames.AUTHORIZATION)
                .filter(value -> value.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(value -> value.substring(7).trim())
                .or(() -> prologue.query().first("access_token").asOptional());
        Caller authenticated = token.flatMap(keys::authenticate)
                .orElseThrow(() -> new WsUpgradeException("a valid API key is needed"));
        if (!authenticated.has(Scope.BOOKINGS_READ)) {
            throw new WsUpgradeException("the stream needs the scope " + Scope.BOOKINGS_READ.value());
        }
        caller = authenticated;
        return Optional.empty();
    }

    @Override
    public void onOpen(WsSession session) {
        hub.join(caller.tenant(), session);
    }

    @Override
    public void onClose(WsSession session, int status, String reason) {
        hub.leave(caller.tenant(), session);
    }

    @Override
    public void onError(WsSession session, Throwable t) {
        hub.leave(caller.tenant(), session);
    }
}
