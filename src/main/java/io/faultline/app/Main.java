package io.faultline.app;

import picocli.CommandLine;

/**
 * Entry point of {@code java -jar faultline.jar}: no verb opens the workbench on the bundled sample.
 * Every command returns when its work is done (the workbench when its window closes), then the JVM exits
 * with the command's status, so no toolkit or executor thread keeps it alive.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(commandLine(), args));
    }

    /**
     * Executes {@code args}; running out of heap ends the command with a line saying how much heap it had and how to
     * give it more, and status 1, instead of a stack trace.
     */
    static int run(CommandLine cl, String[] args) {
        try {
            return cl.execute(args);
        } catch (OutOfMemoryError e) {
            cl.getErr().println(cl.getColorScheme().errorText(String.format(java.util.Locale.ROOT, "faultline: out of memory: the Java heap"
                    + " is at most %,d MB; give it more, e.g. java -Xmx3g -jar faultline.jar ...", Runtime.getRuntime().maxMemory() >> 20)));
            cl.getErr().flush();
            return 1;
        }
    }

    /** The full command tree; tests execute it with their own writers. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new FaultlineCommand());
        cl.addSubcommand("open", new OpenCommand());
        cl.addSubcommand("capture", new CaptureCommand());
        cl.addSubcommand("import", new ImportCommand());
        cl.addSubcommand("summary", new SummaryCommand());
        cl.addSubcommand("series", new SeriesCommand());
        cl.addSubcommand("export", new ExportCommand());
        cl.addSubcommand("redact-preview", new RedactPreviewCommand());
        cl.addSubcommand("events", new EventsCommand());
        cl.addSubcommand("search", new SearchCommand());
        cl.addSubcommand("annotate", new AnnotateCommand());
        cl.addSubcommand("link", new LinkCommand());
        cl.addSubcommand("profile", new ProfileCommand());
        cl.addSubcommand("bench-ingest", new BenchIngestCommand());
        cl.addSubcommand("bench", new BenchCommand());
        cl.addSubcommand("bench-load", new BenchLoadCommand());
        cl.addSubcommand("bench-search", new BenchSearchCommand());
        cl.addSubcommand("bench-ui", new BenchUiCommand());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            cmd.getErr().println(cmd.getColorScheme().errorText("faultline " + cmd.getCommandName() + ": " + message(ex)));
            return ex instanceof CliException ce ? ce.exitCode() : 1;
        });
        return cl;
    }

    private static String message(Throwable ex) {
        if (ex instanceof java.nio.file.FileSystemException fse && fse.getFile() != null) {
            return TerminalText.safe(fse.getFile() + ": " + UserPaths.reason(fse));
        }
        String m = ex.getMessage();
        return m == null || m.isBlank() ? ex.getClass().getSimpleName() : TerminalText.safe(m);
    }
}
