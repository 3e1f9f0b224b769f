package io.travobooks.server.meta;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The API reference at {@code /docs}: Swagger UI from its webjar, packaged with the server, reading the contract
 * from {@code /openapi}. Only the files the page uses are served, by name.
 */
public final class DocsPage {
    private static final String SWAGGER_UI = "/META-INF/resources/webjars/swagger-ui/5.35.0/";
    private static final String PAGE = "/docs-page/";
    private static final Map<String, String> FILES = Map.of(
            "index.html", PAGE + "index.html",
            "docs.js", PAGE + "docs.js",
            "swagger-ui.css", SWAGGER_UI + "swagger-ui.css",
            "swagger-ui-bundle.js", SWAGGER_UI + "swagger-ui-bundle.js",
            "favicon-32x32.png", SWAGGER_UI + "favicon-32x32.png");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "png", "image/png");

    private DocsPage() {
    }

    public static void route(HttpRouting.Builder routing) {
        routing.get("/docs", (request, response) -> send(response, "index.html"));
        routing.get("/docs/", (request, response) -> send(response, "index.html"));
        routing.get("/docs/{file}", DocsPage::file);
    }

    private static void file(ServerRequest request, ServerResponse response) {
        String name = request.path().pathParameters().get("file");
        if (!FILES.containsKey(name)) {
            response.next(); // the API's own not-found answer
            return;
        }
        send(response, name);
    }

    private static void send(ServerResponse response, String name) {
        try (InputStream in = DocsPage.class.getResourceAsStream(FILES.get(name))) {
            if (in == null) {
                throw new IllegalStateException("the docs page lacks " + FILES.get(name));
            }
            response.header(HeaderNames.CONTENT_TYPE, TYPES.get(name.substring(name.lastIndexOf('.') + 1)));
            response.header(HeaderNames.CACHE_CONTROL, "public, max-age=3600");
            response.send(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
