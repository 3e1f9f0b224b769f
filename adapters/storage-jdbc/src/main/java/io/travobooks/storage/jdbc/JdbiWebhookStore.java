package io.travobooks.storage.jdbc;

import io.travobooks.spi.TenantId;
import io.travobooks.spi.TransactionRunner;
import io.travobooks.spi.UnitOfWork;
import io.travobooks.spi.webhook.DeliveryAttempt;
import io.travobooks.spi.webhook.WebhookDelivery;
import io.travobooks.spi.webhook.WebhookEndpoint;
import io.travobooks.spi.webhook.WebhookStore;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Update;

import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Webhook endpoints, deliveries and attempts on MySQL/MariaDB and H2 through Jdbi (tables from
 * {@code V4__webhook.sql}). Endpoint secrets are stored as given: HMAC signing needs them in the clear, so the
 * database's access control (and disk encryption) protect them.
 */
public final class JdbiWebhookStore extends JdbiStore implements WebhookStore {
    private static final String ENDPOINT_COLUMNS = "partner_id, endpoint_id, url, event_types, enabled, "
            + "disabled_reason, secret, previous_secret, previous_until, failing_since, created_at";
    private static final String INSERT_ENDPOINT = "INSERT INTO webhook_endpoint (" + ENDPOINT_COLUMNS + ") VALUES "
            + "(:t, :id, :url, :types, :enabled, :reason, :secret, :previous, :until, :failing, :created)";
    private static final String DELIVERY_COLUMNS = "partner_id, delivery_id, endpoint_id, event_id, event_type, "
            + "payload, status, attempts, next_attempt_at, created_at";


    JdbiWebhookStore(TransactionRunner transactions) {
        super(transactions);
    }

    // ---------------------------------------------------------------- endpoints

    @Override
    public void saveEndpoint(UnitOfWork uow, WebhookEndpoint endpoint) {
        bindEndpoint(handle(uow).createUpdate(INSERT_ENDPOINT + " ON DUPLICATE KEY UPDATE "
                        + "url = VALUES(url), event_types = VALUES(event_types), enabled = VALUES(enabled), "
                        + "disabled_reason = VALUES(disabled_reason), secret = VALUES(secret), "
                        + "previous_secret = VALUES(previous_secret), previous_until = VALUES(previous_until), "
                        + "failing_since = VALUES(failing_since)"), endpoint)
                .execute();
    }

    private static Update bindEndpoint(Update insert, WebhookEndpoint endpoint) {
        return insert.bind("t", endpoint.tenant().value()).bind("id", endpoint.id())
                .bind("url", endpoint.url().toString())
                .bind("types", String.join(",", endpoint.eventTypes().stream().sorted().toList()))
                .bind("enabled", endpoint.enabled()).bind("reason", endpoint.disabledReason().orElse(null))
                .bind("secret", endpoint.secret()).bind("previous", endpoint.previousSecret().orElse(null))
                .bind("until", endpoint.previousSecretUntil().map(JdbiWebhookStore::text).orElse(null))
                .bind("failing", endpoint.failingSince().map(JdbiWebhookStore::text).orElse(null))
                .bind("created", text(endpoint.createdAt()));
    }

    @Override
    public boolean createEndpoint(UnitOfWork uow, WebhookEndpoint endpoint) {
        if (endpoint(uow, endpoint.tenant(), endpoint.id()).isPresent()) {
            return false;
        }
        // A concurrent registration of the same id fails on the primary key: a retryable conflict, after which the
        // retry finds the endpoint and answers false.
        bindEndpoint(handle(uow).createUpdate(INSERT_ENDPOINT), endpoint).execute();
        return true;
    }

    @Override
    public Optional<WebhookEndpoint> endpoint(UnitOfWork uow, TenantId tenant, String endpointId) {
        return endpoint(uow, tenant, endpointId, "");
    }

