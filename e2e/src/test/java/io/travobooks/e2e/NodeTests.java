package io.travobooks.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs test files with Node's test runner and reads its TAP summary. The tests pass only if every one of them ran
 * and passed: a file that ran nothing, or a test skipped, fails here.
 */
final class NodeTests {
    private static final int MAX_FAILURES_SHOWN = 3;
    private static final int LAST_LINES_SHOWN = 30;
    private static final int MAX_CHARS_SHOWN = 8_000;

    private NodeTests() {
    }

    /** Runs {@code files} (relative to {@code directory}) and asserts that exactly {@code expected} tests passed. */
    static void runAndExpect(Path directory, List<String> files, Map<String, String> environment, int expected,
                             long timeoutSeconds) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("node", "--test", "--test-reporter=tap",
                "--test-timeout=" + TimeUnit.SECONDS.toMillis(timeoutSeconds)));
        command.addAll(files);
        ProcessBuilder node = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
        node.environment().putAll(environment);
        Process process = node.start();

        StringBuilder output = new StringBuilder();
        Thread reader = Thread.ofVirtual().start(() -> copy(process, output));
        boolean finished = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        if (!finished) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor();
        }
        reader.join(TimeUnit.SECONDS.toMillis(10));

        String tap;
        synchronized (output) {
            tap = output.toString();
        }
        assertThat(finished).as("node --test finished within %d s; its failures:%n%s", timeoutSeconds,
                failures(tap)).isTrue();
        assertThat(process.exitValue()).as("node --test's exit code; its failures:%n%s", failures(tap)).isZero();
        assertThat(count(tap, "fail")).as("failed (-1: Node printed no summary)").isZero();
        assertThat(count(tap, "skipped")).as("skipped").isZero();
        assertThat(count(tap, "todo")).as("todo").isZero();
        assertThat(count(tap, "pass")).as("passed").isEqualTo(expected);
    }

    /** Node's output, line by line into the build's log as it comes, and kept to be read. */
    private static void copy(Process process, StringBuilder output) {
        try (BufferedReader lines = process.inputReader()) {
            String line;
            while ((line = lines.readLine()) != null) {
                System.out.println("[node] " + line);
                synchronized (output) {
                    output.append(line).append('\n');
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The first failed tests' TAP blocks, from {@code not ok} to the end of their YAML, or Node's last lines when it
     * failed no test (it crashed): what the build's summary shows of a failure, where the whole log may not be kept.
     */
    private static String failures(String tap) {
        List<String> lines = List.of(tap.split("\n"));
        StringBuilder failures = new StringBuilder();
        int blocks = 0;
        boolean inBlock = false;
        for (String line : lines) {
            if (line.matches("\\s*not ok .*") && blocks < MAX_FAILURES_SHOWN) {
                inBlock = true;
                blocks++;
            }
            if (inBlock) {
                failures.append(line).append('\n');
                inBlock = !line.matches("\\s*\\.\\.\\.");
            }
        }
        String shown = blocks > 0 ? failures.toString()
                : String.join("\n", lines.subList(Math.max(0, lines.size() - LAST_LINES_SHOWN), lines.size()));
        return shown.length() <= MAX_CHARS_SHOWN ? shown : shown.substring(0, MAX_CHARS_SHOWN) + "...";
    }

    /** A count from the TAP summary's closing lines ({@code # pass 21}); -1 when there is none. */
    private static int count(String tap, String name) {
        Matcher matcher = Pattern.compile("^# " + name + " (\\d+)$", Pattern.MULTILINE).matcher(tap);
        int count = -1;
        while (matcher.find()) {
            count = Integer.parseInt(matcher.group(1));
        }
        return count;
    }
}
