package io.travobooks.cache.redis;

import io.lettuce.core.ScriptOutputType;
import io.travobooks.spi.lock.Lease;
import io.travobooks.spi.lock.LockManager;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/** Lease locks on Redis: {@code SET NX PX} plus a fencing counter in one script, owner-checked release and extend. */
public final class LettuceLockManager implements LockManager {
    private static final LuaScript ACQUIRE = LuaScript.load("lock_acquire");
    private static final LuaScript RELEASE = LuaScript.load("lock_release");
    private static final LuaScript EXTEND = LuaScript.load("lock_extend");
    private final LettuceRedis redis;

    public LettuceLockManager(LettuceRedis redis) {
        this.redis = redis;
    }

    @Override
    public Optional<Lease> tryAcquire(String key, Duration leaseTime) {
        String owner = UUID.randomUUID().toString();
        Long token = ACQUIRE.run(redis.sync(), ScriptOutputType.INTEGER,
                new String[]{redis.keys().lock(key), redis.keys().fence(key)}, owner, millis(leaseTime));
        return token == 0 ? Optional.empty() : Optional.of(new Lease(key, owner, token));
    }

    @Override
    public boolean release(Lease lease) {
        Long released = RELEASE.run(redis.sync(), ScriptOutputType.INTEGER,
                new String[]{redis.keys().lock(lease.key())}, lease.owner());
        return released == 1;
    }

    @Override
    public boolean extend(Lease lease, Duration leaseTime) {
        Long extended = EXTEND.run(redis.sync(), ScriptOutputType.INTEGER,
                new String[]{redis.keys().lock(lease.key())}, lease.owner(), millis(leaseTime));
        return extended == 1;
    }

    private static String millis(Duration duration) {
        return Long.toString(Math.max(1, duration.toMillis()));
    }
}
