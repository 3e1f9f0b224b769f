package io.travobooks.server.api;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.travobooks.server.auth.Caller;
import io.travobooks.server.contract.Operation;
import io.travobooks.server.http.ApiProblem;
import io.travobooks.server.http.RequestBodies;
import io.travobooks.server.http.Response;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A request that came over HTTP; its body is JSON within the size limit, or refused. */
final class HttpIncoming implements Incoming {
    /** Header names by how the code spells them: few, and made once instead of on every lookup of every request. */
    private static final Map<String, HeaderName> NAMES = new ConcurrentHashMap<>();

    private final ServerRequest request;
    private final long maxBodyBytes;
    private String remoteAddress; // asked by several steps of one request; each answer would format it again

    HttpIncoming(ServerRequest request, long maxBodyBytes) {
        this.request = request;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public Optional<Caller> knownCaller() {
        return Optional.empty();
    }

    @Override
    public Optional<String> header(String name) {
        return request.headers().first(NAMES.computeIfAbsent(name, HeaderNames::create));
    }

    @Override
    public Optional<String> parameter(Operation.Parameter parameter) {
        return switch (parameter.in()) {
            case PATH -> Optional.ofNullable(request.path().pathParameters().first(parameter.name()).orElse(null));
            case QUERY -> request.query().first(parameter.name()).asOptional();
            case HEADER -> header(parameter.name());
        };
    }

    @Override
    public String rawPath() {
        return request.path().rawPath();
    }

    @Override
    public String remoteAddress() {
        if (remoteAddress == null) {
            remoteAddress = request.remotePeer().host();
        }
        return remoteAddress;
    }

    @Override
    public Optional<byte[]> body() {
        if (!request.content().hasEntity()) {
            return Optional.empty();
        }
        String type = request.headers().contentType().map(t -> t.mediaType().text()).orElse("");
        if (!type.toLowerCase(Locale.ROOT).equals(Response.JSON)) {
            throw ApiProblem.unsupportedMediaType("the body");
        }
        byte[] bytes = RequestBodies.read(request, maxBodyBytes);
        return bytes.length == 0 ? Optional.empty() : Optional.of(bytes);
    }
}
