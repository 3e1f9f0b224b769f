package io.travobooks.server.http;

import io.helidon.http.Header;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

import java.util.List;

/**
 * The headers every answer carries, so that a browser given one of them does the least it can: no guessing at the
 * content type, no framing by other sites, no referrer sent on, and a content policy that lets the API's JSON run
 * nothing at all. The reference page at {@code /docs} gets the one policy that still lets it work: its own scripts
 * and styles (Swagger UI sets style attributes), its own images and data URIs for icons, and requests to this
 * server only; the web console gets {@link #CONSOLE_POLICY} from the handler that serves it. Over TLS,
 * Strict-Transport-Security tells browsers to come back over TLS only, for a year.
 */
public final class SecurityHeaders implements Filter {
    private static final String DOCS = "/docs";
    private static final HeaderName CSP = HeaderNames.create("Content-Security-Policy");
    private static final List<Header> ALWAYS = List.of(
            HeaderValues.create(HeaderNames.X_CONTENT_TYPE_OPTIONS, "nosniff"),
            HeaderValues.create(HeaderNames.create("X-Frame-Options"), "DENY"),
            HeaderValues.create(HeaderNames.create("Referrer-Policy"), "no-referrer"));
    private static final Header API_POLICY = HeaderValues.create(CSP,
            "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
    private static final Header DOCS_POLICY = HeaderValues.create(CSP,
            "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
                    + "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");

    /**
     * The console's: its own scripts, styles, images and fonts, requests (and its live stream) to this server only,
     * no inline script or style, no framing, forms posted here only.
     */
    public static final Header CONSOLE_POLICY = HeaderValues.create(CSP,
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; "
                    + "connect-src 'self'; manifest-src 'self'; frame-ancestors 'none'; base-uri 'none'; "
                    + "form-action 'self'");

    private static final Header HSTS = HeaderValues.create(HeaderNames.STRICT_TRANSPORT_SECURITY,
            "max-age=31536000; includeSubDomains");

    private final boolean tls;

    public SecurityHeaders(boolean tls) {
        this.tls = tls;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest request, RoutingResponse response) {
        ALWAYS.forEach(response::header);
        if (tls) {
            response.header(HSTS);
        }
        String path = request.path().rawPath();
        response.header(path.equals(DOCS) || path.startsWith(DOCS + "/") ? DOCS_POLICY : API_POLICY);
        chain.proceed();
    }
}
