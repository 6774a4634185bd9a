package io.faultline.app;

import io.faultline.annotate.UserProfile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code faultline profile [--author NAME]}: sets, or prints, the name notes are signed with (window and CLI alike). */
@Command(name = "profile", mixinStandardHelpOptions = true,
        description = {"Set or show the author name notes are signed with, in the window and on the command line.",
                "Kept in profile.json in the settings folder ($XDG_CONFIG_HOME/faultline or ~/.config/faultline)."})
final class ProfileCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--author", paramLabel = "NAME", description = "the name to sign notes with")
    String author;

    @Override
    public Integer call() throws IOException {
        Path file = DataDirs.config().resolve(UserProfile.FILE);
        if (author != null) {
            String name;
            try {
                name = UserProfile.checkedAuthor(author);
            } catch (IllegalArgumentException e) {
                throw new CliException("--author: " + e.getMessage(), 2);
            }
            UserPaths.writing(file, () -> {
                new UserProfile(name).save(file);
                return null;
            });
        }
        spec.commandLine().getOut().println("author: " + TerminalText.safe(NotesEdit.profileAuthor()));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
