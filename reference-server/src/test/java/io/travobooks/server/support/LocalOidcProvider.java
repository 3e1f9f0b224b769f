package io.travobooks.server.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.travobooks.server.config.ServerConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * A small OpenID Connect provider on this machine, for tests: discovery, an authorization endpoint that signs in
 * whoever the test says and redirects with a code, a token endpoint that checks the client's secret, the code (once)
 * and the PKCE verifier (S256 only), and answers an RS256 ID token, and the keys that verify it. A test can make it
 * misbehave as a real provider might: sign with a key it does not publish, or put other claims in its tokens.
 */
public final class LocalOidcProvider implements AutoCloseable {
    public static final String CLIENT_ID = "travo-console";
    public static final String CLIENT_SECRET = "client-secret-of-the-local-provider";
    public static final URI REDIRECT_URI = URI.create("http://127.0.0.1:9/console/signed-in");

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient BROWSER = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** Someone with an account at the provider. */
    public record Account(String subject, String email, boolean emailVerified) {
    }

    private record Grant(String challenge, String nonce, Account account) {
    }

    private final HttpServer http;
    private final RSAKey key = newKey();
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();
    private volatile Optional<Account> signedIn = Optional.empty();
    private volatile RSAKey signingKey = key;
    private volatile UnaryOperator<JWTClaimsSet.Builder> claims = UnaryOperator.identity();
    private volatile boolean omitIdToken;
    private volatile int discoveryStatus = 200;
    private final AtomicInteger discoveries = new AtomicInteger();
    private volatile boolean signWithClientSecret;

