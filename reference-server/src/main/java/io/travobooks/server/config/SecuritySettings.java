package io.travobooks.server.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The security settings read and checked: the secret key, audited reads, and the identity provider. */
final class SecuritySettings {
    private SecuritySettings() {
    }

    static ServerConfig.Security from(Map<Setting, String> values) {
        Optional<String> key = Optional.ofNullable(values.get(Setting.SECRET_KEY)).map(String::trim);
        key.ifPresent(text -> {
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(text);
            } catch (IllegalArgumentException e) {
                bytes = new byte[0];
            }
            if (bytes.length != 32) {
                throw new ConfigException(Setting.SECRET_KEY.describe()
                        + " must be 32 random bytes as base64 (openssl rand -base64 32)");
            }
        });
        String reads = values.getOrDefault(Setting.AUDIT_READS, "false").trim();
        if (!reads.equals("true") && !reads.equals("false")) {
            throw new ConfigException(Setting.AUDIT_READS.describe() + " must be true or false, got " + reads);
        }
        boolean external = values.containsKey(Setting.REDIS_URI)
                || values.getOrDefault(Setting.DATABASE_URL, "").startsWith("jdbc:mysql:");
        if (key.isEmpty() && external) {
            // Several nodes may serve, and a database outlives any node's files: a key file would not open the
            // seals or verify the chains that another node, or a new container, wrote.
            throw new ConfigException(Setting.SECRET_KEY.describe() + " is needed with a MySQL database or Redis: "
                    + "every node must use the same key, kept outside the node (openssl rand -base64 32)");
        }
        return new ServerConfig.Security(key, Boolean.parseBoolean(reads), oidc(values));
    }

    private static Optional<ServerConfig.Oidc> oidc(Map<Setting, String> values) {
        if (!values.containsKey(Setting.OIDC_ISSUER)) {
            for (Setting part : List.of(Setting.OIDC_CLIENT_ID, Setting.OIDC_CLIENT_SECRET, Setting.OIDC_REDIRECT_URI,
                    Setting.OIDC_TENANTS)) {
                if (values.containsKey(part)) {
                    throw new ConfigException(part.describe() + " is set, but not " + Setting.OIDC_ISSUER.describe());
                }
            }
            return Optional.empty();
        }
        URI issuer = address(values, Setting.OIDC_ISSUER);
        // A provider's keys and tokens travel over this connection: in the clear only to this machine.
        boolean loopback = List.of("127.0.0.1", "localhost", "[::1]").contains(issuer.getHost());
        if (!issuer.getScheme().equals("https") && !loopback) {
            throw new ConfigException(Setting.OIDC_ISSUER.describe() + " must be an https:// URL, got " + issuer);
        }
        for (Setting needed : List.of(Setting.OIDC_CLIENT_ID, Setting.OIDC_REDIRECT_URI, Setting.OIDC_TENANTS)) {
            if (!values.containsKey(needed)) {
                throw new ConfigException(needed.describe() + " is needed with " + Setting.OIDC_ISSUER.describe());
            }
        }
        Set<String> tenants = Arrays.stream(values.get(Setting.OIDC_TENANTS).split(",")).map(String::trim)
                .filter(tenant -> !tenant.isEmpty()).collect(Collectors.toSet());
        if (tenants.isEmpty()) {
            throw new ConfigException(Setting.OIDC_TENANTS.describe() + " must name tenants (ids separated by "
                    + "commas) or be *");
        }
        return Optional.of(new ServerConfig.Oidc(issuer, values.get(Setting.OIDC_CLIENT_ID),
                Optional.ofNullable(values.get(Setting.OIDC_CLIENT_SECRET)),
                address(values, Setting.OIDC_REDIRECT_URI), tenants));
    }

    /** An absolute http(s) URL. */
    private static URI address(Map<Setting, String> values, Setting setting) {
        String text = values.get(setting);
        try {
            URI uri = new URI(text);
            if (uri.getHost() == null || !List.of("http", "https").contains(String.valueOf(uri.getScheme()))) {
                throw new URISyntaxException(text, "not an absolute http(s) URL");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new ConfigException(setting.describe() + " must be an absolute http(s) URL, got " + text);
        }
    }

}
