package io.travobooks.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * wrk (Debian's package; bench/run installs it) driving the server from a process of its own, with a Lua script
 * that shapes each request. The script's done() prints the figures this class reads, so nothing depends on wrk's
 * human-readable report.
 */
final class Wrk {
    private static final Pattern FIGURE = Pattern.compile("^WRK (\\w+)=([0-9.]+)$", Pattern.MULTILINE);

    record Result(double requestsPerSecond, double p50Millis, double p99Millis, long requests, long errors) {
    }

    /** The Lua that prints the figures; appended to every script. */
    private static final String DONE = """
            done = function(summary, latency, requests)
              io.write(string.format("WRK rps=%.3f\\n", summary.requests / (summary.duration / 1e6)))
              io.write(string.format("WRK p50=%.3f\\n", latency:percentile(50) / 1000))
              io.write(string.format("WRK p99=%.3f\\n", latency:percentile(99) / 1000))
              io.write(string.format("WRK requests=%d\\n", summary.requests))
              local e = summary.errors
              io.write(string.format("WRK errors=%d\\n", e.connect + e.read + e.write + e.status + e.timeout))
            end
            """;

    static Result run(String url, int connections, int seconds, String script) throws IOException,
            InterruptedException {
        Path file = Files.createTempFile("wrk", ".lua");
        Files.writeString(file, script + "\n" + DONE);
        List<String> command = new ArrayList<>(List.of("wrk", "-t2", "-c" + connections, "-d" + seconds + "s",
                "--timeout", "10s", "-s", file.toString(), url));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(seconds + 60L, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("wrk failed: " + output);
        }
        Map<String, Double> figures = new HashMap<>();
        Matcher matcher = FIGURE.matcher(output);
        while (matcher.find()) {
            figures.put(matcher.group(1), Double.parseDouble(matcher.group(2)));
        }
        if (!figures.keySet().containsAll(List.of("rps", "p50", "p99", "requests", "errors"))) {
            throw new IllegalStateException("wrk printed no figures: " + output);
        }
        return new Result(figures.get("rps"), figures.get("p50"), figures.get("p99"),
                figures.get("requests").longValue(), figures.get("errors").longValue());
    }

    /** A script's headers line: wrk.headers["name"] = "value". */
    static String header(String name, String value) {
        return String.format(Locale.ROOT, "wrk.headers[\"%s\"] = \"%s\"%n", name, value);
    }
}
