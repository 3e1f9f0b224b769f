package io.travobooks.server.config;

import java.util.Arrays;
import java.util.Optional;

/** The background workers a server process can run, by the names the settings use. */
public enum Worker {
    ISSUANCE_RECONCILER("issuance-reconciler"),
    HOLD_EXPIRY("hold-expiry"),
    PENDING_EXPIRY("pending-expiry"),
    AUDIT_CHAINER("audit-chainer"),
    OUTBOX_RELAY("outbox-relay"),
    WEBHOOK_DISPATCHER("webhook-dispatcher"),
    NOTIFIER("notifier");

    private final String setting;

    Worker(String setting) {
        this.setting = setting;
    }

    public String setting() {
        return setting;
    }

    static Optional<Worker> named(String name) {
        return Arrays.stream(values()).filter(worker -> worker.setting.equals(name)).findFirst();
    }
}
