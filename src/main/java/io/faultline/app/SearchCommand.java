package io.faultline.app;

import io.faultline.capture.Bundle;
import io.faultline.ingest.Ingestor;
import io.faultline.model.Evidence;
import io.faultline.timeline.Filter;
import io.faultline.timeline.InvalidQueryException;
import io.faultline.timeline.Query;
import io.faultline.timeline.Selection;
import io.faultline.timeline.TimelineIndex;
import io.faultline.timeline.TimelineSearch;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * Searches the messages of a bundle's events (docs/decisions/0003-search-matches-the-message.md) on all cores and
 * prints the hits in time order as {@code events} prints them, or with {@code --count} only their number.
 */
@Command(name = "search", mixinStandardHelpOptions = true,
        description = "Rebuild the timeline from a bundle's raw outputs and print the events whose message matches.")
final class SearchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BUNDLE")
    Path bundle;

    @ArgGroup(exclusive = true, multiplicity = "1")
    What what;

    static final class What {
        @Option(names = "--text", paramLabel = "S", required = true, description = "messages that contain S")
        String text;

        @Option(names = "--regex", paramLabel = "R", required = true,
                description = "messages in which the regular expression R (java.util.regex) finds a match")
        String regex;
    }

    @Option(names = {"-i", "--ignore-case"}, description = "ignore case (Unicode, one character to one)")
    boolean ignoreCase;

    @Option(names = "--count", description = "print only the number of hits")
    boolean count;

    @Mixin
    RangeOptions range = new RangeOptions();

    @Override
    public Integer call() throws IOException {
        RangeOptions.Range r = range.range();
        Query query;
        try {
            query = what.regex != null ? Query.regex(what.regex, !ignoreCase) : Query.text(what.text, !ignoreCase);
        } catch (InvalidQueryException e) {
            throw new CliException("--regex: " + e.getMessage(), 2);
        }
        Evidence evidence;
        try (Bundle b = Bundle.open(bundle)) {
            evidence = Ingestor.ingest(b);
        }
        ReadProblems.tell(spec.commandLine().getErr(), bundle, evidence);
        r.warnIfOutside(spec.commandLine().getErr(), evidence.window());
        TimelineIndex index = new TimelineIndex(evidence.events());
        Selection hits;
        try (TimelineSearch search = TimelineSearch.allCores()) {
            hits = search.run(index, Filter.all().between(r.fromNanos(), r.toNanos()).matching(query));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (count) {
            out.println(hits.size());
        } else {
            for (int k = 0; k < hits.size(); k++) {
                out.println(EventsCommand.text(index.event(hits.index(k))));
            }
        }
        out.flush();
        return 0;
    }
}
