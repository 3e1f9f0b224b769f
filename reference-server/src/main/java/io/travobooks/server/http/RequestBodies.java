package io.travobooks.server.http;

import io.helidon.webserver.http.ServerRequest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.OptionalLong;

/** Request bodies read within a size limit. */
public final class RequestBodies {
    private RequestBodies() {
    }

    /**
     * The body, of at most {@code maxBytes}: a larger one is a 413 problem, refused before it is read when its
     * declared length says so. A declared length is read into an array of that length, not through growing buffers.
     */
    public static byte[] read(ServerRequest request, long maxBytes) {
        OptionalLong declared = request.headers().contentLength();
        if (declared.orElse(0) > maxBytes) {
            throw ApiProblem.bodyTooLarge(maxBytes);
        }
        byte[] bytes = declared.isPresent() ? readDeclared(request, (int) declared.getAsLong())
                : request.content().as(byte[].class);
        if (bytes.length > maxBytes) {
            throw ApiProblem.bodyTooLarge(maxBytes);
        }
        return bytes;
    }

    private static byte[] readDeclared(ServerRequest request, int length) {
        byte[] body = new byte[length];
        try (InputStream in = request.content().inputStream()) {
            int read = in.readNBytes(body, 0, body.length);
            return read == body.length ? body : Arrays.copyOf(body, read);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
