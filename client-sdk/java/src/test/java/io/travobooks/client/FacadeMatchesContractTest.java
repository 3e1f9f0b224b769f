package io.travobooks.client;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The facade offers one accessor per tag of the contract, no more and no less: a tag the contract drops fails the
 * build (its API class is no longer generated), and one it adds fails here until the facade offers it.
 */
class FacadeMatchesContractTest {
    private static final Pattern TAG = Pattern.compile("^  - name: ([a-z-]+)$", Pattern.MULTILINE);

    @Test
    void everyTagOfTheContractHasAnAccessorAndEveryAccessorATag() throws IOException {
        String spec = Files.readString(Path.of("../../api/openapi.yaml"));
        String tagList = spec.substring(spec.indexOf("\ntags:\n"), spec.indexOf("\npaths:\n"));
        Set<String> tags = TAG.matcher(tagList).results().map(m -> m.group(1)).collect(Collectors.toSet());
        assertThat(tags).as("the contract's tags").hasSizeGreaterThan(10);

        Set<String> apiClasses = Arrays.stream(TravoClient.class.getDeclaredMethods())
                .filter(method -> Modifier.isPublic(method.getModifiers()) && method.getParameterCount() == 0)
                .map(Method::getReturnType)
                .filter(type -> type.getPackageName().equals("io.travobooks.client.generated.api"))
                .map(Class::getSimpleName).collect(Collectors.toSet());
        assertThat(apiClasses).isEqualTo(tags.stream().map(FacadeMatchesContractTest::apiClass)
                .collect(Collectors.toSet()));
    }

    /** As the generator names a tag's class: {@code money-events} is {@code MoneyEventsApi}. */
    private static String apiClass(String tag) {
        return Arrays.stream(tag.split("-")).map(word -> word.substring(0, 1).toUpperCase(Locale.ROOT)
                + word.substring(1)).collect(Collectors.joining()) + "Api";
    }
}
