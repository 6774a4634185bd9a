package io.faultline.export;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Wheel, drag, reset and jump-to-note on the exported page in a real chromium, driven by real input events. */
class HtmlInteractionTest {
    private static final String VIEW = "document.getElementById('view').textContent";
    private static final String WHOLE = "view 2025-10-05 14:50:00 UTC – 15:05:00 (15 min)";

    @Test
    void wheelZoomsDragPansResetRestoresAndNotesJump() throws Exception {
        Path work = Path.of("target", "export-html");
        Files.createDirectories(work);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        HtmlExporter.export(IncidentFixture.evidence(), IncidentFixture.annotations(), ExportOptions.whole(), out);
        Path file = work.resolve("interactive.html").toAbsolutePath();
        Files.writeString(file, out.toString(StandardCharsets.UTF_8));

        try (CdpPage page = CdpPage.open(file, work, 1600, 1000)) {
            page.awaitRendered();
            assertThat(page.eval(VIEW)).isEqualTo(WHOLE);
            double[] c = page.centre("#timeline");
            double[] box = java.util.Arrays.stream(page.eval(
                    "(function(){var r=document.getElementById('timeline').getBoundingClientRect();"
                            + "return r.left+','+r.top+','+r.width;})()").split(",")).mapToDouble(Double::parseDouble).toArray();
            double plotLeft = box[0] + 210;
            double plotWidth = box[2] - 210 - 12;
            double y = c[1];

            // hovering shows the time in UTC and in the host's zone with its offset
            page.mouse("mouseMoved", plotLeft + plotWidth / 2, y, "none", 0, 0);
            String cursor = page.await("document.getElementById('cursor').textContent", s -> s.startsWith("cursor"));
            assertThat(cursor).matches("cursor 2025-10-05 14:57:\\d\\d\\.\\d{3} UTC  ·  2025-10-05 22:57:\\d\\d\\.\\d{3} \\+08:00"
                    + " \\(tiny-srv, Asia/Shanghai\\)");

            // wheel up at the middle: exp(-0.75) of 15 min around 14:57:30
            page.wheel(plotLeft + plotWidth / 2, y, -500);
            String zoomed = page.await(VIEW, s -> !s.equals(WHOLE));
            assertThat(zoomed).matches("view 2025-10-05 14:53:5\\d UTC – 15:01:0\\d \\(7 min \\d s\\)");

            // drag to the right by a quarter of the plot: the same span, about 1 min 46 s earlier
            page.drag(plotLeft + plotWidth / 2, y, plotLeft + plotWidth * 3 / 4);
            String panned = page.await(VIEW, s -> !s.equals(zoomed));
            assertThat(panned).matches("view 2025-10-05 14:52:1\\d UTC – 14:59:1\\d \\(7 min \\d s\\)");

            double[] reset = page.centre("#reset");
            page.click(reset[0], reset[1]);
            assertThat(page.await(VIEW, WHOLE::equals)).isEqualTo(WHOLE);

            double[] note = page.centre("#notes li[data-ann='" + IncidentFixture.NOTE_PROBE + "']");
            page.click(note[0], note[1]);
            assertThat(page.await(VIEW, s -> !s.equals(WHOLE)))
                    .isEqualTo("view 2025-10-05 14:56:27 UTC – 14:58:00 (1 min 33 s)");

            double[] node = page.centre("#chain .node[data-ann='" + IncidentFixture.NOTE_DISK + "']");
            page.click(node[0], node[1]);
            assertThat(page.await(VIEW, s -> s.contains("14:52:54")))
                    .isEqualTo("view 2025-10-05 14:52:54 UTC – 15:05:00 (12 min 6 s)");
            assertThat(page.eval("document.body.dataset.errors")).isEqualTo("0");
        }
    }

    @Test
    void aCauseAfterItsEffectIsShownAsAWarningInTheChain() throws Exception {
        Path work = Path.of("target", "export-html");
        Files.createDirectories(work);
        io.faultline.model.AnnotationLayer ann = IncidentFixture.annotations();
        io.faultline.model.AnnotationLayer reversed = new io.faultline.model.AnnotationLayer(ann.version(), ann.annotations(), java.util.List.of(
                new io.faultline.model.CausalLink("l-1", IncidentFixture.NOTE_PROBE, IncidentFixture.NOTE_DISK, io.faultline.model.LinkType.CAUSES, "")));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        HtmlExporter.export(IncidentFixture.evidence(), reversed, ExportOptions.whole(), out);
        Path file = work.resolve("late-cause.html").toAbsolutePath();
        Files.writeString(file, out.toString(StandardCharsets.UTF_8));

        try (CdpPage page = CdpPage.open(file, work, 1600, 1000)) {
            page.awaitRendered();
            assertThat(page.eval("document.querySelector('#chain .link-warning').textContent")).isEqualTo("⚠ l-1: the cause a-probe"
                    + " (2025-10-05T14:57:12.000000000Z) starts 42.000 s after its effect a-disk (2025-10-05T14:56:30.000000000Z), more than the"
                    + " clock uncertainty (±3 ms: tiny-srv ±3 ms, a range (no host) ±0 ms): a cause should not come after its effect");
            assertThat(page.eval("document.querySelector('#chain .arrow.warn').textContent")).isEqualTo("⚠ —causes→");
            assertThat(page.eval("document.body.dataset.errors")).isEqualTo("0");
        }
    }
}
