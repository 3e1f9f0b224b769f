package io.travobooks.architecture;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.Test;

import java.util.Comparator;
import java.util.Map;
import java.util.Optional;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rules that keep the modules apart, checked on the compiled main classes of every module: the layers
 * (spi, then the cores, then the adapters, then the test kit and the applications; the API's clients apart, used
 * by applications only), internal packages used only inside their own module, and cores free of frameworks.
 */
class ArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.travobooks");

    private static final String[] SPI = {"io.travobooks.spi.."};
    private static final String[] CORES = {"io.travobooks.ledger..", "io.travobooks.booking..",
            "io.travobooks.messaging..", "io.travobooks.identity.."};
    private static final String[] ADAPTERS = {"io.travobooks.storage.jdbc..", "io.travobooks.embedded..",
            "io.travobooks.cache.redis..", "io.travobooks.supplier.sim..", "io.travobooks.webhook.http..",
            "io.travobooks.events.schema..", "io.travobooks.templates.icu..", "io.travobooks.eticket..",
            "io.travobooks.channel.email..", "io.travobooks.channel.http..", "io.travobooks.channel.inapp.."};
    private static final String[] TEST_KIT = {"io.travobooks.testkit.."};
    /** The clients of the HTTP API: they know the contract only, never the library's classes. */
    private static final String[] CLIENTS = {"io.travobooks.client.."};
    private static final String[] APPLICATIONS = {"io.travobooks.examples..", "io.travobooks.bench..",
            "io.travobooks.server.."};

    /** Each module's root package; a class belongs to the module with the longest root its package starts with. */
    private static final Map<String, String> MODULE_ROOTS = Map.ofEntries(
            Map.entry("io.travobooks.spi", "spi"),
            Map.entry("io.travobooks.ledger", "ledger-core"),
            Map.entry("io.travobooks.booking", "booking-core"),
            Map.entry("io.travobooks.messaging", "messaging-core"),
            Map.entry("io.travobooks.identity", "identity-core"),
            Map.entry("io.travobooks.testkit", "testkit"),
            Map.entry("io.travobooks.storage.jdbc", "storage-jdbc"),
            Map.entry("io.travobooks.embedded", "embedded"),
            Map.entry("io.travobooks.cache.redis", "cache-redis"),
            Map.entry("io.travobooks.supplier.sim", "supplier-sim"),
            Map.entry("io.travobooks.webhook.http", "webhook-http"),
            Map.entry("io.travobooks.events.schema", "event-schema"),
            Map.entry("io.travobooks.templates.icu", "templates-icu"),
            Map.entry("io.travobooks.eticket", "eticket-pdf"),
            Map.entry("io.travobooks.channel.email", "channel-email"),
            Map.entry("io.travobooks.channel.http", "channel-http"),
            Map.entry("io.travobooks.channel.inapp", "channel-inapp"),
            Map.entry("io.travobooks.server", "reference-server"),
            Map.entry("io.travobooks.client", "client-sdk-java"),
            Map.entry("io.travobooks.examples", "examples"),
            Map.entry("io.travobooks.bench", "bench"));

    static Optional<String> moduleOf(JavaClass type) {
        String name = type.getPackageName();
        return MODULE_ROOTS.entrySet().stream()
                .filter(root -> name.equals(root.getKey()) || name.startsWith(root.getKey() + "."))
                .max(Comparator.comparingInt(root -> root.getKey().length()))
                .map(Map.Entry::getValue);
    }

    @Test
    void theRulesSeeEveryModuleAndPlaceEveryClass() {
        assertThat(CLASSES.stream().map(ArchitectureTest::moduleOf).flatMap(Optional::stream).distinct())
                .as("the import holds classes of every module")
                .containsExactlyInAnyOrderElementsOf(MODULE_ROOTS.values());
        assertThat(CLASSES.stream().filter(type -> moduleOf(type).isEmpty()).map(JavaClass::getName))
                .as("a class outside every known module escapes the rules: add its module above").isEmpty();
    }

    @Test
    void eachLayerUsesOnlyTheLayersBelowIt() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("SPI").definedBy(SPI)
                .layer("Cores").definedBy(CORES)
                .layer("Adapters").definedBy(ADAPTERS)
                .layer("Test kit").definedBy(TEST_KIT)
                .layer("Clients").definedBy(CLIENTS)
                .layer("Applications").definedBy(APPLICATIONS)
                .whereLayer("SPI").mayNotAccessAnyLayer()
                .whereLayer("Cores").mayOnlyAccessLayers("SPI")
                .whereLayer("Adapters").mayOnlyAccessLayers("SPI", "Cores")
                .whereLayer("Test kit").mayOnlyAccessLayers("SPI", "Cores", "Adapters")
                .whereLayer("Test kit").mayOnlyBeAccessedByLayers("Applications")
                .whereLayer("Clients").mayNotAccessAnyLayer()
                .whereLayer("Clients").mayOnlyBeAccessedByLayers("Applications")
                .whereLayer("Applications").mayNotBeAccessedByAnyLayer()
                .check(CLASSES);
    }

    @Test
    void theCoresStandApartExceptThatBookingsPostToTheLedger() {
        noClasses().that().resideInAPackage("io.travobooks.ledger..")
                .should().dependOnClassesThat().resideInAnyPackage("io.travobooks.booking..",
                        "io.travobooks.messaging..")
                .check(CLASSES);
        noClasses().that().resideInAPackage("io.travobooks.booking..")
                .should().dependOnClassesThat().resideInAPackage("io.travobooks.messaging..")
                .check(CLASSES);
        noClasses().that().resideInAPackage("io.travobooks.messaging..")
                .should().dependOnClassesThat().resideInAnyPackage("io.travobooks.ledger..",
                        "io.travobooks.booking..")
                .check(CLASSES);
        noClasses().that().resideInAPackage("io.travobooks.identity..")
                .should().dependOnClassesThat().resideInAnyPackage("io.travobooks.ledger..",
                        "io.travobooks.booking..", "io.travobooks.messaging..")
                .check(CLASSES);
        noClasses().that().resideInAnyPackage("io.travobooks.ledger..", "io.travobooks.messaging..")
                .should().dependOnClassesThat().resideInAPackage("io.travobooks.identity..")
                .check(CLASSES);
    }

    @Test
    void internalPackagesAreUsedOnlyInsideTheirOwnModule() {
        classes().should(useOnlyTheirOwnModulesInternals()).check(CLASSES);
    }

    @Test
    void theSpiAndTheCoresAreFreeOfFrameworks() {
        ArchRule spi = classes().that().resideInAnyPackage(SPI)
                .should().onlyDependOnClassesThat().resideInAnyPackage(withJdk("io.travobooks.spi.."));
        ArchRule cores = classes().that().resideInAnyPackage(CORES)
                .and().resideOutsideOfPackage("io.travobooks.identity..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(withJdk("io.travobooks..", "org.slf4j"));
        // hashing and guessability are cryptography and data, not frameworks: the identity core uses libraries
        ArchRule identity = classes().that().resideInAPackage("io.travobooks.identity..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(withJdk("io.travobooks..", "org.slf4j",
                        "org.bouncycastle..", "com.nulabinc.zxcvbn.."));
        spi.check(CLASSES);
        cores.check(CLASSES);
        identity.check(CLASSES);
    }

    /** The JDK packages core code may use, and {@code others}. */
    private static String[] withJdk(String... others) {
        String[] jdk = {"java..", "javax.crypto.."};
        String[] all = new String[jdk.length + others.length];
        System.arraycopy(jdk, 0, all, 0, jdk.length);
        System.arraycopy(others, 0, all, jdk.length, others.length);
        return all;
    }

    private static ArchCondition<JavaClass> useOnlyTheirOwnModulesInternals() {
        return new ArchCondition<>("use internal packages of their own module only") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                    JavaClass target = dependency.getTargetClass().getBaseComponentType();
                    boolean internal = target.getPackageName().contains(".internal");
                    if (internal && moduleOf(target).isPresent() && !moduleOf(target).equals(moduleOf(origin))) {
                        events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()
                                + ": " + moduleOf(origin).orElse("?") + " uses an internal package of "
                                + moduleOf(target).orElseThrow()));
                    }
                }
            }
        };
    }
}
