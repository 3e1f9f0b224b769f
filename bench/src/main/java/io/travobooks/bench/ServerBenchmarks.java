package io.travobooks.bench;

import io.travobooks.cache.redis.LettuceRedis;
import io.travobooks.cache.redis.RedisConfig;
import io.travobooks.identity.PasswordHashing;
import io.travobooks.testkit.TestServices;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reference server, started from its jar in a JVM of its own and driven by wrk from another process:
 * {@code server.start} (embedded default: process start to ready, and the resident set after a first request),
 * {@code server.entry.post} (production mode on MariaDB and Redis: 2-line journal entries with an Idempotency-Key,
 * against in-process posting of the same entries in the same run), {@code server.booking.get} (production mode:
 * reading bookings, against a route with the same key check and nothing behind it), {@code server.auth.cost} (the
 * same reads by a signed-in user, against the same reads with an API key) and {@code server.login} (signing in,
 * against one Argon2id verification in this JVM).
 */
final class ServerBenchmarks {
    private static final int CONNECTIONS = 64;
    private static final int MEASURE_SECONDS = Integer.getInteger("bench.serverMeasureSeconds", 10);
    private static final int ROUNDS = 5;
    /**
     * A pause before each measured round: both sides chain what they posted into the audit trail in a pass every
     * second, and the other side's last pass should not run in this side's round.
     */
    private static final long SETTLE_MILLIS = 2_000;
    private static final String DAY = "2026-03-10";
    private static final int AUTH_ROUNDS = 3;
    /**
     * Rate limits far above what the machine can send: every request still takes its permits (the cost measured),
     * none is refused; and the sealing key production mode needs.
     */
    private static final Map<String, String> UNBINDING_LIMITS = Map.of(
            "TRAVO_LIMIT_PLANS", "standard=60000000", "TRAVO_LIMIT_PER_CREDENTIAL_PER_MINUTE", "60000000",
            "TRAVO_LIMIT_PER_ADDRESS_PER_MINUTE", "60000000",
            // Production mode (Redis) needs the key every node seals with.
            "TRAVO_SECRET_KEY", "q7cQh1m6n0eVh2fX0pYw3a9k5Zt8bR4uL1sD6gJ2vW0=");
    private static final int LOGIN_WARMUP = 30;
    private static final int LOGIN_USERS = 200;
    private static final String PASSWORD = "amber-falcon-drifts-over-77-lanterns";

    private ServerBenchmarks() {
    }

    static void runAll() throws Exception {
        if (BenchMain.selected("start")) {
            start();
        }
        if (BenchMain.selected("entry")) {
            entryPost();
        }
        if (BenchMain.selected("get")) {
            bookingGet();
        }
        if (BenchMain.selected("login")) {
            login();
        }
    }

    /**
     * A start on data a first start left (the schema migrated, the first tenant made), which is every start but the
     * first; the first one is reported beside it.
     */
    private static void start() throws Exception {
        Path data = Files.createTempDirectory("travo-start");
        Map<String, String> environment = Map.of("TRAVO_DATA_DIR", data.toString());
        long floor = jvmFloorMillis();
        long firstStart;
        String key;
        try (ServerProcess first = ServerProcess.start(environment, ServerProcess.documented(List.of()))) {
            firstStart = first.startMillis;
            key = first.firstKey();
        }
        long plain; // the same start without the AOT cache, as a JVM other than the build's starts it
        try (ServerProcess server = ServerProcess.start(environment, List.of())) {
            plain = server.startMillis;
        }
        try (ServerProcess server = ServerProcess.start(environment, ServerProcess.documented(List.of()))) {
            int status = get(server.baseUrl() + "/v1/reports/trial-balance", key);
            if (status != 200) {
                throw new IllegalStateException("the first request answered " + status);
            }
            new BenchLine("server.start", server.startMillis, "ms").ceiling(floor)
                    .with("rss_mb", server.rssMegabytes()).with("first_start_ms", firstStart)
                    .with("aot_cache", Boolean.toString(Files.isRegularFile(ServerProcess.AOT_CACHE)))
                    .with("without_cache_ms", plain)
                    .with("ceiling_is", "jvm-hello-world").print();
        }
    }

