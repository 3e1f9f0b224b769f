package io.travobooks.server.meta;

import io.travobooks.server.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The console's files at the root of a real server: the page, its assets, its links, and what stays the API's. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsolePageTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private TestServer server;

    @BeforeAll
    void start() {
        server = TestServer.h2();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private HttpResponse<String> get(String path, String accept) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).header("Accept", accept).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theRootIsTheConsolesPageUnderItsOwnPolicy() throws Exception {
        HttpResponse<String> page = get("/", "text/html");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.body()).contains("<div id=\"root\"></div>");
        assertThat(Pattern.compile("<script(?![^>]*\\bsrc=)").matcher(page.body()).find())
                .as("an inline script, which the policy would refuse").isFalse();
        String policy = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(policy).contains("script-src 'self'", "style-src 'self'", "frame-ancestors 'none'")
                .doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
        assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-cache");
    }

    @Test
    void itsScriptsAreServedOnceForAYear() throws Exception {
        Matcher script = Pattern.compile("src=\"(/assets/[^\"]+\\.js)\"").matcher(get("/", "text/html").body());
        assertThat(script.find()).isTrue();
        HttpResponse<String> asset = get(script.group(1), "*/*");
        assertThat(asset.statusCode()).isEqualTo(200);
        assertThat(asset.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
        assertThat(asset.headers().firstValue("Cache-Control").orElseThrow()).contains("immutable");
    }

    @Test
    void theConsolesOwnLinksOpenItsPage() throws Exception {
        HttpResponse<String> link = get("/ledger/trial-balance", "text/html,application/xhtml+xml");
        assertThat(link.statusCode()).isEqualTo(200);
        assertThat(link.body()).contains("<div id=\"root\"></div>");
    }

    @Test
    void theApiAndMissingAssetsKeepTheirProblemAnswers() throws Exception {
        for (String path : new String[]{"/v1/nothing-here", "/assets/missing.js", "/assets/..%2Fpom.xml",
                "/health"}) {
            HttpResponse<String> answer = get(path, "text/html");
            assertThat(answer.statusCode()).as(path).isEqualTo(404);
            assertThat(answer.headers().firstValue("Content-Type")).as(path).hasValue("application/problem+json");
        }
        for (String accept : new String[]{"application/json", "*/*"}) {
            assertThat(get("/bookings", accept).statusCode()).as(accept).isEqualTo(404);
        }
    }
}
