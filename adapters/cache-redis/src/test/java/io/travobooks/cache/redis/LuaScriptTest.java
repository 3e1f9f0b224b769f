package io.travobooks.cache.redis;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LuaScriptTest {
    @Test
    void commentLinesAreLeftOutAndCodeKeptInOrder() {
        String script = """
                -- KEYS[1] a record
                  -- an indented comment
                local value = redis.call('GET', KEYS[1]) -- a comment after code stays
                --[[ a long comment
                stays whole ]]
                return value
                """;

        assertThat(LuaScript.withoutCommentLines(script)).isEqualTo("""
                local value = redis.call('GET', KEYS[1]) -- a comment after code stays
                --[[ a long comment
                stays whole ]]
                return value
                """);
    }
}
