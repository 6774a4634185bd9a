package io.faultline.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code export --format svg}: a well-formed SVG document of the sample whose lanes, notes, links and chain can be found. */
class SvgExportTest {
    private static final Path SAMPLE = Path.of("assets/sample.flcap");

    @TempDir
    Path dir;

    @Test
    void theTimelineHasItsLanesNotesLinksAndTheChain() throws Exception {
        Path out = dir.resolve("timeline.svg");
        Cli run = Cli.run("export", SAMPLE.toString(), "--format", "svg", "-o", out.toString());
        assertThat(run.code()).as(run.err()).isZero();
        Document doc = parse(out);
        assertThat(doc.getDocumentElement().getTagName()).isEqualTo("svg");
        assertThat(doc.getDocumentElement().getNamespaceURI()).isEqualTo("http://www.w3.org/2000/svg");
        assertThat(attributes(doc, "//*[@class='lane']/@data-lane")).containsExactly("axis", "events", "health:fl-crashloop", "up:fl-crashloop",
                "health:fl-health", "up:fl-health", "series:127.0.0.1 vda util", "series:127.0.0.1 vda await", "series:127.0.0.1 vda rkB_s",
                "series:127.0.0.1 vda wkB_s", "series:127.0.0.1 vda aqu_sz", "series:127.0.0.1 vda tps");
        assertThat(attributes(doc, "//*[@class='note']/@data-id")).containsExactly("n-1", "n-2", "n-3");
        assertThat(texts(doc, "//*[@class='note' and @data-id='n-3']/*[local-name()='title']"))
                .containsExactly("n-3 · info · fl-health probe never returned within its 1 s timeout (exit -1)");
        assertThat(texts(doc, "//*[@class='note-line']")).first().asString()
                .isEqualTo("n-1  2026-12-03 19:03:52.654 +00:00  [info]  fl-crashloop gives up (exit 3); restart=always starts it again and"
                        + " each start writes 16 MB  — on-call (sample)");
        assertThat(attributes(doc, "//*[@class='link']/@data-id")).containsExactly("l-1", "l-2");
        assertThat(texts(doc, "//*[@class='link']/*[@class='link-label']")).containsExactly("contributes to", "precedes");
        assertThat(attributes(doc, "//*[@class='chain-node']/@data-id")).containsExactly("n-1", "n-2", "n-3");
        assertThat(texts(doc, "//*[@class='chain-node' and @data-id='n-2']/*[local-name()='text']"))
                .containsExactly("n-2 · 19:03:59.001 · info", "vda util peaks at 84 %");
        assertThat(attributes(doc, "//*[@class='chain-link']/@data-id")).containsExactly("l-1", "l-2");
        int runs = ((NodeList) xpath().evaluate("//*[@data-lane='health:fl-health']/*[local-name()='rect' and *[local-name()='title']]", doc,
                XPathConstants.NODESET)).getLength();
        assertThat(runs).as("one rectangle per healthcheck run of fl-health in the window, as the JSON export counts them").isEqualTo(101);
    }

