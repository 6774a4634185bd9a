package io.faultline.ingest;

import io.faultline.capture.SourceKind;

import java.util.List;

/** The parsers, one per format, in the order content detection tries them (most specific first). */
final class Parsers {
    static final List<SourceParser> ALL = List.of(new DockerEventsParser(), new DockerPsParser(), new IostatJsonParser(),
            new SadfJsonParser(), new JournalJsonParser(), new DockerInspectParser(), new JournalExportParser(),
            new SarTextParser(), new IostatTextParser(), new DiskstatsParser(), new PressureIoParser(),
            new DmesgParser(), new JournalShortParser(), new JournalCatParser(),
            // syslog after journal short: PRI-less lines are both, the file name decides
            new DockerJsonLogParser(), new SyslogParser());

    private Parsers() {
    }

    /** The parser for a kind, or null (UNKNOWN, HOST_CLOCK). */
    static SourceParser forKind(SourceKind kind) {
        for (SourceParser p : ALL) {
            if (p.kind() == kind) {
                return p;
            }
        }
        return null;
    }
}
