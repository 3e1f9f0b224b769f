package io.travobooks.server.api;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.travobooks.server.auth.Caller;
import io.travobooks.server.contract.Operation;
import io.travobooks.server.http.ApiProblem;
import io.travobooks.server.http.RequestBodies;
import io.travobooks.server.http.Response;

import java.util.Locale;
import java.util.Optional;

/** A request that came over HTTP; its body is JSON within the size limit, or refused. */
final class HttpIncoming implements Incoming {
    private final ServerRequest request;
    private final long maxBodyBytes;

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
        return request.headers().first(HeaderNames.create(name));
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
        return request.remotePeer().host();
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
