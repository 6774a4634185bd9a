package io.faultline.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.faultline.capture.Bundle;
import io.faultline.capture.Json;
import io.faultline.model.Annotation;
import io.faultline.model.AnnotationLayer;
import io.faultline.model.AnnotationTarget;
import io.faultline.model.CausalLink;
import io.faultline.model.EpochNanos;
import io.faultline.model.LinkType;
import io.faultline.model.NoteSeverity;
import io.faultline.model.SpanKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code faultline annotate}, {@code link} and {@code profile} through the real command tree, on copies of the bundled sample. */
class AnnotateCliTest {
    private static final Path SAMPLE = Path.of("assets/sample.flcap");
    private static final String HEALTH_RUN = "raw/127.0.0.1/docker-inspect.json#50039a09466f/health/2";

    @TempDir
    Path dir;
    Path bundle;
    private String configBefore;

    @BeforeEach
    void copySample() throws IOException {
        bundle = dir.resolve("incident.flcap");
        Files.copy(SAMPLE, bundle);
        Files.setPosixFilePermissions(bundle, PosixFilePermissions.fromString("rw-r-----"));
        configBefore = System.getProperty("faultline.config");
        System.setProperty("faultline.config", dir.resolve("config").toString());
    }

    @AfterEach
    void restoreConfig() {
        if (configBefore == null) {
            System.clearProperty("faultline.config");
        } else {
            System.setProperty("faultline.config", configBefore);
        }
    }

