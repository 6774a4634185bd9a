package io.faultline.app;

import io.faultline.capture.SourceKind;
import io.faultline.ingest.FileImporter;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/** How loose files are read, shared by {@code import} and {@code open}: zone, host name, forced format. */
final class ImportOptions {
    @Option(names = "--zone", paramLabel = "ZONE", description = "zone of sources that carry none (default: this machine's, ${DEFAULT-VALUE})")
    String zone = ZoneId.systemDefault().getId();

    @Option(names = "--host-name", paramLabel = "NAME", description = "host name of every imported line (default: the host each"
            + " line names, e.g. journal _HOSTNAME, syslog, sar/sadf node name; 'imported' for lines naming none)")
    String hostName;

    @Option(names = "--format", paramLabel = "KIND", converter = FormatOption.class, completionCandidates = FormatOption.class,
            description = "force this format for every file instead of detecting it: ${COMPLETION-CANDIDATES}")
    SourceKind format;

    /** The import request for these files; a zone that is not one is refused before any work. */
    FileImporter.Request request(List<Path> files, Instant since, Instant until) {
        try {
            ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw new CliException("--zone '" + zone + "' is not a zone id or offset (e.g. Europe/Berlin, UTC, +08:00)", 2);
        }
        Map<String, SourceKind> forced = format == null ? Map.of() : Map.of("*", format);
        return new FileImporter.Request(files, hostName, zone, since, until, forced);
    }
}
