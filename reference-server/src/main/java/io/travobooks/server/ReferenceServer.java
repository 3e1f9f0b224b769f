package io.travobooks.server;

import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.websocket.WsRouting;
import io.travobooks.server.admin.AdminApi;
import io.travobooks.server.admin.PersonalTokensApi;
import io.travobooks.server.admin.TenantSetup;
import io.travobooks.identity.approval.Approvals;
import io.travobooks.server.api.ApiRouter;
import io.travobooks.server.api.ApprovalGate;
import io.travobooks.server.approvals.ApprovalPolicyStore;
import io.travobooks.server.approvals.ApprovalSecrets;
import io.travobooks.server.approvals.ApprovalsApi;
import io.travobooks.server.audit.AuditApi;
import io.travobooks.server.audit.AuditLog;
import io.travobooks.server.api.FailedAuthentications;
import io.travobooks.server.api.Pipeline;
import io.travobooks.server.api.RequestLimits;
import io.travobooks.server.auth.ApiKeySecret;
import io.travobooks.server.auth.ApiKeyStore;
import io.travobooks.server.auth.ApiKeys;
import io.travobooks.server.auth.Authenticator;
import io.travobooks.server.auth.Caller;
import io.travobooks.server.auth.Credentials;
import io.travobooks.server.auth.Scope;
import io.travobooks.server.auth.SecretBox;
import io.travobooks.server.bookings.BookingsApi;
import io.travobooks.server.bookings.ETickets;
import io.travobooks.server.bookings.MoneyEventsApi;
import io.travobooks.server.config.ServerConfig;
import io.travobooks.server.config.Worker;
import io.travobooks.server.contract.OpenApiContract;
import io.travobooks.server.contract.Operation;
import io.travobooks.server.contract.RequestChecks;
import io.travobooks.server.contract.SchemaChecks;
import io.travobooks.server.http.Handler;
import io.travobooks.server.http.Transport;
import io.travobooks.server.ledger.LedgerApi;
import io.travobooks.server.mandates.Mandates;
import io.travobooks.server.mcp.McpEndpoint;
import io.travobooks.server.messaging.EventsApi;
import io.travobooks.server.messaging.HooksApi;
import io.travobooks.server.messaging.InboundSourcesApi;
import io.travobooks.server.messaging.InboxApi;
import io.travobooks.server.messaging.Messaging;
import io.travobooks.server.messaging.NotificationContent;
import io.travobooks.server.messaging.NotificationsApi;
import io.travobooks.server.messaging.WebhooksApi;
import io.travobooks.server.meta.ConsolePage;
import io.travobooks.server.meta.DocsPage;
import io.travobooks.server.meta.MetaApi;
import io.travobooks.server.rules.PostingRulesApi;
import io.travobooks.server.runtime.AgencyTime;
import io.travobooks.server.runtime.Backends;
import io.travobooks.server.runtime.FirstStart;
import io.travobooks.server.runtime.Metrics;
import io.travobooks.server.runtime.ShutdownSteps;
import io.travobooks.server.runtime.Workers;
import io.travobooks.server.stream.StreamEndpoint;
import io.travobooks.server.stream.StreamHub;
import io.travobooks.server.stream.StreamRefusals;
import io.travobooks.server.users.People;
import io.travobooks.server.users.Sessions;
import io.travobooks.spi.RetryPolicy;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** A running reference server: its backends, its HTTP listener and, on a first start, the admin key it made. */
public final class ReferenceServer implements AutoCloseable {
    /** Helidon refuses larger bodies outright; the API's own, smaller limit answers with a problem first. */
    private static final long TRANSPORT_BODY_LIMIT = 64L << 20;
    /**
     * How long a stop lets the requests in hand finish (Helidon's default, half a second, cuts off a slow one). Idle
     * connections close at once, so only requests in flight can use it up.
     */
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);
    /** The version clients are told (the jar's, or {@code dev} when run from the build's classes). */
    private static final String VERSION = Optional.ofNullable(ReferenceServer.class.getPackage()
            .getImplementationVersion()).orElse("dev");

    private final Backends backends;
    private final Messaging messaging;
    private final WebServer webServer;
    private final Workers workers;
    private final Metrics metrics;
    private final Optional<StreamHub> stream;
    private final Optional<FirstStart.Opened> opened;
    private final AuditLog auditLog;
    private final Optional<McpEndpoint> mcp;

    private ReferenceServer(Backends backends, Messaging messaging, WebServer webServer, Workers workers,
                            Metrics metrics, Optional<StreamHub> stream, Optional<FirstStart.Opened> opened,
                            AuditLog auditLog, Optional<McpEndpoint> mcp) {
        this.backends = backends;
        this.messaging = messaging;
        this.webServer = webServer;
        this.workers = workers;
        this.metrics = metrics;
        this.stream = stream;
        this.opened = opened;
        this.auditLog = auditLog;
        this.mcp = mcp;
    }

    /** The contract and the checks made from it. */
    private record LoadedApi(OpenApiContract contract, RequestChecks checks) {
        static LoadedApi load() {
            OpenApiContract contract = OpenApiContract.load();
            RequestChecks checks = new RequestChecks(new SchemaChecks(contract));
            WebServer.builder().routing(HttpRouting.builder()); // loads the web server's classes meanwhile
            return new LoadedApi(contract, checks);
        }
    }

    public static ReferenceServer start(ServerConfig config) {
        // A start is mostly class loading: the contract and the web server load on a second core while the
        // database opens.
        CompletableFuture<LoadedApi> api = CompletableFuture.supplyAsync(LoadedApi::load,
                task -> Thread.ofPlatform().name("api-loader").start(task));
        // The metrics registry loads a quarter of a second of classes: on a third thread, while the database opens.
        CompletableFuture<Metrics> metered = CompletableFuture.supplyAsync(Metrics::new,
                task -> Thread.ofPlatform().name("metrics-loader").start(task));
        Backends backends;
        try {
            backends = Backends.open(config, entries -> metered.join().ledgerWriterBatch(entries));
        } catch (RuntimeException e) {
            metered.thenAccept(Metrics::close);
            throw e;
        }
        Metrics metrics = metered.join();
        AgencyTime time = AgencyTime.system(config.bookings().timeZone());
        ETickets etickets = new ETickets(backends.supplier(), time.zone());
        Messaging messaging;
        try {
            messaging = Messaging.open(backends, config.messaging(), new NotificationContent(backends.supplier(),
                    etickets, time.zone()), metrics);
        } catch (RuntimeException e) {
            throw ShutdownSteps.undoAfter(e, List.of(metrics::close, backends::close));
        }
        SecretBox box = SecretBox.of(config.security().secretKey(), config.dataDir());
        AuditLog auditLog = new AuditLog(backends.database(), box);
        try {
            LoadedApi loaded = api.join();
            ApiKeys keys = new ApiKeys(new ApiKeyStore(backends.database()), time.clock(),
                    backends.coordination().hotCache());
            People people = People.open(backends, config, time, keys, box);
            Approvals approvals = new Approvals(backends.storage().approvalStore(), time.clock(), RetryPolicy.DEFAULT);
            ApprovalPolicyStore approvalPolicies = new ApprovalPolicyStore(backends.database(),
                    backends.coordination().hotCache());
            Credentials credentials = new Authenticator(Map.of(ApiKeySecret.PREFIX, keys, Sessions.TOKEN_PREFIX,
                    people.sessions()));
            Mandates mandates = new Mandates(keys.store(), backends.bookings(), backends.supplier(),
                    backends.ledger(), backends.database(), time);
            backends.onBookingChange(mandates::settle);
            Pipeline pipeline = new Pipeline(credentials, loaded.checks(), backends.coordination().idempotency(),
                    config.maxBodyBytes(), metrics,
                    new FailedAuthentications(backends.coordination().rateLimiter(), config.authFailuresPerMinute()),
                    new RequestLimits(backends.coordination().rateLimiter(), config.limits()), auditLog,
                    config.security().auditReads(), time.clock(), approvals, approvalPolicies,
                    (tenant, kind, id) -> kind == Caller.Kind.USER ? people.users().scopesNow(tenant, id)
                            : keys.scopesNow(tenant, id), mandates::holdsForApproval);
            boolean servesApi = config.process().role().servesApi();
            Optional<StreamHub> stream = servesApi
                    ? Optional.of(new StreamHub(backends.coordination().pubSub(), backends.bookings(), credentials))
                    : Optional.empty();
            stream.ifPresent(hub -> backends.onBookingChange(hub::bookingChanged));
            HttpRouting.Builder routing = HttpRouting.builder();
            WebServerConfig.Builder web = WebServer.builder()
                    .host(config.host())
                    .port(config.port())
                    .shutdownHook(false)
                    .shutdownGracePeriod(STOP_GRACE)
                    .maxPayloadSize(TRANSPORT_BODY_LIMIT);
            Transport.configure(web, routing, config.web());
            stream.ifPresent(hub -> {
                web.addRouting(WsRouting.builder().endpoint(StreamEndpoint.PATH,
                        () -> new StreamEndpoint(hub, credentials)));
                StreamRefusals.route(routing, credentials);
            });
            Map<String, Handler> handlers = handlers(backends, messaging, loaded.contract(), keys, metrics, time,
                    etickets, mandates);
            handlers.putAll(people.handlers());
            handlers.putAll(new AuditApi(auditLog).handlers());
            handlers.putAll(new ApprovalsApi(approvals, backends.storage().approvalStore(), approvalPolicies,
                    ApprovalGate.GATEABLE, pipeline.approvals()::execute,
                    new ApprovalSecrets(backends.database(), box, time.clock()), scopesOf(loaded.contract()),
                    time.clock()).handlers());
            handlers.putAll(new HooksApi(messaging.inbox(), messaging.sources(), messaging.callbacks(),
                    (tenant, conversation) -> stream.ifPresent(hub -> hub.inboxMessage(tenant, conversation)),
                    time.clock()).handlers());
            Optional<McpEndpoint> mcp = config.process().role().servesApi()
                    ? Optional.of(McpEndpoint.route(routing, pipeline, mandates, metrics, loaded.contract(),
                            config.maxBodyBytes(), config.web().corsOrigins(), VERSION))
                    : Optional.empty();
            route(routing, config.process().role(), loaded.contract(), handlers, pipeline);
            WebServer webServer = web.routing(routing).build().start();
            Workers workers = null;
            try {
                workers = Workers.start(backends, config.process().workers(), config.process().every(), metrics,
                        messaging::start);
                // Last: a failure after it would lose the key and the password it shows once.
                Optional<FirstStart.Opened> opened = FirstStart.run(config.bootstrap(),
                        new TenantSetup(backends.ledger(), keys), keys, people.users());
                return new ReferenceServer(backends, messaging, webServer, workers, metrics, stream, opened,
                        auditLog, mcp);
            } catch (RuntimeException e) {
                Optional<Workers> started = Optional.ofNullable(workers);
                throw ShutdownSteps.undoAfter(e, List.of(() -> stream.ifPresent(StreamHub::close), webServer::stop,
                        () -> mcp.ifPresent(McpEndpoint::stop), () -> started.ifPresent(Workers::close)));
            }
        } catch (RuntimeException e) {
            throw ShutdownSteps.undoAfter(e, List.of(auditLog::close, metrics::close, messaging::close,
                    backends::close));
        }
    }

    /** A handler for every operation of the contract, by operation id. */
    private static Map<String, Handler> handlers(Backends backends, Messaging messaging, OpenApiContract contract,
                                                 ApiKeys keys, Metrics metrics, AgencyTime time, ETickets etickets,
                                                 Mandates mandates) {
        Map<String, Handler> handlers = new HashMap<>();
        handlers.putAll(new MetaApi(backends, contract, metrics).handlers());
        handlers.putAll(new AdminApi(backends.ledger(), keys, time, McpEndpoint.toolNames(), mandates::of)
                .handlers());
        handlers.putAll(new PersonalTokensApi(keys, time).handlers());
        handlers.putAll(new LedgerApi(backends.ledger(), metrics, time).handlers());
        handlers.putAll(new BookingsApi(backends.bookings(), backends.bookingReads(), backends.supplier(), etickets,
                time.zone(), backends.database(), mandates::holdsForApproval).handlers());
        handlers.computeIfPresent("issueBooking", (id, issue) -> mandates.guardIssue(issue));
        handlers.computeIfPresent("confirmExchange", (id, confirm) -> mandates.guardExchange(confirm));
        handlers.putAll(new MoneyEventsApi(backends.accounting(), time).handlers());
        handlers.putAll(new PostingRulesApi(backends.postingRules(), backends.rulesInForce(), backends.ledger(), time)
                .handlers());
        handlers.putAll(new EventsApi(messaging.catalog()).handlers());
        handlers.putAll(new InboxApi(messaging.inbox(), backends.storage().inboxStore(), backends.bookings())
                .handlers());
        handlers.putAll(new InboundSourcesApi(messaging.sources(), time).handlers());
        handlers.putAll(new NotificationsApi(messaging.recipients(), backends.bookings(), messaging.content(), time)
                .handlers());
        handlers.putAll(new WebhooksApi(messaging.endpoints(), messaging.dispatcher(),
                backends.storage().webhookStore()).handlers());
        return handlers;
    }

    /** The scopes each operation of the contract needs, by its id. */
    private static Function<String, Set<Scope>> scopesOf(OpenApiContract contract) {
        Map<String, Set<Scope>> scopes = contract.operations().stream().collect(Collectors.toMap(
                Operation::operationId, operation -> operation.scopes().stream().map(Scope::of)
                        .collect(Collectors.toUnmodifiableSet())));
        return operation -> scopes.getOrDefault(operation, Set.of());
    }

    /**
     * The API and its reference page, or for a worker process the operations that need no key (health) and its
     * metrics (its workers' passes are counted there only).
     */
    private static void route(HttpRouting.Builder routing, ServerConfig.Role role, OpenApiContract contract,
                              Map<String, Handler> handlers, Pipeline pipeline) {
        Predicate<Operation> served = role.servesApi() ? operation -> true
                : operation -> MetaApi.WORKER_OPERATIONS.contains(operation.operationId());
        if (role.servesApi()) {
            DocsPage.route(routing);
            ConsolePage.route(routing);
        } else {
            handlers.keySet().retainAll(contract.operations().stream().filter(served).map(Operation::operationId)
                    .toList());
        }
        ApiRouter.route(routing, contract, served, handlers, pipeline);
    }

    public int port() {
        return webServer.port();
    }

    public Optional<ApiKeys.Issued> firstKey() {
        return opened.map(FirstStart.Opened::key);
    }

    /** The first tenant's owner, when this start made it. */
    public Optional<FirstStart.FirstUser> firstUser() {
        return opened.map(FirstStart.Opened::user);
    }

    public Backends backends() {
        return backends;
    }

    public Messaging messaging() {
        return messaging;
    }

    public List<Worker> workers() {
        return workers.running();
    }

    /**
     * Ends the live streams (each is told the server is stopping, and reconnects elsewhere), stops taking
     * connections and lets the requests in hand finish, lets the workers finish their passes in hand, writes the audit
     * lines queued, then closes the backends (the ledger's writers drain their queue, locks are released with their
     * connections). Every step runs even after one fails: the database's close, last, must not be left out.
     */
    @Override
    public void close() {
        ShutdownSteps.runAll(List.of(() -> stream.ifPresent(StreamHub::close), webServer::stop,
                () -> mcp.ifPresent(McpEndpoint::stop), workers::close,
                auditLog::close, metrics::close, messaging::close, backends::close));
    }
}
