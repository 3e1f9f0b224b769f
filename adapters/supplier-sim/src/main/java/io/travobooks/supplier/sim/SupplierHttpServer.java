package io.travobooks.supplier.sim;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.travobooks.spi.Money;
import io.travobooks.spi.supplier.Passenger;
import io.travobooks.spi.supplier.SupplierGateway;
import io.travobooks.spi.supplier.SupplierResult;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Serves a {@link SupplierGateway} (the simulated airline) over HTTP on the loopback interface, so that the airline
 * lives in another process than the booking service: a test can kill the service's process while the airline
 * keeps what it did. {@link HttpSupplierGateway} is the client. An optional {@link CallObserver} sees every call
 * after the airline processed it and before the answer is sent (a crash test kills the caller there: the airline
 * acted, the caller never heard).
 */
public final class SupplierHttpServer implements AutoCloseable {
    /** Sees a call the airline has processed, before its answer goes out. */
    @FunctionalInterface
    public interface CallObserver {
        void processed(String method, JsonNode arguments, SupplierResult<?> result);
    }

    private static final TypeReference<List<Passenger>> PASSENGERS = new TypeReference<>() {
    };
    private static final TypeReference<Set<String>> NUMBERS = new TypeReference<>() {
    };

    private final SupplierGateway airline;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private volatile CallObserver observer = (method, arguments, result) -> { };

    private SupplierHttpServer(SupplierGateway airline, HttpServer server) {
        this.airline = airline;
        this.server = server;
    }

    /** Starts serving {@code airline} on a free loopback port. */
    public static SupplierHttpServer start(SupplierGateway airline) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
            SupplierHttpServer served = new SupplierHttpServer(Objects.requireNonNull(airline, "airline"), server);
            server.setExecutor(served.executor);
            server.createContext("/supplier/", served::handle);
            server.start();
            return served;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a loopback port for the simulator", e);
        }
    }

    public URI uri() {
        return URI.create("http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort()
                + "/supplier/");
    }

    public void observe(CallObserver callObserver) {
        this.observer = Objects.requireNonNull(callObserver, "callObserver");
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestURI().getPath().substring("/supplier/".length());
            JsonNode arguments;
            try (InputStream body = exchange.getRequestBody()) {
                arguments = SupplierWire.JSON.readTree(body);
            }
            byte[] answer;
            int status = 200;
            try {
                answer = SupplierWire.JSON.writeValueAsBytes(call(method, arguments));
            } catch (IllegalArgumentException e) {
                status = 400;
                answer = e.getMessage().getBytes(StandardCharsets.UTF_8);
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        } catch (IOException e) {
            // The caller went away before its answer (a killed process): the airline has done what it did.
        }
    }

    private Object call(String method, JsonNode a) {
        if (method.equals("search")) {
            return airline.search(text(a, "origin"), text(a, "destination"), LocalDate.parse(text(a, "date")));
        }
        SupplierResult<?> result = switch (method) {
            case "hold" -> airline.hold(text(a, "offerId"), SupplierWire.JSON.convertValue(a.get("passengers"),
                    PASSENGERS));
            case "offer" -> airline.offer(text(a, "offerId"));
            case "price" -> airline.price(text(a, "pnr"));
            case "issue" -> airline.issue(text(a, "pnr"), text(a, "requestId"));
            case "retrieve" -> airline.retrieve(text(a, "pnr"));
            case "retrieveByRequest" -> airline.retrieveByRequest(text(a, "requestId"));
            case "retrieveByDocument" -> airline.retrieveByDocument(text(a, "documentNumber"));
            case "voidDocuments" -> airline.voidDocuments(text(a, "pnr"));
            case "refundQuote" -> airline.refundQuote(text(a, "pnr"), SupplierWire.JSON.convertValue(
                    a.get("documentNumbers"), NUMBERS));
            case "refundConfirm" -> airline.refundConfirm(text(a, "pnr"), text(a, "quoteId"));
            case "exchangeQuote" -> airline.exchangeQuote(text(a, "pnr"), SupplierWire.JSON.convertValue(
                    a.get("documentNumbers"), NUMBERS), text(a, "newOfferId"));
            case "exchangeConfirm" -> airline.exchangeConfirm(text(a, "pnr"), text(a, "quoteId"));
            case "issueEmd" -> airline.issueEmd(text(a, "pnr"), text(a, "requestId"),
                    SupplierWire.JSON.convertValue(a.get("amount"), Money.class), text(a, "reason"));
            case "cancel" -> airline.cancel(text(a, "pnr"));
            default -> throw new IllegalArgumentException("no supplier call " + method);
        };
        observer.processed(method, a, result);
        return SupplierWire.result(result);
    }

    private static String text(JsonNode arguments, String field) {
        JsonNode value = arguments.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("argument " + field + " is missing");
        }
        return value.asText();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.close();
    }
}
