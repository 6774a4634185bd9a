package io.faultline.model;

/**
 * Where a piece of evidence came from: the bundle entry, the 1-based line and the byte offset of the
 * record's first byte in that entry's raw bytes.
 */
public record SourceRef(String entry, long line, long byteOffset) {
    public SourceRef {
        java.util.Objects.requireNonNull(entry, "entry");
    }

    @Override
    public String toString() {
        return entry + ":" + line + " (byte " + byteOffset + ")";
    }
}
