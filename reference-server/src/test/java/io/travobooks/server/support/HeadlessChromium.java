package io.travobooks.server.support;

import io.travobooks.testkit.TestServices;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Chromium, headless, for pages the server serves: the DOM after the page's scripts ran, or a screenshot.
 * The flags keep it off the network it would otherwise call home on (this machine refuses those connections).
 */
public final class HeadlessChromium {
    private final Path binary = TestServices.requireExecutable("chromium", "apt-get install chromium");

    public String dom(String url) {
        return new String(run(url, "--dump-dom"), StandardCharsets.UTF_8);
    }

    public void screenshot(String url, Path file, int width, int height) {
        run(url, "--screenshot=" + file.toAbsolutePath(), "--window-size=" + width + "," + height);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("Chromium wrote no screenshot of " + url);
        }
    }

    private byte[] run(String url, String... what) {
        try {
            Path profile = Files.createTempDirectory("chromium-profile");
            List<String> command = new ArrayList<>(List.of(binary.toString(), "--headless", "--no-sandbox",
                    "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile,
                    "--virtual-time-budget=15000"));
            command.addAll(List.of(what));
            command.add(url);
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("Chromium did not finish with " + url);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run Chromium", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
