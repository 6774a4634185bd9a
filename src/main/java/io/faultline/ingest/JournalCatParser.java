package io.faultline.ingest;

import io.faultline.capture.SourceKind;
import io.faultline.model.Diagnostic;
import io.faultline.model.Event;
import io.faultline.model.Severity;

import java.util.Map;

/**
 * {@code journalctl -o cat}: only the messages, one a line, with no time, host or name. Any text looks like
 * this, so it is never detected by content: only an entry declared {@code journal-cat} is read this way.
 * Each line is one event in file order; with no time to place it, it stays at 0 with an empty time text (no wall
 * time is invented; {@link Event#timed()} is false, so it stretches no window), and one diagnostic says so. A message's own line breaks cannot be
 * told from the next message in this output, so each line is its own event.
 */
final class JournalCatParser implements SourceParser {
    static final String SOURCE = "journal-cat";

    @Override
    public SourceKind kind() {
        return SourceKind.JOURNAL_CAT;
    }

    @Override
    public boolean probe(String fileName, byte[] head) {
        return false;
    }

    @Override
    public void parse(EntryContext ctx, byte[] data, Collector out) {
        LineReader lines = new LineReader(data);
        long count = 0;
        while (lines.next()) {
            if (lines.blank()) {
                continue;
            }
            String msg = lines.text();
            count++;
            out.event(new Event(ctx.recordId(lines.lineNo()), 0, "", ctx.host(), SOURCE, null, null, Severity.UNKNOWN, msg,
                    ContainerLinks.find(msg), false, Map.of(), ctx.at(lines.lineNo(), lines.start())));
        }
        out.diagnostic(ctx.diagnostic(Diagnostic.Level.WARNING, 0, -1, "journalctl -o cat carries no times: " + count
                + " messages kept in file order without a time: listed first in the log, left off the timeline"));
    }
}
