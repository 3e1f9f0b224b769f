package io.travobooks.cache.redis;

import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.NettyCustomizer;
import io.netty.channel.Channel;
import io.netty.handler.flush.FlushConsolidationHandler;

/**
 * Client resources whose connections write many commands with one system call. Lettuce flushes the socket after
 * every command; with many threads sharing one connection that is a write per command on the client and a read
 * per command on the server. Netty's flush consolidation defers a flush requested from outside the event loop to
 * the end of the loop's pass, so that the commands queued meanwhile leave together; a command still leaves within
 * the pass that writes it.
 */
final class FlushConsolidation {
    /** At most this many flushes are merged while a read is in progress (Netty's default). */
    private static final int FLUSHES_WHILE_READING = FlushConsolidationHandler.DEFAULT_EXPLICIT_FLUSH_AFTER_FLUSHES;

    private FlushConsolidation() {
    }

    static ClientResources resources() {
        return ClientResources.builder().nettyCustomizer(new NettyCustomizer() {
            @Override
            public void afterChannelInitialized(Channel channel) {
                channel.pipeline().addFirst(new FlushConsolidationHandler(FLUSHES_WHILE_READING, true));
            }
        }).build();
    }
}
