package io.travobooks.server.users;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWT;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.GeneralException;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCScopeValue;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import io.travobooks.server.config.ServerConfig;
import io.travobooks.server.http.ApiProblem;

import java.io.IOException;
import java.net.MalformedURLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * This server as a client of its OpenID Connect provider: what the provider's discovery document says, the address
 * that starts a sign-in there, and the trade of the provider's code for an ID token whose signature, issuer,
 * audience, times and nonce are verified.
 */
public final class OidcProvider {
    private static final int TIMEOUT_MS = 5_000;
    private static final int MAX_KEYS_BYTES = 512 * 1024;

    /** After a failed discovery, sign-ins answer 503 at once for this long rather than each wait for the provider. */
    private static final Duration RETRY_AFTER = Duration.ofSeconds(30);

    private final ServerConfig.Oidc config;
    private final ClientID clientId;
    private final Clock clock;
    /**
     * Discovered at first use, and again after a failure: the server starts while its provider is away. One
     * request discovers at a time (a lock that virtual threads wait on without holding a carrier).
     */
    private final ReentrantLock discovering = new ReentrantLock();
    private volatile Discovered discovered;
    private volatile Instant failedUntil = Instant.MIN;

    public OidcProvider(ServerConfig.Oidc config, Clock clock) {
        this.config = config;
        this.clientId = new ClientID(config.clientId());
        this.clock = clock;
    }

    /** The PKCE verifier and the nonce of one sign-in. */
    public record Pkce(String verifier, String nonce) {
        static Pkce fresh() {
            return new Pkce(new CodeVerifier().getValue(), new Nonce().getValue());
        }

        @Override
        public String toString() {
            return "Pkce[not shown]";
        }
    }

    /**
     * Who the provider says signed in: the account (issuer and subject), and its email address when the provider
     * verified it.
     */
    public record Identity(String issuer, String subject, Optional<String> verifiedEmail) {
    }

    private record Discovered(OIDCProviderMetadata metadata, IDTokenValidator validator) {
    }

    String authorizationUrl(Pkce pkce, String state) {
        return new AuthenticationRequest.Builder(ResponseType.CODE,
                new Scope(OIDCScopeValue.OPENID, OIDCScopeValue.EMAIL, OIDCScopeValue.PROFILE), clientId,
                config.redirectUri())
                .endpointURI(discovered().metadata().getAuthorizationEndpointURI())
                .state(new State(state))
                .nonce(new Nonce(pkce.nonce()))
                .codeChallenge(new CodeVerifier(pkce.verifier()), CodeChallengeMethod.S256)
                .build().toURI().toString();
    }

    Identity identify(String code, Pkce pkce) {
        Discovered provider = discovered();
        AuthorizationGrant grant = new AuthorizationCodeGrant(new AuthorizationCode(code), config.redirectUri(),
                new CodeVerifier(pkce.verifier()));
        var tokenEndpoint = provider.metadata().getTokenEndpointURI();
        TokenRequest request = config.clientSecret()
                .map(secret -> new TokenRequest(tokenEndpoint, new ClientSecretBasic(clientId, new Secret(secret)),
                        grant))
                .orElseGet(() -> new TokenRequest(tokenEndpoint, clientId, grant));
        HTTPRequest http = request.toHTTPRequest();
        http.setConnectTimeout(TIMEOUT_MS);
        http.setReadTimeout(TIMEOUT_MS);
        TokenResponse response;
        try {
            response = OIDCTokenResponseParser.parse(http.send());
        } catch (IOException e) {
            throw unavailable();
        } catch (ParseException e) {
            throw refused("the provider's answer to the code is not a token response");
        }
        if (!response.indicatesSuccess()) {
            throw refused("the provider refused the code: "
                    + response.toErrorResponse().getErrorObject().getCode());
        }
        JWT idToken = ((OIDCTokenResponse) response.toSuccessResponse()).getOIDCTokens().getIDToken();
        if (idToken == null) {
            throw refused("the provider's answer holds no ID token");
        }
        IDTokenClaimsSet claims;
        try {
            claims = provider.validator().validate(idToken, new Nonce(pkce.nonce()));
        } catch (KeySourceException keysAway) {
            throw unavailable();
        } catch (BadJOSEException | JOSEException e) {
            throw refused("the provider's ID token did not verify");
        }
        Optional<String> email = Optional.ofNullable(claims.getStringClaim("email"))
                .filter(address -> Boolean.TRUE.equals(claims.getBooleanClaim("email_verified")));
        return new Identity(claims.getIssuer().getValue(), claims.getSubject().getValue(), email);
    }

    private Discovered discovered() {
        Discovered known = discovered;
        if (known != null) {
            return known;
        }
        discovering.lock();
        try {
            if (discovered == null) {
                if (clock.instant().isBefore(failedUntil)) {
                    throw unavailable();
                }
                try {
                    discovered = discover();
                } catch (ApiProblem away) {
                    failedUntil = clock.instant().plus(RETRY_AFTER);
                    throw away;
                }
            }
            return discovered;
        } finally {
            discovering.unlock();
        }
    }

    private Discovered discover() {
        OIDCProviderMetadata metadata;
        try {
            // resolve() also checks that the document names the issuer it was fetched for
            metadata = OIDCProviderMetadata.resolve(new Issuer(config.issuer()), TIMEOUT_MS, TIMEOUT_MS);
        } catch (GeneralException | IOException e) {
            throw unavailable();
        }
        if (metadata.getJWKSetURI() == null || metadata.getAuthorizationEndpointURI() == null
                || metadata.getTokenEndpointURI() == null) {
            throw unavailable(); // not a provider this server can sign people in through
        }
        JWKSource<SecurityContext> keys;
        try {
            keys = JWKSourceBuilder.create(metadata.getJWKSetURI().toURL(),
                    new DefaultResourceRetriever(TIMEOUT_MS, TIMEOUT_MS, MAX_KEYS_BYTES)).build();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw unavailable();
        }
        // Signed with the provider's own keys only: never "none", nor a secret shared with clients.
        Set<JWSAlgorithm> algorithms = new LinkedHashSet<>();
        Optional.ofNullable(metadata.getIDTokenJWSAlgs()).ifPresent(listed -> listed.stream()
                .filter(JWSAlgorithm.Family.SIGNATURE::contains).forEach(algorithms::add));
        if (algorithms.isEmpty()) {
            algorithms.add(JWSAlgorithm.RS256); // what every provider must offer
        }
        return new Discovered(metadata, new IDTokenValidator(metadata.getIssuer(), clientId,
                new JWSVerificationKeySelector<>(algorithms, keys), null));
    }

    private static ApiProblem unavailable() {
        return new ApiProblem(503, "OIDC_UNAVAILABLE", "Identity provider unavailable",
                "the identity provider could not be reached; try again later", List.of(),
                Map.of("Retry-After", Long.toString(RETRY_AFTER.toSeconds())));
    }

    private static ApiProblem refused(String detail) {
        return new ApiProblem(401, "OIDC_REFUSED", "Sign-in not accepted", detail);
    }
}
