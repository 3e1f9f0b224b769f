package io.travobooks.server;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.travobooks.server.contract.OpenApiContract;
import io.travobooks.server.contract.Operation;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * The contract keeps its own conventions, so that clients generated from it can rely on them: every operation
 * documents the errors it can answer, and path parameters are required.
 */
class ContractConventionsTest {
    private final OpenApiContract contract = OpenApiContract.load();
    private final JsonNode document = contract.document();

    @Test
    void everyOperationDocumentsTheAnswersItCanGive() {
        List<String> gaps = new ArrayList<>();
        for (Operation operation : contract.operations()) {
            JsonNode responses = document.at("/paths/" + operation.pathTemplate().replace("/", "~1") + "/"
                    + operation.method().toLowerCase(Locale.ROOT) + "/responses");
            Set<String> required = new HashSet<>(Set.of("400", "default"));
            if (operation.authenticated()) {
                required.add("401");
            }
            if (!operation.scopes().isEmpty()) {
                required.add("403");
            }
            // A key's tenant may lack what the path names; a hook's unknown path answers 401, revealing nothing.
            if (operation.authenticated()
                    && operation.parameters().stream().anyMatch(p -> p.in() == Operation.Parameter.In.PATH)) {
                required.add("404");
            }
            if (operation.idempotent()) {
                required.addAll(Set.of("409", "422"));
            }
            if (operation.parameters().stream().anyMatch(p -> p.name().equals("If-Match"))) {
                required.add("412");
            }
            required.stream().filter(status -> !responses.has(status)).sorted()
                    .forEach(status -> gaps.add(operation.describe() + " lacks " + status));
            boolean success = false;
            for (var it = responses.fieldNames(); it.hasNext(); ) {
                success |= it.next().startsWith("2");
            }
            if (!success) {
                gaps.add(operation.describe() + " documents no success");
            }
        }
        assertThat(gaps).isEmpty();
    }

    @Test
    void noKeyIsGivenTwiceInOneObject() throws IOException {
        // YAML readers keep the last of two equal keys without a word: a second schema of one name would replace
        // the first for every operation that uses it.
        ObjectMapper strict = new ObjectMapper(new YAMLFactory())
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        assertThatCode(() -> strict.readTree(Files.readAllBytes(Path.of("../api/openapi.yaml"))))
                .doesNotThrowAnyException();
    }

    @Test
    void operationIdsAreUniqueAndPathParametersRequired() {
        assertThat(contract.operations()).extracting(Operation::operationId).doesNotHaveDuplicates();
        assertThat(contract.operations()).flatExtracting(Operation::parameters)
                .filteredOn(p -> p.in() == Operation.Parameter.In.PATH)
                .allSatisfy(p -> assertThat(p.required()).as(p.name()).isTrue());
    }

    @Test
    void onlyHealthTheContractItselfSigningInAndSignedHooksArePublic() {
        assertThat(contract.operations()).filteredOn(op -> !op.authenticated()).extracting(Operation::operationId)
                .containsExactlyInAnyOrder("getLiveness", "getReadiness", "getOpenApi", "createSession",
                        "startOidcSignIn", "createOidcSession",
                        "receiveInboundMessage", "receiveDeliveryCallback");
        // A hook's credential is its sender's signature, which the contract documents.
        assertThat(contract.operations()).filteredOn(op -> op.pathTemplate().startsWith("/v1/hooks/"))
                .allSatisfy(op -> assertThat(op.parameters()).extracting(Operation.Parameter::name)
                        .contains("X-Hub-Signature-256"));
    }
}
