package io.faultline.app;

import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.faultline.capture.Bundle;
import io.faultline.capture.Json;
import io.faultline.ingest.Ingestor;
import io.faultline.model.EpochNanos;
import io.faultline.model.Event;
import io.faultline.model.Evidence;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Prints the events a bundle's raw outputs rebuild into, in time order (equal times in source order): with
 * {@code --jsonl} one JSON object a line with {@code time} (ISO-8601 UTC, nine fraction digits), {@code host},
 * {@code source}, {@code unit}, {@code identifier}, {@code severity}, {@code message}, {@code fields} and where it
 * came from ({@code entry}, {@code line}), and its {@code id} (what {@code annotate --event} takes); without it one readable line each. Scripts and tests read the model
 * through this.
 */
@Command(name = "events", mixinStandardHelpOptions = true,
        description = "Rebuild the timeline from a bundle's raw outputs and print every event, in time order.")
final class EventsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BUNDLE")
    Path bundle;

    @Option(names = "--jsonl", description = "one JSON object a line (time, host, source, unit, identifier, severity, "
            + "message, fields, entry, line, id); the default prints readable lines")
    boolean jsonl;

    @Mixin
    RangeOptions range = new RangeOptions();

    @Override
    public Integer call() throws IOException {
        RangeOptions.Range r = range.range();
        Evidence evidence;
        try (Bundle b = Bundle.open(bundle)) {
            evidence = Ingestor.ingest(b);
        }
        ReadProblems.tell(spec.commandLine().getErr(), bundle, evidence);
        r.warnIfOutside(spec.commandLine().getErr(), evidence.window());
        PrintWriter out = spec.commandLine().getOut();
        ObjectWriter writer = Json.mapper().writer().without(SerializationFeature.INDENT_OUTPUT);
        for (Event e : evidence.events()) {
            if (!r.contains(e.timeNanos())) {
                continue;
            }
            out.println(jsonl ? writer.writeValueAsString(json(e)) : text(e));
        }
        out.flush();
        return 0;
    }

    static ObjectNode json(Event e) {
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("time", EpochNanos.iso(e.timeNanos()));
        o.put("host", e.host());
        o.put("source", e.source());
        o.put("unit", e.unit());
        o.put("identifier", e.identifier());
        o.put("severity", e.severity().name());
        o.put("message", e.message());
        ObjectNode fields = o.putObject("fields");
        for (Map.Entry<String, String> f : e.fields().entrySet()) {
            fields.put(f.getKey(), f.getValue());
        }
        o.put("entry", e.origin() == null ? null : e.origin().entry());
        if (e.origin() == null) {
            o.putNull("line");
        } else {
            o.put("line", e.origin().line());
        }
        o.put("id", e.id());
        return o;
    }

    /** The readable line of an event: time (UTC), host, who, severity, message; controls escaped for a terminal. */
    static String text(Event e) {
        return EpochNanos.iso(e.timeNanos()) + " " + TerminalText.safe(e.host()) + " " + TerminalText.safe(e.who()) + " "
                + e.severity().name() + " " + TerminalText.safe(e.message());
    }
}
