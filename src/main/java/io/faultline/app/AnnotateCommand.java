package io.faultline.app;

import io.faultline.annotate.Targets;
import io.faultline.model.Annotation;
import io.faultline.model.AnnotationTarget;
import io.faultline.model.EpochNanos;
import io.faultline.model.NoteSeverity;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code faultline annotate}: puts a note on an event, a healthcheck run or container period, a series point or a time
 * range of a bundle, saves it into the bundle's annotation layer and prints its id. Nothing is written when anything is
 * wrong, and the raw entries are copied byte for byte.
 */
@Command(name = "annotate", mixinStandardHelpOptions = true,
        description = {"Put a note on a bundle's evidence and print the new note's id.",
                "The target is one of: --event ID, --span ID, --series 'DEVICE METRIC' --at T, --at T [--to T]."})
final class AnnotateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BUNDLE")
    Path bundle;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Target target;

    static final class Target {
        @Option(names = "--event", paramLabel = "ID", description = "an event's id (ENTRY:LINE, as `events --jsonl` prints it)")
        String event;

        @Option(names = "--span", paramLabel = "ID", description = "a healthcheck run's or container period's id")
        String span;

        @Option(names = "--series", paramLabel = "NAME", description = "a series ('vda util' or 'HOST vda util'): the sample nearest --at")
        String series;
    }

    @Option(names = "--at", paramLabel = "T", description = "the time of a range or a series point (ISO-8601 with offset, epoch seconds, -30m)")
    String at;

    @Option(names = "--to", paramLabel = "T", description = "the end of the range (default: --at, an instant)")
    String to;

    @Option(names = "--note", required = true, paramLabel = "TEXT", description = "the note")
    String note;

    @Option(names = "--tag", paramLabel = "TAG", description = "a tag (repeatable)")
    List<String> tags = new ArrayList<>();

    @Option(names = "--severity", paramLabel = "S", description = "info, notice, warning or critical (default: ${DEFAULT-VALUE})")
    String severity = "info";

    @Option(names = "--author", paramLabel = "NAME", description = "sign the note with NAME (default: the profile's author, else the login name)")
    String author;

    @Override
    public Integer call() throws IOException {
        NoteSeverity sev = parseSeverity();
        if (note.isBlank()) {
            throw new CliException("--note is empty: say what the note is about", 2);
        }
        for (String t : tags) {
            if (t.isBlank() || t.chars().anyMatch(Character::isWhitespace)) {
                throw new CliException("--tag '" + t + "': a tag is one word (no spaces, not empty)", 2);
            }
        }
        Instant now = Instant.now();
        boolean onRange = target == null;
        if (onRange && at == null) {
            throw new CliException("say what the note is on: --event ID, --span ID, --series NAME --at T, or --at T [--to T]", 2);
        }
        if (!onRange && target.series == null && (at != null || to != null)) {
            throw new CliException("--at and --to are for a range or a series point, not with --event or --span", 2);
        }
        if (target != null && target.series != null && (at == null || to != null)) {
            throw new CliException("--series needs --at T (the sample nearest T) and no --to", 2);
        }
        Long atNanos = at == null ? null : RangeOptions.nanos("--at", at, now);
        Long toNanos = to == null ? null : RangeOptions.nanos("--to", to, now);
        NotesEdit edit = NotesEdit.open(bundle, author);
        AnnotationTarget t;
        try {
            if (onRange) {
                t = Targets.range(edit.evidence, atNanos, toNanos == null ? atNanos : toNanos);
            } else if (target.event != null) {
                t = Targets.event(edit.evidence, target.event);
            } else if (target.span != null) {
                t = Targets.span(edit.evidence, target.span);
            } else {
                t = Targets.seriesPoint(edit.evidence, target.series, atNanos);
            }
        } catch (IllegalArgumentException e) {
            throw new CliException(bundle + ": " + e.getMessage() + "; nothing was written", 2);
        }
        Annotation a = edit.store.addNote(t, note, tags, sev);
        edit.save();
        if (t instanceof AnnotationTarget.OnSeriesPoint p && atNanos != p.startNanos()) {
            spec.commandLine().getErr().println("note: the nearest sample of " + p.seriesName() + " is at " + EpochNanos.iso(p.startNanos())
                    + " (" + p.value() + ")");
        }
        spec.commandLine().getOut().println(a.id());
        spec.commandLine().getOut().flush();
        return 0;
    }

    private NoteSeverity parseSeverity() {
        try {
            return NoteSeverity.parse(severity);
        } catch (IllegalArgumentException e) {
            throw new CliException("--severity: " + e.getMessage(), 2);
        }
    }
}