    public LocalOidcProvider() {
        try {
            http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        http.createContext("/.well-known/openid-configuration", exchange -> answer(exchange, discoveryHit(), Map.of(
                "issuer", issuer(),
                "authorization_endpoint", issuer() + "/authorize",
                "token_endpoint", issuer() + "/token",
                "jwks_uri", issuer() + "/jwks",
                "response_types_supported", List.of("code"),
                "subject_types_supported", List.of("public"),
                "id_token_signing_alg_values_supported", List.of("RS256"),
                "code_challenge_methods_supported", List.of("S256"))));
        http.createContext("/jwks", exchange -> answer(exchange, 200, new JWKSet(key.toPublicJWK()).toJSONObject()));
        http.createContext("/authorize", this::authorize);
        http.createContext("/token", this::token);
        http.start();
    }

    public String issuer() {
        return "http://127.0.0.1:" + http.getAddress().getPort();
    }

    /** The server's settings for this provider, for every tenant. */
    public ServerConfig.Oidc settings() {
        return settings(Set.of("*"));
    }

    /** The server's settings for this provider, for these tenants. */
    public ServerConfig.Oidc settings(Set<String> tenants) {
        return new ServerConfig.Oidc(URI.create(issuer()), CLIENT_ID, Optional.of(CLIENT_SECRET), REDIRECT_URI,
                tenants);
    }

    /** Who the next authorization signs in, as if they had typed their password at the provider. */
    public void signIn(Account account) {
        signedIn = Optional.of(account);
    }

    /** From now on, signs ID tokens with a key it does not publish (a forger's). */
    public void signWithUnpublishedKey() {
        signingKey = newKey();
    }

    /** From now on, signs ID tokens with its published key again. */
    public void signWithPublishedKey() {
        signingKey = key;
    }

    /** From now on, answers its discovery document with this status (500: as a provider that is down). */
    public void answerDiscoveryWith(int status) {
        discoveryStatus = status;
    }

    /** How many times its discovery document was asked for. */
    public int discoveries() {
        return discoveries.get();
    }

    private int discoveryHit() {
        discoveries.incrementAndGet();
        return discoveryStatus;
    }

    /** From now on, answers a code without an ID token (as a plain OAuth server would), or with one again. */
    public void omitIdToken(boolean omit) {
        omitIdToken = omit;
    }

    /**
     * From now on, signs ID tokens with the client's secret (HS256), which a client must not accept from a
     * provider whose discovery document offers asymmetric keys only; or with its published key again.
     */
    public void signWithClientSecret(boolean hmac) {
        signWithClientSecret = hmac;
    }

    /** From now on, alters the claims of the ID tokens it issues. */
    public void alterClaims(UnaryOperator<JWTClaimsSet.Builder> alteration) {
        claims = alteration;
    }

    /** What the provider's redirect hands the page at the redirect address: the code and the state. */
    public record Redirect(String code, String state) {
    }

    /**
     * Goes to {@code authorizationUrl} as a browser would, with {@code account} signed in at the provider, and
     * answers what the provider's redirect carries.
     */
    public Redirect authorize(String authorizationUrl, Account account) {
        signIn(account);
        HttpResponse<String> answer;
        try {
            answer = BROWSER.send(HttpRequest.newBuilder(URI.create(authorizationUrl)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (answer.statusCode() != 302) {
            throw new IllegalStateException("the provider answered " + answer.statusCode() + ": " + answer.body());
        }
        URI back = URI.create(answer.headers().firstValue("Location").orElseThrow());
        if (!back.toString().startsWith(REDIRECT_URI + "?")) {
            throw new IllegalStateException("the provider redirected elsewhere: " + back);
        }
        Map<String, String> query = form(back.getRawQuery());
        return new Redirect(query.get("code"), query.get("state"));
    }

    private void authorize(HttpExchange exchange) throws IOException {
        Map<String, String> query = form(Optional.ofNullable(exchange.getRequestURI().getRawQuery()).orElse(""));
        boolean valid = "code".equals(query.get("response_type")) && CLIENT_ID.equals(query.get("client_id"))
                && REDIRECT_URI.toString().equals(query.get("redirect_uri"))
                && "S256".equals(query.get("code_challenge_method")) && query.containsKey("code_challenge")
                && query.containsKey("nonce") && List.of(query.getOrDefault("scope", "").split(" ")).contains("openid");
        if (!valid || signedIn.isEmpty()) {
            answer(exchange, 400, Map.of("error", "invalid_request"));
            return;
        }
        String code = random();
        codes.put(code, new Grant(query.get("code_challenge"), query.get("nonce"), signedIn.get()));
        exchange.getResponseHeaders().add("Location", REDIRECT_URI + "?code=" + code + "&state="
                + URLEncoder.encode(query.get("state"), StandardCharsets.UTF_8));
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    private void token(HttpExchange exchange) throws IOException {
        String basic = "Basic " + Base64.getEncoder().encodeToString((CLIENT_ID + ":" + CLIENT_SECRET)
                .getBytes(StandardCharsets.UTF_8));
        if (!basic.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            answer(exchange, 401, Map.of("error", "invalid_client"));
            return;
        }
        Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        Grant grant = codes.remove(form.getOrDefault("code", "")); // a code works once
        if (grant == null || !"authorization_code".equals(form.get("grant_type"))
                || !REDIRECT_URI.toString().equals(form.get("redirect_uri"))
                || !grant.challenge().equals(s256(form.getOrDefault("code_verifier", "")))) {
            answer(exchange, 400, Map.of("error", "invalid_grant"));
            return;
        }
        Instant now = Instant.now();
        JWTClaimsSet.Builder idToken = new JWTClaimsSet.Builder()
                .issuer(issuer()).subject(grant.account().subject()).audience(CLIENT_ID)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
                .claim("nonce", grant.nonce())
                .claim("email", grant.account().email())
                .claim("email_verified", grant.account().emailVerified());
        Map<String, Object> tokens = new HashMap<>(Map.of("access_token", random(), "token_type", "Bearer",
                "expires_in", 300));
        if (!omitIdToken) {
            tokens.put("id_token", sign(claims.apply(idToken).build()));
        }
        answer(exchange, 200, tokens);
    }

    private String sign(JWTClaimsSet set) {
        boolean hmac = signWithClientSecret;
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(hmac ? JWSAlgorithm.HS256 : JWSAlgorithm.RS256)
                .keyID(key.getKeyID()).build(), set);
        try {
            jwt.sign(hmac ? new MACSigner(CLIENT_SECRET.getBytes(StandardCharsets.UTF_8))
                    : new RSASSASigner(signingKey));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    private static String s256(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> form(String text) {
        Map<String, String> values = new HashMap<>();
        for (String pair : text.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                values.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    private static void answer(HttpExchange exchange, int status, Map<String, ?> body) throws IOException {
        byte[] json = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.getResponseHeaders().add("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, json.length);
        exchange.getResponseBody().write(json);
        exchange.close();
    }

    private static String random() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static RSAKey newKey() {
        try {
            return new RSAKeyGenerator(2048).keyID(random()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
