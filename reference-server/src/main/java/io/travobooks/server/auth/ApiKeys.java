package io.travobooks.server.auth;

import io.travobooks.spi.TenantId;
import io.travobooks.spi.cache.HotCache;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Issues, checks and revokes API keys. A request's key is looked up in the hot cache before the database: every
 * request carries one, and a database transaction per request for it would cost more than most operations. A
 * revocation drops the key from the cache on every node (this one at once, the others when the broadcast
 * arrives); {@link #CACHE_TTL} bounds how long a node that missed the broadcast may still accept it.
 */
public final class ApiKeys implements Credentials {
    private static final Logger LOG = LoggerFactory.getLogger(ApiKeys.class);
    public static final Duration CACHE_TTL = Duration.ofSeconds(30);
    private static final String CACHE_PREFIX = "api-key:";

    private final ApiKeyStore store;
    private final Clock clock;
    private final HotCache cache;
    private final DecodedTexts<CachedKey> decoded = new DecodedTexts<>(CachedKey::decode);
    /** The minute (since the epoch) each key's use was last recorded by this node. */
    private final Map<String, Long> lastRecorded = new ConcurrentHashMap<>();
    private static final int MAX_RECORDED = 100_000;

    public ApiKeys(ApiKeyStore store, Clock clock, HotCache cache) {
        this.store = store;
        this.clock = clock;
        this.cache = cache;
    }

    /** A new key and its secret: the caller shows the secret once; only its hash is kept. */
    public record Issued(ApiKey key, ApiKeySecret secret) {
    }

    public Issued issue(TenantId tenant, String name, Set<Scope> scopes, Optional<Instant> expiresAt) {
        return issue(tenant, name, scopes, expiresAt, Optional.empty(), Optional.empty());
    }

    /**
     * A new key that {@code createdBy} (a caller's actor) made (see {@link #revokeBeyond}), for an AI agent when it
     * carries a mandate.
     */
    public Issued issue(TenantId tenant, String name, Set<Scope> scopes, Optional<Instant> expiresAt,
                        Optional<String> createdBy, Optional<Mandate> mandate) {
        ApiKeySecret secret = ApiKeySecret.generate();
        ApiKey key = newKey(tenant, name, scopes, expiresAt, secret, createdBy, mandate);
        store.insert(key, secret.hash());
        return new Issued(key, secret);
    }

    /**
     * Revokes the keys {@code actor} made that can do more than {@code allowed}: a key never has more than the one
     * who made it, so a person's keys follow their standing (none when they are disabled). Answers how many.
     */
    public int revokeBeyond(TenantId tenant, String actor, Set<Scope> allowed) {
        int revoked = 0;
        for (ApiKey key : store.liveCreatedBy(tenant, actor)) {
            if (!allowed.containsAll(key.scopes())) {
                revoke(tenant, key.id());
                revoked++;
            }
        }
        return revoked;
    }

    /**
     * A tenant's first key (the secret new, or chosen elsewhere: from the environment); empty, with nothing stored,
     * when the tenant has its first key already.
     */
    public Optional<Issued> issueFirst(TenantId tenant, Set<Scope> scopes, Optional<ApiKeySecret> chosen) {
        ApiKeySecret secret = chosen.orElseGet(ApiKeySecret::generate);
        ApiKey key = newKey(tenant, "first admin key", scopes, Optional.empty(), secret, Optional.empty(),
                Optional.empty());
        return store.insertFirst(key, secret.hash()) ? Optional.of(new Issued(key, secret)) : Optional.empty();
    }

    private ApiKey newKey(TenantId tenant, String name, Set<Scope> scopes, Optional<Instant> expiresAt,
                          ApiKeySecret secret, Optional<String> createdBy, Optional<Mandate> mandate) {
        return new ApiKey("key_" + ApiKeySecret.randomBase62(12), tenant, name, secret.displayPrefix(), scopes,
                clock.instant(), expiresAt, Optional.empty(), createdBy, Optional.empty(), mandate);
    }

    /** The caller a bearer token stands for, when it is a key that exists, has not expired and is not revoked. */
    @Override
    public Optional<Caller> authenticate(String token) {
        Optional<ApiKeySecret> secret = ApiKeySecret.parse(token);
        if (secret.isEmpty()) {
            return Optional.empty(); // not even the form of a key: no lookup at all
        }
        String hash = secret.get().hash();
        String cached;
        try {
            cached = cache.getOrLoad(CACHE_PREFIX + hash, CACHE_TTL, () -> store.findBySecretHash(hash)
                    .filter(key -> key.revokedAt().isEmpty())
                    .map(CachedKey::of)
                    .map(CachedKey::encode)
                    .orElseThrow(UnknownCredential::new));
        } catch (UnknownCredential unknown) {
            return Optional.empty(); // not cached: anyone can make well-formed keys, and none should fill the cache
        }
        Instant now = clock.instant();
        CachedKey key = decoded.get(cached);
        if (key.expiresAt().filter(at -> !now.isBefore(at)).isPresent()) {
            return Optional.empty();
        }
        recordUse(key.caller().id(), now);
        return Optional.of(key.caller());
    }

    /**
     * Records that the key was used, at most once a minute per key and node, off the request's path: a write per
     * request would cost more than most requests.
     */
    private void recordUse(String id, Instant now) {
        long minute = now.getEpochSecond() / 60;
        Long recorded = lastRecorded.get(id);
        boolean mine = recorded == null ? lastRecorded.putIfAbsent(id, minute) == null
                : recorded < minute && lastRecorded.replace(id, recorded, minute);
        if (!mine) {
            return;
        }
        if (lastRecorded.size() > MAX_RECORDED) {
            lastRecorded.clear();
        }
        Thread.ofVirtual().start(() -> {
            try {
                store.used(id, now);
            } catch (RuntimeException e) {
                LOG.warn("could not record the use of key {}", id, e);
            }
        });
    }

    /** What the key may do now: its scopes, none when revoked, expired or gone. */
    public Set<Scope> scopesNow(TenantId tenant, String id) {
        return store.find(tenant, id).filter(key -> key.isUsableAt(clock.instant())).map(ApiKey::scopes)
                .orElse(Set.of());
    }

    public Optional<ApiKey> revoke(TenantId tenant, String id) {
        Optional<ApiKey> revoked = store.revoke(tenant, id, clock.instant());
        store.secretHash(tenant, id).ifPresent(hash -> {
            try {
                cache.invalidate(CACHE_PREFIX + hash);
            } catch (RuntimeException e) {
                // The revocation is stored: a failure here must not answer an error; copies age out with the TTL.
                LOG.warn("could not drop revoked key {} from the cache", id, e);
            }
        });
        return revoked;
    }

    public ApiKeyStore store() {
        return store;
    }

    /**
     * What a request needs of a key, in the cache: tenant, id, scopes, expiry, principal (every part free of '|');
     * decoded once
     * into the caller it stands for.
     */
    private record CachedKey(Caller caller, Optional<Instant> expiresAt) {
        static CachedKey of(ApiKey key) {
            return new CachedKey(Caller.key(key.tenant(), key.id(), key.scopes(), key.createdBy()),
                    key.expiresAt());
        }

        String encode() {
            return caller.tenant().value() + "|" + caller.id() + "|" + Scope.text(caller.scopes()) + "|"
                    + expiresAt.map(Instant::toString).orElse("") + "|" + caller.principal();
        }

        static CachedKey decode(String text) {
            String[] parts = text.split("\\|", -1);
            Set<Scope> scopes = Scope.parseAll(parts[2]);
            // Texts cached before keys had owners have four parts: the key is its own principal.
            Optional<String> owner = parts.length > 4 ? Optional.of(parts[4]) : Optional.empty();
            return new CachedKey(Caller.key(TenantId.of(parts[0]), parts[1], scopes, owner),
                    parts[3].isEmpty() ? Optional.empty() : Optional.of(Instant.parse(parts[3])));
        }
    }
}
