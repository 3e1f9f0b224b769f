package io.travobooks.webhook.http;

import io.travobooks.messaging.webhook.DeliveryPolicy;
import io.travobooks.messaging.webhook.SsrfGuard;
import io.travobooks.messaging.webhook.WebhookTransport;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.Timeout;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Sends one webhook delivery attempt over HTTP and reports what became of it, for the {@link DeliveryPolicy}
 * and the attempt log: the status, a bounded excerpt of the response body, and how long it took. The
 * {@link SsrfGuard} is the client's only DNS: a target is vetted before the attempt, and the address the
 * connection uses is the one the guard vets at connect time, so a name that rebinds to a private address
 * between the two is refused too. Redirects are never followed (a 3xx is a failed attempt), and nothing is
 * retried here: retries are the policy's.
 */
public final class WebhookSender implements WebhookTransport, AutoCloseable {

    private final SsrfGuard guard;
    private final int maxExcerptBytes;
    private final Clock clock;
    private final CloseableHttpClient client;

    /**
     * @param connectTimeout  how long connecting may take
     * @param responseTimeout how long the endpoint may take to answer: a slower one is a failed attempt
     * @param maxExcerptBytes how much of a response body the attempt log keeps
     */
    public WebhookSender(SsrfGuard guard, Duration connectTimeout, Duration responseTimeout, int maxExcerptBytes,
                         Clock clock) {
        this.guard = Objects.requireNonNull(guard, "guard");
        this.maxExcerptBytes = maxExcerptBytes;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(new GuardedDns(guard))
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.of(connectTimeout))
                                .setSocketTimeout(Timeout.of(responseTimeout)).build())
                        .setMaxConnPerRoute(16).setMaxConnTotal(256)
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(Timeout.of(responseTimeout))
                        .setRedirectsEnabled(false).build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .build();
    }

    @Override
    public Transmission send(URI target, Map<String, String> headers, byte[] body) {
        if (guard.vet(target) instanceof SsrfGuard.Verdict.Refused refused) {
            return new Transmission.Refused(refused.reason(), refused.detail());
        }
        HttpPost post = new HttpPost(target);
        headers.forEach(post::setHeader);
        post.setEntity(new ByteArrayEntity(body, ContentType.APPLICATION_JSON));
        long started = System.nanoTime();
        try {
            return client.execute(post, response -> {
                Instant now = clock.instant();
                Header retryAfter = response.getFirstHeader("Retry-After");
                String excerpt = response.getEntity() == null ? "" : excerpt(response.getEntity().getContent());
                return new Transmission.Sent(new Result(new DeliveryPolicy.Attempt.Answered(response.getCode(),
                        DeliveryPolicy.retryAfter(retryAfter == null ? null : retryAfter.getValue(), now)),
                        Optional.of(response.getCode()), excerpt, since(started)));
            });
        } catch (GuardedDns.RefusedAtConnect e) {
            return new Transmission.Refused(e.refusal.reason(), e.refusal.detail());
        } catch (IOException e) {
            return new Transmission.Sent(new Result(new DeliveryPolicy.Attempt.NoAnswer(e.getClass().getSimpleName()
                    + ": " + e.getMessage()), Optional.empty(), "", since(started)));
        }
    }

    private String excerpt(InputStream content) throws IOException {
        try (content) {
            byte[] head = content.readNBytes(maxExcerptBytes);
            return new String(head, StandardCharsets.UTF_8);
        }
    }

    private static Duration since(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The client's DNS: the guard's verdict at connect time, its vetted address only. */
    private static final class GuardedDns implements DnsResolver {
        private final SsrfGuard guard;

        GuardedDns(SsrfGuard guard) {
            this.guard = guard;
        }

        /** A name the guard refused when the connection was about to be made. */
        static final class RefusedAtConnect extends UnknownHostException {
            final SsrfGuard.Verdict.Refused refusal;

            RefusedAtConnect(SsrfGuard.Verdict.Refused refusal) {
                super(refusal.detail());
                this.refusal = refusal;
            }
        }

        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            SsrfGuard.Verdict verdict = guard.vet(URI.create("http://" + (host.contains(":") ? "[" + host + "]"
                    : host) + "/"));
            return switch (verdict) {
                case SsrfGuard.Verdict.Allowed allowed -> new InetAddress[]{allowed.target().address()};
                case SsrfGuard.Verdict.Refused refused -> throw new RefusedAtConnect(refused);
            };
        }

        @Override
        public String resolveCanonicalHostname(String host) {
            return host;
        }
    }
}
