package io.faultline.ingest;

import io.faultline.capture.SourceKind;
import io.faultline.model.Diagnostic;
import io.faultline.model.EpochNanos;
import io.faultline.model.Event;
import io.faultline.model.Evidence;
import io.faultline.model.Span;
import io.faultline.model.TimeWindow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static io.faultline.ingest.TestBundles.entry;
import static io.faultline.ingest.TestBundles.host;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code docker events} default text form: the same events as the JSON lines form. */
class DockerEventsTextTest {
    private static final EntryContext CTX = new EntryContext("e", "h", ZoneId.of("UTC"), true, 0,
            new TimeWindow(EpochNanos.of(Instant.parse("2026-12-03T19:00:00Z")), EpochNanos.of(Instant.parse("2026-12-03T20:00:00Z"))),
            null, null, null);

    @TempDir
    Path dir;

    private static Collector parse(byte[] data) {
        Collector out = new Collector();
        out.beginEntry();
        new DockerEventsParser().parse(CTX, data, out);
        out.endEntry();
        return out;
    }

    /** Everything an event says except how its time was written and the JSON-only {@code scope}. */
    private static List<String> comparable(Collector out) {
        List<String> rows = new ArrayList<>();
        for (Event e : out.events()) {
            Map<String, String> f = new TreeMap<>(e.fields());
            f.remove("scope");
            rows.add(e.id() + " " + e.timeNanos() + " " + e.severity() + " " + e.containerId() + " " + e.message() + " " + f);
        }
        for (DockerEventRecord r : out.dockerEvents()) {
            rows.add(r.eventId() + " " + r.timeNanos() + " " + r.type() + " " + r.action() + " " + r.actorId() + " "
                    + new TreeMap<>(r.attributes()) + " line " + r.origin().line());
        }
        return rows;
    }

    @Test
    void realTextAndJsonCapturesGiveTheSameEvents() throws IOException {
        Collector text = parse(TestBundles.fixture("events-text.txt"));
        Collector json = parse(TestBundles.fixture("events-text.jsonl"));
        assertThat(text.diagnostics()).isEmpty();
        assertThat(json.diagnostics()).isEmpty();
        assertThat(text.events()).hasSize(66);
        assertThat(comparable(text)).containsExactlyElementsOf(comparable(json));
    }

    @Test
    void valuesHoldingCommasColonsAndParenthesesStayWhole() throws IOException {
        Collector out = parse(TestBundles.fixture("events-text.txt"));
        DockerEventRecord start = out.dockerEvents().stream().filter(r -> r.action().startsWith("exec_start: sh -c echo")).findFirst()
                .orElseThrow();
        assertThat(start.action()).isEqualTo("exec_start: sh -c echo (k=v), b, c=d: e");
        assertThat(start.actorId()).isEqualTo("f565f3f9f914b15d68768517e6a9d02bbf52f31aacec0c63b0060a6d161cdbb2");
        assertThat(start.attributes()).containsExactly(
                Map.entry("desc", "restarts, then: gives up, a=b"),
                Map.entry("execID", "00eeeeb0539c07742b4967069a096291677654c669a64697bad5e9af4b3da6a8"),
                Map.entry("image", "faultline/busybox:testbed"),
                Map.entry("name", "fl-i3-evtest"),
                Map.entry("zz.note", "x (y=z)"));
        DockerEventRecord mount = out.dockerEvents().stream().filter(r -> r.action().equals("mount")).findFirst().orElseThrow();
        assertThat(mount.actorId()).isEqualTo("fl-crashloop-data");
        assertThat(mount.attributes()).containsEntry("propagation", "").containsEntry("read/write", "true")
                .containsEntry("destination", "/data");
    }

    @Test
    void linesWithoutAttributesOrActorAndBadLines() {
        Collector out = parse(("2026-12-03T19:00:01.000000001+01:00 image pull busybox:latest\n"
                + "2026-12-03T19:00:02Z daemon reload  (a=1)\n"
                + "not an event\n"
                + "2026-13-03T19:00:02Z container die x (exitCode=1)\n").getBytes(StandardCharsets.UTF_8));
        assertThat(out.dockerEvents()).extracting(r -> r.type() + "|" + r.action() + "|" + r.actorId() + "|" + r.attributes() + "|"
                        + EpochNanos.iso(r.timeNanos()))
                .containsExactly("image|pull|busybox:latest|{}|2026-12-03T18:00:01.000000001Z",
                        "daemon|reload|null|{a=1}|2026-12-03T19:00:02.000000000Z");
        assertThat(out.diagnostics()).extracting(Diagnostic::describe).containsExactly(
                "WARNING e line 3 byte 104: not a docker event line (expected '<time> <type> <action> <id> (key=value, ...)'): 'not an event'",
                "WARNING e line 4 byte 117: docker event with unreadable time '2026-13-03T19:00:02Z'; skipped");
    }

    @Test
    void textFormIsDetectedAndCorrelatedLikeJson() throws IOException {
        Evidence fromText = TestBundles.ingest(dir, "2026-12-03T19:18:40Z", "2026-12-03T19:20:00Z", List.of(host("vm", "UTC", 0)),
                List.of(entry("events-text.txt", "vm", SourceKind.UNKNOWN)));
        Evidence fromJson = TestBundles.ingest(dir, "2026-12-03T19:18:40Z", "2026-12-03T19:20:00Z", List.of(host("vm", "UTC", 0)),
                List.of(entry("events-text.jsonl", "vm", SourceKind.UNKNOWN)));
        assertThat(fromText.sources()).singleElement().satisfies(s -> assertThat(s.kind()).isEqualTo("docker-events"));
        assertThat(spans(fromText)).isNotEmpty().containsExactlyElementsOf(spans(fromJson));
        assertThat(fromText.containers()).extracting(c -> c.name() + " restarts=" + c.restartCount())
                .containsExactlyElementsOf(fromJson.containers().stream().map(c -> c.name() + " restarts=" + c.restartCount()).toList());
        EvidenceJson.assertMatches(fromText, "docker-events-text");
    }

    private static List<String> spans(Evidence ev) {
        return ev.spans().stream().map((Span s) -> s.kind() + " " + s.containerId() + " " + EpochNanos.iso(s.startNanos()) + " "
                + EpochNanos.iso(s.endNanos()) + " " + s.exitCode() + " " + s.origin().line()).toList();
    }

    /**
     * The running dockerd, both forms for the same closed interval ({@code --until} needs a time, not "now"); the text
     * form under TZ=Asia/Shanghai, so its times carry {@code +08:00}.
     */
    @Test
    void liveDockerTextAndJsonAgree() throws Exception {
        long until = Instant.now().getEpochSecond() - 1;
        String since = Long.toString(until - 90);
        byte[] text = run("Asia/Shanghai", "docker", "events", "--since", since, "--until", Long.toString(until));
        byte[] json = run("UTC", "docker", "events", "--since", since, "--until", Long.toString(until), "--format", "{{json .}}");
        Collector t = parse(text);
        Collector j = parse(json);
        assertThat(t.events()).as("the testbed containers make events every few seconds").isNotEmpty();
        assertThat(t.diagnostics()).isEmpty();
        assertThat(t.events()).allSatisfy(e -> assertThat(e.timeText()).endsWith("+08:00"));
        assertThat(comparable(t)).containsExactlyElementsOf(comparable(j));
    }

    private static byte[] run(String zone, String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("TZ", zone);
        Process p = pb.start();
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (InputStream in = p.getInputStream()) {
            in.transferTo(buf);
        }
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("%s exit code", String.join(" ", command)).isZero();
        return buf.toByteArray();
    }
}
