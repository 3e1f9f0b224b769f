package io.travobooks.server.api;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.travobooks.server.auth.Caller;
import io.travobooks.server.contract.Operation;
import io.travobooks.server.http.ApiProblem;
import io.travobooks.server.http.Response;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

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
        if (request.headers().contentLength().orElse(0) > maxBodyBytes) {
            throw tooLarge();
        }
        String type = request.headers().contentType().map(t -> t.mediaType().text()).orElse("");
        if (!type.toLowerCase(Locale.ROOT).equals(Response.JSON)) {
            throw new ApiProblem(415, "UNSUPPORTED_MEDIA_TYPE", "Unsupported media type",
                    "send the body as application/json");
        }
        byte[] bytes = read();
        if (bytes.length > maxBodyBytes) {
            throw tooLarge();
        }
        return bytes.length == 0 ? Optional.empty() : Optional.of(bytes);
    }

    private ApiProblem tooLarge() {
        return new ApiProblem(413, "BODY_TOO_LARGE", "Body too large", "bodies are limited to " + maxBodyBytes
                + " bytes");
    }

    /** Reads a body of a declared length into an array of that length, not through growing buffers. */
    private byte[] read() {
        OptionalLong declared = request.headers().contentLength();
        if (declared.isEmpty()) {
            return request.content().as(byte[].class);
        }
        byte[] body = new byte[(int) declared.getAsLong()]; // at most maxBodyBytes: checked before
        try (InputStream in = request.content().inputStream()) {
            int read = in.readNBytes(body, 0, body.length);
            return read == body.length ? body : Arrays.copyOf(body, read);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
