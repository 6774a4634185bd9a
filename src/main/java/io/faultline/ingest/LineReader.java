package io.faultline.ingest;

/**
 * Walks the lines of a byte array, keeping each line's 1-based number and byte offset.
 * Accepts LF and CRLF; a last line without a newline counts.
 */
final class LineReader {
    private final byte[] data;
    private int pos;
    private long lineNo;
    private int start;
    private int end;

    LineReader(byte[] data) {
        this.data = data;
    }

    boolean next() {
        if (pos >= data.length) {
            return false;
        }
        start = pos;
        int i = pos;
        while (i < data.length && data[i] != '\n') {
            i++;
        }
        end = i;
        if (end > start && data[end - 1] == '\r') {
            end--;
        }
        pos = i + 1;
        lineNo++;
        return true;
    }

    long lineNo() {
        return lineNo;
    }

    int start() {
        return start;
    }

    int end() {
        return end;
    }

    String text() {
        return Text.utf8(data, start, end);
    }

    boolean blank() {
        for (int i = start; i < end; i++) {
            if (data[i] != ' ' && data[i] != '\t') {
                return false;
            }
        }
        return true;
    }
}
