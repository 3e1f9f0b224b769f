package io.travobooks.channel.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.travobooks.spi.channel.ApprovedTemplate;
import io.travobooks.spi.channel.MessageProvider;
import io.travobooks.spi.channel.OutboundMessage;
import io.travobooks.spi.channel.SendResult;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * An SMS or WhatsApp provider reached over HTTP, configured by URL and credentials: each message is one JSON POST
 * ({@code messageId}, {@code to}, {@code text}, and {@code template} with its name, language and parameters when it
 * is sent as an approved template), with our message id as the {@code Idempotency-Key}. A 2xx answer accepts the
 * message under the provider's {@code id} from the JSON answer (under our message id when it gives none); 408, 429
 * and 5xx answers, and a provider that cannot be reached, are failures for the next provider; other 4xx answers
 * reject the message (a bad number, a template the provider does not know), since another provider would refuse
 * it too. A request sent whose answer does not come back is {@link SendResult.Unknown}: the provider may have
 * taken it, so it is not handed to the next.
 */
public final class HttpMessageProvider implements MessageProvider {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int EXCERPT = 200;

    /** Where the provider is and how to authenticate: a bearer token when it wants one. */
    public record Config(String name, URI endpoint, Optional<String> bearerToken, Duration timeout) {
        public Config {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(endpoint, "endpoint");
            Objects.requireNonNull(bearerToken, "bearerToken");
            Objects.requireNonNull(timeout, "timeout");
            String scheme = endpoint.getScheme();
            if (!"https".equals(scheme) && !"http".equals(scheme)) {
                throw new IllegalArgumentException("a provider endpoint is an http(s) URL, got " + endpoint);
            }
        }
    }

    private final Config config;
    private final HttpClient client;

    public HttpMessageProvider(Config config) {
        this.config = Objects.requireNonNull(config, "config");
        // Connecting gets half the time: a provider that cannot be reached (packets dropped) is a failure to hand
        // to the next provider, and must not run into the request's own timeout, which is an unknown outcome.
        this.client = HttpClient.newBuilder().connectTimeout(config.timeout().dividedBy(2))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public String name() {
        return config.name();
    }

    @Override
    public SendResult send(OutboundMessage message) {
        HttpRequest.Builder request = HttpRequest.newBuilder(config.endpoint())
                .timeout(config.timeout())
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", message.messageId())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body(message)));
        config.bearerToken().ifPresent(token -> request.header("Authorization", "Bearer " + token));
        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (ConnectException | HttpConnectTimeoutException | SSLException e) {
            return new SendResult.Failed(e.getClass().getSimpleName() + ": " + e.getMessage()); // never reached it
        } catch (IOException e) {
            return new SendResult.Unknown(e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SendResult.Unknown("interrupted while waiting for the answer");
        }
        int status = response.statusCode();
        String excerpt = excerpt(response.body());
        if (status >= 200 && status < 300) {
            // Taken either way: a provider that names no id is matched by ours, never sent to another.
            return new SendResult.Accepted(providerId(response.body()).orElse(message.messageId()));
        }
        if (status == 408 || status == 429 || status >= 500) {
            return new SendResult.Failed("HTTP " + status + ": " + excerpt);
        }
        return new SendResult.Rejected("HTTP " + status + ": " + excerpt);
    }

    private static byte[] body(OutboundMessage message) {
        ObjectNode body = JSON.createObjectNode();
        body.put("messageId", message.messageId());
        body.put("to", message.recipient());
        body.put("text", message.body());
        if (message.template().isPresent()) {
            ApprovedTemplate template = message.template().get();
            ObjectNode node = body.putObject("template");
            node.put("name", template.name());
            node.put("language", template.language());
            template.parameters().forEach(node.putArray("parameters")::add);
        }
        try {
            return JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a message as JSON", e);
        }
    }

    private static Optional<String> providerId(String body) {
        try {
            JsonNode id = JSON.readTree(body).path("id");
            return id.isTextual() && !id.asText().isBlank() ? Optional.of(id.asText()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String excerpt(String body) {
        return body.length() <= EXCERPT ? body : body.substring(0, EXCERPT) + "...";
    }
}
