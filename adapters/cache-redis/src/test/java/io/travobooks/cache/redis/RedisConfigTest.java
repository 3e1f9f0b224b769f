package io.travobooks.cache.redis;

import io.lettuce.core.RedisCredentials;
import io.lettuce.core.RedisURI;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class RedisConfigTest {

    private static RedisCredentials credentials(RedisURI uri) {
        return uri.getCredentialsProvider().resolveCredentials().block();
    }

    @Test
    void aPlainUriIsOneServerWithItsCredentialsAndTls() {
        RedisConfig config = RedisConfig.parse("rediss://app:secret@cache.example:6380/2");

        assertThat(config.mode()).isEqualTo(RedisConfig.Mode.STANDALONE);
        RedisURI node = config.nodes().getFirst();
        assertThat(node.isSsl()).isTrue();
        assertThat(credentials(node).getUsername()).isEqualTo("app");
        assertThat(new String(credentials(node).getPassword())).isEqualTo("secret");
        assertThat(node.getHost()).isEqualTo("cache.example");
        assertThat(node.getPort()).isEqualTo(6380);
        assertThat(node.getDatabase()).isEqualTo(2);
        assertThat(config.namespace()).isEqualTo(RedisConfig.DEFAULT_NAMESPACE);
    }

    @Test
    void aSentinelUriNamesTheSentinelsAndTheMaster() {
        RedisConfig config = RedisConfig.parse(
                "redis-sentinel://app:secret@s1.example:26379,s2.example:26380?sentinelMasterId=travo");

        assertThat(config.mode()).isEqualTo(RedisConfig.Mode.SENTINEL);
        RedisURI uri = config.nodes().getFirst();
        assertThat(uri.getSentinelMasterId()).isEqualTo("travo");
        assertThat(uri.getSentinels()).extracting(RedisURI::getHost, RedisURI::getPort)
                .containsExactly(tuple("s1.example", 26379),
                        tuple("s2.example", 26380));
        assertThat(credentials(uri).getUsername()).isEqualTo("app");
    }

    @Test
    void aClusterUriGivesEverySeedTheCredentialsAndTls() {
        RedisConfig config = RedisConfig.parse("rediss-cluster://app:secret@n1.example:7000,n2.example:7001");

        assertThat(config.mode()).isEqualTo(RedisConfig.Mode.CLUSTER);
        assertThat(config.nodes()).extracting(RedisURI::getHost, RedisURI::getPort, RedisURI::isSsl,
                        node -> credentials(node).getUsername())
                .containsExactly(tuple("n1.example", 7000, true, "app"),
                        tuple("n2.example", 7001, true, "app"));
        assertThat(RedisConfig.parse("redis-cluster://n1.example:7000").nodes().getFirst().isSsl()).isFalse();
    }

    @Test
    void aNamespaceWithBracesIsRefusedBecauseClusterReservesThem() {
        assertThatThrownBy(() -> RedisConfig.parse("redis://localhost:6379", "travo{1}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("braces");
        assertThatThrownBy(() -> RedisConfig.parse("redis-cluster://", "travo"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one node");
    }
}
