package io.faultline.app;

import io.faultline.capture.Bundle;
import io.faultline.capture.Manifest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipFile;

/** Checks on what the user named, made before any work so a typo costs nothing. */
final class UserPaths {
    private UserPaths() {
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

    /** A bundle may hold notes: it is replaced only when the user says so. */
    static void refuseToReplace(Path output, boolean force) {
        if (Files.isDirectory(output)) {
            throw new CliException(output + ": is a directory; name the file to write", 2);
        }
        if (Files.exists(output) && !force) {
            throw new CliException(output + " exists (it may hold notes); choose another name or add --force to replace it", 2);
        }
    }
}
