package io.travobooks.client.internal;

import io.travobooks.client.RetryPolicy;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * An HTTP client that sends a request again when its {@link RetryPolicy} says so. The generated client sends
 * through it, so every operation gets the same rule without knowing of it. Only {@link #send} retries: the
 * generated client makes no asynchronous calls.
 */
public final class RetryingHttpClient extends HttpClient {
    private static final int DRAINED_AT_MOST = 64 * 1024;

    private final HttpClient http;
    private final RetryPolicy policy;

    public RetryingHttpClient(HttpClient http, RetryPolicy policy) {
        this.http = http;
        this.policy = policy;
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        boolean retriable = policy.allows(request);
        for (int attempt = 0; ; attempt++) {
            HttpResponse<T> response;
            try {
                response = http.send(request, handler);
            } catch (IOException noAnswer) {
                Optional<Duration> wait = retriable ? policy.delayAfterNoAnswer(attempt) : Optional.empty();
                if (wait.isEmpty()) {
                    throw noAnswer;
                }
                Thread.sleep(wait.get());
                continue;
            }
            Optional<Duration> wait = retriable ? policy.delayAfter(attempt, response.statusCode(),
                    response.headers().firstValue("Retry-After"), Instant.now()) : Optional.empty();
            if (wait.isEmpty()) {
                return response.statusCode() == 202 && HeldAnswers.keeping() ? kept(response) : response;
            }
            discard(response.body());
            Thread.sleep(wait.get());
        }
    }

    /** A held answer, read once for {@link HeldAnswers} and handed on as the same bytes. */
    @SuppressWarnings("unchecked")
    private static <T> HttpResponse<T> kept(HttpResponse<T> response) throws IOException {
        if (!(response.body() instanceof InputStream in)) {
            return response;
        }
        byte[] body;
        try (in) {
            body = in.readAllBytes();
        }
        HeldAnswers.held(body);
        return new BufferedResponse<>(response, (T) new ByteArrayInputStream(body));
    }

    /**
     * Lets go of an answer that will not be used: a short one (a problem) is read to its end, so that its
     * connection serves the next attempt; a longer one is closed with its connection.
     */
    private static void discard(Object body) {
        if (body instanceof InputStream in) {
            try (in) {
                in.readNBytes(DRAINED_AT_MOST);
            } catch (IOException ignored) {
                // the connection is closed with the stream; the next attempt opens another
            }
        }
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request,
                                                            HttpResponse.BodyHandler<T> handler) {
        return http.sendAsync(request, handler);
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
                                                            HttpResponse.PushPromiseHandler<T> pushPromises) {
        return http.sendAsync(request, handler, pushPromises);
    }

    @Override
    public Optional<CookieHandler> cookieHandler() {
        return http.cookieHandler();
    }

    @Override
    public Optional<Duration> connectTimeout() {
        return http.connectTimeout();
    }

    @Override
    public Redirect followRedirects() {
        return http.followRedirects();
    }

    @Override
    public Optional<ProxySelector> proxy() {
        return http.proxy();
    }

    @Override
    public SSLContext sslContext() {
        return http.sslContext();
    }

    @Override
    public SSLParameters sslParameters() {
        return http.sslParameters();
    }

    @Override
    public Optional<Authenticator> authenticator() {
        return http.authenticator();
    }

    @Override
    public Version version() {
        return http.version();
    }

    @Override
    public Optional<Executor> executor() {
        return http.executor();
    }

    @Override
    public void shutdown() {
        http.shutdown();
    }

    @Override
    public void shutdownNow() {
        http.shutdownNow();
    }

    @Override
    public boolean awaitTermination(Duration duration) throws InterruptedException {
        return http.awaitTermination(duration);
    }

    @Override
    public boolean isTerminated() {
        return http.isTerminated();
    }

    @Override
    public void close() {
        http.close();
    }

    /** Builds, once, a client as {@code builder} does, wrapped to retry under {@code policy}. */
    public static Builder builder(Builder builder, RetryPolicy policy) {
        return new RetryingBuilder(builder, policy);
    }
}
