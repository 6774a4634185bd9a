package io.faultline.capture;

import io.faultline.model.AnnotationLayer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Stores an annotation layer into a bundle. Every other entry is copied byte for byte (the raw data
 * never changes), the new zip is written beside the old one and moved over it atomically. An {@code annotations.json}
 * that cannot be read (a torn save, a hand edit) is not dropped: its bytes are kept as
 * {@code annotations-damaged-N.json} beside the new one.
 */
public final class AnnotationSaver {
    static final String DAMAGED_PREFIX = "annotations-damaged-";
    private AnnotationSaver() {
    }

    public static void save(Path bundle, AnnotationLayer layer) throws IOException {
        Path temp = Files.createTempFile(bundle.toAbsolutePath().getParent(), "." + bundle.getFileName(), ".part");
        try {
            try (ZipFile in = new ZipFile(bundle.toFile());
                 ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(temp))) {
                if (in.getEntry(Manifest.FILE) == null) {
                    throw new BundleFormatException(bundle + ": not a Faultline bundle (no " + Manifest.FILE + " inside)");
                }
                Enumeration<? extends ZipEntry> all = in.entries();
                while (all.hasMoreElements()) {
                    ZipEntry e = all.nextElement();
                    if (e.getName().equals(Manifest.ANNOTATIONS_FILE)) {
                        keepIfDamaged(in, e, out);
                        continue;
                    }
                    out.putNextEntry(new ZipEntry(e.getName()));
                    try (InputStream src = in.getInputStream(e)) {
                        src.transferTo(out);
                    }
                    out.closeEntry();
                }
                out.putNextEntry(new ZipEntry(Manifest.ANNOTATIONS_FILE));
                out.write(AnnotationCodec.write(layer));
                out.closeEntry();
            }
            keepPermissions(bundle, temp);
            Files.move(temp, bundle, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** The new file gets the old one's permissions (a temporary file is made private to its owner). */
    private static void keepPermissions(Path from, Path to) throws IOException {
        if (Files.getFileAttributeView(from, PosixFileAttributeView.class) != null) {
            Files.setPosixFilePermissions(to, Files.getPosixFilePermissions(from));
        }
    }

    private static void keepIfDamaged(ZipFile in, ZipEntry notes, ZipOutputStream out) throws IOException {
        if (readable(in, notes)) {
            return;
        }
        int n = 1;
        while (in.getEntry(DAMAGED_PREFIX + n + ".json") != null) {
            n++;
        }
        out.putNextEntry(new ZipEntry(DAMAGED_PREFIX + n + ".json"));
        try (InputStream src = in.getInputStream(notes)) {
            src.transferTo(out);
        }
        out.closeEntry();
    }

    private static boolean readable(ZipFile in, ZipEntry notes) {
        try (InputStream src = in.getInputStream(notes)) {
            byte[] bytes = src.readNBytes((int) Bundle.SMALL_ENTRY_LIMIT + 1);
            if (bytes.length > Bundle.SMALL_ENTRY_LIMIT) {
                return false;
            }
            AnnotationCodec.read(new ByteArrayInputStream(bytes));
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
