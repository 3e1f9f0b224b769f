package io.travobooks.messaging.notify;

import io.travobooks.spi.TenantId;
import io.travobooks.spi.channel.MessageProvider;
import io.travobooks.spi.channel.OutboundMessage;
import io.travobooks.spi.channel.SendResult;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProviderChainTest {
    private static final OutboundMessage MESSAGE = new OutboundMessage("m1", TenantId.of("t1"), "+8801711000000",
            "", "Your ticket is issued", List.of());

    /** A provider answering from a script, recording what it was asked. */
    private static final class Scripted implements MessageProvider {
        final String name;
        final SendResult answer;
        final List<String> sent = new ArrayList<>();

        Scripted(String name, SendResult answer) {
            this.name = name;
            this.answer = answer;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public SendResult send(OutboundMessage message) {
            sent.add(message.messageId());
            return answer;
        }
    }

    @Test
    void aFailedProviderHandsTheMessageToTheNext() {
        Scripted down = new Scripted("gateway-a", new SendResult.Failed("503"));
        Scripted up = new Scripted("gateway-b", new SendResult.Accepted("b-42"));
        Scripted spare = new Scripted("gateway-c", new SendResult.Accepted("c-1"));

        ProviderChain.Attempts outcome = new ProviderChain(List.of(down, up, spare)).send(MESSAGE);

        assertThat(outcome.accepted()).isTrue();
        assertThat(outcome.provider()).isEqualTo("gateway-b");
        assertThat(outcome.attempts()).extracting(ProviderChain.Attempt::provider)
                .containsExactly("gateway-a", "gateway-b");
        assertThat(spare.sent).isEmpty();
        assertThat(up.sent).containsExactly("m1");
    }

    @Test
    void aRejectedMessageIsNotTriedElsewhereAndAThrowingProviderCountsAsFailed() {
        MessageProvider throwing = new MessageProvider() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public SendResult send(OutboundMessage message) {
                throw new IllegalStateException("connection reset");
            }
        };
        Scripted refusing = new Scripted("gateway-b", new SendResult.Rejected("invalid number"));
        Scripted spare = new Scripted("gateway-c", new SendResult.Accepted("c-1"));

        ProviderChain.Attempts outcome = new ProviderChain(List.of(throwing, refusing, spare)).send(MESSAGE);

        assertThat(outcome.accepted()).isFalse();
        assertThat(outcome.result()).isEqualTo(new SendResult.Rejected("invalid number"));
        assertThat(outcome.attempts().getFirst().result()).isInstanceOf(SendResult.Failed.class);
        assertThat(spare.sent).isEmpty();
    }

    @Test
    void whenEveryProviderFailsTheLastFailureIsTheOutcome() {
        ProviderChain.Attempts outcome = new ProviderChain(List.of(new Scripted("a", new SendResult.Failed("timeout")),
                new Scripted("b", new SendResult.Failed("429")))).send(MESSAGE);

        assertThat(outcome.result()).isEqualTo(new SendResult.Failed("429"));
        assertThat(outcome.attempts()).hasSize(2);
        assertThatThrownBy(() -> new ProviderChain(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
