package io.travobooks.client.internal;

import io.travobooks.client.RetryPolicy;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.InetAddress;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * The builder the generated client is given: settings go to a plain builder, and what it builds retries. It builds
 * once, so every API object of a client shares one HTTP client, with its connections and its selector thread;
 * settings made after that first build change nothing.
 */
final class RetryingBuilder implements HttpClient.Builder {
    private final HttpClient.Builder builder;
    private final RetryPolicy policy;
    private HttpClient built;

    RetryingBuilder(HttpClient.Builder builder, RetryPolicy policy) {
        this.builder = builder;
        this.policy = policy;
    }

    @Override
    public synchronized HttpClient build() {
        if (built == null) {
            built = new RetryingHttpClient(builder.build(), policy);
        }
        return built;
    }

    @Override
    public HttpClient.Builder cookieHandler(CookieHandler cookieHandler) {
        builder.cookieHandler(cookieHandler);
        return this;
    }

    @Override
    public HttpClient.Builder connectTimeout(Duration duration) {
        builder.connectTimeout(duration);
        return this;
    }

    @Override
    public HttpClient.Builder sslContext(SSLContext sslContext) {
        builder.sslContext(sslContext);
        return this;
    }

    @Override
    public HttpClient.Builder sslParameters(SSLParameters sslParameters) {
        builder.sslParameters(sslParameters);
        return this;
    }

    @Override
    public HttpClient.Builder executor(Executor executor) {
        builder.executor(executor);
        return this;
    }

    @Override
    public HttpClient.Builder followRedirects(HttpClient.Redirect policy) {
        builder.followRedirects(policy);
        return this;
    }

    @Override
    public HttpClient.Builder version(HttpClient.Version version) {
        builder.version(version);
        return this;
    }

    @Override
    public HttpClient.Builder priority(int priority) {
        builder.priority(priority);
        return this;
    }

    @Override
    public HttpClient.Builder proxy(ProxySelector proxySelector) {
        builder.proxy(proxySelector);
        return this;
    }

    @Override
    public HttpClient.Builder localAddress(InetAddress address) {
        builder.localAddress(address);
        return this;
    }

    @Override
    public HttpClient.Builder authenticator(Authenticator authenticator) {
        builder.authenticator(authenticator);
        return this;
    }
}