    @Test
    void notesOnEveryKindOfTargetAreSavedAndTheRawEntriesKeepTheirBytes() throws Exception {
        Map<String, byte[]> rawBefore = raw(bundle);
        assertThat(Cli.run("profile", "--author", "Ada Lovelace").out()).isEqualTo("author: Ada Lovelace\n");

        JsonNode first = Json.mapper().readTree(Cli.run("events", bundle.toString(), "--jsonl").out().lines().findFirst().orElseThrow());
        String eventId = first.path("id").asText();
        assertThat(eventId).isEqualTo("raw/127.0.0.1/journal.json:1");

        Cli onEvent = Cli.run("annotate", bundle.toString(), "--event", eventId, "--note", "dockerd: health check deadline exceeded",
                "--tag", "healthcheck", "--tag", "dockerd", "--severity", "warning");
        assertThat(onEvent.code()).as(onEvent.err()).isZero();
        assertThat(onEvent.out()).isEqualTo("n-4\n");
        Cli onRun = Cli.run("annotate", bundle.toString(), "--span", HEALTH_RUN, "--note", "probe starved", "--severity", "CRITICAL");
        assertThat(onRun.out()).isEqualTo("n-5\n");
        Cli onPoint = Cli.run("annotate", bundle.toString(), "--series", "vda util", "--at", "2026-12-03T19:04:03Z", "--note", "busy disk");
        assertThat(onPoint.out()).isEqualTo("n-6\n");
        assertThat(onPoint.err()).isEqualTo("note: the nearest sample of 127.0.0.1 vda util is at 2026-12-03T19:04:03.001000000Z (26.4)\n");
        Cli onRange = Cli.run("annotate", bundle.toString(), "--at", "2026-12-03T20:04:00+01:00", "--to", "2026-12-03T19:05:00Z",
                "--note", "the slow minute", "--author", "Grace");
        assertThat(onRange.out()).isEqualTo("n-7\n");
        Cli instant = Cli.run("annotate", bundle.toString(), "--at", "1764788700", "--note", "deploy");
        assertThat(instant.code()).as(instant.err()).isEqualTo(2);
        assertThat(instant.err()).contains("the time 2025-12-03T19:05:00.000000000Z lies outside the capture");

        AnnotationLayer layer = layer(bundle);
        assertThat(layer.version()).isEqualTo(2);
        assertThat(layer.annotations()).extracting(Annotation::id).containsExactly("n-1", "n-2", "n-3", "n-4", "n-5", "n-6", "n-7");
        Annotation event = layer.annotations().get(3);
        assertThat(event.target()).isEqualTo(new AnnotationTarget.OnEvent(eventId, EpochNanos.of(Instant.parse("2026-12-03T19:01:07.365568Z"))));
        assertThat(event.tags()).containsExactly("healthcheck", "dockerd");
        assertThat(event.severity()).isEqualTo(NoteSeverity.WARNING);
        assertThat(event.author()).isEqualTo("Ada Lovelace");
        assertThat(layer.annotations().get(4).target()).isEqualTo(new AnnotationTarget.OnSpan(HEALTH_RUN, SpanKind.HEALTHCHECK_RUN,
                EpochNanos.of(Instant.parse("2026-12-03T19:10:51.595245780Z")), EpochNanos.of(Instant.parse("2026-12-03T19:10:52.595409865Z"))));
        assertThat(layer.annotations().get(4).severity()).isEqualTo(NoteSeverity.CRITICAL);
        assertThat(layer.annotations().get(5).target()).isEqualTo(new AnnotationTarget.OnSeriesPoint("127.0.0.1", "vda", "util",
                EpochNanos.of(Instant.parse("2026-12-03T19:04:03.001Z")), 26.4));
        assertThat(layer.annotations().get(6).target()).isEqualTo(new AnnotationTarget.OnRange(
                EpochNanos.of(Instant.parse("2026-12-03T19:04:00Z")), EpochNanos.of(Instant.parse("2026-12-03T19:05:00Z"))));
        assertThat(layer.annotations().get(6).author()).isEqualTo("Grace");

        Cli link = Cli.run("link", bundle.toString(), "n-6", "n-5", "--type", "contributes-to", "--note", "IO starvation");
        assertThat(link.code()).as(link.err()).isZero();
        assertThat(link.out()).isEqualTo("l-3\n");
        assertThat(link.err()).isEmpty();
        assertThat(layer(bundle).links().getLast()).isEqualTo(new CausalLink("l-3", "n-6", "n-5", LinkType.CONTRIBUTES_TO, "IO starvation"));

        assertThat(raw(bundle)).as("raw entries byte for byte").containsOnlyKeys(rawBefore.keySet())
                .allSatisfy((name, bytes) -> assertThat(bytes).as(name).isEqualTo(rawBefore.get(name)));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(bundle))).isEqualTo("rw-r-----");
        try (Bundle b = Bundle.open(bundle)) {
            assertThat(b.verify()).isEmpty();
        }
    }

    @Test
    void aCauseAfterItsEffectIsLinkedWithAWarning() throws Exception {
        Cli link = Cli.run("link", bundle.toString(), "n-3", "n-1", "--type", "causes");
        assertThat(link.code()).as(link.err()).isZero();
        assertThat(link.out()).isEqualTo("l-3\n");
        assertThat(link.err()).isEqualTo("warning: l-3: the cause n-3 (2026-12-03T19:10:51.595245780Z) starts 6 min 58 s after its effect n-1"
                + " (2026-12-03T19:03:52.654018000Z) (both on 127.0.0.1, one clock, so their order is exact): a cause should not come after"
                + " its effect\n");
        Cli precedes = Cli.run("link", bundle.toString(), "n-3", "n-1", "--type", "precedes");
        assertThat(precedes.err()).as("only causes and contributes-to are checked").isEmpty();

        Path json = dir.resolve("timeline.json");
        assertThat(Cli.run("export", bundle.toString(), "--format", "json", "-o", json.toString()).code()).isZero();
        JsonNode links = Json.mapper().readTree(json.toFile()).path("links");
        assertThat(links.get(0).path("timeOrder").path("verdict").asText()).isEqualTo("IN_ORDER");
        assertThat(links.get(1).path("timeOrder").isNull()).as("precedes is not checked").isTrue();
        JsonNode late = links.get(2).path("timeOrder");
        assertThat(late.path("verdict").asText()).isEqualTo("CAUSE_AFTER_EFFECT");
        assertThat(late.path("lateNanos").asLong()).isEqualTo(418_941_227_780L);
        assertThat(late.path("slackNanos").asLong()).isZero();
        assertThat(late.path("message").asText()).startsWith("l-3: the cause n-3");
    }

    @Test
    void badArgumentsLeaveTheBundleAsItWas() throws Exception {
        byte[] before = Files.readAllBytes(bundle);
        expectRefusal(2, "no event with id 'raw/127.0.0.1/journal.json:999999' in this bundle",
                "annotate", bundle.toString(), "--event", "raw/127.0.0.1/journal.json:999999", "--note", "x");
        expectRefusal(2, "no healthcheck run or container period with id 'nope'", "annotate", bundle.toString(), "--span", "nope", "--note", "x");
        expectRefusal(2, "the time 2026-12-03T18:00:00.000000000Z lies outside the capture (2026-12-03T19:00:59.331368310Z .. 2026-12-03T19:10:59.331368310Z)",
                "annotate", bundle.toString(), "--at", "2026-12-03T18:00:00Z", "--note", "x");
        expectRefusal(2, "the end 2026-12-03T20:00:00.000000000Z lies outside the capture",
                "annotate", bundle.toString(), "--at", "2026-12-03T19:02:00Z", "--to", "2026-12-03T20:00:00Z", "--note", "x");
        expectRefusal(2, "the end 2026-12-03T19:01:00.000000000Z lies before the start", "annotate", bundle.toString(),
                "--at", "2026-12-03T19:02:00Z", "--to", "2026-12-03T19:01:00Z", "--note", "x");
        expectRefusal(2, "--at: ", "annotate", bundle.toString(), "--at", "yesterday-ish", "--note", "x");
        expectRefusal(2, "no series 'sdz util' in this bundle; it has: 127.0.0.1 vda util", "annotate", bundle.toString(),
                "--series", "sdz util", "--at", "2026-12-03T19:02:00Z", "--note", "x");
        expectRefusal(2, "--severity: unknown severity 'dire': use info, notice, warning or critical", "annotate", bundle.toString(),
                "--at", "2026-12-03T19:02:00Z", "--note", "x", "--severity", "dire");
        expectRefusal(2, "say what the note is on", "annotate", bundle.toString(), "--note", "x");
        expectRefusal(2, "--note is empty", "annotate", bundle.toString(), "--at", "2026-12-03T19:02:00Z", "--note", " ");
        expectRefusal(2, "no annotation with id n-9 (the bundle's notes: n-1, n-2, n-3); nothing was written",
                "link", bundle.toString(), "n-9", "n-1", "--type", "causes");
        expectRefusal(2, "a note cannot be linked to itself: n-1", "link", bundle.toString(), "n-1", "n-1", "--type", "causes");
        expectRefusal(2, "--type: unknown link type 'blames'", "link", bundle.toString(), "n-1", "n-2", "--type", "blames");
        assertThat(Files.readAllBytes(bundle)).isEqualTo(before);
    }

    @Test
    void aDamagedOrReadOnlyBundleIsRefusedAndNotChanged() throws Exception {
        Path changed = dir.resolve("changed.flcap");
        rewrite(bundle, changed, name -> name.equals("raw/127.0.0.1/docker-ps.jsonl")
                ? bytes -> new String(bytes, StandardCharsets.UTF_8).replace("fl-health", "fl-HEALTH").getBytes(StandardCharsets.UTF_8) : null);
        expectUnchanged(changed, "the bundle is damaged (raw/127.0.0.1/docker-ps.jsonl: content differs from manifest");

        Path badNotes = dir.resolve("bad-notes.flcap");
        rewrite(bundle, badNotes, name -> name.equals("annotations.json") ? bytes -> "{\"version\": 2, \"annotations\": [".getBytes(StandardCharsets.UTF_8) : null);
        expectUnchanged(badNotes, "annotations.json is damaged at line 1 column");

        Path cut = dir.resolve("cut.flcap");
        byte[] whole = Files.readAllBytes(bundle);
        Files.write(cut, java.util.Arrays.copyOf(whole, whole.length / 2));
        expectUnchanged(cut, "a Faultline bundle that is cut short or damaged");

        Path readOnly = dir.resolve("read-only.flcap");
        Files.copy(bundle, readOnly);
        Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r--r--r--"));
        expectUnchanged(readOnly, "the bundle is read-only; notes are saved into it, so make it writable (chmod u+w) or annotate a copy");
    }

    private void expectUnchanged(Path file, String message) throws IOException {
        byte[] before = Files.readAllBytes(file);
        Cli run = Cli.run("annotate", file.toString(), "--at", "2026-12-03T19:02:00Z", "--note", "x");
        assertThat(run.code()).as(run.err()).isEqualTo(1);
        assertThat(run.err()).contains(message);
        assertThat(run.out()).isEmpty();
        Cli link = Cli.run("link", file.toString(), "n-1", "n-2", "--type", "causes");
        assertThat(link.code()).as(link.err()).isEqualTo(1);
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        try (var siblings = Files.list(dir)) {
            assertThat(siblings.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".part"));
        }
    }

    private void expectRefusal(int code, String message, String... args) {
        Cli run = Cli.run(args);
        assertThat(run.code()).as(run.err()).isEqualTo(code);
        assertThat(run.err()).contains(message);
        assertThat(run.out()).isEmpty();
    }

    private static AnnotationLayer layer(Path bundle) throws IOException {
        try (Bundle b = Bundle.open(bundle)) {
            assertThat(b.annotationsProblem()).isNull();
            return b.annotations();
        }
    }

    /** Every raw entry's bytes, by name. */
    private static Map<String, byte[]> raw(Path bundle) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipFile z = new ZipFile(bundle.toFile())) {
            for (Enumeration<? extends ZipEntry> e = z.entries(); e.hasMoreElements(); ) {
                ZipEntry ze = e.nextElement();
                if (!ze.getName().equals("annotations.json")) {
                    try (InputStream in = z.getInputStream(ze)) {
                        out.put(ze.getName(), in.readAllBytes());
                    }
                }
            }
        }
        return out;
    }

    /** Copies a zip, changing the entries {@code change} gives a function for. */
    private static void rewrite(Path from, Path to, java.util.function.Function<String, UnaryOperator<byte[]>> change) throws IOException {
        try (ZipFile in = new ZipFile(from.toFile()); ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(to))) {
            for (Enumeration<? extends ZipEntry> e = in.entries(); e.hasMoreElements(); ) {
                ZipEntry ze = e.nextElement();
                byte[] bytes;
                try (InputStream s = in.getInputStream(ze)) {
                    bytes = s.readAllBytes();
                }
                UnaryOperator<byte[]> f = change.apply(ze.getName());
                out.putNextEntry(new ZipEntry(ze.getName()));
                out.write(f == null ? bytes : f.apply(bytes));
                out.closeEntry();
            }
        }
    }
}
