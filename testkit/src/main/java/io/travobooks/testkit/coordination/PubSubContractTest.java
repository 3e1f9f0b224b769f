package io.travobooks.testkit.coordination;

import io.travobooks.spi.pubsub.PubSub;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** The contract every {@link PubSub} implementation passes. */
public abstract class PubSubContractTest extends ContractSupport {

    /** {@code count} fresh nodes on one shared backend, on channels no other test uses. */
    protected abstract List<PubSub> pubSubNodes(int count);

    @Test
    void aMessageReachesEverySubscribedNodeInOrder() {
        List<PubSub> nodes = pubSubNodes(3).stream().map(this::track).toList();
        List<String> atNode1 = new CopyOnWriteArrayList<>();
        List<String> atNode2 = new CopyOnWriteArrayList<>();
        List<String> otherChannel = new CopyOnWriteArrayList<>();
        track(nodes.get(1).subscribe("fx-rates", atNode1::add));
        track(nodes.get(2).subscribe("fx-rates", atNode2::add));
        track(nodes.get(2).subscribe("airports", otherChannel::add));

        for (int i = 0; i < 20; i++) {
            nodes.get(0).publish("fx-rates", "USD/BDT " + i);
        }

        await("both nodes receive all 20", Duration.ofSeconds(5), () -> atNode1.size() == 20 && atNode2.size() == 20);
        assertThat(atNode1).startsWith("USD/BDT 0", "USD/BDT 1").endsWith("USD/BDT 19");
        assertThat(atNode2).isEqualTo(atNode1);
        assertThat(otherChannel).isEmpty();
    }

    @Test
    void aClosedSubscriptionReceivesNothingMore() {
        List<PubSub> nodes = pubSubNodes(2).stream().map(this::track).toList();
        List<String> received = new CopyOnWriteArrayList<>();
        List<String> stillSubscribed = new CopyOnWriteArrayList<>();
        PubSub.Subscription subscription = nodes.get(1).subscribe("alerts", received::add);
        track(nodes.get(1).subscribe("alerts", stillSubscribed::add));
        nodes.get(0).publish("alerts", "first");
        await("the first message", Duration.ofSeconds(5), () -> received.size() == 1 && stillSubscribed.size() == 1);

        subscription.close();
        nodes.get(0).publish("alerts", "second");

        await("the open subscription gets the second", Duration.ofSeconds(5), () -> stillSubscribed.size() == 2);
        sleep(Duration.ofMillis(100));
        assertThat(received).containsExactly("first");
    }
}
