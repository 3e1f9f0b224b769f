package io.travobooks.channel.inapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.travobooks.cache.redis.LettucePubSub;
import io.travobooks.cache.redis.LettuceRedis;
import io.travobooks.cache.redis.RedisConfig;
import io.travobooks.embedded.EmbeddedPubSub;
import io.travobooks.spi.TenantId;
import io.travobooks.spi.channel.OutboundMessage;
import io.travobooks.spi.channel.SendResult;
import io.travobooks.spi.pubsub.PubSub;
import io.travobooks.testkit.TestServices;
import io.travobooks.testkit.coordination.ContractSupport;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A push reaches the recipient's connected clients, on every node that subscribed, and nobody else's: inside one
 * JVM, and between two connections to the real Redis (two nodes).
 */
class InAppProviderTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TenantId TENANT = TenantId.of("t-" + UUID.randomUUID().toString().substring(0, 8));

    private static OutboundMessage push(String recipient) {
        return new OutboundMessage("ev1/in_app/" + recipient, TENANT, recipient, "টিকিট ইস্যু হয়েছে",
                "Booking QWERTY: ticket 1762000000001", List.of());
    }

    private static void pushReachesOnlyItsRecipient(PubSub sending, PubSub nodeA, PubSub nodeB) throws Exception {
        List<String> rahimOnA = new CopyOnWriteArrayList<>();
        List<String> rahimOnB = new CopyOnWriteArrayList<>();
        List<String> karim = new CopyOnWriteArrayList<>();
        try (PubSub.Subscription a = nodeA.subscribe(InAppProvider.channelOf(TENANT, "cust-rahim"), rahimOnA::add);
             PubSub.Subscription b = nodeB.subscribe(InAppProvider.channelOf(TENANT, "cust-rahim"), rahimOnB::add);
             PubSub.Subscription c = nodeB.subscribe(InAppProvider.channelOf(TENANT, "cust-karim"), karim::add)) {
            ContractSupport.sleep(Duration.ofMillis(200)); // subscriptions reach the server
            SendResult result = new InAppProvider("in-app", sending).send(push("cust-rahim"));

            assertThat(result).isEqualTo(new SendResult.Accepted("ev1/in_app/cust-rahim"));
            ContractSupport.await("both of Rahim's nodes got the push", Duration.ofSeconds(5),
                    () -> rahimOnA.size() == 1 && rahimOnB.size() == 1);
            JsonNode received = JSON.readTree(rahimOnB.getFirst());
            assertThat(received.path("id").asText()).isEqualTo("ev1/in_app/cust-rahim");
            assertThat(received.path("subject").asText()).isEqualTo("টিকিট ইস্যু হয়েছে");
            assertThat(received.path("text").asText()).contains("1762000000001");
            ContractSupport.sleep(Duration.ofMillis(200));
            assertThat(karim).isEmpty();
        }
    }

    @Test
    void inOneJvm() throws Exception {
        try (EmbeddedPubSub pubSub = new EmbeddedPubSub()) {
            pushReachesOnlyItsRecipient(pubSub, pubSub, pubSub);
        }
    }

    @Test
    void acrossNodesThroughRedis() throws Exception {
        String uri = TestServices.requireRedis();
        try (LettuceRedis first = LettuceRedis.connect(RedisConfig.parse(uri));
             LettuceRedis second = LettuceRedis.connect(RedisConfig.parse(uri));
             LettucePubSub nodeA = new LettucePubSub(first);
             LettucePubSub nodeB = new LettucePubSub(second)) {
            pushReachesOnlyItsRecipient(nodeA, nodeA, nodeB);
        }
    }
}
