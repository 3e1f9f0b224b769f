package io.travobooks.channel.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.travobooks.messaging.notify.ProviderChain;
import io.travobooks.spi.TenantId;
import io.travobooks.spi.channel.ApprovedTemplate;
import io.travobooks.spi.channel.OutboundMessage;
import io.travobooks.spi.channel.SendResult;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class HttpMessageProviderTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final OutboundMessage SMS = new OutboundMessage("ev1/sms/cust-1", TenantId.of("t1"),
            "+8801711000000", "", "আপনার টিকিট ইস্যু হয়েছে: 1762000000001", List.of());

    private static HttpMessageProvider provider(String name, RecordingProvider receiver) {
        return new HttpMessageProvider(new HttpMessageProvider.Config(name, receiver.uri(), Optional.of("tok-123"),
                Duration.ofSeconds(2)));
    }

    @Test
    void aMessageIsPostedWithItsIdAsIdempotencyKeyAndAcceptedUnderTheProvidersId() throws Exception {
        try (RecordingProvider gateway = new RecordingProvider(200)) {
            SendResult result = provider("sms-a", gateway).send(SMS);

            assertThat(result).isEqualTo(new SendResult.Accepted("p-1"));
            RecordingProvider.Request request = gateway.requests().getFirst();
            assertThat(request.headers()).containsEntry("authorization", "Bearer tok-123")
                    .containsEntry("idempotency-key", "ev1/sms/cust-1");
            JsonNode body = JSON.readTree(request.body());
            assertThat(body.path("to").asText()).isEqualTo("+8801711000000");
            assertThat(body.path("text").asText()).isEqualTo("আপনার টিকিট ইস্যু হয়েছে: 1762000000001");
            assertThat(body.has("template")).isFalse();
        }
    }

    @Test
    void anApprovedTemplateTravelsByNameWithItsParameters() throws Exception {
        try (RecordingProvider gateway = new RecordingProvider(201)) {
            OutboundMessage templated = new OutboundMessage("ev1/whatsapp/cust-1", TenantId.of("t1"),
                    "+8801711000000", "", "Your ticket 1762000000001 is issued", List.of(),
                    Optional.of(new ApprovedTemplate("ticket_issued", "bn", List.of("QWERTY", "1762000000001"))));

            assertThat(provider("wa", gateway).send(templated)).isInstanceOf(SendResult.Accepted.class);
            JsonNode template = JSON.readTree(gateway.requests().getFirst().body()).path("template");
            assertThat(template.path("name").asText()).isEqualTo("ticket_issued");
            assertThat(template.path("language").asText()).isEqualTo("bn");
            assertThat(template.path("parameters")).extracting(JsonNode::asText)
                    .containsExactly("QWERTY", "1762000000001");
        }
    }

    @Test
    void answersAreClassifiedAndAFailedGatewayFallsBackToTheNext() throws Exception {
        try (RecordingProvider first = new RecordingProvider(503); RecordingProvider second =
                new RecordingProvider(200)) {
            assertThat(provider("sms-a", first).send(SMS)).isInstanceOf(SendResult.Failed.class);
            first.answer(429);
            assertThat(provider("sms-a", first).send(SMS)).isInstanceOf(SendResult.Failed.class);
            first.answer(400);
            assertThat(provider("sms-a", first).send(SMS)).isInstanceOf(SendResult.Rejected.class);

            first.answer(502);
            ProviderChain.Attempts outcome = new ProviderChain(List.of(provider("sms-a", first),
                    provider("sms-b", second))).send(SMS);
            assertThat(outcome.accepted()).isTrue();
            assertThat(outcome.provider()).isEqualTo("sms-b");
            assertThat(second.requests()).hasSize(1);
        }
    }

    @Test
    void anAnswerThatDoesNotComeBackIsUnknownAndNotHandedToTheNextProvider() throws Exception {
        try (RecordingProvider slow = new RecordingProvider(200); RecordingProvider second =
                new RecordingProvider(200)) {
            slow.delay(5_000);
            HttpMessageProvider impatient = new HttpMessageProvider(new HttpMessageProvider.Config("sms-a",
                    slow.uri(), Optional.empty(), Duration.ofSeconds(1)));

            ProviderChain.Attempts outcome = new ProviderChain(List.of(impatient, provider("sms-b", second)))
                    .send(SMS);

            assertThat(outcome.result()).isInstanceOf(SendResult.Unknown.class);
            assertThat(outcome.provider()).isEqualTo("sms-a");
            assertThat(slow.requests()).as("the request went out").hasSize(1);
            assertThat(second.requests()).as("not sent twice").isEmpty();
        }
    }

    @Test
    void anUnreachableProviderFailsOverToTheNext() throws Exception {
        RecordingProvider gone = new RecordingProvider(200);
        gone.close();
        try (RecordingProvider second = new RecordingProvider(200)) {
            ProviderChain.Attempts outcome = new ProviderChain(List.of(provider("sms-a", gone),
                    provider("sms-b", second))).send(SMS);

            assertThat(outcome.attempts().getFirst().result()).isInstanceOf(SendResult.Failed.class);
            assertThat(outcome.accepted()).isTrue();
            assertThat(outcome.provider()).isEqualTo("sms-b");
        }
    }

    @Test
    void aSuccessWithoutTheProvidersIdIsAcceptedUnderOurs() throws Exception {
        try (RecordingProvider gateway = new RecordingProvider(202)) {
            gateway.withoutId();

            assertThat(provider("sms-a", gateway).send(SMS)).isEqualTo(new SendResult.Accepted("ev1/sms/cust-1"));
        }
    }
}
