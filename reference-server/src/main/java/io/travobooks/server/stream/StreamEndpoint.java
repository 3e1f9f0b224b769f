package io.travobooks.server.stream;

import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.websocket.WsListener;
import io.helidon.websocket.WsSession;
import io.helidon.websocket.WsUpgradeException;
import io.travobooks.server.auth.Credentials;
import io.travobooks.server.auth.Bearer;
import io.travobooks.server.auth.Caller;
import io.travobooks.server.auth.Scope;

import java.util.Optional;

/**
 * One connection to {@code /v1/stream}: authenticated at the upgrade like any request (the key in
 * {@code Authorization: Bearer}, or in the {@code access_token} query parameter for browsers, which cannot set
 * headers on a WebSocket), with the scope {@code bookings:read}. It receives its tenant's events, and only them. A
 * refused upgrade falls through to the HTTP route of the same path, which answers why ({@link StreamRefusals}).
 */
public final class StreamEndpoint implements WsListener {
    public static final String PATH = "/v1/stream";
    static final String QUERY_KEY = "access_token";

    private final StreamHub hub;
    private final Credentials keys;
    // Set at the upgrade, read by the session's callbacks, which the server may run on other threads.
    private volatile String key;
    private volatile Caller caller;
    private volatile StreamSubscriber subscriber;

    public StreamEndpoint(StreamHub hub, Credentials keys) {
        this.hub = hub;
        this.keys = keys;
    }

    /** The key a request to the stream carries, in its header or its query. */
    static Optional<String> key(Headers headers, HttpPrologue prologue) {
        return headers.first(HeaderNames.AUTHORIZATION).flatMap(Bearer::token)
                .or(() -> prologue.query().first(QUERY_KEY).asOptional());
    }

    @Override
    public Optional<Headers> onHttpUpgrade(HttpPrologue prologue, Headers headers) throws WsUpgradeException {
        Optional<String> offered = key(headers, prologue);
        Optional<Caller> authenticated = offered.flatMap(keys::authenticate).filter(c -> c.has(Scope.BOOKINGS_READ));
        if (authenticated.isEmpty()) {
            throw new WsUpgradeException("no key with the scope " + Scope.BOOKINGS_READ.value());
        }
        key = offered.get();
        caller = authenticated.get();
        return Optional.empty();
    }

    @Override
    public void onOpen(WsSession session) {
        subscriber = new StreamSubscriber(session, key, caller.tenant());
        hub.join(subscriber);
    }

    @Override
    public void onClose(WsSession session, int status, String reason) {
        leave();
    }

    @Override
    public void onError(WsSession session, Throwable t) {
        leave();
    }

    private void leave() {
        StreamSubscriber joined = subscriber;
        if (joined != null) {
            hub.leave(joined);
            joined.stop();
        }
    }
}