    @Override
    public Optional<WebhookEndpoint> endpointForUpdate(UnitOfWork uow, TenantId tenant, String endpointId) {
        return endpoint(uow, tenant, endpointId, " FOR UPDATE");
    }

    private Optional<WebhookEndpoint> endpoint(UnitOfWork uow, TenantId tenant, String endpointId, String lock) {
        return handle(uow).createQuery("SELECT " + ENDPOINT_COLUMNS + " FROM webhook_endpoint "
                        + "WHERE partner_id = :t AND endpoint_id = :id" + lock)
                .bind("t", tenant.value()).bind("id", endpointId)
                .map((rs, ctx) -> endpoint(rs)).findOne();
    }

    @Override
    public List<WebhookEndpoint> endpoints(UnitOfWork uow, TenantId tenant) {
        return handle(uow).createQuery("SELECT " + ENDPOINT_COLUMNS + " FROM webhook_endpoint WHERE partner_id = :t "
                        + "ORDER BY endpoint_id")
                .bind("t", tenant.value())
                .map((rs, ctx) -> endpoint(rs)).list();
    }

    private static WebhookEndpoint endpoint(ResultSet rs) throws SQLException {
        String types = rs.getString("event_types");
        return new WebhookEndpoint(TenantId.of(rs.getString("partner_id")), rs.getString("endpoint_id"),
                URI.create(rs.getString("url")),
                types.isEmpty() ? Set.of() : Arrays.stream(types.split(",")).collect(Collectors.toSet()),
                rs.getBoolean("enabled"), Optional.ofNullable(rs.getString("disabled_reason")),
                rs.getString("secret"), Optional.ofNullable(rs.getString("previous_secret")),
                instant(rs, "previous_until"), instant(rs, "failing_since"),
                instant(rs, "created_at").orElseThrow());
    }

    // ---------------------------------------------------------------- deliveries

    @Override
    public boolean createDelivery(UnitOfWork uow, WebhookDelivery delivery) {
        Handle handle = handle(uow);
        boolean exists = handle.createQuery("SELECT COUNT(*) FROM webhook_delivery WHERE partner_id = :t "
                        + "AND endpoint_id = :endpoint AND event_id = :event")
                .bind("t", delivery.tenant().value()).bind("endpoint", delivery.endpointId())
                .bind("event", delivery.eventId())
                .mapTo(Long.class).one() > 0;
        if (exists) {
            return false;
        }
        // A concurrent fan-out of the same event fails on the unique key: a retryable conflict, after which the
        // retry finds the delivery and answers false.
        handle.createUpdate("INSERT INTO webhook_delivery (" + DELIVERY_COLUMNS + ") VALUES (:t, :id, :endpoint, "
                        + ":event, :type, :payload, :status, :attempts, :next, :created)")
                .bind("t", delivery.tenant().value()).bind("id", delivery.id())
                .bind("endpoint", delivery.endpointId()).bind("event", delivery.eventId())
                .bind("type", delivery.eventType()).bind("payload", delivery.payload())
                .bind("status", delivery.status().name()).bind("attempts", delivery.attempts())
                .bind("next", text(delivery.nextAttemptAt())).bind("created", text(delivery.createdAt()))
                .execute();
        return true;
    }

    @Override
    public Optional<WebhookDelivery> delivery(UnitOfWork uow, TenantId tenant, String deliveryId) {
        return handle(uow).createQuery("SELECT " + DELIVERY_COLUMNS + " FROM webhook_delivery "
                        + "WHERE partner_id = :t AND delivery_id = :id")
                .bind("t", tenant.value()).bind("id", deliveryId)
                .map((rs, ctx) -> delivery(rs)).findOne();
    }

