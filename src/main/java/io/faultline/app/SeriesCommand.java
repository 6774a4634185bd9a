package io.faultline.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.faultline.capture.Bundle;
import io.faultline.capture.Json;
import io.faultline.ingest.Ingestor;
import io.faultline.model.EpochNanos;
import io.faultline.model.Evidence;
import io.faultline.model.Series;
import io.faultline.model.TimeSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;

/**
 * Prints every metric sample of a bundle, series after series, each in time order: with {@code --jsonl} one
 * JSON object a line ({@code time} ISO-8601 UTC with nine digits, {@code host}, {@code device},
 * {@code metric}, {@code unit}, {@code value}), otherwise the same as tab-separated text.
 */
@Command(name = "series", mixinStandardHelpOptions = true,
        description = "Rebuild the timeline from a bundle's raw outputs and print every metric sample (disk IO, CPU, load, memory, PSI).")
final class SeriesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BUNDLE")
    Path bundle;

    @Option(names = "--jsonl", description = "one JSON object a line (the default prints tab-separated text)")
    boolean jsonl;

    @Option(names = "--from", paramLabel = "T", description = "only samples at or after T (ISO-8601 with offset, epoch seconds, -30m)")
    String from;

    @Option(names = "--to", paramLabel = "T", description = "only samples before T")
    String to;

    @Override
    public Integer call() throws IOException {
        Evidence ev;
        try (Bundle b = Bundle.open(bundle)) {
            ev = Ingestor.ingest(b);
        }
        Instant now = Instant.now();
        long lo = from == null ? Long.MIN_VALUE : time(from, "--from", now);
        long hi = to == null ? Long.MAX_VALUE : time(to, "--to", now);
        if (hi <= lo) {
            throw new CliException("--to must lie after --from", 2);
        }
        ObjectMapper mapper = Json.mapper();
        ObjectWriter line = mapper.writer().without(SerializationFeature.INDENT_OUTPUT);
        PrintWriter out = spec.commandLine().getOut();
        for (Series s : ev.series()) {
            for (int i = 0; i < s.size(); i++) {
                long t = s.timeAt(i);
                if (t < lo || t >= hi) {
                    continue;
                }
                if (jsonl) {
                    ObjectNode o = mapper.createObjectNode();
                    o.put("time", EpochNanos.iso(t)).put("host", s.host()).put("device", s.device()).put("metric", s.metric())
                            .put("unit", s.unit()).put("value", s.valueAt(i));
                    out.println(line.writeValueAsString(o));
                } else {
                    out.println(EpochNanos.iso(t) + "\t" + TerminalText.safe(s.host()) + "\t" + TerminalText.safe(s.device()) + "\t"
                            + s.metric() + "\t" + s.valueAt(i) + (s.unit() == null || s.unit().isEmpty() ? "" : "\t" + s.unit()));
                }
            }
        }
        out.flush();
        return 0;
    }

    private static long time(String text, String option, Instant now) {
        try {
            return EpochNanos.of(TimeSpec.parse(text, now));
        } catch (IllegalArgumentException e) {
            throw new CliException(option + ": " + e.getMessage(), 2);
        }
    }
}
