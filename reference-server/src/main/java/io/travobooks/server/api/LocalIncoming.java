package io.travobooks.server.api;

import io.travobooks.server.auth.Caller;
import io.travobooks.server.contract.Operation;
import io.travobooks.server.http.Json;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@link LocalRequest} as the pipeline reads requests: its path (what a problem names as its instance) is the
 * template with the values percent-encoded, its caller was admitted by the transport that carried it, and it is in
 * the audit log even when it only reads, with what made it.
 */
final class LocalIncoming implements Incoming {
    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([^}]+)}");

    private final Caller caller;
    private final LocalRequest request;
    private final String rawPath;
    private final Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    LocalIncoming(Caller caller, Operation operation, LocalRequest request) {
        this.caller = caller;
        this.request = request;
        this.headers.putAll(request.headers());
        Matcher parameters = PATH_PARAMETER.matcher(operation.pathTemplate());
        this.rawPath = parameters.replaceAll(parameter -> Matcher.quoteReplacement(URLEncoder.encode(
                request.path().getOrDefault(parameter.group(1), ""), StandardCharsets.UTF_8).replace("+", "%20")));
    }

    @Override
    public Optional<Caller> knownCaller() {
        return Optional.of(caller);
    }

    @Override
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name));
    }

    @Override
    public Optional<String> parameter(Operation.Parameter parameter) {
        return switch (parameter.in()) {
            case PATH -> Optional.ofNullable(request.path().get(parameter.name()));
            case QUERY -> Optional.ofNullable(request.query().get(parameter.name()));
            case HEADER -> header(parameter.name());
        };
    }

    @Override
    public String rawPath() {
        return rawPath;
    }

    @Override
    public String remoteAddress() {
        return request.remoteAddress();
    }

    @Override
    public Map<String, String> auditDetail() {
        return Map.of("via", request.via());
    }

    @Override
    public Optional<byte[]> body() {
        return request.body().map(Json::write);
    }
}