    @Override
    public Claim claimDue(UnitOfWork uow, Instant now, String owner, Instant leaseUntil, int max) {
        Handle handle = handle(uow);
        String at = text(now);
        // A claim moves next_attempt_at to the lease's end, so leased deliveries are outside the due range: the scan
        // reads (and locks) only claimable rows, and a dead worker's claims fall due again when the lease ends.
        // Rows another worker is claiming right now are skipped, not waited for: concurrent workers claim
        // disjoint batches instead of queuing on each other's row locks.
        List<WebhookDelivery> candidates = handle.createQuery("SELECT " + DELIVERY_COLUMNS + " FROM webhook_delivery "
                        + "WHERE status = 'PENDING' AND next_attempt_at <= :now ORDER BY next_attempt_at LIMIT :max "
                        + "FOR UPDATE SKIP LOCKED")
                .bind("now", at).bind("max", max)
                .map((rs, ctx) -> delivery(rs))
                .list();
        // The claim is told apart from every other by a token of its own.
        String claim = owner + "/" + UUID.randomUUID();
        if (candidates.isEmpty()) {
            return new Claim(claim, List.of());
        }
        // One conditional update per tenant: a delivery another worker claimed meanwhile keeps its claim.
        int claimed = 0;
        for (Map.Entry<TenantId, List<String>> tenant : idsByTenant(candidates).entrySet()) {
            claimed += handle.createUpdate("UPDATE webhook_delivery SET lease_owner = :claim, lease_until = :until, "
                            + "next_attempt_at = :until WHERE partner_id = :t AND delivery_id IN (<ids>) "
                            + "AND status = 'PENDING' AND next_attempt_at <= :now")
                    .bind("claim", claim).bind("until", text(leaseUntil)).bind("t", tenant.getKey().value())
                    .bindList("ids", tenant.getValue()).bind("now", at)
                    .execute();
        }
        if (claimed == candidates.size()) {
            return new Claim(claim, candidates); // the rows were locked: what it read is what it claimed
        }
        List<WebhookDelivery> ours = new ArrayList<>();
        for (Map.Entry<TenantId, List<String>> tenant : idsByTenant(candidates).entrySet()) {
            Set<String> leased = Set.copyOf(handle.createQuery("SELECT delivery_id FROM webhook_delivery "
                            + "WHERE partner_id = :t AND delivery_id IN (<ids>) AND lease_owner = :claim")
                    .bind("t", tenant.getKey().value()).bindList("ids", tenant.getValue()).bind("claim", claim)
                    .mapTo(String.class).list());
            candidates.stream().filter(d -> d.tenant().equals(tenant.getKey()) && leased.contains(d.id()))
                    .forEach(ours::add);
        }
        return new Claim(claim, ours);
    }

    private static Map<TenantId, List<String>> idsByTenant(List<WebhookDelivery> deliveries) {
        Map<TenantId, List<String>> ids = new LinkedHashMap<>();
        for (WebhookDelivery delivery : deliveries) {
            ids.computeIfAbsent(delivery.tenant(), t -> new ArrayList<>()).add(delivery.id());
        }
        return ids;
    }

