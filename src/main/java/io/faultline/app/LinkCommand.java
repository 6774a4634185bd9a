package io.faultline.app;

import io.faultline.annotate.CausalCheck;
import io.faultline.model.CausalLink;
import io.faultline.model.LinkType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code faultline link}: links two notes of a bundle (FROM causes TO, and so on), saves it and prints the link's id.
 * A cause that starts after its effect is reported on stderr (a warning, or a note when the clocks' uncertainty covers
 * it); the link is kept either way, as the engineer asked for it.
 */
@Command(name = "link", mixinStandardHelpOptions = true,
        description = {"Link two notes of a bundle and print the new link's id.",
                "Warns when a cause starts after its effect by more than the hosts' clock uncertainty."})
final class LinkCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BUNDLE")
    Path bundle;

    @Parameters(index = "1", paramLabel = "FROM_ID", description = "the note that is the cause (or comes first)")
    String from;

    @Parameters(index = "2", paramLabel = "TO_ID", description = "the note that is the effect")
    String to;

    @Option(names = "--type", required = true, paramLabel = "TYPE", description = "causes, contributes-to, precedes or ruled-out")
    String type;

    @Option(names = "--note", paramLabel = "TEXT", description = "why")
    String note;

    @Override
    public Integer call() throws IOException {
        LinkType t;
        try {
            t = LinkType.parse(type);
        } catch (IllegalArgumentException e) {
            throw new CliException("--type: " + e.getMessage(), 2);
        }
        NotesEdit edit = NotesEdit.open(bundle, null);
        CausalLink l;
        try {
            l = edit.store.link(from, to, t, note);
        } catch (IllegalArgumentException e) {
            String known = String.join(", ", edit.store.snapshot().annotations().stream().map(a -> a.id()).toList());
            throw new CliException(bundle + ": " + e.getMessage() + " (the bundle's notes: " + (known.isEmpty() ? "none" : known)
                    + "); nothing was written", 2);
        }
        edit.save();
        PrintWriter err = spec.commandLine().getErr();
        CausalCheck.check(edit.store.snapshot(), edit.evidence, l.id()).filter(f -> f.verdict() != CausalCheck.Verdict.IN_ORDER)
                .ifPresent(f -> err.println((f.warning() ? "warning: " : "note: ") + TerminalText.safe(f.message())));
        err.flush();
        spec.commandLine().getOut().println(l.id());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
