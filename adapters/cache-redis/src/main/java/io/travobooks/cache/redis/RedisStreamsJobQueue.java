package io.travobooks.cache.redis;

import io.lettuce.core.Consumer;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.travobooks.spi.queue.DeadLetter;
import io.travobooks.spi.queue.Delivery;
import io.travobooks.spi.queue.JobQueue;
import io.travobooks.spi.queue.QueueOptions;
import io.travobooks.spi.queue.QueueStats;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link JobQueue} on Redis Streams. A queue is a stream, a consumer group per group name, a sorted set of
 * delayed jobs and a dead-letter stream, all under one hash tag so that a queue lives on one Cluster slot and its
 * scripts may touch all of its keys.
 *
 * <p>{@link #receive} does three things before reading new entries: it moves due delayed jobs into the stream
 * ({@code queue_promote.lua}), takes over entries idle past the visibility timeout ({@code XAUTOCLAIM} in
 * {@code queue_reclaim.lua}, which also dead-letters entries delivered too often), and it recreates the group
 * when Redis answers {@code NOGROUP} (the server restarted without its data). Both maintenance steps run at
 * most a few times per second per queue, so the hot path is one {@code XREADGROUP}. A receive that waits blocks
 * on a connection of its own, one per queue, group and consumer name, kept until the queue is closed: give
 * consumers stable names (a worker thread's), not one per call.
 *
 * <p>About once a second per queue, a receive also trims the stream ({@code queue_trim.lua}): entries that every
 * group has acked go, up to the oldest entry some group still refers to (its oldest pending entry, or the last
 * entry it was handed, whose outbox id the {@link OutboxRelay} reads). A group created later therefore sees only
 * what was not yet acked everywhere, and nothing is trimmed while the queue has no group. An operator who trims
 * by hand must keep the same entries. Run the Redis that holds queues with {@code maxmemory-policy noeviction} (or
 * a {@code volatile-*} policy): an evicted stream is a lost queue.
 */
public final class RedisStreamsJobQueue implements JobQueue {
    private static final LuaScript PUBLISH = LuaScript.load("queue_publish");
    private static final LuaScript DELAY = LuaScript.load("queue_delay");
    private static final LuaScript PROMOTE = LuaScript.load("queue_promote");
    private static final LuaScript RECLAIM = LuaScript.load("queue_reclaim");
    private static final LuaScript TRIM = LuaScript.load("queue_trim");
    private static final long PROMOTE_EVERY_NANOS = Duration.ofMillis(50).toNanos();
    private static final long TRIM_EVERY_NANOS = Duration.ofSeconds(1).toNanos();
    private static final String PAYLOAD = "p";
    private static final int PUBLISH_CHUNK = 500;

    private final LettuceRedis redis;
    private final QueueOptions options;
    private final long reclaimEveryNanos;
    private final long maxBlockMillis;
    private final Set<String> knownGroups = ConcurrentHashMap.newKeySet();
    private final Map<String, Long> lastPromote = new ConcurrentHashMap<>();
    private final Map<String, Long> lastReclaim = new ConcurrentHashMap<>();
    private final Map<String, Long> lastTrim = new ConcurrentHashMap<>();
    private final Map<String, LettuceRedis.Dedicated> blockingConnections = new ConcurrentHashMap<>();

    public RedisStreamsJobQueue(LettuceRedis redis, QueueOptions options) {
        this.redis = redis;
        this.options = options;
        this.reclaimEveryNanos = Math.max(Duration.ofMillis(10).toNanos(), options.visibilityTimeout().toNanos() / 4);
        this.maxBlockMillis = Math.max(1, redis.config().commandTimeout().toMillis() / 2);
    }

    @Override
    public String publish(String queue, String payload) {
        return redis.sync().xadd(redis.keys().stream(queue), PAYLOAD, payload);
    }

    /**
     * One script call per {@value #PUBLISH_CHUNK} messages: one round trip and one command for the server instead
     * of one per message, and each call appends all of its messages or none.
     */
    @Override
    public List<String> publishAll(String queue, List<String> payloads) {
        String[] stream = {redis.keys().stream(queue)};
        List<String> ids = new ArrayList<>(payloads.size());
        for (int from = 0; from < payloads.size(); from += PUBLISH_CHUNK) {
            List<String> chunk = payloads.subList(from, Math.min(payloads.size(), from + PUBLISH_CHUNK));
            List<String> appended = PUBLISH.run(redis.sync(), ScriptOutputType.MULTI, stream,
                    chunk.toArray(String[]::new));
            ids.addAll(appended);
        }
        return ids;
    }

    @Override
    public void publishDelayed(String queue, String payload, Duration delay) {
        DELAY.run(redis.sync(), ScriptOutputType.INTEGER, new String[]{redis.keys().delayed(queue)},
                Long.toString(Math.max(0, delay.toNanos() / 1000)), UUID.randomUUID().toString(), payload);
    }

    @Override
    public List<Delivery> receive(String queue, String group, String consumer, int max, Duration wait) {
        try {
            return receiveOnce(queue, group, consumer, max, wait);
        } catch (RedisCommandExecutionException e) {
            if (!isNoGroup(e)) {
                throw e;
            }
            // The stream or the group vanished (a restart without persistence): create it again and go on.
            knownGroups.remove(groupKey(queue, group));
            return receiveOnce(queue, group, consumer, max, wait);
        }
    }

    private List<Delivery> receiveOnce(String queue, String group, String consumer, int max, Duration wait) {
        String stream = redis.keys().stream(queue);
        ensureGroup(stream, queue, group);
        promoteDue(queue);
        if (due(lastTrim, queue, TRIM_EVERY_NANOS)) {
            trimAcked(queue);
        }
        List<Delivery> deliveries = reclaimIdle(queue, group, consumer, max);
        int room = max - deliveries.size();
        if (room > 0) {
            boolean block = deliveries.isEmpty() && wait.toMillis() > 0;
            XReadArgs args = XReadArgs.Builder.count(room);
            RedisClusterCommands<String, String> commands = redis.sync();
            if (block) {
                // Below the command timeout: a read the client gave up on would leave its entries pending unseen.
                args.block(Math.min(wait.toMillis(), maxBlockMillis));
                commands = blockingConnections.computeIfAbsent(queue + "\n" + group + "\n" + consumer,
                        k -> redis.dedicated()).sync();
            }
            List<StreamMessage<String, String>> fresh = commands.xreadgroup(Consumer.from(group, consumer), args,
                    XReadArgs.StreamOffset.lastConsumed(stream));
            for (StreamMessage<String, String> message : fresh) {
                deliveries.add(new Delivery(queue, group, message.getId(), payloadOf(message.getBody()), 1));
            }
        }
        return deliveries;
    }

    private void ensureGroup(String stream, String queue, String group) {
        if (knownGroups.contains(groupKey(queue, group))) {
            return;
        }
        try {
            redis.sync().xgroupCreate(XReadArgs.StreamOffset.from(stream, "0-0"), group,
                    XGroupCreateArgs.Builder.mkstream());
        } catch (RedisCommandExecutionException e) {
            if (!String.valueOf(e.getMessage()).startsWith("BUSYGROUP")) {
                throw e;
            }
        }
        knownGroups.add(groupKey(queue, group));
    }

    /** Deletes the entries every group is done with; returns how many went. */
    long trimAcked(String queue) {
        return TRIM.run(redis.sync(), ScriptOutputType.INTEGER, new String[]{redis.keys().stream(queue)});
    }

    private void promoteDue(String queue) {
        if (due(lastPromote, queue, PROMOTE_EVERY_NANOS)) {
            PROMOTE.run(redis.sync(), ScriptOutputType.INTEGER,
                    new String[]{redis.keys().delayed(queue), redis.keys().stream(queue)}, "100");
        }
    }

    private List<Delivery> reclaimIdle(String queue, String group, String consumer, int max) {
        List<Delivery> deliveries = new ArrayList<>();
        if (!due(lastReclaim, groupKey(queue, group), reclaimEveryNanos)) {
            return deliveries;
        }
        List<List<Object>> claimed = RECLAIM.run(redis.sync(), ScriptOutputType.MULTI,
                new String[]{redis.keys().stream(queue), redis.keys().deadLetters(queue)},
                group, consumer, Long.toString(options.visibilityTimeout().toMillis()), Integer.toString(max),
                Integer.toString(options.maxDeliveries()));
        for (List<Object> entry : claimed) {
            deliveries.add(new Delivery(queue, group, (String) entry.get(0), (String) entry.get(1), (Long) entry.get(2)));
        }
        return deliveries;
    }

    /** True, and the clock reset, when at least {@code everyNanos} passed since the last time for this key. */
    private static boolean due(Map<String, Long> last, String key, long everyNanos) {
        long now = System.nanoTime();
        Long previous = last.get(key);
        if (previous != null && now - previous < everyNanos) {
            return false;
        }
        return previous == null ? last.putIfAbsent(key, now) == null : last.replace(key, previous, now);
    }

    @Override
    public boolean ack(Delivery delivery) {
        return redis.sync().xack(redis.keys().stream(delivery.queue()), delivery.group(), delivery.id()) == 1;
    }

    /** One XACK per queue and group, with all of their ids. */
    @Override
    public int ackAll(List<Delivery> deliveries) {
        Map<List<String>, List<String>> idsByGroup = new LinkedHashMap<>();
        for (Delivery delivery : deliveries) {
            idsByGroup.computeIfAbsent(List.of(delivery.queue(), delivery.group()), k -> new ArrayList<>())
                    .add(delivery.id());
        }
        long acked = 0;
        for (Map.Entry<List<String>, List<String>> group : idsByGroup.entrySet()) {
            acked += redis.sync().xack(redis.keys().stream(group.getKey().get(0)), group.getKey().get(1),
                    group.getValue().toArray(String[]::new));
        }
        return Math.toIntExact(acked);
    }

    @Override
    public QueueStats stats(String queue, String group) {
        String stream = redis.keys().stream(queue);
        long waiting = redis.sync().xlen(stream);
        long pending = 0;
        if (waiting > 0) {
            for (Object info : redis.sync().xinfoGroups(stream)) {
                Map<String, Object> fields = pairs((List<?>) info);
                if (group.equals(fields.get("name"))) {
                    pending = (Long) fields.get("pending");
                    // lag is null only when entries were deleted from the middle of the stream; this queue never does.
                    Object lag = fields.get("lag");
                    waiting = lag == null ? waiting : (Long) lag;
                }
            }
        }
        return new QueueStats(waiting, pending, redis.sync().zcard(redis.keys().delayed(queue)),
                redis.sync().xlen(redis.keys().deadLetters(queue)));
    }

    @Override
    public List<DeadLetter> deadLetters(String queue, int max) {
        List<DeadLetter> letters = new ArrayList<>();
        for (StreamMessage<String, String> message : redis.sync().xrange(redis.keys().deadLetters(queue),
                Range.create("-", "+"), Limit.from(max))) {
            Map<String, String> body = message.getBody();
            letters.add(new DeadLetter(queue, body.get("group"), body.get("id"), body.get(PAYLOAD),
                    Long.parseLong(body.get("n"))));
        }
        return letters;
    }

    private static Map<String, Object> pairs(List<?> flat) {
        Map<String, Object> map = new HashMap<>();
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            map.put(String.valueOf(flat.get(i)), flat.get(i + 1));
        }
        return map;
    }

    private static String payloadOf(Map<String, String> body) {
        String payload = body.get(PAYLOAD);
        return payload == null ? "" : payload;
    }

    private static String groupKey(String queue, String group) {
        return queue + "\n" + group;
    }

    private static boolean isNoGroup(RedisCommandExecutionException e) {
        return String.valueOf(e.getMessage()).contains("NOGROUP");
    }

    @Override
    public void close() {
        blockingConnections.values().forEach(LettuceRedis.Dedicated::close);
        blockingConnections.clear();
    }
}
