package io.travobooks.server;

import io.travobooks.server.contract.OpenApiContract;
import io.travobooks.server.support.HeadlessChromium;
import io.travobooks.server.support.TestServer;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API reference at /docs renders in a real browser from what the server itself serves (the machine has no
 * route to a CDN): the page lists every operation of the contract. Its screenshot is kept in
 * target/screenshots/docs.png for a person to look at.
 */
class DocsPageBrowserIT {
    @Test
    void theReferencePageRendersEveryOperationOffline() throws IOException {
        HeadlessChromium chromium = new HeadlessChromium();
        try (TestServer server = TestServer.h2()) {
            String dom = chromium.dom(server.baseUrl() + "/docs");
            assertThat(dom).contains("travoBooks API");
            Set<String> shown = new HashSet<>();
            Matcher operation = Pattern.compile("opblock-summary-method\">(\\w+)</span>.*?data-path=\"([^\"]+)\"")
                    .matcher(dom);
            while (operation.find()) {
                shown.add(operation.group(1) + " " + operation.group(2));
            }
            Set<String> documented = new HashSet<>();
            OpenApiContract.load().operations().forEach(op -> documented.add(op.method() + " " + op.pathTemplate()));
            assertThat(shown).isEqualTo(documented);

            Path screenshot = Path.of("target", "screenshots", "docs.png");
            Files.createDirectories(screenshot.getParent());
            chromium.screenshot(server.baseUrl() + "/docs", screenshot, 1280, 1600);
            BufferedImage image = ImageIO.read(screenshot.toFile());
            assertThat(image.getWidth()).isEqualTo(1280);
            Set<Integer> colours = new HashSet<>();
            for (int y = 0; y < image.getHeight(); y += 4) {
                for (int x = 0; x < image.getWidth(); x += 4) {
                    colours.add(image.getRGB(x, y));
                }
            }
            assertThat(colours).as("a rendered page, not a blank one").hasSizeGreaterThan(50);
        }
    }
}
