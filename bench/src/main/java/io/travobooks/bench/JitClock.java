package io.travobooks.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The CPU time a JVM's JIT compiler threads have used, from /proc, for the server's process and this one alike. A
 * compiler thread HotSpot stops (it adds and stops them with the load on machines of more cores) keeps counting with
 * the time it had used.
 */
final class JitClock {
    /** HotSpot's JIT threads, as the kernel names them ("C1 CompilerThre", "C2 CompilerThre"). */
    private static final Pattern COMPILER_THREAD = Pattern.compile("C\\d CompilerThre");
    /** The unit of CPU times in /proc: hundredths of a second (USER_HZ) on the Linux machines this runs on. */
    private static final long USER_HZ = 100;

    private final Path tasks;
    private final Map<String, Long> ticksByThread = new HashMap<>();

    JitClock(long pid) {
        this.tasks = Path.of("/proc", Long.toString(pid), "task");
    }

    static JitClock ofThisJvm() {
        return new JitClock(ProcessHandle.current().pid());
    }

    /** Milliseconds of CPU the compiler threads have used so far. */
    synchronized long millis() throws IOException {
        try (DirectoryStream<Path> threads = Files.newDirectoryStream(tasks)) {
            for (Path thread : threads) {
                try {
                    if (COMPILER_THREAD.matcher(Files.readString(thread.resolve("comm"))).lookingAt()) {
                        String stat = Files.readString(thread.resolve("stat"));
                        // After "tid (name) ": the state is field 3, utime and stime fields 14 and 15.
                        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        ticksByThread.put(thread.getFileName().toString(),
                                Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
                    }
                } catch (IOException ended) {
                    // a thread that ended between the listing and the read: its last reading stands
                }
            }
        }
        return ticksByThread.values().stream().mapToLong(Long::longValue).sum() * 1000 / USER_HZ;
    }
}
