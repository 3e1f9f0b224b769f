package io.travobooks.server.meta;

import io.helidon.http.HeaderNames;
import io.helidon.common.media.type.MediaTypes;
import io.helidon.http.Method;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.travobooks.server.http.SecurityHeaders;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The web console at the root: its page, its hashed assets, and the page again for any other address a browser asks
 * for as a page outside the API (the console's own links, such as {@code /bookings}, are resolved by the console).
 * The files come from the console's jar; each answer carries the console's content policy.
 */
public final class ConsolePage {
    private static final String ROOT = "/META-INF/travobooks/console/";
    private static final Pattern ASSET = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*\\.(js|css|svg|woff2?)");
    /** The server's own addresses and the console's files: never the console's page, whatever a browser accepts. */
    private static final List<String> NOT_PAGES = List.of("/v1", "/health", "/openapi", "/docs", "/mcp",
            "/metrics", "/.well-known", "/assets");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml",
            "woff2", "font/woff2",
            "woff", "font/woff");
    private static final String IMMUTABLE = "public, max-age=31536000, immutable";

    private ConsolePage() {
    }

    public static void route(HttpRouting.Builder routing) {
        routing.get("/assets/{file}", (request, response) -> {
            String name = request.path().pathParameters().get("file");
            if (!ASSET.matcher(name).matches() || !send(response, "assets/" + name, IMMUTABLE)) {
                response.next();
            }
        });
        routing.get("/favicon.svg", (request, response) -> {
            if (!send(response, "favicon.svg", "public, max-age=86400")) {
                response.next();
            }
        });
        routing.route(Method.GET, "/*", (request, response) -> {
            if (!isPage(request) || !send(response, "index.html", "no-cache")) {
                response.next(); // the API's own answer: a route, or its not-found problem
            }
        });
    }

    /**
     * A page a browser asks for: not one of the server's own addresses, and HTML named in Accept (a browser's
     * navigation does; a script, a probe or curl sending {@code *}{@code /*} gets the API's not-found answer).
     */
    private static boolean isPage(ServerRequest request) {
        String path = request.path().rawPath();
        if (path.equals("/")) {
            return true;
        }
        if (NOT_PAGES.stream().anyMatch(prefix -> path.equals(prefix) || path.startsWith(prefix + "/"))) {
            return false;
        }
        return request.headers().first(HeaderNames.ACCEPT).orElse("").contains(MediaTypes.TEXT_HTML.text());
    }

    private static boolean send(ServerResponse response, String file, String caching) {
        Optional<byte[]> content = read(file);
        if (content.isEmpty()) {
            return false;
        }
        response.header(SecurityHeaders.CONSOLE_POLICY);
        response.header(HeaderNames.CONTENT_TYPE, TYPES.get(file.substring(file.lastIndexOf('.') + 1)));
        response.header(HeaderNames.CACHE_CONTROL, caching);
        response.send(content.get());
        return true;
    }

    private static Optional<byte[]> read(String file) {
        try (InputStream in = ConsolePage.class.getResourceAsStream(ROOT + file)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
