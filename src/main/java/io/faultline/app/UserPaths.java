package io.faultline.app;

import io.faultline.capture.Bundle;
import io.faultline.capture.Manifest;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipFile;

/**
 * Checks on what the user named, made before any work so a typo costs nothing, and the one place where a failed
 * write becomes a sentence ({@code cannot write OUT: reason}) instead of an exception's bare file name.
 */
final class UserPaths {
    private UserPaths() {
    }

    /** Work that writes files and may fail like a file system does. */
    interface Writing<T, E extends Exception> {
        T run() throws IOException, E;
    }

    /** Every input must be a readable regular file; one line per one that is not. */
    static void requireReadableFiles(List<Path> files) {
        List<String> problems = new ArrayList<>();
        for (Path f : files) {
            if (!Files.exists(f)) {
                problems.add(f + ": no such file");
            } else if (Files.isDirectory(f)) {
                problems.add(f + ": is a directory; name the files inside it");
            } else if (!Files.isRegularFile(f) || !Files.isReadable(f)) {
                problems.add(f + ": not a readable file");
            }
        }
        if (!problems.isEmpty()) {
            throw new CliException(String.join("\n", problems), 2);
        }
    }

    /** A bundle is opened, not imported as a file of unknown format; one line per bundle named. */
    static void refuseBundles(List<Path> files) throws IOException {
        List<String> problems = new ArrayList<>();
        for (Path f : files) {
            if (Bundle.looksLikeBundle(f)) {
                problems.add(isBundle(f) ? f + " is a Faultline bundle: open it (faultline open " + f + ") instead of importing it"
                        : f + " is a zip archive, not a log: unpack it and import the files inside");
            }
        }
        if (!problems.isEmpty()) {
            throw new CliException(String.join("\n", problems), 2);
        }
    }

    /** A zip with a manifest is a bundle (perhaps a damaged one, which open reports). */
    private static boolean isBundle(Path zip) {
        try (ZipFile z = new ZipFile(zip.toFile())) {
            return z.getEntry(Manifest.FILE) != null;
        } catch (IOException e) {
            return true;
        }
    }

    /**
     * The file a command is about to write: not a directory, in a directory that exists (none is created, so a typo
     * in the path does not scatter files) and may be written, and not an existing file unless {@code force} (a bundle
     * may hold notes).
     */
    /** An output is never one of the inputs, {@code --force} or not: the file being read would be lost. */
    static void refuseInputAsOutput(List<Path> inputs, Path output) {
        if (!Files.exists(output)) {
            return;
        }
        for (Path in : inputs) {
            try {
                if (Files.isSameFile(in, output)) {
                    throw new CliException(output + " is one of the input files; name another file for the bundle (--force"
                            + " never replaces an input)", 2);
                }
            } catch (IOException e) {
                throw new CliException("cannot compare " + in + " with " + output + ": " + e.getMessage(), 2);
            }
        }
    }

    static void requireWritableOutput(Path output, boolean force) {
        if (Files.isDirectory(output)) {
            throw new CliException(output + ": is a directory; name the file to write", 2);
        }
        Path parent = output.toAbsolutePath().getParent();
        if (!Files.isDirectory(parent)) {
            Path existing = parent;
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
            if (existing != null && !Files.isDirectory(existing)) {
                throw new CliException("cannot write " + output + ": " + existing + " is a file, not a directory", 2);
            }
            throw new CliException("cannot write " + output + ": directory " + parent + " does not exist (Faultline creates no"
                    + " directories; check the path, or create it first)", 2);
        }
        if (!Files.isWritable(parent)) {
            throw new CliException("cannot write " + output + ": directory " + parent + " is not writable (permission denied)", 2);
        }
        if (Files.exists(output) && !force) {
            boolean bundle;
            try {
                bundle = Bundle.isBundle(output);
            } catch (IOException e) {
                throw new CliException("cannot write " + output + ": it exists and cannot be read (" + e.getMessage() + ")", 2);
            }
            throw new CliException(output + " exists" + (bundle ? " (it may hold notes)" : "") + "; choose another name or add --force"
                    + " to replace it", 2);
        }
    }

    /**
     * Runs work that writes {@code output} (through a temporary sibling {@code .NAME…part}); a file system failure on
     * either becomes {@code cannot write OUTPUT: reason}, exit status 1.
     */
    static <T, E extends Exception> T writing(Path output, Writing<T, E> work) throws IOException, E {
        try {
            return work.run();
        } catch (FileSystemException e) {
            if (e.getFile() != null && isOutputOrItsTemp(Path.of(e.getFile()), output)) {
                throw new CliException("cannot write " + output + ": " + reason(e));
            }
            throw e;
        }
    }

    /** "permission denied", "no such file or directory", "No space left on device", …: what went wrong, without the path. */
    static String reason(FileSystemException e) {
        String r = switch (e) {
            case AccessDeniedException x -> "permission denied";
            case NoSuchFileException x -> "no such file or directory";
            case NotDirectoryException x -> "not a directory";
            case FileAlreadyExistsException x -> "it already exists";
            default -> e.getReason();
        };
        if (r == null || r.isBlank()) {
            r = e.getClass().getSimpleName();
        }
        return e.getOtherFile() == null ? r : r + " (" + e.getOtherFile() + ")";
    }

    /** An export never replaces a bundle: its raw outputs and notes would be gone, --force or not. */
    static void refuseToOverwriteBundle(Path output) throws IOException {
        if (Bundle.isBundle(output)) {
            throw new CliException(output + " is a Faultline bundle (raw outputs and notes); an export never replaces one, even with"
                    + " --force: pick another name for the export", 2);
        }
    }

    private static boolean isOutputOrItsTemp(Path failed, Path output) {
        Path out = output.toAbsolutePath().normalize();
        Path f = failed.toAbsolutePath().normalize();
        if (f.equals(out)) {
            return true;
        }
        if (f.getParent() == null || !f.getParent().equals(out.getParent())) {
            return f.equals(out.getParent());
        }
        return f.getFileName().toString().startsWith("." + out.getFileName());
    }
}
