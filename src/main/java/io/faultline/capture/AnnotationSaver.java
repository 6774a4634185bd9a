package io.faultline.capture;

import io.faultline.model.AnnotationLayer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Stores an annotation layer into a bundle. Every other entry is copied byte for byte (the raw data
 * never changes), the new zip is written beside the old one and moved over it atomically.
 */
public final class AnnotationSaver {
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
            Files.move(temp, bundle, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