    @Override
    public int recordAttempts(UnitOfWork uow, String claimToken, List<AttemptRecord> records) {
        if (records.isEmpty()) {
            return 0;
        }
        Handle handle = handle(uow);
        // A batch's outcomes are mostly alike (delivered at the first attempt, at one instant): one update per
        // kind of outcome instead of one per delivery. Each update touches only rows the claim still holds, and
        // marks them as released by this call, so that they can be told apart if some were not held any more.
        String released = "released/" + UUID.randomUUID();
        Map<DeliveryState, List<String>> idsByOutcome = new LinkedHashMap<>();
        for (AttemptRecord record : records) {
            DeliveryAttempt attempt = record.attempt();
            idsByOutcome.computeIfAbsent(new DeliveryState(attempt.tenant(), record.status(), attempt.number(),
                    record.nextAttemptAt()), o -> new ArrayList<>()).add(attempt.deliveryId());
        }
        int updated = 0;
        for (Map.Entry<DeliveryState, List<String>> entry : idsByOutcome.entrySet()) {
            DeliveryState outcome = entry.getKey();
            updated += handle.createUpdate("UPDATE webhook_delivery SET status = :status, attempts = :n, "
                            + "next_attempt_at = :next, lease_owner = :released, lease_until = NULL "
                            + "WHERE partner_id = :t AND delivery_id IN (<ids>) AND lease_owner = :claim "
                            + "AND lease_until IS NOT NULL")
                    .bind("status", outcome.status().name()).bind("n", outcome.number())
                    .bind("next", text(outcome.next())).bind("t", outcome.tenant().value())
                    .bindList("ids", entry.getValue()).bind("claim", claimToken).bind("released", released)
                    .execute();
        }
        List<AttemptRecord> recorded = updated == records.size() ? records : releasedBy(handle, released, records);
        if (recorded.isEmpty()) {
            return 0;
        }
        PreparedBatch attempts = handle.prepareBatch("INSERT INTO webhook_attempt (partner_id, delivery_id, "
                + "attempt_no, attempted_at, status_code, detail, took_millis) "
                + "VALUES (:t, :id, :n, :at, :status, :detail, :took)");
        for (AttemptRecord record : recorded) {
            DeliveryAttempt attempt = record.attempt();
            attempts.bind("t", attempt.tenant().value()).bind("id", attempt.deliveryId()).bind("n", attempt.number())
                    .bind("at", text(attempt.at())).bind("status", attempt.status().orElse(null))
                    .bind("detail", attempt.detail()).bind("took", attempt.took().toMillis()).add();
        }
        attempts.execute();
        return recorded.size();
    }

    /** The records whose deliveries the updates marked {@code released} (when some were not held: a lapsed lease). */
    private static List<AttemptRecord> releasedBy(Handle handle, String released, List<AttemptRecord> records) {
        Map<TenantId, List<String>> ids = new LinkedHashMap<>();
        for (AttemptRecord record : records) {
            ids.computeIfAbsent(record.attempt().tenant(), t -> new ArrayList<>()).add(record.attempt().deliveryId());
        }
        Set<String> held = new HashSet<>();
        ids.forEach((tenant, deliveryIds) -> handle.createQuery("SELECT delivery_id FROM webhook_delivery "
                        + "WHERE partner_id = :t AND delivery_id IN (<ids>) AND lease_owner = :released")
                .bind("t", tenant.value()).bindList("ids", deliveryIds).bind("released", released)
                .mapTo(String.class).forEach(id -> held.add(tenant.value() + "\n" + id)));
        return records.stream()
                .filter(r -> held.contains(r.attempt().tenant().value() + "\n" + r.attempt().deliveryId()))
                .toList();
    }

    /** What one update writes to every delivery it names. */
    private record DeliveryState(TenantId tenant, WebhookDelivery.Status status, int number, Instant next) {
    }

    @Override
    public boolean defer(UnitOfWork uow, String claimToken, TenantId tenant, String deliveryId, Instant at) {
        return handle(uow).createUpdate("UPDATE webhook_delivery SET next_attempt_at = :at, lease_until = NULL "
                        + "WHERE partner_id = :t AND delivery_id = :id AND status = 'PENDING' "
                        + "AND lease_owner = :claim AND lease_until IS NOT NULL")
                .bind("at", text(at)).bind("t", tenant.value()).bind("id", deliveryId).bind("claim", claimToken)
                .execute() == 1;
    }

    @Override
    public List<DeliveryAttempt> attempts(UnitOfWork uow, TenantId tenant, String deliveryId) {
        return handle(uow).createQuery("SELECT partner_id, delivery_id, attempt_no, attempted_at, status_code, detail, "
                        + "took_millis FROM webhook_attempt WHERE partner_id = :t AND delivery_id = :id "
                        + "ORDER BY attempt_no")
                .bind("t", tenant.value()).bind("id", deliveryId)
                .map((rs, ctx) -> {
                    int code = rs.getInt("status_code");
                    Optional<Integer> status = rs.wasNull() ? Optional.empty() : Optional.of(code);
                    return new DeliveryAttempt(TenantId.of(rs.getString("partner_id")), rs.getString("delivery_id"),
                            rs.getInt("attempt_no"), instant(rs, "attempted_at").orElseThrow(), status,
                            rs.getString("detail"), Duration.ofMillis(rs.getLong("took_millis")));
                })
                .list();
    }

