package io.faultline.ingest;

import java.util.Arrays;

/**
 * Maps a line number and byte offset in the text a parser read back to the entry's bytes, when bytes were left out
 * before parsing (a byte order mark, NUL runs) or a line break was put where a NUL run cut a line.
 * {@link #IDENTITY} changes nothing.
 */
public final class TextMap {
    static final TextMap IDENTITY = new TextMap(new long[0], new long[0], new long[0], 0, 0);

    /** Text offsets from which {@link #added} more bytes (cumulative) lie before in the entry. */
    private final long[] at;
    private final long[] added;
    /** Text line numbers that begin after a line break put in, ascending. */
    private final long[] breakLines;
    /** Lines and bytes of the entry before the text: the text is a piece of the entry that starts after them. */
    private final long lineBase;
    private final long offsetBase;

    private TextMap(long[] at, long[] added, long[] breakLines, long lineBase, long offsetBase) {
        this.at = at;
        this.added = added;
        this.breakLines = breakLines;
        this.lineBase = lineBase;
        this.offsetBase = offsetBase;
    }

    /**
     * This map for a text that is the piece of the entry after its first {@code lines} lines and {@code bytes} bytes:
     * each place is mapped as before, then moved past them.
     */
    TextMap after(long lines, long bytes) {
        return new TextMap(at, added, breakLines, lineBase + lines, offsetBase + bytes);
    }

    /** Every offset moved by {@code shift} (bytes dropped at the start). */
    static TextMap shifted(int shift) {
        return shift == 0 ? IDENTITY : new TextMap(new long[] {0}, new long[] {shift}, new long[0], 0, 0);
    }

    /** The entry's offset of a text offset; negative offsets ("no place") stay as they are. */
    long offset(long textOffset) {
        if (textOffset < 0) {
            return textOffset;
        }
        if (at.length == 0) {
            return textOffset + offsetBase;
        }
        int i = Arrays.binarySearch(at, textOffset);
        int k = i >= 0 ? lastEqual(i, textOffset) : -i - 2;
        return (k < 0 ? textOffset : textOffset + added[k]) + offsetBase;
    }

    /** The entry's line of a text line; 0 and less ("the whole entry") stay as they are. */
    long line(long textLine) {
        if (textLine <= 0) {
            return textLine;
        }
        if (breakLines.length == 0) {
            return textLine + lineBase;
        }
        int i = Arrays.binarySearch(breakLines, textLine);
        int before = i >= 0 ? i + 1 : -i - 1;
        return textLine - before + lineBase;
    }

    /** The entry's line of a text line, with {@code +k} when it is the k-th line put in on that entry line. */
    String lineId(long textLine) {
        long raw = line(textLine);
        if (textLine <= 0 || breakLines.length == 0) {
            return Long.toString(raw);
        }
        int k = 0;
        for (long t = textLine; Arrays.binarySearch(breakLines, t) >= 0; t--) {
            k++;
        }
        return k == 0 ? Long.toString(raw) : raw + "+" + k;
    }

    private int lastEqual(int i, long value) {
        int k = i;
        while (k + 1 < at.length && at[k + 1] == value) {
            k++;
        }
        return k;
    }

    /** Collects the places where bytes were left out, in text order. */
    static final class Builder {
        private long[] at = new long[8];
        private long[] added = new long[8];
        private long[] breaks = new long[8];
        private int n;
        private int nBreaks;
        private long total;

        Builder(int shift) {
            if (shift != 0) {
                removed(0, shift, 0);
            }
        }

        /**
         * @param textOffset where in the text the left-out bytes were
         * @param bytes      how many
         * @param breakLine  the text line that begins after a line break put in just before, or 0
         */
        void removed(long textOffset, long bytes, long breakLine) {
            if (n == at.length) {
                at = Arrays.copyOf(at, n * 2);
                added = Arrays.copyOf(added, n * 2);
            }
            total += bytes;
            at[n] = textOffset;
            added[n] = total;
            n++;
            if (breakLine > 0) {
                if (nBreaks == breaks.length) {
                    breaks = Arrays.copyOf(breaks, nBreaks * 2);
                }
                breaks[nBreaks++] = breakLine;
            }
        }

        TextMap build() {
            return n == 0 && nBreaks == 0 ? IDENTITY
                    : new TextMap(Arrays.copyOf(at, n), Arrays.copyOf(added, n), Arrays.copyOf(breaks, nBreaks), 0, 0);
        }
    }
}
