package org.fuyu.policy.examples.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** policy-bom has the reactor's version and manages every Fuyu artifact, so a host imports one version. */
class BomTest {

    @Test
    void bomManagesEveryModuleAtTheReactorVersion() throws Exception {
        Document parent = read(Path.of("..", "pom.xml"));
        Document bom = read(Path.of("..", "policy-bom", "pom.xml"));
        assertThat(child(bom.getDocumentElement(), "version")).isEqualTo(child(parent.getDocumentElement(), "version"));
        assertThat(child(bom.getDocumentElement(), "packaging")).isEqualTo("pom");

        List<String> modules = new ArrayList<>();
        NodeList ms = parent.getElementsByTagName("module");
        for (int i = 0; i < ms.getLength(); i++) {
            modules.add(ms.item(i).getTextContent().trim());
        }
        modules.remove("policy-bom");
        modules.remove("policy-bench"); // the JMH benchmarks are built, never installed or published
        assertThat(modules).contains("policy-core", "policy-rules", "policy-testkit", "policy-examples");

        List<String> managed = new ArrayList<>();
        NodeList deps = bom.getElementsByTagName("dependency");
        for (int i = 0; i < deps.getLength(); i++) {
            Element d = (Element) deps.item(i);
            assertThat(child(d, "groupId")).isEqualTo("org.fuyu");
            assertThat(child(d, "version")).isEqualTo("${project.version}");
            managed.add(child(d, "artifactId"));
        }
        assertThat(managed).containsExactlyInAnyOrderElementsOf(modules);
    }

    private static Document read(Path p) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(p.toFile());
    }

    private static String child(Element e, String name) {
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c && c.getTagName().equals(name)) {
                return c.getTextContent().trim();
            }
        }
        return null;
    }
}