    @Test
    void theChainViewWarnsOfACauseAfterItsEffectAndHostileTextStaysWellFormed() throws Exception {
        Path bundle = dir.resolve("hostile.flcap");
        Files.copy(SAMPLE, bundle);
        Cli add = Cli.run("annotate", bundle.toString(), "--at", "2026-12-03T19:02:00Z", "--note", "</text><script>alert(1)</script> & \u001b[31m \"quoted\"",
                "--severity", "critical");
        assertThat(add.code()).as(add.err()).isZero();
        assertThat(Cli.run("link", bundle.toString(), "n-3", "n-4", "--type", "causes").code()).isZero();
        Path out = dir.resolve("chain.svg");
        Cli run = Cli.run("export", bundle.toString(), "--format", "svg", "--view", "chain", "-o", out.toString());
        assertThat(run.code()).as(run.err()).isZero();
        Document doc = parse(out);
        assertThat(attributes(doc, "//*[@class='lane']/@data-lane")).isEmpty();
        assertThat(attributes(doc, "//*[@class='chain-node']/@data-id")).containsExactly("n-4", "n-1", "n-2", "n-3");
        assertThat(texts(doc, "//*[@class='chain-node' and @data-id='n-4']/*[local-name()='text']")).containsExactly(
                "n-4 · 19:02:00.000 · critical", "</text><script>alert(1)</scri…", "& \uFFFD[31m \"quoted\"");
        assertThat(doc.getElementsByTagNameNS("*", "script").getLength()).isZero();
        Element warned = (Element) xpath().evaluate("//*[@class='chain-link' and @data-id='l-3']", doc, XPathConstants.NODE);
        assertThat(warned.getElementsByTagNameNS("*", "path").item(0).getAttributes().getNamedItem("stroke-dasharray")).isNotNull();
        assertThat(texts(doc, "//*[@class='chain-link' and @data-id='l-3']/*[@class='link-label']")).containsExactly("⚠ causes");
        assertThat(texts(doc, "//*[@class='chain-link' and @data-id='l-3']/*[local-name()='title']")).singleElement().asString()
                .startsWith("l-3: n-3 causes n-4 — l-3: the cause n-3 (2026-12-03T19:10:51.595245780Z) starts 8 min 51 s after its effect n-4");
        assertThat(Cli.run("export", bundle.toString(), "--format", "md", "--view", "chain", "-o", dir.resolve("x.md").toString()).err())
                .contains("--view is for --format svg and png");
    }

    @Test
    void theChainGraphAsPngAtOneAndTwiceTheScale() throws Exception {
        Path one = dir.resolve("chain.png");
        Cli run = Cli.run("export", SAMPLE.toString(), "--format", "png", "--view", "chain", "-o", one.toString());
        assertThat(run.code()).as(run.err()).isZero();
        java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(one.toFile());
        // three notes: 2 x 24 margin + 3 boxes of 232 + 2 gaps of 110; both links join neighbours, so no arc lifts the row
        assertThat(img.getWidth()).isEqualTo(964);
        int rowY = (int) (24 + 34 + 10);
        assertThat(img.getRGB(26, rowY + 39) & 0xffffff).as("n-1's severity bar, info blue").isEqualTo(0x0969da);
        assertThat(img.getRGB(24 + 342 + 100, rowY + 39 + 30) & 0xffffff).as("inside n-2's box, below its text").isEqualTo(0xffffff);
        Path two = dir.resolve("chain2.png");
        assertThat(Cli.run("export", SAMPLE.toString(), "--format", "png", "--view", "chain", "--scale", "2", "-o", two.toString()).code()).isZero();
        java.awt.image.BufferedImage img2 = javax.imageio.ImageIO.read(two.toFile());
        assertThat(img2.getWidth()).isEqualTo(2 * img.getWidth());
        assertThat(img2.getHeight()).isEqualTo(2 * img.getHeight());
        assertThat(Cli.run("export", SAMPLE.toString(), "--format", "png", "--view", "chain", "--lane", "health", "-o",
                dir.resolve("x.png").toString()).err()).contains("--lane and --theme are for the timeline PNG");
    }

    private static Document parse(Path file) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        try (var in = Files.newInputStream(file)) {
            return f.newDocumentBuilder().parse(in);
        }
    }

    private static XPath xpath() {
        return XPathFactory.newInstance().newXPath();
    }

    private static List<String> attributes(Document doc, String expr) throws Exception {
        return texts(doc, expr);
    }

    private static List<String> texts(Document doc, String expr) throws Exception {
        NodeList nodes = (NodeList) xpath().evaluate(expr, doc, XPathConstants.NODESET);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add(nodes.item(i).getTextContent());
        }
        return out;
    }
}
