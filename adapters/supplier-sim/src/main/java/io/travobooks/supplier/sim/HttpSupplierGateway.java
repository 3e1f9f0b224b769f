package io.travobooks.supplier.sim;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.travobooks.spi.Money;
import io.travobooks.spi.supplier.ExchangeOffer;
import io.travobooks.spi.supplier.Offer;
import io.travobooks.spi.supplier.Passenger;
import io.travobooks.spi.supplier.RefundOffer;
import io.travobooks.spi.supplier.SupplierGateway;
import io.travobooks.spi.supplier.SupplierOrder;
import io.travobooks.spi.supplier.SupplierResult;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The simulated airline of another process, through {@link SupplierHttpServer}. A call that gets no answer within
 * {@code timeout} (or whose connection breaks) is {@link SupplierResult.Unknown}: the airline may have acted.
 */
public final class HttpSupplierGateway implements SupplierGateway {
    private static final JavaType ORDER = SupplierWire.JSON.constructType(SupplierOrder.class);
    private static final JavaType OFFER = SupplierWire.JSON.constructType(Offer.class);
    private static final JavaType REFUND = SupplierWire.JSON.constructType(RefundOffer.class);
    private static final JavaType EXCHANGE = SupplierWire.JSON.constructType(ExchangeOffer.class);
    private static final JavaType OFFERS = SupplierWire.JSON.getTypeFactory()
            .constructCollectionType(List.class, Offer.class);

    private final URI base;
    private final Duration timeout;
    private final HttpClient client;

    public HttpSupplierGateway(URI base, Duration timeout) {
        this.base = Objects.requireNonNull(base, "base");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** Connecting and answering may each take the timeout. */
    @Override
    public Duration callTimeout() {
        return timeout.multipliedBy(2);
    }

    @Override
    public List<Offer> search(String origin, String destination, LocalDate date) {
        ObjectNode arguments = arguments().put("origin", origin).put("destination", destination)
                .put("date", date.toString());
        try {
            return SupplierWire.JSON.convertValue(send("search", arguments), OFFERS);
        } catch (IOException e) {
            throw new UncheckedIOException("the simulated airline did not answer a search", e);
        }
    }

    @Override
    public SupplierResult<Offer> offer(String offerId) {
        return call("offer", arguments().put("offerId", offerId), OFFER);
    }

    @Override
    public SupplierResult<SupplierOrder> hold(String offerId, List<Passenger> passengers) {
        ObjectNode arguments = arguments().put("offerId", offerId);
        arguments.set("passengers", SupplierWire.JSON.valueToTree(passengers));
        return call("hold", arguments, ORDER);
    }

    @Override
    public SupplierResult<SupplierOrder> price(String pnr) {
        return call("price", arguments().put("pnr", pnr), ORDER);
    }

    @Override
    public SupplierResult<SupplierOrder> issue(String pnr, String requestId) {
        return call("issue", arguments().put("pnr", pnr).put("requestId", requestId), ORDER);
    }

    @Override
    public SupplierResult<SupplierOrder> retrieve(String pnr) {
        return call("retrieve", arguments().put("pnr", pnr), ORDER);
    }

    @Override
    public SupplierResult<SupplierOrder> retrieveByRequest(String requestId) {
        return call("retrieveByRequest", arguments().put("requestId", requestId), ORDER);
    }

    @Override
    public SupplierResult<SupplierOrder> retrieveByDocument(String documentNumber) {
        return call("retrieveByDocument", arguments().put("documentNumber", documentNumber), ORDER);
    }

    @Override
    public SupplierResult<SupplierOrder> voidDocuments(String pnr) {
        return call("voidDocuments", arguments().put("pnr", pnr), ORDER);
    }

    @Override
    public SupplierResult<RefundOffer> refundQuote(String pnr, Set<String> documentNumbers) {
        ObjectNode arguments = arguments().put("pnr", pnr);
        arguments.set("documentNumbers", SupplierWire.JSON.valueToTree(documentNumbers));
        return call("refundQuote", arguments, REFUND);
    }

    @Override
    public SupplierResult<SupplierOrder> refundConfirm(String pnr, String quoteId) {
        return call("refundConfirm", arguments().put("pnr", pnr).put("quoteId", quoteId), ORDER);
    }

    @Override
    public SupplierResult<ExchangeOffer> exchangeQuote(String pnr, Set<String> documentNumbers, String newOfferId) {
        ObjectNode arguments = arguments().put("pnr", pnr).put("newOfferId", newOfferId);
        arguments.set("documentNumbers", SupplierWire.JSON.valueToTree(documentNumbers));
        return call("exchangeQuote", arguments, EXCHANGE);
    }

    @Override
    public SupplierResult<SupplierOrder> exchangeConfirm(String pnr, String quoteId) {
        return call("exchangeConfirm", arguments().put("pnr", pnr).put("quoteId", quoteId), ORDER);
    }

    @Override
    public SupplierResult<SupplierOrder> issueEmd(String pnr, String requestId, Money amount, String reason) {
        ObjectNode arguments = arguments().put("pnr", pnr).put("requestId", requestId).put("reason", reason);
        arguments.set("amount", SupplierWire.JSON.valueToTree(amount));
        return call("issueEmd", arguments, ORDER);
    }

    @Override
    public SupplierResult<SupplierOrder> cancel(String pnr) {
        return call("cancel", arguments().put("pnr", pnr), ORDER);
    }

    private static ObjectNode arguments() {
        return SupplierWire.JSON.createObjectNode();
    }

    private <T> SupplierResult<T> call(String method, ObjectNode arguments, JavaType valueType) {
        try {
            return SupplierWire.result(send(method, arguments), valueType);
        } catch (IOException e) {
            return new SupplierResult.Unknown<>("no answer from the airline: " + e);
        }
    }

    private JsonNode send(String method, ObjectNode arguments) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(method))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(SupplierWire.JSON.writeValueAsBytes(arguments)))
                .build();
        HttpResponse<byte[]> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the airline", e);
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException("the simulator refused " + method + " as malformed: "
                    + new String(response.body(), StandardCharsets.UTF_8));
        }
        return SupplierWire.JSON.readTree(response.body());
    }
}
