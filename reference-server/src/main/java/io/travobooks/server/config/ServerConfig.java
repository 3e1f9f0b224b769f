package io.travobooks.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.travobooks.messaging.webhook.AddressRange;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The server's settings, from an optional YAML file overridden by {@code TRAVO_*} environment variables. With
 * neither, the server runs on the embedded default: H2 files under {@code ./data}, coordination in the JVM. A value
 * that cannot be used stops the start with a message naming the setting.
 */
public record ServerConfig(String host, int port, long maxBodyBytes, int authFailuresPerMinute, Path dataDir,
                           Optional<Database> database, Optional<Redis> redis, Bookings bookings,
                           Messaging messaging, Process process, Bootstrap bootstrap, Limits limits,
                           Security security, Web web) {

    /** What a process serves: the API, the background workers, or both (the default). */
    public enum Role {
        API, WORKER, ALL;

        public boolean servesApi() {
            return this != WORKER;
        }

        public boolean runsWorkers() {
            return this != API;
        }
    }

    /**
     * @param workers the workers this process runs (none for the {@code api} role)
     * @param every   the pause between two passes of a worker
     */
    public record Process(Role role, Set<Worker> workers, Duration every) {
        public Process {
            workers = role.runsWorkers() ? Set.copyOf(workers) : Set.of();
        }
    }

    public record Database(String url, String user, String password, int poolSize) {
        @Override
        public String toString() {
            return "Database[url=" + Secrets.redacted(url) + ", user=" + user + ", password=***, poolSize="
                    + poolSize + "]";
        }
    }

    public record Redis(String uri, String namespace) {
        @Override
        public String toString() {
            return "Redis[uri=" + Secrets.redacted(uri) + ", namespace=" + namespace + "]";
        }
    }

    /**
     * @param timeZone           the agency's zone: a void window and a billing period are days there
     * @param approvalAboveMinor an issue whose fare for all passengers is above this (in the fare's minor units)
     *                           waits for a person's approval; absent, no issue does
     */
    public record Bookings(ZoneId timeZone, OptionalLong approvalAboveMinor) {
    }

    /**
     * Where messages go. Email goes through the SMTP relay when one is configured, and is otherwise written to
     * {@code mailDir} as {@code .eml} files; SMS and WhatsApp are off until a provider is configured.
     *
     * @param webhookAllowed address ranges webhooks may reach although the SSRF guard forbids them (private
     *                       networks, loopback), for endpoints inside the agency's own network
     */
    public record Messaging(List<AddressRange> webhookAllowed, Path mailDir, Optional<Smtp> smtp,
                            Optional<HttpProvider> sms, Optional<HttpProvider> whatsapp) {
        public Messaging {
            webhookAllowed = List.copyOf(webhookAllowed);
        }

        /** Email to the mail folder under the data directory, no SMS or WhatsApp, webhooks to public hosts. */
        public static Messaging local(Path dataDir) {
            return new Messaging(List.of(), dataDir.resolve("mail"), Optional.empty(), Optional.empty(),
                    Optional.empty());
        }
    }

    public record Smtp(String host, int port, String from, Optional<String> user, Optional<String> password) {
        @Override
        public String toString() {
            return "Smtp[host=" + host + ", port=" + port + ", from=" + from + ", user=" + user.orElse("-")
                    + ", password=" + password.map(p -> "***").orElse("-") + "]";
        }
    }

    /**
     * An SMS or WhatsApp provider reached over HTTP.
     *
     * @param callbackSecret the secret the provider signs its delivery callbacks with
     */
    public record HttpProvider(URI url, Optional<String> token, Optional<String> callbackSecret) {
        @Override
        public String toString() {
            return "HttpProvider[url=" + Secrets.redacted(url.toString()) + ", token="
                    + token.map(t -> "***").orElse("-") + ", callbackSecret="
                    + callbackSecret.map(t -> "***").orElse("-") + "]";
        }
    }

    /** The tenant and admin key a first start creates, so that a new server can be called at once. */
    public record Bootstrap(String tenant, Currency currency, Optional<String> adminKey, String adminEmail,
                            Optional<String> adminPassword) {
        /** The first user's address when none is configured. */
        public static final String DEFAULT_ADMIN_EMAIL = "owner@travobooks.local";

        @Override
        public String toString() {
            return "Bootstrap[tenant=" + tenant + ", currency=" + currency + ", adminKey="
                    + adminKey.map(key -> "***").orElse("(new)") + ", adminEmail=" + adminEmail + ", adminPassword="
                    + adminPassword.map(password -> "***").orElse("(new)") + "]";
        }
    }

    /**
     * The key that seals the secrets the server reads back (people's TOTP secrets): 32 bytes as base64, the same on
     * every node; without one, a key file in the data folder (made at the first start) serves a single process.
     * {@code auditReads}: reads go to the audit log too, not only changes and security events. {@code oidc}: people
     * may also sign in through this OpenID Connect provider.
     */
    public record Security(Optional<String> secretKey, boolean auditReads, Optional<Oidc> oidc) {
        public static final Security DEFAULT = new Security(Optional.empty(), false, Optional.empty());

        @Override
        public String toString() {
            return "Security[sealingKey=" + secretKey.map(key -> "***").orElse("(key file)") + ", auditReads="
                    + auditReads + ", oidc=" + oidc + "]";
        }
    }

    /**
     * An OpenID Connect provider people may sign in through: its issuer (whose discovery document names the rest),
     * this server's client there (a confidential client when it has a secret, a public one otherwise), and the
     * address the provider sends people back to: a page of the caller's, which hands the code to the server.
     * {@code tenants}: the tenants whose users may sign in through it ({@code *}: all).
     */
    public record Oidc(URI issuer, String clientId, Optional<String> clientSecret, URI redirectUri,
                       Set<String> tenants) {
        public Oidc {
            tenants = Set.copyOf(tenants);
        }

        public boolean admits(String tenant) {
            return tenants.contains("*") || tenants.contains(tenant);
        }

        @Override
        public String toString() {
            return "Oidc[issuer=" + issuer + ", clientId=" + clientId + ", clientSecret="
                    + clientSecret.map(secret -> "***").orElse("(none)") + ", redirectUri=" + redirectUri
                    + ", tenants=" + tenants + "]";
        }
    }

    /**
     * How the server meets browsers and the network: TLS (1.3 only) from a PKCS#12 keystore when one is set, and
     * the origins whose pages may call the API (CORS; none by default).
     */
    public record Web(Optional<Tls> tls, List<String> corsOrigins) {
        public static final Web PLAIN = new Web(Optional.empty(), List.of());

        public Web {
            corsOrigins = List.copyOf(corsOrigins);
        }
    }

    /** A PKCS#12 keystore holding the server's key and certificate chain. */
    public record Tls(Path keystore, String password) {
        @Override
        public String toString() {
            return "Tls[keystore=" + keystore + ", password=***]";
        }
    }

    public static ServerConfig load(Optional<Path> file, Map<String, String> environment) {
        Map<Setting, String> values = new EnumMap<>(Setting.class);
        file.ifPresent(path -> values.putAll(readYaml(path)));
        for (Setting setting : Setting.values()) {
            String fromEnvironment = environment.get(setting.environmentVariable());
            if (fromEnvironment != null && !fromEnvironment.isBlank()) {
                values.put(setting, fromEnvironment.trim());
            }
        }
        return from(values);
    }

    private static ServerConfig from(Map<Setting, String> values) {
        Optional<Database> database = Optional.ofNullable(values.get(Setting.DATABASE_URL)).map(url -> {
            if (!url.startsWith("jdbc:mysql:") && !url.startsWith("jdbc:h2:")) {
                throw new ConfigException(Setting.DATABASE_URL.describe()
                        + " must be a jdbc:mysql: URL (MySQL or MariaDB) or jdbc:h2:, got " + Secrets.redacted(url));
            }
            return new Database(url, values.getOrDefault(Setting.DATABASE_USER, "root"),
                    values.getOrDefault(Setting.DATABASE_PASSWORD, ""),
                    integer(values, Setting.DATABASE_POOL_SIZE, 16, 1, 1000));
        });
        Optional<Redis> redis = Optional.ofNullable(values.get(Setting.REDIS_URI)).map(uri -> {
            if (!uri.matches("^rediss?(-sentinel|-cluster)?://.+")) {
                throw new ConfigException(Setting.REDIS_URI.describe()
                        + " must be a redis://, rediss://, redis-sentinel:// or redis-cluster:// URI, got "
                        + Secrets.redacted(uri));
            }
            return new Redis(uri, values.getOrDefault(Setting.REDIS_NAMESPACE, "travo"));
        });
        String currencyCode = values.getOrDefault(Setting.CURRENCY, "BDT");
        Currency currency;
        try {
            currency = Currency.getInstance(currencyCode);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(Setting.CURRENCY.describe() + " must be an ISO 4217 code, got " + currencyCode);
        }
        Path dataDir = Path.of(values.getOrDefault(Setting.DATA_DIR, "data"));
        String tenant = values.getOrDefault(Setting.TENANT, "demo");
        if (!tenant.matches("^[a-z0-9][a-z0-9-]{0,62}$")) {
            throw new ConfigException(Setting.TENANT.describe()
                    + " must be lower-case letters, digits and dashes (at most 63), got " + tenant);
        }
        return new ServerConfig(values.getOrDefault(Setting.HOST, "127.0.0.1"),
                integer(values, Setting.PORT, 8080, 0, 65535),
                integer(values, Setting.MAX_BODY_BYTES, 1 << 20, 1024, 64 << 20),
                integer(values, Setting.AUTH_FAILURES, 60, 1, 1_000_000),
                dataDir, database, redis,
                new Bookings(timeZone(values), values.containsKey(Setting.APPROVAL_ABOVE)
                        ? OptionalLong.of(integer(values, Setting.APPROVAL_ABOVE, 0, 0, Integer.MAX_VALUE))
                        : OptionalLong.empty()),
                messaging(values, dataDir),
                process(values),
                new Bootstrap(tenant, currency, Optional.ofNullable(values.get(Setting.ADMIN_KEY)),
                        values.getOrDefault(Setting.ADMIN_EMAIL, Bootstrap.DEFAULT_ADMIN_EMAIL),
                        Optional.ofNullable(values.get(Setting.ADMIN_PASSWORD))),
                limits(values), SecuritySettings.from(values), web(values));
    }

    private static Web web(Map<Setting, String> values) {
        Optional<Tls> tls = Optional.ofNullable(values.get(Setting.TLS_KEYSTORE)).map(store -> {
            Path path = Path.of(store);
            if (!Files.isReadable(path)) {
                throw new ConfigException(Setting.TLS_KEYSTORE.describe() + " must be a readable PKCS#12 file, got "
                        + store);
            }
            return new Tls(path, values.getOrDefault(Setting.TLS_KEYSTORE_PASSWORD, ""));
        });
        List<String> origins = new ArrayList<>();
        for (String origin : values.getOrDefault(Setting.CORS_ORIGINS, "").split(",")) {
            String trimmed = origin.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            if (!trimmed.matches("^https?://[^/\\s]+$")) {
                throw new ConfigException(Setting.CORS_ORIGINS.describe() + " must be origins such as "
                        + "https://console.example.com (scheme and host, no path), separated by commas, got "
                        + trimmed);
            }
            origins.add(trimmed);
        }
        return new Web(tls, origins);
    }

    private static Limits limits(Map<Setting, String> values) {
        Map<String, Integer> plans = new LinkedHashMap<>();
        pairs(values, Setting.LIMIT_PLANS, "standard=6000").forEach((plan, perMinute) -> {
            try {
                int parsed = Integer.parseInt(perMinute);
                if (parsed < 1 || parsed > Limits.MAX_PER_MINUTE) {
                    throw new NumberFormatException();
                }
                plans.put(plan, parsed);
            } catch (NumberFormatException e) {
                throw new ConfigException(Setting.LIMIT_PLANS.describe() + " gives plan " + plan
                        + " a limit that is not a whole number of requests a minute from 1 to "
                        + Limits.MAX_PER_MINUTE + ": " + perMinute);
            }
        });
        return new Limits(plans, pairs(values, Setting.LIMIT_TENANT_PLANS, ""),
                integer(values, Setting.LIMIT_PER_CREDENTIAL, 3000, 1, Limits.MAX_PER_MINUTE),
                integer(values, Setting.LIMIT_PER_ADDRESS, 6000, 1, Limits.MAX_PER_MINUTE));
    }

    /** {@code name=value} pairs separated by commas. */
    private static Map<String, String> pairs(Map<Setting, String> values, Setting setting, String absent) {
        Map<String, String> pairs = new LinkedHashMap<>();
        for (String pair : values.getOrDefault(setting, absent).split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            String[] parts = pair.split("=", -1);
            if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
                throw new ConfigException(setting.describe() + " must be name=value pairs separated by commas, got "
                        + pair.trim());
            }
            pairs.put(parts[0].trim(), parts[1].trim());
        }
        return pairs;
    }

    private static Process process(Map<Setting, String> values) {
        String role = values.getOrDefault(Setting.ROLE, "all");
        Role parsed;
        try {
            parsed = Role.valueOf(role.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(Setting.ROLE.describe() + " must be api, worker or all, got " + role);
        }
        String run = values.getOrDefault(Setting.WORKERS, "all").trim();
        Set<Worker> workers = switch (run) {
            case "all" -> EnumSet.allOf(Worker.class);
            case "none", "" -> Set.of();
            default -> Arrays.stream(run.split(",")).map(String::trim).map(name -> Worker.named(name)
                    .orElseThrow(() -> new ConfigException(Setting.WORKERS.describe() + " names an unknown worker "
                            + name + "; known: " + Arrays.stream(Worker.values()).map(Worker::setting).toList()
                            + ", all or none"))).collect(Collectors.toSet());
        };
        return new Process(parsed, workers,
                Duration.ofMillis(integer(values, Setting.WORKERS_EVERY_MS, 1000, 10, 3_600_000)));
    }

    private static Messaging messaging(Map<Setting, String> values, Path dataDir) {
        List<AddressRange> allowed = new ArrayList<>();
        for (String range : values.getOrDefault(Setting.WEBHOOK_ALLOW, "").split(",")) {
            if (!range.isBlank()) {
                try {
                    allowed.add(AddressRange.parse(range.trim()));
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(Setting.WEBHOOK_ALLOW.describe()
                            + " must be address ranges such as 10.0.0.0/8, separated by commas, got " + range.trim());
                }
            }
        }
        Optional<Smtp> smtp = Optional.ofNullable(values.get(Setting.SMTP_HOST)).map(host -> new Smtp(host,
                integer(values, Setting.SMTP_PORT, 587, 1, 65535),
                Optional.ofNullable(values.get(Setting.SMTP_FROM)).orElseThrow(() -> new ConfigException(
                        Setting.SMTP_FROM.describe() + " is needed with " + Setting.SMTP_HOST.describe())),
                Optional.ofNullable(values.get(Setting.SMTP_USER)),
                Optional.ofNullable(values.get(Setting.SMTP_PASSWORD))));
        return new Messaging(allowed,
                values.containsKey(Setting.MAIL_DIR) ? Path.of(values.get(Setting.MAIL_DIR)) : dataDir.resolve("mail"),
                smtp,
                provider(values, Setting.SMS_URL, Setting.SMS_TOKEN, Setting.SMS_CALLBACK_SECRET),
                provider(values, Setting.WHATSAPP_URL, Setting.WHATSAPP_TOKEN, Setting.WHATSAPP_CALLBACK_SECRET));
    }

    private static Optional<HttpProvider> provider(Map<Setting, String> values, Setting url, Setting token,
                                                   Setting callbackSecret) {
        return Optional.ofNullable(values.get(url)).map(text -> {
            URI uri;
            try {
                uri = new URI(text);
            } catch (URISyntaxException e) {
                uri = null;
            }
            if (uri == null || uri.getHost() == null || !List.of("http", "https").contains(uri.getScheme())) {
                throw new ConfigException(url.describe() + " must be an http(s) URL, got " + Secrets.redacted(text));
            }
            Optional<String> secret = Optional.ofNullable(values.get(callbackSecret));
            if (secret.filter(value -> value.length() < 16).isPresent()) {
                throw new ConfigException(callbackSecret.describe() + " must have at least 16 characters");
            }
            return new HttpProvider(uri, Optional.ofNullable(values.get(token)), secret);
        });
    }

    private static ZoneId timeZone(Map<Setting, String> values) {
        String zone = values.getOrDefault(Setting.TIME_ZONE, "Asia/Dhaka");
        try {
            return ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw new ConfigException(Setting.TIME_ZONE.describe() + " must be a time zone such as Asia/Dhaka, got "
                    + zone);
        }
    }

    private static int integer(Map<Setting, String> values, Setting setting, int absent, int min, int max) {
        String text = values.get(setting);
        if (text == null) {
            return absent;
        }
        try {
            int value = Integer.parseInt(text);
            if (value < min || value > max) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new ConfigException(setting.describe() + " must be a whole number from " + min + " to " + max
                    + ", got " + text);
        }
    }

    private static Map<Setting, String> readYaml(Path path) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(Files.readAllBytes(path));
        } catch (IOException e) {
            throw new ConfigException("cannot read the configuration file " + path + ": " + e.getMessage());
        }
        Map<Setting, String> values = new EnumMap<>(Setting.class);
        if (root != null && !root.isMissingNode() && !root.isNull()) {
            flatten("", root, values, path);
        }
        return values;
    }

    private static void flatten(String prefix, JsonNode node, Map<Setting, String> into, Path file) {
        if (!node.isObject()) {
            Setting setting = Setting.byKey(prefix).orElseThrow(() -> new ConfigException(
                    file + " has an unknown setting " + prefix));
            // A list (workers to run, address ranges) reads as its items separated by commas, as in a variable.
            List<String> items = new ArrayList<>();
            node.forEach(item -> items.add(item.asText()));
            into.put(setting, node.isArray() ? String.join(",", items) : node.asText());
            return;
        }
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            flatten(prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey(), field.getValue(), into, file);
        }
    }
}
