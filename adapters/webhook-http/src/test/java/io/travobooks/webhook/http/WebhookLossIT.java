package io.travobooks.webhook.http;

import io.travobooks.messaging.webhook.WebhookSecret;
import io.travobooks.messaging.webhook.WebhookSignature;
import io.travobooks.spi.TenantId;
import io.travobooks.spi.outbox.OutboxEvent;
import io.travobooks.spi.webhook.WebhookEndpoint;
import io.travobooks.storage.jdbc.JdbcStorage;
import io.travobooks.storage.jdbc.StorageConfig;
import io.travobooks.testkit.RedisServers;
import io.travobooks.testkit.TestServices;
import io.travobooks.testkit.coordination.ContractSupport;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * At least once, with no loss, across dying nodes: 10,000 events committed to the outbox on MariaDB travel through
 * the relay into a Redis stream (a server of the test's own), through stream consumers that fan them out, and
 * through dispatchers to a local receiver. Two nodes (child JVMs, each with a relay, consumers and a dispatcher) run
 * while the events are being committed; the first is killed with SIGKILL a quarter of the way in, the second at
 * half way, and a third node starts after that. Every event arrives, signed; a duplicate only ever repeats a
 * webhook-id with the same body, and an event never arrives under two webhook-ids.
 */
class WebhookLossIT {
    private static final int EVENTS = 10_000;
    private static final int PER_COMMIT = 50;

    @Test
    void everyEventArrivesAcrossKilledRelaysAndWorkers() throws Exception {
        TestServices.MysqlServer mysql = TestServices.requireMysql();
        String url = mysql.createDatabase("travo_webhook_loss");
        TenantId tenant = TenantId.of("loss");
        WebhookSecret secret = WebhookSecret.generate();
        try (JdbcStorage storage = JdbcStorage.open(StorageConfig.mysql(url, mysql.user(), mysql.password()));
             RedisServers.Server redis = RedisServers.startServer();
             ScriptedReceiver receiver = new ScriptedReceiver(ScriptedReceiver.Reply.status(204));
             Nodes nodes = new Nodes()) {
            storage.webhookStore().transactions().inTransaction(uow -> {
                storage.webhookStore().saveEndpoint(uow, new WebhookEndpoint(tenant, "erp", receiver.uri("/hooks"),
                        Set.of(), true, Optional.empty(), secret.serialized(), Optional.empty(), Optional.empty(),
                        Optional.empty(), Instant.now()));
                return null;
            });
            String[] connection = {url, mysql.user(), mysql.password(), redis.uri()};
            Process first = startNode(connection, "node-a");
            nodes.add(first);
            Process second = startNode(connection, "node-b");
            nodes.add(second);

            AtomicReference<RuntimeException> producerFailure = new AtomicReference<>();
            Thread producer = Thread.ofPlatform().start(() -> {
                try {
                    commitEvents(storage, tenant);
                } catch (RuntimeException e) {
                    producerFailure.set(e);
                }
            });

            ContractSupport.await("a quarter delivered", Duration.ofMinutes(2),
                    () -> distinctEvents(receiver) >= EVENTS / 4);
            kill(first);
            ContractSupport.await("half delivered", Duration.ofMinutes(2),
                    () -> distinctEvents(receiver) >= EVENTS / 2);
            kill(second);
            nodes.add(startNode(connection, "node-c"));
            producer.join();
            assertThat(producerFailure.get()).isNull();

            ContractSupport.await(() -> "every event delivered; got " + distinctEvents(receiver),
                    Duration.ofMinutes(3), () -> distinctEvents(receiver) == EVENTS);

            Map<String, String> bodyByWebhookId = new HashMap<>();
            Map<String, String> webhookIdByEvent = new HashMap<>();
            for (ScriptedReceiver.Received got : receiver.received()) {
                assertThat(WebhookSignature.verify(List.of(secret), got.headers(), got.body(), Instant.now(),
                        Duration.ofMinutes(10))).as("signed with the endpoint's secret").isEmpty();
                String webhookId = got.headers().get(WebhookSignature.ID_HEADER);
                String body = new String(got.body(), StandardCharsets.UTF_8);
                String earlier = bodyByWebhookId.putIfAbsent(webhookId, body);
                assertThat(earlier == null || earlier.equals(body)).as("a duplicate repeats its body").isTrue();
                String other = webhookIdByEvent.putIfAbsent(eventId(body), webhookId);
                assertThat(other == null || other.equals(webhookId)).as("one webhook-id per event").isTrue();
            }
            Set<String> expected = new HashSet<>();
            for (int i = 0; i < EVENTS; i++) {
                expected.add("ev-" + i);
            }
            assertThat(webhookIdByEvent.keySet()).isEqualTo(expected);
            System.out.printf("loss test: %d requests for %d events (%d duplicates)%n", receiver.received().size(),
                    EVENTS, receiver.received().size() - EVENTS);
        } finally {
            mysql.dropDatabase(url);
        }
    }

    /** The node processes, killed before Redis and the database they use go away. */
    private static final class Nodes extends ArrayList<Process> implements AutoCloseable {
        @Override
        public void close() throws InterruptedException {
            forEach(Process::destroyForcibly);
            for (Process node : this) {
                node.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** Commits the events in small transactions, paced so that the nodes die while events are still coming. */
    private static void commitEvents(JdbcStorage storage, TenantId tenant) {
        for (int first = 0; first < EVENTS; first += PER_COMMIT) {
            int from = first;
            storage.queueStore().transactions().inTransaction(uow -> {
                for (int i = from; i < from + PER_COMMIT; i++) {
                    storage.outboxStore().append(uow, new OutboxEvent("ev-" + i, "booking.issued", tenant,
                            Instant.now(), Map.of("bookingId", "BK" + i, "pnr", "PNR" + i)));
                }
                return null;
            });
            ContractSupport.sleep(Duration.ofMillis(25));
        }
    }

    private static long distinctEvents(ScriptedReceiver receiver) {
        return receiver.received().stream().map(got -> eventId(new String(got.body(), StandardCharsets.UTF_8)))
                .distinct().count();
    }

    private static String eventId(String body) {
        int at = body.indexOf("\"id\":\"") + 6;
        return body.substring(at, body.indexOf('"', at));
    }

    /** Starts a node JVM and waits until it says it runs; its output is copied to ours, tagged. */
    private static Process startNode(String[] connection, String name) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), WebhookNodeProcess.class.getName()));
        command.addAll(List.of(connection));
        command.add(name);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
        String line;
        while ((line = lines.readLine()) != null && !line.startsWith(WebhookNodeProcess.READY)) {
            System.out.println("[" + name + "] " + line);
        }
        assertThat(line).as(name + " started").isNotNull();
        Thread.ofPlatform().daemon().start(() -> {
            try {
                String more;
                while ((more = lines.readLine()) != null) {
                    System.out.println("[" + name + "] " + more);
                }
            } catch (IOException e) {
                // the node was killed
            }
        });
        return process;
    }

    private static void kill(Process node) throws InterruptedException {
        node.destroyForcibly(); // SIGKILL: no shutdown hook, nothing flushed, claims and stream entries left behind
        assertThat(node.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(node.exitValue()).as("killed by SIGKILL").isEqualTo(137);
    }
}
