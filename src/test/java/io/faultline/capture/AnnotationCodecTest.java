package io.faultline.capture;

import com.fasterxml.jackson.databind.JsonNode;
import io.faultline.model.Annotation;
import io.faultline.model.AnnotationLayer;
import io.faultline.model.AnnotationTarget;
import io.faultline.model.CausalLink;
import io.faultline.model.EpochNanos;
import io.faultline.model.LinkType;
import io.faultline.model.NoteSeverity;
import io.faultline.model.SpanKind;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The annotation layer's two versions: version 2 written and read back whole, version 1 (the sample's) still read. */
class AnnotationCodecTest {
    private static final long T = EpochNanos.of(Instant.parse("2026-12-03T19:04:00Z"));

    @Test
    void versionTwoKeepsSeverityEveryKindOfTargetAndLinks() throws IOException {
        List<Annotation> anns = List.of(
                new Annotation("n-1", new AnnotationTarget.OnEvent("raw/j.json:193", T), "crash loop", List.of("restart"),
                        NoteSeverity.CRITICAL, "Ada", T + 5, T + 9),
                new Annotation("n-2", new AnnotationTarget.OnSpan("inspect#abc/health/2", SpanKind.HEALTHCHECK_RUN, T, T + 1_000_000_000L),
                        "probe timed out", List.of(), NoteSeverity.WARNING, "Ada", T, T),
                new Annotation("n-3", new AnnotationTarget.OnSpan("inspect#abc/up/1", SpanKind.CONTAINER_UP, T - 60_000_000_000L, T),
                        "up for a minute", List.of(), NoteSeverity.NOTICE, "Ada", T, T),
                new Annotation("n-4", new AnnotationTarget.OnSeriesPoint("db1", "vda", "util", T + 3_000_000_000L, 84.5),
                        "util peaks", List.of("io"), NoteSeverity.WARNING, "Ada", T, T),
                new Annotation("n-5", new AnnotationTarget.OnRange(T, T + 6_000_000_000L), "saturated", List.of(), NoteSeverity.INFO,
                        "Ada", T, T),
                new Annotation("n-6", new AnnotationTarget.OnSeriesPoint("db1", "vda", "await", T, Double.NaN), "no value", List.of(),
                        NoteSeverity.INFO, "", T, T));
        List<CausalLink> links = List.of(new CausalLink("l-1", "n-1", "n-4", LinkType.CONTRIBUTES_TO, "rewrites 16 MB"),
                new CausalLink("l-2", "n-4", "n-2", LinkType.CAUSES, ""));
        byte[] bytes = AnnotationCodec.write(new AnnotationLayer(1, anns, links));

        JsonNode json = Json.mapper().readTree(bytes);
        assertThat(json.path("version").asInt()).as("a layer is always written at the current version").isEqualTo(2);
        assertThat(json.path("annotations").get(0).path("severity").asText()).isEqualTo("critical");
        assertThat(json.path("annotations").get(2).path("target").path("kind").asText()).isEqualTo("CONTAINER_UP");
        JsonNode point = json.path("annotations").get(3).path("target");
        assertThat(point.path("type").asText()).isEqualTo("point");
        assertThat(point.path("host").asText()).isEqualTo("db1");
        assertThat(point.path("at").asText()).isEqualTo("2026-12-03T19:04:03Z");
        assertThat(point.path("value").asDouble()).isEqualTo(84.5);
        assertThat(json.path("annotations").get(5).path("target").path("value").isNull()).isTrue();

        AnnotationLayer back = AnnotationCodec.read(new ByteArrayInputStream(bytes));
        assertThat(back.version()).isEqualTo(2);
        assertThat(back.annotations()).hasSize(6);
        assertThat(back.annotations().subList(0, 5)).isEqualTo(anns.subList(0, 5));
        assertThat(back.annotations().get(5).target()).isInstanceOfSatisfying(AnnotationTarget.OnSeriesPoint.class,
                p -> assertThat(p.value()).isNaN());
        assertThat(back.links()).isEqualTo(links);
    }

    @Test
    void aVersionOneLayerReadsWithInfoSeverityAndSpansOfUnknownKind() throws IOException {
        AnnotationLayer v1;
        try (InputStream in = Files.newInputStream(Path.of("src/test/resources/capture/annotations-v1.json"))) {
            v1 = AnnotationCodec.read(in);
        }
        assertThat(v1.version()).isEqualTo(1);
        assertThat(v1.annotations()).extracting(Annotation::id).containsExactly("n-1", "n-2", "n-3");
        assertThat(v1.annotations()).extracting(Annotation::severity).containsOnly(NoteSeverity.INFO);
        assertThat(v1.annotations().get(0).author()).isEqualTo("on-call (sample)");
        assertThat(v1.annotations().get(2).target()).isEqualTo(new AnnotationTarget.OnSpan(
                "raw/127.0.0.1/docker-inspect.json#50039a09466f/health/2", null,
                EpochNanos.of(Instant.parse("2026-12-03T19:10:51.595245780Z")), EpochNanos.of(Instant.parse("2026-12-03T19:10:52.595409865Z"))));
        assertThat(v1.links()).extracting(CausalLink::type).containsExactly(LinkType.CONTRIBUTES_TO, LinkType.PRECEDES);

        AnnotationLayer rewritten = AnnotationCodec.read(new ByteArrayInputStream(AnnotationCodec.write(v1)));
        assertThat(rewritten.version()).isEqualTo(2);
        assertThat(rewritten.annotations()).isEqualTo(v1.annotations());
        assertThat(rewritten.links()).isEqualTo(v1.links());
    }

    @Test
    void unknownSeverityOrSpanKindOrNewerVersionIsRefusedByName() {
        assertThatThrownBy(() -> read("""
                {"version":2,"annotations":[{"id":"n-1","target":{"type":"range","from":"2026-12-03T19:00:00Z","to":"2026-12-03T19:01:00Z"},
                 "severity":"apocalyptic","created":"2026-12-03T19:00:00Z","edited":"2026-12-03T19:00:00Z"}],"links":[]}"""))
                .isInstanceOf(IOException.class).hasMessage("annotation n-1: unknown severity 'apocalyptic': use info, notice, warning or critical");
        assertThatThrownBy(() -> read("""
                {"version":2,"annotations":[{"id":"n-1","target":{"type":"span","spanId":"s","kind":"NAP","from":"2026-12-03T19:00:00Z",
                 "to":"2026-12-03T19:01:00Z"},"created":"2026-12-03T19:00:00Z","edited":"2026-12-03T19:00:00Z"}],"links":[]}"""))
                .isInstanceOf(IOException.class).hasMessage("span s: unknown kind 'NAP'");
        assertThatThrownBy(() -> read("""
                {"version":2,"annotations":[{"id":"n-1","target":{"type":"range","from":"2026-12-03T19:01:00Z","to":"2026-12-03T19:00:00Z"},
                 "created":"2026-12-03T19:00:00Z","edited":"2026-12-03T19:00:00Z"}],"links":[]}"""))
                .isInstanceOf(IOException.class).hasMessageContaining("ends before it starts");
        assertThatThrownBy(() -> read("{\"version\":3,\"annotations\":[],\"links\":[]}"))
                .isInstanceOf(IOException.class).hasMessage("annotation layer version 3 is not one this Faultline reads");
    }

    private static AnnotationLayer read(String json) throws IOException {
        return AnnotationCodec.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }
}
