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

    private TravoClient(ApiClient api) {
        this.api = api;
    }

    /** A client of the server at {@code baseUrl}, sending {@code bearerToken} with every request. */
    public static TravoClient connect(URI baseUrl, String bearerToken) {
        Objects.requireNonNull(bearerToken, "bearerToken");
        ApiClient api = new ApiClient();
        api.updateBaseUri(baseUrl.toString());
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
        return new JournalApi(api);
    }

    public BookingsApi bookings() {
        return new BookingsApi(api);
    }

    public ReportsApi reports() {
        return new ReportsApi(api);
    }

    public MetaApi meta() {
        return new MetaApi(api);
    }

    /** The generated client beneath, for the operations of the other tags. */
    public ApiClient api() {
        return api;
    }
}
