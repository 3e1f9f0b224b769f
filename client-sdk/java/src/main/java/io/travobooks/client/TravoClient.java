package io.travobooks.client;

import io.travobooks.client.generated.ApiClient;
import io.travobooks.client.generated.ApiException;
import io.travobooks.client.generated.ApiResponse;
import io.travobooks.client.generated.api.AccountsApi;
import io.travobooks.client.generated.api.AdminApi;
import io.travobooks.client.generated.api.ApprovalsApi;
import io.travobooks.client.generated.api.BookingsApi;
import io.travobooks.client.generated.api.EventsApi;
import io.travobooks.client.generated.api.HooksApi;
import io.travobooks.client.generated.api.InboxApi;
import io.travobooks.client.generated.api.JournalApi;
import io.travobooks.client.generated.api.MetaApi;
import io.travobooks.client.generated.api.MoneyEventsApi;
import io.travobooks.client.generated.api.NotificationsApi;
import io.travobooks.client.generated.api.PeopleApi;
import io.travobooks.client.generated.api.ReportsApi;
import io.travobooks.client.generated.api.WebhooksApi;
import io.travobooks.client.generated.model.Approval;
import io.travobooks.client.internal.HeaderValues;
import io.travobooks.client.internal.HeldAnswers;
import io.travobooks.client.internal.RetryingHttpClient;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A client of a travoBooks server: the operations of its contract, generated from it, grouped as the contract's
 * tags are, sending a bearer credential (an API key or a session token). Requests that cannot take effect twice are
 * sent again when the server is busy or does not answer, as its {@link RetryPolicy} says. {@link #call} turns an
 * answer that is not a success into a {@link TravoProblem} with the server's stable code; {@link #keyed} also
 * makes the call's Idempotency-Key.
 */
public final class TravoClient implements AutoCloseable {
    private final ApiClient api;
    private final HttpClient http;
    private final AccountsApi accounts;
    private final JournalApi journal;
    private final ReportsApi reports;
    private final BookingsApi bookings;
    private final MoneyEventsApi moneyEvents;
    private final ApprovalsApi approvals;
    private final WebhooksApi webhooks;
    private final EventsApi events;
    private final NotificationsApi notifications;
    private final InboxApi inbox;
    private final HooksApi hooks;
    private final PeopleApi people;
    private final AdminApi admin;
    private final MetaApi meta;

    private TravoClient(ApiClient api) {
        this.api = api;
        this.http = api.getHttpClient();
        this.accounts = new AccountsApi(api);
        this.journal = new JournalApi(api);
        this.reports = new ReportsApi(api);
        this.bookings = new BookingsApi(api);
        this.moneyEvents = new MoneyEventsApi(api);
        this.approvals = new ApprovalsApi(api);
        this.webhooks = new WebhooksApi(api);
        this.events = new EventsApi(api);
        this.notifications = new NotificationsApi(api);
        this.inbox = new InboxApi(api);
        this.hooks = new HooksApi(api);
        this.people = new PeopleApi(api);
        this.admin = new AdminApi(api);
        this.meta = new MetaApi(api);
    }

    /** A client of the server at {@code baseUrl}, sending {@code bearerToken}, retrying as by default. */
    public static TravoClient connect(URI baseUrl, String bearerToken) {
        return connect(baseUrl, bearerToken, RetryPolicy.DEFAULT);
    }

    /** A client of the server at {@code baseUrl}, sending {@code bearerToken}, retrying as {@code retries} says. */
    public static TravoClient connect(URI baseUrl, String bearerToken, RetryPolicy retries) {
        Objects.requireNonNull(bearerToken, "bearerToken");
        ApiClient api = new ApiClient();
        api.setHttpClientBuilder(RetryingHttpClient.builder(HttpClient.newBuilder(), retries));
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

    /** An operation that takes an Idempotency-Key. */
    @FunctionalInterface
    public interface KeyedCall<T> {
        T run(String idempotencyKey) throws ApiException;
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
                    .flatMap(headers -> headers.firstValue("Retry-After"))
                    .flatMap(text -> HeaderValues.retryAfterSeconds(text, Instant.now()));
            throw TravoProblem.of(e.getCode(), e.getResponseBody(), retryAfter, e);
        }
    }

    /**
     * Runs {@code call} with a new Idempotency-Key, as {@link #call} does. The client's own retries send the same key;
     * a caller that tries the change again later keeps its key and uses {@link #call}.
     */
    public static <T> T keyed(KeyedCall<T> call) {
        String key = newIdempotencyKey();
        return call(() -> call.run(key));
    }

    /**
     * Runs {@code call}, the {@code ...WithHttpInfo} form of an operation a policy or a mandate can hold, as
     * {@link #call} does: done with its answer, or held for approval with the pending approval.
     */
    public <T> Outcome<T> outcome(Call<ApiResponse<T>> call) {
        HeldAnswers.Kept<ApiResponse<T>> kept = HeldAnswers.keep(() -> TravoClient.call(call));
        if (kept.held().isPresent()) {
            try {
                return new Outcome.Held<>(api.getObjectMapper().readValue(kept.held().get(), Approval.class));
            } catch (IOException e) {
                throw TravoProblem.of(0, null, Optional.empty(), new ApiException(e));
            }
        }
        ApiResponse<T> answer = kept.result();
        boolean replayed = answer.getHeaders().getOrDefault("idempotent-replayed", List.of()).contains("true");
        return new Outcome.Done<>(answer.getData(), replayed);
    }

    public AccountsApi accounts() {
        return accounts;
    }

    public JournalApi journal() {
        return journal;
    }

    public ReportsApi reports() {
        return reports;
    }

    public BookingsApi bookings() {
        return bookings;
    }

    public MoneyEventsApi moneyEvents() {
        return moneyEvents;
    }

    public ApprovalsApi approvals() {
        return approvals;
    }

    public WebhooksApi webhooks() {
        return webhooks;
    }

    public EventsApi events() {
        return events;
    }

    public NotificationsApi notifications() {
        return notifications;
    }

    public InboxApi inbox() {
        return inbox;
    }

    public HooksApi hooks() {
        return hooks;
    }

    public PeopleApi people() {
        return people;
    }

    public AdminApi admin() {
        return admin;
    }

    public MetaApi meta() {
        return meta;
    }

    /** The generated client beneath; leave its request interceptor as it is (it sends the credential). */
    public ApiClient api() {
        return api;
    }

    /** Closes the connections; calls after this fail. */
    @Override
    public void close() {
        http.close();
    }
}
