package io.travobooks.cache.redis;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;

/**
 * A Lua script from this package's resources, run by its SHA-1 and sent in full only when the server does not
 * know it yet (after a restart, or on a Cluster node that has not seen it). The comment that heads each file stays
 * there: Redis gets the code without it, since {@link #runAsync} sends the script in full on every call, and Redis
 * hashes what it gets each time.
 */
final class LuaScript {
    private final String name;
    private final String source;
    private final String sha;

    private LuaScript(String name, String source) {
        this.name = name;
        this.source = source;
        this.sha = sha1(source);
    }

    static LuaScript load(String name) {
        try (InputStream in = LuaScript.class.getResourceAsStream(name + ".lua")) {
            if (in == null) {
                throw new IllegalStateException("missing Lua script " + name + ".lua");
            }
            return new LuaScript(name, withoutHeading(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Drops the comment lines the script begins with, up to its first other line; a long comment or string
     * ({@code --[[ ... ]]}) ends the heading, so nothing inside one is ever dropped. Error line numbers Redis gives
     * count from the first line of code.
     */
    static String withoutHeading(String text) {
        return text.lines()
                .dropWhile(line -> line.stripLeading().startsWith("--") && !line.stripLeading().startsWith("--["))
                .collect(Collectors.joining("\n", "", "\n"));
    }

    <T> T run(RedisClusterCommands<String, String> redis, ScriptOutputType type, String[] keys, String... args) {
        try {
            return redis.evalsha(sha, type, keys, args);
        } catch (RedisNoScriptException e) {
            return redis.eval(source, type, keys, args);
        }
    }

    /**
     * {@link #run} without waiting: the command is sent, in order with this connection's others, when this returns.
     * The script goes in full (Redis hashes it and reuses what it compiled): sent by its SHA-1, a server that has
     * forgotten it would refuse it, and the full text sent after the refusal could be overtaken by a later command.
     */
    <T> CompletionStage<T> runAsync(RedisClusterAsyncCommands<String, String> redis, ScriptOutputType type,
                                    String[] keys, String... args) {
        return redis.eval(source, type, keys, args);
    }

    @Override
    public String toString() {
        return name;
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
