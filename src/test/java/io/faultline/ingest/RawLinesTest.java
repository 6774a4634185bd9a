package io.faultline.ingest;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RawLinesTest {
    private static List<RawLines.Line> around(byte[] bytes, long line, int context) throws IOException {
        return RawLines.around(new ByteArrayInputStream(bytes), line, context);
    }

    private static byte[] lines(int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 1; i <= n; i++) {
            b.append("line ").append(i).append('\n');
        }
        return b.toString().getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void keepsTheLinesAroundTheTargetWithTheirOffsets() throws IOException {
        List<RawLines.Line> got = around(lines(100), 50, 2);
        assertThat(got).containsExactly(
                new RawLines.Line(48, 7 * 9 + 8 * 38, 7, "line 48"),
                new RawLines.Line(49, 7 * 9 + 8 * 38 + 8, 7, "line 49"),
                new RawLines.Line(50, 7 * 9 + 8 * 38 + 16, 7, "line 50"),
                new RawLines.Line(51, 7 * 9 + 8 * 38 + 24, 7, "line 51"),
                new RawLines.Line(52, 7 * 9 + 8 * 38 + 32, 7, "line 52"));
    }

    @Test
    void clipsAtTheStartAndTheEndAndTakesTheLastLineWithoutABreak() throws IOException {
        assertThat(around(lines(3), 0, 1)).extracting(RawLines.Line::number).containsExactly(1L, 2L);
        assertThat(around("a\nb\nlast".getBytes(StandardCharsets.US_ASCII), 3, 5))
                .extracting(RawLines.Line::text).containsExactly("a", "b", "last");
        assertThat(around(lines(3), 40, 2)).isEmpty();
        assertThat(around(new byte[0], 1, 2)).isEmpty();
    }

    @Test
    void showsInvalidUtf8AndControlCharactersEscapedAndCutsLongLines() throws IOException {
        byte[] torn = {'o', 'k', '\t', 1, (byte) 0xff, 0, (byte) 0xc3, (byte) 0xa9, '\r', '\n'};
        assertThat(around(torn, 1, 0)).containsExactly(new RawLines.Line(1, 0, 9, "ok\t\\x01\\xff\\x00é"));
        byte[] huge = ("x".repeat(5000) + "\nnext\n").getBytes(StandardCharsets.US_ASCII);
        RawLines.Line first = around(huge, 1, 0).getFirst();
        assertThat(first.length()).isEqualTo(5000);
        assertThat(first.cut()).isTrue();
        assertThat(first.text()).hasSize(RawLines.SHOWN_BYTES);
        assertThat(around(huge, 2, 0)).containsExactly(new RawLines.Line(2, 5001, 4, "next"));
    }

    @Test
    void showsGzipAndUtf16AsTheTextTheirLinesAreNumberedIn() throws IOException {
        byte[] text = lines(100);
        java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream z = new java.util.zip.GZIPOutputStream(gz)) {
            z.write(text);
        }
        List<RawLines.Line> plain = around(text, 50, 2);
        assertThat(around(gz.toByteArray(), 50, 2)).isEqualTo(plain);
        // a head cut inside the gzip stream (the import preview) shows what it holds
        assertThat(around(java.util.Arrays.copyOf(gz.toByteArray(), gz.size() / 2), 1, 1)).extracting(RawLines.Line::text)
                .containsExactly("line 1", "line 2");
        byte[] le = ("\ufeff" + new String(text, StandardCharsets.US_ASCII)).getBytes(StandardCharsets.UTF_16LE);
        assertThat(around(le, 50, 2)).isEqualTo(plain);
        byte[] be = ("\ufeff" + new String(text, StandardCharsets.US_ASCII)).getBytes(StandardCharsets.UTF_16BE);
        assertThat(around(be, 50, 2)).isEqualTo(plain);
        byte[] le32 = ("\ufeff" + new String(text, StandardCharsets.US_ASCII)).getBytes("UTF-32LE");
        assertThat(around(le32, 50, 2)).isEqualTo(plain);
    }

    @Test
    void atReadsTheRecordLineFromItsByteOffsetOrByItsNumber() throws IOException {
        byte[] text = lines(100);
        long offset = 7 * 9 + 8 * 40;
        assertThat(RawLines.at(new ByteArrayInputStream(text), 50, offset)).isEqualTo(new RawLines.Line(50, offset, 7, "line 50"));
        assertThat(RawLines.at(new ByteArrayInputStream(text), 50, -1)).isEqualTo(new RawLines.Line(50, offset, 7, "line 50"));
        assertThat(RawLines.at(new ByteArrayInputStream("a\nlast".getBytes(StandardCharsets.US_ASCII)), 2, 2))
                .isEqualTo(new RawLines.Line(2, 2, 4, "last"));
        assertThat(RawLines.at(new ByteArrayInputStream(text), 200, text.length + 10L)).isNull();
        assertThat(RawLines.at(new ByteArrayInputStream(text), 200, -1)).isNull();
        byte[] torn = {'x', '\n', 'o', 'k', 1, (byte) 0xff, '\r', '\n'};
        assertThat(RawLines.at(new ByteArrayInputStream(torn), 2, 2)).isEqualTo(new RawLines.Line(2, 2, 5, "ok\\x01\\xff"));
    }
}
