package io.travobooks.cache.redis;

import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.NettyCustomizer;
import io.netty.channel.Channel;
import io.netty.handler.flush.FlushConsolidationHandler;

/**
 * Client resources whose connections write many commands with one system call. Lettuce flushes the socket after
 * every command; with many threads sharing one connection that is a write per command on the client and a read
 * per command on the server. Netty's flush consolidation defers each flush to a task queued behind the commands
 * already waiting on the connection's event loop, so that they leave together; nothing waits longer than that
 * task, and at most {@value #MOST_MERGED} flushes are merged into one.
 */
final class FlushConsolidation {
    /** Netty's default. */
    private static final int MOST_MERGED = FlushConsolidationHandler.DEFAULT_EXPLICIT_FLUSH_AFTER_FLUSHES;

    private FlushConsolidation() {
    }

    static ClientResources resources() {
        return ClientResources.builder().nettyCustomizer(new NettyCustomizer() {
            @Override
            public void afterChannelInitialized(Channel channel) {
                channel.pipeline().addFirst(new FlushConsolidationHandler(MOST_MERGED, true));
            }
        }).build();
    }
}
