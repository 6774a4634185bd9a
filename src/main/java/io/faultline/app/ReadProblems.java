package io.faultline.app;

import io.faultline.model.Diagnostic;
import io.faultline.model.Evidence;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * For the commands that print events or samples: a bundle read with errors (a cut or damaged entry, bytes that could
 * not be parsed) says so on stderr, so output that lacks what could not be read is not taken for all there is.
 */
final class ReadProblems {
    private ReadProblems() {
    }

    static void tell(PrintWriter err, Path bundle, Evidence evidence) {
        List<Diagnostic> errors = evidence.diagnostics().stream().filter(d -> d.level() == Diagnostic.Level.ERROR).toList();
        if (errors.isEmpty()) {
            return;
        }
        err.println(TerminalText.safe(String.format(Locale.ROOT, "faultline: %,d problem%s reading %s; what could not be read is left out"
                        + " (the first: %s). `faultline summary %s` lists them", errors.size(), errors.size() == 1 ? "" : "s", bundle,
                errors.getFirst().describe(), bundle)));
        err.flush();
    }
}
