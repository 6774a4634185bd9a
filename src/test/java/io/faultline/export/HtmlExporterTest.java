package io.faultline.export;

import com.fasterxml.jackson.databind.JsonNode;
import io.faultline.capture.Json;
import io.faultline.model.Annotation;
import io.faultline.model.AnnotationLayer;
import io.faultline.model.AnnotationTarget;
import io.faultline.model.CausalLink;
import io.faultline.model.Event;
import io.faultline.model.Evidence;
import io.faultline.model.LinkType;
import io.faultline.model.Severity;
import io.faultline.model.SourceRef;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class HtmlExporterTest {
    private static final Path WORK = Path.of("target", "export-html");
    private static final String DATA_OPEN = "<script type=\"application/json\" id=\"data\">";

    @BeforeAll
    static void workDir() throws IOException {
        Files.createDirectories(WORK);
    }

    private static String html(Evidence ev, AnnotationLayer ann, ExportOptions o, int maxEvents) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        HtmlExporter.export(ev, ann, o, out, maxEvents);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static Path write(String name, String html) throws IOException {
        Path file = WORK.resolve(name).toAbsolutePath();
        Files.writeString(file, html, StandardCharsets.UTF_8);
        return file;
    }

    private static JsonNode embeddedData(String html) throws IOException {
        int start = html.indexOf(DATA_OPEN);
        assertThat(start).as("data block").isPositive();
        int end = html.indexOf("</script>", start);
        return Json.mapper().readTree(html.substring(start + DATA_OPEN.length(), end));
    }

    private static String outsideData(String html) {
        int start = html.indexOf(DATA_OPEN);
        int end = html.indexOf("</script>", start);
        return html.substring(0, start) + html.substring(end);
    }

    /** The fixture plus an event, a note and a title made of text that tries to break out of the page. */
    private static Evidence hostileEvidence() {
        Event e = new Event("journal.json:999", IncidentFixture.nanos("2025-10-05T14:55:00Z"), "Oct 05 22:55:00",
                IncidentFixture.HOST, "journal-json", "evil.service", "evil", Severity.ERR, IncidentFixture.HOSTILE, null,
                false, Map.of("X", IncidentFixture.HOSTILE), new SourceRef("journal.json", 999, 123456));
        return IncidentFixture.evidence(List.of(e));
    }

    private static AnnotationLayer hostileAnnotations() {
        AnnotationLayer base = IncidentFixture.annotations();
        List<Annotation> anns = new ArrayList<>(base.annotations());
        anns.add(new Annotation("a-evil", new AnnotationTarget.OnEvent("journal.json:999",
                IncidentFixture.nanos("2025-10-05T14:55:00Z")), "note " + IncidentFixture.HOSTILE, List.of(), "x", 0, 0));
        List<CausalLink> links = new ArrayList<>(base.links());
        links.add(new CausalLink("l-evil", "a-evil", IncidentFixture.NOTE_DISK, LinkType.PRECEDES, IncidentFixture.HOSTILE));
        return new AnnotationLayer(base.version(), anns, links);
    }

    @Test
    void hostileTextCannotLeaveTheDataBlock() throws IOException {
        String html = html(hostileEvidence(), hostileAnnotations(), new ExportOptions(null, IncidentFixture.HOSTILE),
                HtmlExporter.MAX_EMBEDDED_EVENTS);
        assertThat(html).doesNotContain("<script>alert").doesNotContain("\u2028").doesNotContain("\u2029")
                .doesNotContain("<!-- ");
        assertThat(Pattern.compile("<script").matcher(html).results().count()).isEqualTo(3);
        assertThat(Pattern.compile("</script>").matcher(html).results().count()).isEqualTo(3);
        assertThat(html).contains("<title>&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; ");
        JsonNode data = embeddedData(html);
        assertThat(data.path("title").asText()).isEqualTo(IncidentFixture.HOSTILE);
        List<String> messages = new ArrayList<>();
        data.path("events").forEach(n -> messages.add(n.path("message").asText()));
        assertThat(messages).contains(IncidentFixture.HOSTILE);
        assertThat(data.path("links")).hasSize(2);
    }

    @Test
    void needsNoNetwork() throws IOException {
        String page = outsideData(html(IncidentFixture.evidence(), IncidentFixture.annotations(), ExportOptions.whole(),
                HtmlExporter.MAX_EMBEDDED_EVENTS));
        assertThat(page).doesNotContain("http:").doesNotContain("https:").doesNotContain("src=")
                .doesNotContain("href=").doesNotContain("@import").doesNotContain("url(").doesNotContain("fetch(")
                .doesNotContain("XMLHttpRequest").doesNotContain("@font-face");
    }

    @Test
    void capsEmbeddedEventsKeepingAnnotatedOnesAndSaysHowManyWereLeftOut() throws Exception {
        Evidence ev = hostileEvidence();
        String html = html(ev, hostileAnnotations(), ExportOptions.whole(), 10);
        JsonNode data = embeddedData(html);
        int total = ev.events().size();
        assertThat(data.path("events").size()).isEqualTo(10);
        assertThat(data.path("eventsOmitted").asInt()).isEqualTo(total - data.path("events").size());
        List<String> ids = new ArrayList<>();
        data.path("events").forEach(n -> ids.add(n.path("id").asText()));
        assertThat(ids).contains("journal.json:999");
        long sum = 0;
        for (JsonNode c : data.path("histogram").path("all")) {
            sum += c.asLong();
        }
        assertThat(sum).isEqualTo(total);
        assertThat(data.path("histogram").path("all")).hasSize(TimelineWriter.HISTOGRAM_BUCKETS);

        Path file = write("capped.html", html);
        String dom = HeadlessChromium.run(file, WORK, List.of("--dump-dom")).stdout();
        assertThat(attribute(dom, "data-rendered")).isEqualTo("1");
        assertThat(attribute(dom, "data-errors")).isEqualTo("0");
        assertThat(dom).contains(data.path("eventsOmitted").asInt() + " of " + total
                + " events in range were left out of this file");
    }

    @Test
    void aBigCaptureIsCappedAtTheDefaultLimit() throws Exception {
        int total = HtmlExporter.MAX_EMBEDDED_EVENTS + 50_000;
        List<Event> events = new ArrayList<>(total);
        long step = (IncidentFixture.TO - IncidentFixture.FROM) / total;
        for (int i = 0; i < total; i++) {
            long t = IncidentFixture.FROM + step * i;
            events.add(new Event("big:" + i, t, null, IncidentFixture.HOST, "journal-json", null, "app",
                    i % 100 == 0 ? Severity.ERR : Severity.INFO, "request " + i, null, false, null, null));
        }
        Evidence small = IncidentFixture.evidence();
        Evidence big = new Evidence(small.window(), small.hosts(), events, small.spans(), small.series(),
                small.containers(), small.sources(), small.diagnostics());
        AnnotationLayer ann = new AnnotationLayer(1, List.of(new Annotation("a-last", new AnnotationTarget.OnEvent(
                "big:" + (total - 1), events.getLast().timeNanos()), "the last one", List.of(), "", 0, 0)), List.of());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        HtmlExporter.export(big, ann, ExportOptions.whole(), out);
        String html = out.toString(StandardCharsets.UTF_8);
        JsonNode data = embeddedData(html);
        assertThat(data.path("events").size()).isEqualTo(HtmlExporter.MAX_EMBEDDED_EVENTS);
        assertThat(data.path("eventsOmitted").asInt()).isEqualTo(50_000);
        assertThat(data.path("events").get(HtmlExporter.MAX_EMBEDDED_EVENTS - 1).path("id").asText())
                .isEqualTo("big:" + (total - 1));
        long sum = 0;
        long errors = 0;
        for (int b = 0; b < TimelineWriter.HISTOGRAM_BUCKETS; b++) {
            sum += data.path("histogram").path("all").get(b).asLong();
            errors += data.path("histogram").path("errors").get(b).asLong();
        }
        assertThat(sum).isEqualTo(total);
        assertThat(errors).isEqualTo(total / 100);

        // opened over DevTools rather than --dump-dom, which would print all 50 MB back
        try (CdpPage page = CdpPage.open(write("big.html", html), WORK, 1600, 1000)) {
            page.awaitRendered();
            assertThat(page.eval("document.body.dataset.errors")).isEqualTo("0");
            assertThat(page.eval("document.getElementById('omitted').textContent"))
                    .startsWith("50000 of 250000 events in range were left out of this file");
            assertThat(page.eval("document.getElementById('inview-title').textContent"))
                    .isEqualTo("Events in view: 200000 of the embedded sample (the first 300 shown; zoom in for the rest)");
        }
    }

    @Test
    void chromiumRendersTheNotesAndTheChain() throws Exception {
        Path file = write("incident.html", html(IncidentFixture.evidence(), IncidentFixture.annotations(),
                new ExportOptions(null, "Freeze of 5 Oct"), HtmlExporter.MAX_EMBEDDED_EVENTS));
        HeadlessChromium.Result r = HeadlessChromium.run(file, WORK, List.of("--dump-dom"));
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        String dom = r.stdout();
        assertThat(attribute(dom, "data-rendered")).as("page script finished").isEqualTo("1");
        assertThat(attribute(dom, "data-errors")).isEqualTo("0");
        String notes = element(dom, "ol", "notes");
        assertThat(notes).contains(IncidentFixture.NOTE_DISK_TEXT).contains(IncidentFixture.NOTE_PROBE_TEXT)
                .contains("2025-10-05 14:57:12 UTC").contains("2025-10-05 22:57:12 +08:00");
        String chain = element(dom, "div", "chain");
        assertThat(chain).contains("[1] " + IncidentFixture.NOTE_DISK_TEXT).contains("—causes→")
                .contains("[2] Probe never returned").contains("the probe's curl waits on disk IO");
        assertThat(chain.indexOf("[1] ")).isLessThan(chain.indexOf("—causes→"));
        assertThat(chain.indexOf("—causes→")).isLessThan(chain.indexOf("[2] "));
        String table = element(dom, "table", "evidence");
        assertThat(table).contains("healthcheck run of web, exit -1 (no result: probe timed out), took 3 s")
                .contains("time range 14:56:30 – 15:02:00 UTC (5 min 30 s)");
        assertThat(element(dom, "div", "meta")).contains("Asia/Shanghai").contains("22:50:00 +08:00");
    }

    @Test
    void chromiumReportsNoConsoleErrors() throws Exception {
        Path file = write("incident-logged.html", html(IncidentFixture.evidence(), IncidentFixture.annotations(),
                ExportOptions.whole(), HtmlExporter.MAX_EMBEDDED_EVENTS));
        HeadlessChromium.Result r = HeadlessChromium.run(file, WORK, List.of("--enable-logging=stderr", "--v=0", "--dump-dom"));
        assertThat(attribute(r.stdout(), "data-rendered")).isEqualTo("1");
        assertThat(attribute(r.stdout(), "data-errors")).isEqualTo("0");
        List<String> consoleLines = r.stderr().lines().filter(l -> l.contains("CONSOLE")).toList();
        assertThat(consoleLines).as("console output of the page").isEmpty();
        assertThat(r.stderr()).doesNotContain("Uncaught");
    }

    @Test
    void aNoteIdInTheAddressOpensZoomedOnThatNote() throws Exception {
        Path file = write("incident-focus.html", html(IncidentFixture.evidence(), IncidentFixture.annotations(),
                ExportOptions.whole(), HtmlExporter.MAX_EMBEDDED_EVENTS));
        String dom = HeadlessChromium.run(file, WORK, "#" + IncidentFixture.NOTE_PROBE,
                List.of("--virtual-time-budget=3000", "--dump-dom")).stdout();
        assertThat(attribute(dom, "data-errors")).isEqualTo("0");
        // the 3 s probe run at 14:57:12 with 45 s either side
        assertThat(dom).contains("view 2025-10-05 14:56:27 UTC – 14:58:00 (1 min 33 s)");
        // 3 mount lines and the worker's last start and die
        assertThat(dom).contains("Events in view: 5<");
        assertThat(dom).contains("<li data-ann=\"" + IncidentFixture.NOTE_PROBE + "\" class=\"selected\">");
    }

    /** Events in the window's last millisecond (the data carry nanoseconds, the page milliseconds) stay in view. */
    @Test
    void eventsInTheLastMillisecondOfTheWindowAreShown() throws Exception {
        long t0 = 1_759_677_824_000_000_000L;
        long last = t0 + 60_000_000_123L;
        List<Event> events = new ArrayList<>();
        events.add(new Event("e:1", t0, "first", "h", "journal-short", null, "sshd", Severity.INFO, "first", null, false,
                Map.of(), new SourceRef("e", 1, 0)));
        for (int i = 2; i <= 6; i++) {
            events.add(new Event("e:" + i, last, "burst", "h", "journal-short", null, "sshd", Severity.ERR,
                    "error: no more sessions", null, false, Map.of(), new SourceRef("e", i, i * 40L)));
        }
        Evidence ev = new Evidence(new io.faultline.model.TimeWindow(t0, last + 1), List.of(), events, List.of(), List.of(),
                List.of(), List.of(), List.of());
        Path file = write("last-ms.html", html(ev, AnnotationLayer.empty(), ExportOptions.whole(), HtmlExporter.MAX_EMBEDDED_EVENTS));
        String dom = HeadlessChromium.run(file, WORK, List.of("--dump-dom")).stdout();
        assertThat(attribute(dom, "data-errors")).isEqualTo("0");
        assertThat(dom).contains("Events in view: 6<");
    }

    /** An inspect taken days later stretches the window: the page opens on the log lines, the end shows its date. */
    @Test
    void opensOnTheLogLinesWhenTheyFillLittleOfTheWindow() throws Exception {
        long t0 = 1_759_676_425_000_000_000L;
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            events.add(new Event("e:" + i, t0 + i * 30_000_000_000L, "t", "h", "journal-short", null, "systemd", Severity.INFO,
                    "run-docker-runtime mount", null, false, Map.of(), new SourceRef("e", i + 1, i * 80L)));
        }
        long thirteenDays = 13L * 86_400_000_000_000L;
        Evidence ev = new Evidence(new io.faultline.model.TimeWindow(t0, t0 + thirteenDays), List.of(), events, List.of(), List.of(),
                List.of(), List.of(), List.of());
        Path file = write("stretched.html", html(ev, AnnotationLayer.empty(), ExportOptions.whole(), HtmlExporter.MAX_EMBEDDED_EVENTS));
        String dom = HeadlessChromium.run(file, WORK, List.of("--dump-dom")).stdout();
        assertThat(attribute(dom, "data-errors")).isEqualTo("0");
        assertThat(dom).contains("view 2025-10-05 14:59:49 UTC – 15:30:30 (30 min 41 s)");
        assertThat(dom).contains("2025-10-05 15:00:25 UTC – 2025-10-18 15:00:25 UTC (13.0 d)");
    }

    /** The two error checks above can fail: a page whose script throws is caught by both. */
    @Test
    void aThrowingPageIsCaughtByBothErrorChecks() throws Exception {
        String html = html(IncidentFixture.evidence(), IncidentFixture.annotations(), ExportOptions.whole(),
                HtmlExporter.MAX_EMBEDDED_EVENTS);
        assertThat(html).contains("  renderNotes();\n");
        Path file = write("throwing.html", html.replace("  renderNotes();\n", "  renderNotes();\n  noSuchFunction();\n"));
        HeadlessChromium.Result r = HeadlessChromium.run(file, WORK, List.of("--enable-logging=stderr", "--v=0", "--dump-dom"));
        assertThat(attribute(r.stdout(), "data-errors")).isEqualTo("1");
        assertThat(attribute(r.stdout(), "data-rendered")).isEqualTo("0");
        assertThat(r.stderr().lines().filter(l -> l.contains("CONSOLE"))).anyMatch(l -> l.contains("noSuchFunction"));
    }

    @Test
    void hostileTextRendersAsText() throws Exception {
        Path file = write("hostile.html", html(hostileEvidence(), hostileAnnotations(),
                new ExportOptions(null, IncidentFixture.HOSTILE), HtmlExporter.MAX_EMBEDDED_EVENTS));
        String dom = HeadlessChromium.run(file, WORK, List.of("--dump-dom")).stdout();
        assertThat(attribute(dom, "data-rendered")).isEqualTo("1");
        assertThat(attribute(dom, "data-errors")).isEqualTo("0");
        String notes = element(dom, "ol", "notes");
        assertThat(notes).contains("note &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp;");
        assertThat(element(dom, "table", "evidence")).contains("evil.service</td><td class=\"sev-ERR\">ERR</td><td class=\"msg\">&lt;/script&gt;&lt;script&gt;").doesNotContain("<script");
        assertThat(element(dom, "div", "chain")).contains("—precedes→");
    }

    @Test
    void screenshotShowsTheLanes() throws Exception {
        Path file = write("incident-shot.html", html(IncidentFixture.evidence(), IncidentFixture.annotations(),
                new ExportOptions(null, "Freeze of 5 Oct: tiny-srv"), HtmlExporter.MAX_EMBEDDED_EVENTS));
        Path png = WORK.resolve("export-html.png").toAbsolutePath();
        Files.deleteIfExists(png);
        HeadlessChromium.Result r = HeadlessChromium.run(file, WORK,
                List.of("--screenshot=" + png, "--window-size=1600,1000", "--hide-scrollbars"));
        assertThat(png).as(r.stderr()).exists();
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img.getWidth()).isEqualTo(1600);
        assertThat(img.getHeight()).isEqualTo(1000);
        assertThat(pixels(img, 0xf2cc60)).as("note flags").isGreaterThan(200);
        assertThat(pixels(img, 0xd2a8ff)).as("the exit -1 run").isGreaterThan(20);
        assertThat(pixels(img, 0xf85149)).as("failed runs, errors, worker exits").isGreaterThan(50);
        assertThat(pixels(img, 0x3fb950)).as("passing runs").isGreaterThan(100);
        assertThat(pixels(img, 0x58a6ff)).as("util line").isGreaterThan(100);
        assertThat(pixels(img, 0xffa657)).as("await line").isGreaterThan(100);
    }

    private static long pixels(BufferedImage img, int rgb) {
        long n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int p = img.getRGB(x, y);
                if (Math.abs((p >> 16 & 255) - (rgb >> 16 & 255)) <= 6 && Math.abs((p >> 8 & 255) - (rgb >> 8 & 255)) <= 6
                        && Math.abs((p & 255) - (rgb & 255)) <= 6) {
                    n++;
                }
            }
        }
        return n;
    }

    private static String attribute(String dom, String name) {
        Matcher m = Pattern.compile("<body[^>]*\\s" + name + "=\"([^\"]*)\"").matcher(dom);
        assertThat(m.find()).as("attribute " + name + " on body in:\n" + dom.substring(0, Math.min(dom.length(), 2000)))
                .isTrue();
        return m.group(1);
    }

    /** The serialized element with that id up to the end of the section (or header) holding it. */
    private static String element(String dom, String tag, String id) {
        int start = dom.indexOf("<" + tag + " id=\"" + id + "\"");
        assertThat(start).as("element #" + id).isNotNegative();
        int section = dom.indexOf("</section>", start);
        int header = dom.indexOf("</header>", start);
        int end = header >= 0 && (section < 0 || header < section) ? header : section;
        return dom.substring(start, end);
    }
}
