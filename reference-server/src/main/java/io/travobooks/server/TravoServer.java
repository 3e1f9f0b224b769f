package io.travobooks.server;

import io.travobooks.server.config.ConfigException;
import io.travobooks.server.config.ServerConfig;
import io.travobooks.server.config.Setting;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code java -jar travobooks-server.jar [config.yaml]}: starts the reference server and runs until stopped. With no
 * configuration it runs on the embedded default (H2 files under {@code ./data}). {@code --train} makes a training
 * run for the JVM's ahead-of-time cache instead (see {@link AotTraining}).
 */
public final class TravoServer {
    /** How long a stop that comes during the start waits for it: far longer than a start takes. */
    private static final long START_WAIT_SECONDS = 60;

    private TravoServer() {
    }

    public static void main(String[] args) throws InterruptedException, IOException {
        long started = System.nanoTime();
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        if (args.length == 1 && args[0].equals("--train")) {
            AotTraining.run();
            return;
        }
        Optional<Path> file = args.length > 0 ? Optional.of(Path.of(args[0]))
                : Optional.ofNullable(System.getenv("TRAVO_CONFIG")).map(Path::of);
        ServerConfig config;
        try {
            config = ServerConfig.load(file, System.getenv());
        } catch (ConfigException e) {
            System.err.println("travoBooks cannot start: " + e.getMessage());
            System.exit(2);
            return;
        }
        CompletableFuture<ReferenceServer> running = new CompletableFuture<>();
        CountDownLatch stopped = new CountDownLatch(1);
        // Hooked before the start: the server answers as ready a moment before the start returns, and a stop that
        // comes meanwhile must still wait for the start and then stop the server as any other stop does.
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(() -> {
            try {
                stopOnceStarted(running);
            } finally {
                stopped.countDown();
            }
        }));
        ReferenceServer server;
        try {
            server = ReferenceServer.start(config);
        } catch (RuntimeException | Error e) {
            running.completeExceptionally(e);
            throw e;
        }
        try {
            printWelcome(config, server, started);
        } finally {
            running.complete(server); // after the once-shown secrets are printed: a stop waits for them
        }
        stopped.await();
    }

    /** Where the server is, and on a first start the first user and key, each shown this once. */
    private static void printWelcome(ServerConfig config, ReferenceServer server, long started) {
        String base = (config.web().tls().isPresent() ? "https://" : "http://")
                + (config.host().equals("0.0.0.0") ? "localhost" : config.host()) + ":" + server.port();
        System.out.println("travoBooks is ready at " + base + " (" + (System.nanoTime() - started) / 1_000_000
                + " ms, " + (config.database().isPresent() ? "database " + config.database().get().url()
                : "embedded H2 in " + config.dataDir().toAbsolutePath()) + ")");
        System.out.println("Console: " + base + "/");
        System.out.println("API reference: " + base + "/docs");
        server.firstUser().ifPresent(user -> System.out.println("First user: " + user.email() + user.newPassword()
                .map(password -> " with the password " + password + " (shown once; set up an authenticator app at "
                        + "the first sign-in)")
                .orElse(" with the password in " + Setting.ADMIN_PASSWORD.environmentVariable())));
        server.firstKey().ifPresent(issued -> {
            boolean configured = config.bootstrap().adminKey().isPresent();
            System.out.println("First start: tenant '" + issued.key().tenant() + "' and its admin key"
                    + (configured ? " (the one in " + Setting.ADMIN_KEY.environmentVariable() + ")"
                    : " (shown once):"));
            System.out.println("  " + (configured ? issued.secret().displayPrefix() + "..." : issued.secret().value()));
            System.out.println("Try: curl -H 'Authorization: Bearer " + (configured ? "$" + Setting.ADMIN_KEY
                    .environmentVariable() : issued.secret().value()) + "' " + base + "/v1/reports/trial-balance");
        });
    }

    /**
     * Stops the server once its start has returned and its first lines are printed; a start that failed has nothing
     * to stop, and is logged here, since the JVM may end before the main thread prints why.
     */
    private static void stopOnceStarted(CompletableFuture<ReferenceServer> running) {
        Logger log = LoggerFactory.getLogger(TravoServer.class);
        ReferenceServer server;
        try {
            server = running.get(START_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException failed) {
            log.error("the server did not start", failed.getCause());
            return;
        } catch (TimeoutException e) {
            log.error("stopped without closing: the server was still starting after {} s", START_WAIT_SECONDS);
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        long begun = System.nanoTime();
        try {
            server.close();
            log.info("stopped in {} ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begun));
        } catch (RuntimeException | Error e) { // into the log, where the operator looks, not to a bare stderr
            log.error("the stop did not finish cleanly", e);
        }
    }
}