    @Override
    public List<WebhookDelivery> dead(UnitOfWork uow, TenantId tenant, Instant from, Instant to,
                                      Optional<WebhookDelivery> after, int max) {
        return handle(uow).createQuery("SELECT " + DELIVERY_COLUMNS + " FROM webhook_delivery WHERE partner_id = :t "
                        + "AND status = 'DEAD' AND created_at >= :from AND created_at < :to "
                        + (after.isPresent() ? "AND (created_at > :afterAt OR (created_at = :afterAt "
                        + "AND delivery_id > :afterId)) " : "")
                        + "ORDER BY created_at, delivery_id LIMIT :max")
                .bind("t", tenant.value()).bind("from", text(from)).bind("to", text(to)).bind("max", max)
                .bind("afterAt", after.map(d -> text(d.createdAt())).orElse(null))
                .bind("afterId", after.map(WebhookDelivery::id).orElse(null))
                .map((rs, ctx) -> delivery(rs)).list();
    }

    @Override
    public List<WebhookDelivery> deliveries(UnitOfWork uow, TenantId tenant, DeliveryQuery query,
                                            Optional<WebhookDelivery> after, int max) {
        return handle(uow).createQuery("SELECT " + DELIVERY_COLUMNS + " FROM webhook_delivery WHERE partner_id = :t "
                        + (query.endpointId().isPresent() ? "AND endpoint_id = :endpoint " : "")
                        + (query.status().isPresent() ? "AND status = :status " : "")
                        + (after.isPresent() ? "AND (created_at < :afterAt OR (created_at = :afterAt "
                        + "AND delivery_id < :afterId)) " : "")
                        + "ORDER BY created_at DESC, delivery_id DESC LIMIT :max")
                .bind("t", tenant.value()).bind("max", max)
                .bind("endpoint", query.endpointId().orElse(null))
                .bind("status", query.status().map(Enum::name).orElse(null))
                .bind("afterAt", after.map(d -> text(d.createdAt())).orElse(null))
                .bind("afterId", after.map(WebhookDelivery::id).orElse(null))
                .map((rs, ctx) -> delivery(rs)).list();
    }

    @Override
    public boolean replay(UnitOfWork uow, TenantId tenant, String deliveryId, Instant at) {
        return handle(uow).createUpdate("UPDATE webhook_delivery SET status = 'PENDING', next_attempt_at = :at, "
                        + "lease_owner = NULL, lease_until = NULL "
                        + "WHERE partner_id = :t AND delivery_id = :id AND status = 'DEAD'")
                .bind("at", text(at)).bind("t", tenant.value()).bind("id", deliveryId)
                .execute() == 1;
    }

    private static WebhookDelivery delivery(ResultSet rs) throws SQLException {
        return new WebhookDelivery(TenantId.of(rs.getString("partner_id")), rs.getString("delivery_id"),
                rs.getString("endpoint_id"), rs.getString("event_id"), rs.getString("event_type"),
                rs.getString("payload"), WebhookDelivery.Status.valueOf(rs.getString("status")),
                rs.getInt("attempts"), instant(rs, "next_attempt_at").orElseThrow(),
                instant(rs, "created_at").orElseThrow());
    }

    private static Optional<Instant> instant(ResultSet rs, String column) throws SQLException {
        return SqlTimes.instant(rs, column);
    }

    private static String text(Instant instant) {
        return SqlTimes.text(instant);
    }
}
