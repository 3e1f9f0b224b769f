package io.travobooks.examples;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** The bill of materials names every library module of the build, at the build's version. */
class BillOfMaterialsTest {
    private static final Path ROOT = Path.of("..");
    /**
     * Modules that are not libraries an application depends on: the server is an application itself (the console
     * is its web pages), the TypeScript client an npm package, and the rest tests, examples and tools.
     */
    private static final List<String> NOT_PUBLISHED = List.of("bom", "reference-server", "console", "examples",
            "bench", "architecture", "e2e", "client-sdk/typescript");

    @Test
    void theBomListsEveryLibraryModuleAtTheBuildsVersion() throws Exception {
        Document parent = parse(ROOT.resolve("pom.xml"));
        String version = child(parent.getDocumentElement(), "version");
        Map<String, String> expected = new TreeMap<>();
        NodeList modules = parent.getElementsByTagName("module");
        for (int i = 0; i < modules.getLength(); i++) {
            String module = modules.item(i).getTextContent().trim();
            if (!NOT_PUBLISHED.contains(module)) {
                expected.put(child(parse(ROOT.resolve(module).resolve("pom.xml")).getDocumentElement(),
                        "artifactId"), version);
            }
        }

        Document bom = parse(ROOT.resolve("bom/pom.xml"));
        Map<String, String> listed = new TreeMap<>();
        NodeList dependencies = bom.getElementsByTagName("dependency");
        for (int i = 0; i < dependencies.getLength(); i++) {
            Element dependency = (Element) dependencies.item(i);
            listed.put(child(dependency, "artifactId"), child(dependency, "version"));
        }

        assertThat(child(bom.getDocumentElement(), "version")).isEqualTo(version);
        assertThat(listed).isEqualTo(expected);
        assertThat(new ArrayList<>(listed.keySet())).contains("travobooks-ledger-core", "travobooks-storage-jdbc");
    }

    private static Document parse(Path pom) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
    }

    /** The text of the element's own child of that name (not of a nested one, such as the parent's version). */
    private static String child(Element element, String name) {
        NodeList children = element.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element child && child.getTagName().equals(name)) {
                return child.getTextContent().trim();
            }
        }
        throw new IllegalStateException(element.getTagName() + " has no " + name);
    }
}
