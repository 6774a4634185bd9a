package io.faultline.model;

/**
 * Something that could not be read or collected, with where it happened. Nothing is dropped silently:
 * the raw bytes stay in the bundle, and this says what was wrong with them.
 *
 * @param where the bundle entry (or file) plus line and byte offset; line 0 when it concerns the whole entry
 */
public record Diagnostic(Level level, SourceRef where, String reason) {
    public enum Level { INFO, WARNING, ERROR }

    public Diagnostic {
        java.util.Objects.requireNonNull(level, "level");
        java.util.Objects.requireNonNull(where, "where");
        java.util.Objects.requireNonNull(reason, "reason");
    }

    public String describe() {
        return level + " " + where.entry() + (where.line() > 0 ? " line " + where.line() : "")
                + (where.byteOffset() >= 0 ? " byte " + where.byteOffset() : "") + ": " + reason;
    }
}
