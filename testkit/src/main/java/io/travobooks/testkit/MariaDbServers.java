package io.travobooks.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A MariaDB server a test starts for itself: its own data directory, socket and loopback port, never the machine's
 * shared server, so that the test may kill it with SIGKILL and start it again on the same data. Needs
 * {@code mariadb-install-db} and {@code mariadbd}; without them the test is skipped (failed in CI).
 */
public final class MariaDbServers {
    private MariaDbServers() {
    }

    /** Creates a fresh data directory with a user {@code travo}/{@code travo}; the server is not started yet. */
    public static Server create() {
        String install = "install MariaDB 10.11: apt-get install mariadb-server";
        Path mariadbd = TestServices.requireExecutable("mariadbd", install);
        Path installDb = TestServices.requireExecutable("mariadb-install-db", install);
        Path client = TestServices.requireExecutable("mariadb", install);
        try {
            Path dir = Files.createTempDirectory("travo-mariadb-");
            run(List.of(installDb.toString(), "--no-defaults", "--datadir=" + dir.resolve("data"),
                    "--auth-root-authentication-method=normal", "--skip-test-db", "--user=root"), dir, "install.log");
            Server server = new Server(mariadbd, client, dir, freePort());
            try {
                server.start();
                server.sql("CREATE USER 'travo'@'%' IDENTIFIED BY 'travo'; GRANT ALL ON *.* TO 'travo'@'%';"
                        + " CREATE DATABASE travo;");
                return server;
            } catch (RuntimeException e) {
                server.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static final class Server implements AutoCloseable {
        private final Path mariadbd;
        private final Path client;
        private final Path dir;
        private final int port;
        private Process process;

        private Server(Path mariadbd, Path client, Path dir, int port) {
            this.mariadbd = mariadbd;
            this.client = client;
            this.dir = dir;
            this.port = port;
        }

        /** The JDBC URL of database {@code travo} for user {@code travo}, password {@code travo}. */
        public String jdbcUrl() {
            return "jdbc:mysql://127.0.0.1:" + port + "/travo";
        }

        public synchronized void start() {
            try {
                process = new ProcessBuilder(mariadbd.toString(), "--no-defaults", "--datadir=" + dir.resolve("data"),
                        "--socket=" + dir.resolve("sock"), "--port=" + port, "--bind-address=127.0.0.1",
                        "--pid-file=" + dir.resolve("pid"), "--user=root", "--skip-name-resolve",
                        "--innodb-buffer-pool-size=128M", "--max-connections=200",
                        "--log-error=" + dir.resolve("error.log"))
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("stdout.log").toFile())).start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start mariadbd", e);
            }
            awaitListening();
        }

        /** SIGKILL: the server dies as in a power cut; InnoDB recovers from its log on the next start. */
        public synchronized void kill() {
            if (process == null) {
                return;
            }
            process.destroyForcibly();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("mariadbd did not die");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            process = null;
        }

        private void sql(String statements) {
            run(List.of(client.toString(), "--no-defaults", "-uroot", "--socket=" + dir.resolve("sock"), "-e", statements),
                    dir, "sql.log");
        }

        private void awaitListening() {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("mariadbd exited; see " + dir.resolve("error.log"));
                }
                try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
                    return;
                } catch (IOException notYet) {
                    pause();
                }
            }
            throw new IllegalStateException("mariadbd did not listen on " + port + " within 60 s");
        }

        @Override
        public void close() {
            kill();
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static void run(List<String> command, Path dir, String log) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dir.resolve(log).toFile()).start();
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(command.getFirst() + " failed; see " + dir.resolve(log));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
