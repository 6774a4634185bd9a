package io.faultline.app;

import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code --redact-term TEXT} (repeatable) and {@code --redact-terms FILE}: the user's own terms to replace. */
final class RedactOptions {
    /** A terms file larger than this is not a list of terms. */
    static final long MAX_FILE_BYTES = 1 << 20;

    @Option(names = "--redact-term", paramLabel = "TEXT",
            description = "replace TEXT too (a name, a project, a customer), as term-N; repeatable")
    List<String> terms = new ArrayList<>();

    @Option(names = "--redact-terms", paramLabel = "FILE",
            description = "replace each line of FILE too (UTF-8; blank lines and lines starting with # are skipped)")
    Path file;

    boolean given() {
        return !terms.isEmpty() || file != null;
    }

    /** The terms of the command line, then those of the file, in order. */
    List<String> all() throws IOException {
        List<String> out = new ArrayList<>(terms);
        if (file == null) {
            return out;
        }
        if (!Files.isRegularFile(file)) {
            throw new CliException("--redact-terms " + file + ": " + (Files.exists(file) ? "not a regular file" : "no such file"), 2);
        }
        if (Files.size(file) > MAX_FILE_BYTES) {
            throw new CliException("--redact-terms " + file + ": " + Files.size(file) + " bytes; a terms file holds at most "
                    + MAX_FILE_BYTES + " bytes", 2);
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw new CliException("--redact-terms " + file + ": not UTF-8 text", 2);
        } catch (NoSuchFileException e) {
            throw new CliException("--redact-terms " + file + ": no such file", 2);
        }
        for (String line : lines) {
            String t = line.strip();
            if (!t.isEmpty() && !t.startsWith("#")) {
                out.add(t);
            }
        }
        return out;
    }
}
