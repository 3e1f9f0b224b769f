package io.travobooks.cache.redis;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LuaScriptTest {
    @Test
    void theHeadingCommentIsLeftOutAndEverythingAfterItKept() {
        String script = """
                -- KEYS[1] a record
                  -- an indented line of the heading
                local value = redis.call('GET', KEYS[1]) -- a comment after code stays
                -- a comment between lines of code stays
                return value
                """;

        assertThat(LuaScript.withoutHeading(script)).isEqualTo("""
                local value = redis.call('GET', KEYS[1]) -- a comment after code stays
                -- a comment between lines of code stays
                return value
                """);
    }

    @Test
    void aLongCommentEndsTheHeadingAndStaysWhole() {
        String script = "-- heading\r\n--[[ a long comment\r\n--]]\r\nreturn 1\r\n";

        assertThat(LuaScript.withoutHeading(script)).isEqualTo("--[[ a long comment\n--]]\nreturn 1\n");
    }
}
