package io.faultline.app;

import io.faultline.capture.Bundle;
import io.faultline.capture.BundleFormatException;
import io.faultline.capture.Manifest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The bundled sample capture (recorded from the testbed, kept in assets/). It is copied to the user's
 * data folder so notes made on it are saved there, never into the program.
 */
final class Sample {
    static final String RESOURCE = "/assets/sample.flcap";

    private Sample() {
    }

    static Path path() {
        Path target = DataDirs.data().resolve("sample.flcap");
        try (InputStream in = Sample.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new CliException("the bundled sample is missing from this build (" + RESOURCE + ")");
            }
            byte[] bundled = in.readAllBytes();
            if (!Files.exists(target) || !sameRawData(target, bundled)) {
                Files.createDirectories(target.getParent());
                Path tmp = Files.createTempFile(target.getParent(), ".sample", ".part");
                Files.write(tmp, bundled);
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the bundled sample to " + target, e);
        }
    }

    /** The user's copy is kept (with its notes) as long as it holds the same manifest as the bundled one. */
    private static boolean sameRawData(Path copy, byte[] bundled) throws IOException {
        byte[] bundledManifest = null;
        try (ZipInputStream zin = new ZipInputStream(new ByteArrayInputStream(bundled))) {
            for (ZipEntry e; (e = zin.getNextEntry()) != null; ) {
                if (e.getName().equals(Manifest.FILE)) {
                    bundledManifest = zin.readAllBytes();
                }
            }
        }
        try (Bundle b = Bundle.open(copy)) {
            return Arrays.equals(b.readEntry(Manifest.FILE), bundledManifest);
        } catch (BundleFormatException e) {
            return false;
        }
    }
}