    /**
     * Both sides warmed, then measured in alternation ({@link #ROUNDS} rounds each): on a shared two-core machine the
     * speed drifts by a third within minutes, and a drift should move both sides of the ratio, not one.
     */
    private static void entryPost() throws Exception {
        TestServices.MysqlServer mysql = BenchServices.mysql();
        String url = mysql.createDatabase("travo_srvbench");
        String namespace = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> environment = new HashMap<>(Map.of(
                "TRAVO_DATABASE_URL", url, "TRAVO_DATABASE_USER", mysql.user(),
                "TRAVO_DATABASE_PASSWORD", mysql.password(), "TRAVO_REDIS_URI", BenchServices.redisUri(),
                "TRAVO_REDIS_NAMESPACE", namespace, "TRAVO_TENANT", "bench", "TRAVO_CURRENCY", "BDT"));
        environment.putAll(UNBINDING_LIMITS);
        // An API node alone (-Dbench.serverRole=api) or with the workers beside it (all, the default).
        environment.put("TRAVO_ROLE", System.getProperty("bench.serverRole", "all"));
        try (ServerProcess server = ServerProcess.start(environment,
                ServerProcess.documented(List.of("-Xms1g", "-Xmx1g")));
             InProcessLedger inProcess = InProcessLedger.open(mysql, CONNECTIONS, LocalDate.parse(DAY))) {
            String key = server.firstKey();
            String entries = server.baseUrl() + "/v1/journal-entries";
            long warmup = Warmup.until(server.jitClock()::millis, (round, seconds) ->
                    Wrk.run(entries, CONNECTIONS, seconds, postScript(key, "w" + round)));
            long ceilingWarmup = Warmup.until(JitClock.ofThisJvm()::millis, (round, seconds) ->
                    inProcess.posts("w" + round, seconds));
            List<Wrk.Result> results = new ArrayList<>();
            List<String> roundRatios = new ArrayList<>();
            double ceiling = 0;
            for (int round = 0; round < ROUNDS; round++) {
                Thread.sleep(SETTLE_MILLIS);
                Wrk.Result result = Wrk.run(entries, CONNECTIONS, MEASURE_SECONDS, postScript(key, "m" + round));
                Thread.sleep(SETTLE_MILLIS);
                double posted = inProcess.posts("m" + round, MEASURE_SECONDS);
                results.add(result);
                roundRatios.add("%.3f".formatted(result.requestsPerSecond() / posted));
                ceiling += posted / ROUNDS;
            }
            long errors = results.stream().mapToLong(Wrk.Result::errors).sum();
            if (errors > 0) {
                throw new IllegalStateException(errors + " of the server's answers were errors");
            }
            new BenchLine("server.entry.post", results.stream().mapToDouble(Wrk.Result::requestsPerSecond).average()
                    .orElseThrow(), "entries/s").ceiling(ceiling)
                    .with("p50_ms", results.stream().mapToDouble(Wrk.Result::p50Millis).max().orElseThrow())
                    .with("p99_ms", results.stream().mapToDouble(Wrk.Result::p99Millis).max().orElseThrow())
                    .with("connections", CONNECTIONS).with("round_ratios", String.join("/", roundRatios))
                    .with("warmup_s", warmup)
                    .with("ceiling_warmup_s", ceilingWarmup).with("ceiling_is", "ledger.post-in-process").print();
        } finally {
            mysql.dropDatabase(url);
            dropNamespace(namespace); // a run leaves some 300,000 idempotency records, kept a day otherwise
        }
    }

    private static void dropNamespace(String namespace) {
        try (LettuceRedis redis = LettuceRedis.connect(RedisConfig.parse(BenchServices.redisUri()))) {
            CacheBenchmarks.deleteNamespace(redis, namespace);
        }
    }

