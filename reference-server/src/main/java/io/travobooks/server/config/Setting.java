package io.travobooks.server.config;

import java.util.Arrays;
import java.util.Optional;

/** Every setting the server reads: its key in the YAML file and the environment variable that overrides it. */
public enum Setting {
    HOST("server.host", "TRAVO_HOST"),
    PORT("server.port", "TRAVO_PORT"),
    MAX_BODY_BYTES("server.max-body-bytes", "TRAVO_MAX_BODY_BYTES"),
    AUTH_FAILURES("server.auth-failures-per-minute", "TRAVO_AUTH_FAILURES_PER_MINUTE"),
    TLS_KEYSTORE("server.tls.keystore", "TRAVO_TLS_KEYSTORE"),
    TLS_KEYSTORE_PASSWORD("server.tls.keystore-password", "TRAVO_TLS_KEYSTORE_PASSWORD"),
    CORS_ORIGINS("server.cors.allowed-origins", "TRAVO_CORS_ALLOWED_ORIGINS"),
    LIMIT_PLANS("limits.plans", "TRAVO_LIMIT_PLANS"),
    LIMIT_TENANT_PLANS("limits.tenant-plans", "TRAVO_LIMIT_TENANT_PLANS"),
    LIMIT_PER_CREDENTIAL("limits.per-credential-per-minute", "TRAVO_LIMIT_PER_CREDENTIAL_PER_MINUTE"),
    LIMIT_PER_ADDRESS("limits.per-address-per-minute", "TRAVO_LIMIT_PER_ADDRESS_PER_MINUTE"),
    ROLE("server.role", "TRAVO_ROLE"),
    WORKERS("workers.run", "TRAVO_WORKERS"),
    WORKERS_EVERY_MS("workers.every-ms", "TRAVO_WORKERS_EVERY_MS"),
    DATA_DIR("data-dir", "TRAVO_DATA_DIR"),
    DATABASE_URL("database.url", "TRAVO_DATABASE_URL"),
    DATABASE_USER("database.user", "TRAVO_DATABASE_USER"),
    DATABASE_PASSWORD("database.password", "TRAVO_DATABASE_PASSWORD"),
    DATABASE_POOL_SIZE("database.pool-size", "TRAVO_DATABASE_POOL_SIZE"),
    REDIS_URI("redis.uri", "TRAVO_REDIS_URI"),
    REDIS_NAMESPACE("redis.namespace", "TRAVO_REDIS_NAMESPACE"),
    TIME_ZONE("bookings.time-zone", "TRAVO_TIME_ZONE"),
    APPROVAL_ABOVE("bookings.approval-above-minor", "TRAVO_APPROVAL_ABOVE_MINOR"),
    WEBHOOK_ALLOW("messaging.webhook-allow", "TRAVO_WEBHOOK_ALLOW"),
    MAIL_DIR("messaging.mail-dir", "TRAVO_MAIL_DIR"),
    SMTP_HOST("messaging.smtp.host", "TRAVO_SMTP_HOST"),
    SMTP_PORT("messaging.smtp.port", "TRAVO_SMTP_PORT"),
    SMTP_FROM("messaging.smtp.from", "TRAVO_SMTP_FROM"),
    SMTP_USER("messaging.smtp.user", "TRAVO_SMTP_USER"),
    SMTP_PASSWORD("messaging.smtp.password", "TRAVO_SMTP_PASSWORD"),
    SMS_URL("messaging.sms.url", "TRAVO_SMS_URL"),
    SMS_TOKEN("messaging.sms.token", "TRAVO_SMS_TOKEN"),
    SMS_CALLBACK_SECRET("messaging.sms.callback-secret", "TRAVO_SMS_CALLBACK_SECRET"),
    WHATSAPP_URL("messaging.whatsapp.url", "TRAVO_WHATSAPP_URL"),
    WHATSAPP_TOKEN("messaging.whatsapp.token", "TRAVO_WHATSAPP_TOKEN"),
    WHATSAPP_CALLBACK_SECRET("messaging.whatsapp.callback-secret", "TRAVO_WHATSAPP_CALLBACK_SECRET"),
    SECRET_KEY("security.secret-key", "TRAVO_SECRET_KEY"),
    AUDIT_READS("security.audit-reads", "TRAVO_AUDIT_READS"),
    OIDC_ISSUER("security.oidc.issuer", "TRAVO_OIDC_ISSUER"),
    OIDC_CLIENT_ID("security.oidc.client-id", "TRAVO_OIDC_CLIENT_ID"),
    OIDC_CLIENT_SECRET("security.oidc.client-secret", "TRAVO_OIDC_CLIENT_SECRET"),
    OIDC_REDIRECT_URI("security.oidc.redirect-uri", "TRAVO_OIDC_REDIRECT_URI"),
    OIDC_TENANTS("security.oidc.tenants", "TRAVO_OIDC_TENANTS"),
    TENANT("bootstrap.tenant", "TRAVO_TENANT"),
    CURRENCY("bootstrap.currency", "TRAVO_CURRENCY"),
    ADMIN_KEY("bootstrap.admin-key", "TRAVO_ADMIN_KEY"),
    ADMIN_EMAIL("bootstrap.admin-email", "TRAVO_ADMIN_EMAIL"),
    ADMIN_PASSWORD("bootstrap.admin-password", "TRAVO_ADMIN_PASSWORD");

    private final String key;
    private final String environmentVariable;

    Setting(String key, String environmentVariable) {
        this.key = key;
        this.environmentVariable = environmentVariable;
    }

    public String key() {
        return key;
    }

    public String environmentVariable() {
        return environmentVariable;
    }

    /** How a message names the setting: both ways of giving it. */
    public String describe() {
        return key + " (" + environmentVariable + ")";
    }

    static Optional<Setting> byKey(String key) {
        return Arrays.stream(values()).filter(setting -> setting.key.equals(key)).findFirst();
    }
}
