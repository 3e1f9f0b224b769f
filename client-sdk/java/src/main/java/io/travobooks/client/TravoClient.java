package io.travobooks.client;

import io.travobooks.client.generated.ApiClient;
import io.travobooks.client.generated.ApiException;
import io.travobooks.client.generated.api.BookingsApi;
import io.travobooks.client.generated.api.JournalApi;
import io.travobooks.client.generated.api.MetaApi;
import io.travobooks.client.generated.api.ReportsApi;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A client of a travoBooks server: the operations of its contract, generated from it, grouped as the contract's
 * tags are, sending a bearer credential (an API key or a session token). {@link #call} turns an answer that is not a
 * success into a {@link TravoProblem} with the server's stable code.
 */
public final class TravoClient {
    private final ApiClient api;
    // Made once: each generated API object holds its own HTTP client, with its connections and selector thread.
    private final JournalApi journal;
    private final BookingsApi bookings;
    private final ReportsApi reports;
    private final MetaApi meta;

    private TravoClient(ApiClient api) {
        this.api = api;
        this.journal = new JournalApi(api);
        this.bookings = new BookingsApi(api);
        this.reports = new ReportsApi(api);
        this.meta = new MetaApi(api);
    }

    /** A client of the server at {@code baseUrl}, sending {@code bearerToken} with every request. */
    public static TravoClient connect(URI baseUrl, String bearerToken) {
        Objects.requireNonNull(bearerToken, "bearerToken");
        ApiClient api = new ApiClient();
        api.updateBaseUri(baseUrl.toString().replaceAll("/+$", "")); // the operations' paths begin with a slash
        api.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + bearerToken));
        return new TravoClient(api);
    }

    /** A new Idempotency-Key: one per intended change, sent again with each retry of that change. */
    public static String newIdempotencyKey() {
        return UUID.randomUUID().toString();
    }

    /** An operation of the generated client, which answers or throws what the server said. */
    @FunctionalInterface
    public interface Call<T> {
        T run() throws ApiException;
    }

    /** A page of a list, after a cursor (null: the first page); see {@link Pages#all}. */
    @FunctionalInterface
    public interface Page<P> {
        P after(String cursor) throws ApiException;
    }

    /** Runs {@code call}, turning an answer that is not a success into a {@link TravoProblem}. */
    public static <T> T call(Call<T> call) {
        try {
            return call.run();
        } catch (ApiException e) {
            if (e.getCode() != 0 && e.getResponseHeaders() == null && e.getResponseBody() == null) {
                // the generated client refused the arguments before sending anything
                throw new IllegalArgumentException(e.getMessage(), e);
            }
            Optional<Long> retryAfter = Optional.ofNullable(e.getResponseHeaders())
                    .flatMap(headers -> headers.firstValue("Retry-After")).flatMap(TravoClient::seconds);
            throw TravoProblem.of(e.getCode(), e.getResponseBody(), retryAfter, e);
        }
    }

    private static Optional<Long> seconds(String text) {
        try {
            return Optional.of(Long.parseLong(text.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    public JournalApi journal() {
        return journal;
    }

    public BookingsApi bookings() {
        return bookings;
    }

    public ReportsApi reports() {
        return reports;
    }

    public MetaApi meta() {
        return meta;
    }

    /**
     * The generated client beneath, for the operations of the other tags: make their API objects once, and leave
     * its request interceptor as it is (it sends the credential).
     */
    public ApiClient api() {
        return api;
    }
}