    /**
     * {@code GET /v1/bookings/{id}} over issued bookings, against {@code GET /v1/whoami} on the same server: the same
     * key check and pipeline with no database behind it.
     */
    private static void bookingGet() throws Exception {
        TestServices.MysqlServer mysql = BenchServices.mysql();
        String url = mysql.createDatabase("travo_srvbench");
        Map<String, String> environment = new HashMap<>(Map.of(
                "TRAVO_DATABASE_URL", url, "TRAVO_DATABASE_USER", mysql.user(),
                "TRAVO_DATABASE_PASSWORD", mysql.password(), "TRAVO_REDIS_URI", BenchServices.redisUri(),
                "TRAVO_REDIS_NAMESPACE", "bench-" + UUID.randomUUID().toString().substring(0, 8),
                "TRAVO_TENANT", "bench", "TRAVO_CURRENCY", "BDT"));
        environment.putAll(UNBINDING_LIMITS);
        try (ServerProcess server = ServerProcess.start(environment,
                ServerProcess.documented(List.of("-Xms1g", "-Xmx1g")))) {
            String key = server.firstKey();
            int bookings = issueBookings(server.baseUrl(), key, 100);
            String booking = getScript(key, "/v1/bookings/BENCH-", bookings);
            String hello = getScript(key, "/v1/whoami", 0);
            long warmup = Warmup.until(server.jitClock()::millis, (round, seconds) ->
                    Wrk.run(server.baseUrl(), CONNECTIONS, seconds, booking))
                    + Warmup.until(server.jitClock()::millis, (round, seconds) ->
                    Wrk.run(server.baseUrl(), CONNECTIONS, seconds, hello));
            Wrk.Result get = Wrk.run(server.baseUrl(), CONNECTIONS, MEASURE_SECONDS, booking);
            Wrk.Result ceiling = Wrk.run(server.baseUrl(), CONNECTIONS, MEASURE_SECONDS, hello);
            if (get.errors() > 0 || ceiling.errors() > 0) {
                throw new IllegalStateException("errors: " + get.errors() + " reading bookings, " + ceiling.errors()
                        + " on whoami");
            }
            new BenchLine("server.booking.get", get.requestsPerSecond(), "requests/s")
                    .ceiling(ceiling.requestsPerSecond()).with("p50_ms", get.p50Millis())
                    .with("p99_ms", get.p99Millis()).with("connections", CONNECTIONS).with("bookings", bookings)
                    .with("warmup_s", warmup)
                    .with("ceiling_is", "whoami").with("ceiling_p99_ms", ceiling.p99Millis()).print();
            authCost(server, key, bookings);
        } finally {
            mysql.dropDatabase(url);
        }
    }

