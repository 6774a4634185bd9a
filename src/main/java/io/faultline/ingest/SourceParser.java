package io.faultline.ingest;

import io.faultline.capture.SourceKind;

/**
 * One raw format. Implementations are stateless; everything an entry needs comes in through the
 * {@link EntryContext} and everything it yields goes out through the {@link Collector}.
 * {@code parse} never throws for bad content: it reports a located diagnostic and goes on.
 */
public interface SourceParser {
    SourceKind kind();

    /** True when {@code head} (the first bytes of the file) looks like this format; the name is only a hint. */
    boolean probe(String fileName, byte[] head);

    void parse(EntryContext ctx, byte[] data, Collector out);

    /** True for a format that holds binary data (NUL and control bytes), which is otherwise refused as not text. */
    default boolean readsBinary() {
        return false;
    }
}
