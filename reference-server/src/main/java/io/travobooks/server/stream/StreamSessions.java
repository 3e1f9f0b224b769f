package io.travobooks.server.stream;

import io.travobooks.spi.TenantId;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The streams open on this node, by tenant. A stream leaves by whichever path removes it first: its connection
 * closed or failed, or the server ends it (it fell behind, its key lapsed, the node is stopping). The server closes
 * a session only when its own path removed the stream, so never twice, and never one that is gone. Once the node is
 * stopping, a stream that opens is ended at once with "going away": kept, it would wait unserved until the web
 * server dropped its connection.
 */
final class StreamSessions {
    private static final String STOPPING = "server stopping";

    private final Map<TenantId, Set<StreamSubscriber>> byTenant = new ConcurrentHashMap<>();
    private volatile boolean closed;

    void join(StreamSubscriber subscriber) {
        byTenant.compute(subscriber.tenant(), (tenant, held) -> {
            Set<StreamSubscriber> set = held == null ? ConcurrentHashMap.newKeySet() : held;
            set.add(subscriber);
            return set;
        });
        // closeAll sets the flag before it looks at the streams: a stream it may not have seen sees the flag here.
        if (closed) {
            end(subscriber, StreamSubscriber.GOING_AWAY, STOPPING);
        }
    }

    /** Takes the stream out; true when this call did (and not another path before it). */
    boolean remove(StreamSubscriber subscriber) {
        boolean[] removed = {false};
        byTenant.computeIfPresent(subscriber.tenant(), (tenant, held) -> {
            removed[0] = held.remove(subscriber);
            return held.isEmpty() ? null : held;
        });
        return removed[0];
    }

    /** Takes the stream out and closes its session with {@code code}, unless another path took it out first. */
    void end(StreamSubscriber subscriber, int code, String reason) {
        if (remove(subscriber)) {
            subscriber.end(code, reason);
        }
    }

    /** The tenant's streams as they are now. */
    Set<StreamSubscriber> of(TenantId tenant) {
        return new HashSet<>(byTenant.getOrDefault(tenant, Set.of()));
    }

    /** Ends every stream with "going away", and from now on every stream that opens. */
    void closeAll() {
        closed = true;
        byTenant.values().forEach(set -> set.forEach(s -> end(s, StreamSubscriber.GOING_AWAY, STOPPING)));
    }
}
