package io.travobooks.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Redis servers that a test run starts for itself on free loopback ports, never touching the machine's shared
 * Redis: a plain server that a test may stop and start again, a master watched by a Sentinel, and a 3-master
 * Cluster shared by one JVM's tests and torn down when the JVM exits. Needs {@code redis-server} and {@code redis-cli} on the PATH; without them
 * the test is skipped (failed in CI).
 */
public final class RedisServers {
    private static Cluster sharedCluster;

    private RedisServers() {
    }

    /**
     * A redis-server process without persistence (or a Sentinel), on a fixed port so that it can be restarted in
     * place.
     */
    public static final class Server implements AutoCloseable {
        private final int port;
        private final Path dir;
        private final List<String> arguments;
        private Process process;

        private Server(int port, Path dir, List<String> arguments) {
            this.port = port;
            this.dir = dir;
            this.arguments = arguments;
        }

        /** A data server: the given settings after the port, loopback binding and no persistence. */
        private static Server data(int port, Path dir, List<String> extraArgs) {
            List<String> arguments = new ArrayList<>(List.of("--port", Integer.toString(port),
                    "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir.toString(),
                    "--logfile", dir.resolve("redis.log").toString()));
            arguments.addAll(extraArgs);
            return new Server(port, dir, arguments);
        }

        public int port() {
            return port;
        }

        public String uri() {
            return "redis://127.0.0.1:" + port;
        }

        public synchronized void start() {
            List<String> command = new ArrayList<>(List.of("redis-server"));
            command.addAll(arguments);
            try {
                process = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(dir.resolve("stdout.log").toFile()).start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start redis-server", e);
            }
            awaitPing();
        }

        /** Stops the server the way a crash or a restart would: everything in memory is gone. */
        public synchronized void stop() {
            if (process == null) {
                return;
            }
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }

        private void awaitPing() {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!answers(cli(port, "PING"))) {
                if (System.nanoTime() > deadline || !process.isAlive()) {
                    throw new IllegalStateException("redis-server on port " + port + " did not start; see " + dir);
                }
                pause(50);
            }
        }

        /** PONG, or a refusal that only a running server that wants a password gives. */
        private static boolean answers(String reply) {
            return reply.contains("PONG") || reply.contains("NOAUTH");
        }

        @Override
        public void close() {
            stop();
            deleteTree(dir);
        }
    }

    /** Started servers joined into a Cluster with the slots spread over them, no replicas. */
    public record Cluster(List<Server> masters) implements AutoCloseable {
        public String uri() {
            return "redis-cluster://" + String.join(",",
                    masters.stream().map(server -> "127.0.0.1:" + server.port()).toList());
        }

        @Override
        public void close() {
            masters.forEach(Server::close);
        }
    }

    /** A new stand-alone server on a free port; the caller closes it. */
    public static Server startServer() {
        return startServer(List.of());
    }

    /** The same with more settings, for example {@code --user} lines of an ACL. */
    public static Server startServer(List<String> extraArgs) {
        requireBinaries();
        Server server = Server.data(freePort(false), tempDir("redis-"), extraArgs);
        server.start();
        return server;
    }

    /** A master and one Sentinel that monitors it under the name {@value #SENTINEL_MASTER}. */
    public record Sentinel(Server master, Server sentinel) implements AutoCloseable {
        /** The URI a client gives to find the master through the Sentinel. */
        public String uri() {
            return "redis-sentinel://127.0.0.1:" + sentinel.port() + "?sentinelMasterId=" + SENTINEL_MASTER;
        }

        @Override
        public void close() {
            sentinel.close();
            master.close();
        }
    }

    public static final String SENTINEL_MASTER = "travo-master";

    /** A new master and Sentinel on free ports; the caller closes them. */
    public static Sentinel startSentinel() {
        Server master = startServer();
        int port = freePort(false);
        Path dir = tempDir("redis-sentinel-");
        Path config = dir.resolve("sentinel.conf");
        try {
            // Sentinel rewrites its configuration file, so it gets one of its own.
            Files.writeString(config, "port " + port + "\nbind 127.0.0.1\n"
                    + "sentinel monitor " + SENTINEL_MASTER + " 127.0.0.1 " + master.port() + " 1\n");
        } catch (IOException e) {
            master.close();
            throw new UncheckedIOException(e);
        }
        Server sentinel = new Server(port, dir, List.of(config.toString(), "--sentinel", "--dir", dir.toString(),
                "--logfile", dir.resolve("sentinel.log").toString()));
        sentinel.start();
        return new Sentinel(master, sentinel);
    }

    /** The JVM's 3-master Cluster, started on first use and stopped when the JVM exits. */
    public static synchronized Cluster cluster() {
        if (sharedCluster == null) {
            requireBinaries();
            sharedCluster = startCluster(3);
            Runtime.getRuntime().addShutdownHook(new Thread(sharedCluster::close));
        }
        return sharedCluster;
    }

    private static Cluster startCluster(int size) {
        List<Server> masters = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            int port = freePort(true);
            Path dir = tempDir("redis-cluster-");
            Server server = Server.data(port, dir, List.of("--cluster-enabled", "yes",
                    "--cluster-config-file", dir.resolve("nodes.conf").toString(), "--cluster-node-timeout", "5000"));
            server.start();
            masters.add(server);
        }
        List<String> create = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
        masters.forEach(server -> create.add("127.0.0.1:" + server.port()));
        create.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
        String output = run(create);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (Server server : masters) {
            while (!cli(server.port(), "CLUSTER", "INFO").contains("cluster_state:ok")) {
                if (System.nanoTime() > deadline) {
                    masters.forEach(Server::close);
                    throw new IllegalStateException("the Redis Cluster did not become ready:\n" + output);
                }
                pause(100);
            }
        }
        return new Cluster(List.copyOf(masters));
    }

    private static void requireBinaries() {
        for (String binary : List.of("redis-server", "redis-cli")) {
            TestServices.requireExecutable(binary, "install Redis 7: apt-get install redis-server");
        }
    }

    /** A free loopback port; for Cluster nodes also port + 10000, the cluster bus. */
    private static int freePort(boolean withBus) {
        for (int attempt = 0; attempt < 100; attempt++) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                int port = socket.getLocalPort();
                if (!withBus || port + 10000 <= 65535 && isFree(port + 10000)) {
                    return port;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalStateException("no free port pair for a Redis Cluster node");
    }

    private static boolean isFree(int port) {
        try (ServerSocket ignored = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String cli(int port, String... args) {
        List<String> command = new ArrayList<>(List.of("redis-cli", "-h", "127.0.0.1", "-p", Integer.toString(port)));
        command.addAll(List.of(args));
        return run(command);
    }

    private static String run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            process.waitFor(30, TimeUnit.SECONDS);
            return output;
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory left behind is harmless
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
