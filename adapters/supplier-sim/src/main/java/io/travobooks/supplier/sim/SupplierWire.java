package io.travobooks.supplier.sim;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.travobooks.spi.supplier.SupplierResult;

/**
 * The JSON of the simulator's HTTP protocol. A call is {@code POST /supplier/<method>} with its arguments as an
 * object; the answer is {@code {"outcome":"success","value":...}}, {@code {"outcome":"refused","code","message"}}
 * or {@code {"outcome":"unknown","reason"}}, the three kinds of {@link SupplierResult}.
 */
final class SupplierWire {
    static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .registerModule(new Jdk8Module())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // Only record components travel: no "positive" from Money.isPositive().
            .setVisibility(PropertyAccessor.IS_GETTER, JsonAutoDetect.Visibility.NONE);

    private SupplierWire() {
    }

    static ObjectNode result(SupplierResult<?> result) {
        ObjectNode node = JSON.createObjectNode();
        switch (result) {
            case SupplierResult.Success<?> success -> {
                node.put("outcome", "success");
                node.set("value", JSON.valueToTree(success.value()));
            }
            case SupplierResult.Refused<?> refused -> {
                node.put("outcome", "refused");
                node.put("code", refused.code());
                node.put("message", refused.message());
            }
            case SupplierResult.Unknown<?> unknown -> {
                node.put("outcome", "unknown");
                node.put("reason", unknown.reason());
            }
        }
        return node;
    }

    static <T> SupplierResult<T> result(JsonNode node, JavaType valueType) {
        return switch (node.path("outcome").asText()) {
            case "success" -> new SupplierResult.Success<>(JSON.convertValue(node.get("value"), valueType));
            case "refused" -> new SupplierResult.Refused<>(node.path("code").asText(), node.path("message").asText());
            case "unknown" -> new SupplierResult.Unknown<>(node.path("reason").asText());
            default -> throw new IllegalArgumentException("not a supplier result: " + node);
        };
    }
}