    /**
     * The same reads of bookings by a signed-in ticketing agent (session, role, scopes) and with the API key, in
     * alternating rounds so that a drift of the machine moves both.
     */
    private static void authCost(ServerProcess server, String key, int bookings) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        String email = "agent-" + UUID.randomUUID() + "@example.com";
        send(client, server.baseUrl(), key, "POST", "/v1/users", userBody(email, "ticketing-agent"));
        String token = signIn(client, server.baseUrl(), email).orElseThrow();
        String byUser = getScript(token, "/v1/bookings/BENCH-", bookings);
        String byKey = getScript(key, "/v1/bookings/BENCH-", bookings);
        long warmup = Warmup.until(server.jitClock()::millis, (round, seconds) ->
                Wrk.run(server.baseUrl(), CONNECTIONS, seconds, byUser));
        double user = 0;
        double keyed = 0;
        double userP99 = 0;
        List<String> roundRatios = new ArrayList<>();
        for (int round = 0; round < AUTH_ROUNDS; round++) {
            Wrk.Result withKey = Wrk.run(server.baseUrl(), CONNECTIONS, MEASURE_SECONDS, byKey);
            Wrk.Result withSession = Wrk.run(server.baseUrl(), CONNECTIONS, MEASURE_SECONDS, byUser);
            if (withKey.errors() > 0 || withSession.errors() > 0) {
                throw new IllegalStateException("errors: " + withSession.errors() + " as the user, "
                        + withKey.errors() + " with the key");
            }
            user += withSession.requestsPerSecond() / AUTH_ROUNDS;
            keyed += withKey.requestsPerSecond() / AUTH_ROUNDS;
            userP99 = Math.max(userP99, withSession.p99Millis());
            roundRatios.add("%.3f".formatted(withSession.requestsPerSecond() / withKey.requestsPerSecond()));
        }
        new BenchLine("server.auth.cost", user, "requests/s").ceiling(keyed).with("p99_ms", userP99)
                .with("connections", CONNECTIONS).with("round_ratios", String.join("/", roundRatios))
                .with("warmup_s", warmup).with("rate_limits", "tenant+credential+address").with("read_audit", "off")
                .with("ceiling_is", "same-route-api-key").print();
    }

    /**
     * Signing in over HTTP, one at a time, each of {@link #LOGIN_USERS} users once (an account may try ten times a
     * minute), against one Argon2id verification at the server's cost in this JVM: the floor under a sign-in.
     */
    private static void login() throws Exception {
        Map<String, String> environment = Map.of("TRAVO_DATA_DIR", Files.createTempDirectory("travo-login")
                .toString(), "TRAVO_AUTH_FAILURES_PER_MINUTE", "1000000");
        try (ServerProcess server = ServerProcess.start(environment, ServerProcess.documented(List.of()))) {
            HttpClient client = HttpClient.newHttpClient();
            String key = server.firstKey();
            String run = UUID.randomUUID().toString().substring(0, 8);
            for (int i = 0; i < LOGIN_WARMUP + LOGIN_USERS; i++) {
                send(client, server.baseUrl(), key, "POST", "/v1/users", userBody(loginEmail(run, i), "viewer"));
            }
            for (int i = 0; i < LOGIN_WARMUP; i++) {
                signIn(client, server.baseUrl(), loginEmail(run, i)).orElseThrow();
            }
            Histogram latency = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
            for (int i = LOGIN_WARMUP; i < LOGIN_WARMUP + LOGIN_USERS; i++) {
                long begun = System.nanoTime();
                signIn(client, server.baseUrl(), loginEmail(run, i)).orElseThrow();
                latency.recordValue(TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - begun));
            }
            PasswordHashing hashing = new PasswordHashing(PasswordHashing.Cost.OWASP_MINIMUM);
            String stored = hashing.hash(PASSWORD);
            Histogram verify = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
            for (int i = 0; i < LOGIN_WARMUP + LOGIN_USERS; i++) {
                long begun = System.nanoTime();
                if (!hashing.verify(PASSWORD, stored).matches()) {
                    throw new IllegalStateException("the password did not match its own hash");
                }
                if (i >= LOGIN_WARMUP) {
                    verify.recordValue(TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - begun));
                }
            }
            new BenchLine("server.login", latency.getValueAtPercentile(50) / 1000.0, "ms")
                    .ceiling(verify.getValueAtPercentile(50) / 1000.0)
                    .with("p99_ms", latency.getValueAtPercentile(99) / 1000.0)
                    .with("ceiling_p99_ms", verify.getValueAtPercentile(99) / 1000.0)
                    .with("logins", LOGIN_USERS).with("argon2id", "m=19456,t=2,p=1")
                    .with("ceiling_is", "argon2id-verify-in-process").print();
        }
    }

    private static String loginEmail(String run, int i) {
        return "login-" + run + "-" + i + "@example.com";
    }

    private static String userBody(String email, String role) {
        return "{\"email\":\"%s\",\"name\":\"Bench User\",\"role\":\"%s\",\"password\":\"%s\"}"
                .formatted(email, role, PASSWORD);
    }

    /** The session token of a sign-in; empty when it was refused. */
    private static Optional<String> signIn(HttpClient client, String base, String email)
            throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(base + "/v1/sessions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"%s\",\"password\":\"%s\"}"
                        .formatted(email, PASSWORD))).build(), HttpResponse.BodyHandlers.ofString());
        Matcher token = Pattern.compile("\"token\":\"([^\"]+)\"").matcher(response.body());
        return response.statusCode() == 201 && token.find() ? Optional.of(token.group(1)) : Optional.empty();
    }

    /** Holds, prices and issues {@code count} one-passenger bookings BENCH-0 ... over HTTP; answers the count. */
    static int issueBookings(String base, String key, int count) throws IOException, InterruptedException {
        return bookings(base, key, "BENCH-", count, true);
    }

    /**
     * Holds and prices {@code count} one-passenger bookings {@code prefix}0 ... over HTTP, and issues them when
     * {@code issue}; answers the count.
     */
    static int bookings(String base, String key, String prefix, int count, boolean issue)
            throws IOException, InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        String offers = send(client, base, key, "GET", "/v1/offers?origin=DAC&destination=DXB&date="
                + LocalDate.now().plusDays(30), null);
        Matcher offer = Pattern.compile("\"offer_id\":\"([^\"]+)\"").matcher(offers);
        if (!offer.find()) {
            throw new IllegalStateException("no offer in " + offers);
        }
        for (int i = 0; i < count; i++) {
            send(client, base, key, "POST", "/v1/bookings", ("{\"id\":\"%s%d\",\"offer_id\":\"%s\","
                    + "\"passengers\":[{\"given_name\":\"RAHIM\",\"surname\":\"UDDIN\"}],"
                    + "\"terms\":{\"currency\":\"BDT\",\"commission_minor\":280000}}")
                    .formatted(prefix, i, offer.group(1)));
            send(client, base, key, "POST", "/v1/bookings/" + prefix + i + "/price", null);
            if (issue) {
                send(client, base, key, "POST", "/v1/bookings/" + prefix + i + "/issue", null);
            }
        }
        return count;
    }

    static String send(HttpClient client, String base, String key, String method, String path, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + key)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + " answered " + response.body());
        }
        return response.body();
    }

    /** GETs of {@code path}, with a random number below {@code spread} appended when there is a spread. */
    private static String getScript(String key, String path, int spread) {
        return Wrk.header("Authorization", "Bearer " + key) + """
                function request()
                  local path = "%s"
                  if %d > 0 then path = path .. math.random(0, %d - 1) end
                  return wrk.format("GET", path)
                end
                """.formatted(path, spread, spread);
    }

    /** Each request a new 2-line entry; its id, unique per wrk thread and phase, is also its Idempotency-Key. */
    private static String postScript(String key, String phase) {
        return Wrk.header("Authorization", "Bearer " + key) + Wrk.header("Content-Type", "application/json") + """
                local threads = 0
                function setup(thread)
                  threads = threads + 1
                  thread:set("tid", threads)
                end
                local counter = 0
                function request()
                  counter = counter + 1
                  local id = "%s" .. tid .. "-" .. counter
                  wrk.headers["Idempotency-Key"] = id
                  local body = '{"id":"' .. id .. '","effective_date":"%s","lines":['
                    .. '{"account":"1100","side":"DEBIT","amount_minor":100,"currency":"BDT"},'
                    .. '{"account":"4300","side":"CREDIT","amount_minor":100,"currency":"BDT"}]}'
                  return wrk.format("POST", nil, nil, body)
                end
                """.formatted(phase, DAY);
    }

    /** How long a JVM takes to start, print and stop (a compiled hello world): the floor under any server's start. */
    private static long jvmFloorMillis() throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("hello");
        Path source = dir.resolve("Hello.java");
        Files.writeString(source, "class Hello { public static void main(String[] a) { System.out.println(1); } }");
        Path bin = Path.of(System.getProperty("java.home"), "bin");
        if (new ProcessBuilder(bin.resolve("javac").toString(), "-d", dir.toString(), source.toString())
                .inheritIO().start().waitFor() != 0) {
            throw new IllegalStateException("cannot compile the hello world");
        }
        long best = Long.MAX_VALUE;
        for (int run = 0; run < 3; run++) {
            long begun = System.nanoTime();
            new ProcessBuilder(bin.resolve("java").toString(), "-cp", dir.toString(), "Hello").start().waitFor();
            best = Math.min(best, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begun));
        }
        return best;
    }

    private static int get(String url, String key) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + key).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}
