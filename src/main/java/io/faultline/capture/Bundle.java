package io.faultline.capture;

import io.faultline.model.AnnotationLayer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/** An opened bundle: the manifest, the raw entries on demand, and the annotation layer. */
public final class Bundle implements AutoCloseable {
    private final Path path;
    private final ZipFile zip;
    private final Manifest manifest;
    private final AnnotationLayer annotations;

    private Bundle(Path path, ZipFile zip, Manifest manifest, AnnotationLayer annotations) {
        this.path = path;
        this.zip = zip;
        this.manifest = manifest;
        this.annotations = annotations;
    }

    /** True when the file starts like a bundle (a zip archive); says nothing about whether it opens. */
    public static boolean looksLikeBundle(Path path) throws IOException {
        if (!Files.isRegularFile(path)) {
            return false;
        }
        try (InputStream in = Files.newInputStream(path)) {
            byte[] magic = in.readNBytes(4);
            return magic.length == 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4;
        }
    }

    public static Bundle open(Path path) throws IOException {
        if (!Files.isRegularFile(path)) {
            throw new BundleFormatException(path + ": no such file");
        }
        ZipFile zip;
        try {
            zip = new ZipFile(path.toFile());
        } catch (ZipException e) {
            throw new BundleFormatException(path + ": not a Faultline bundle (not a zip file: " + e.getMessage() + ")", e);
        }
        try {
            ZipEntry me = zip.getEntry(Manifest.FILE);
            if (me == null) {
                throw new BundleFormatException(path + ": not a Faultline bundle (no " + Manifest.FILE + " inside)");
            }
            Manifest manifest;
            try (InputStream in = zip.getInputStream(me)) {
                manifest = Json.mapper().readValue(in, Manifest.class);
            } catch (IOException e) {
                throw new BundleFormatException(path + ": " + Manifest.FILE + " is unreadable: " + e.getMessage(), e);
            }
            if (!Manifest.FORMAT.equals(manifest.format())) {
                throw new BundleFormatException(path + ": not a Faultline bundle (format '" + manifest.format() + "')");
            }
            if (manifest.formatVersion() > Manifest.FORMAT_VERSION) {
                throw new BundleFormatException(path + ": bundle format version " + manifest.formatVersion()
                        + " is newer than this Faultline reads (" + Manifest.FORMAT_VERSION + "); update Faultline");
            }
            AnnotationLayer layer = AnnotationLayer.empty();
            ZipEntry ae = zip.getEntry(Manifest.ANNOTATIONS_FILE);
            if (ae != null) {
                try (InputStream in = zip.getInputStream(ae)) {
                    layer = AnnotationCodec.read(in);
                } catch (IOException e) {
                    throw new BundleFormatException(path + ": " + Manifest.ANNOTATIONS_FILE + " is unreadable: " + e.getMessage(), e);
                }
            }
            return new Bundle(path, zip, manifest, layer);
        } catch (IOException | RuntimeException e) {
            zip.close();
            throw e;
        }
    }

    public Path path() {
        return path;
    }

    public Manifest manifest() {
        return manifest;
    }

    public AnnotationLayer annotations() {
        return annotations;
    }

    public InputStream openEntry(String entryPath) throws IOException {
        ZipEntry e = zip.getEntry(entryPath);
        if (e == null) {
            throw new BundleFormatException(path + ": entry " + entryPath + " is listed in the manifest but missing");
        }
        return zip.getInputStream(e);
    }

    public byte[] readEntry(String entryPath) throws IOException {
        try (InputStream in = openEntry(entryPath)) {
            return in.readAllBytes();
        }
    }

    /** Checks every raw entry against the manifest's sha256 and size; returns one line per mismatch. */
    public List<String> verify() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Manifest.Entry e : manifest.entries()) {
            if (zip.getEntry(e.path()) == null) {
                problems.add(e.path() + ": missing");
                continue;
            }
            MessageDigest sha = BundleWriter.sha256();
            long n = 0;
            try (InputStream in = openEntry(e.path())) {
                byte[] buf = new byte[1 << 16];
                for (int r; (r = in.read(buf)) > 0; n += r) {
                    sha.update(buf, 0, r);
                }
            }
            String hex = HexFormat.of().formatHex(sha.digest());
            if (n != e.bytes() || !hex.equals(e.sha256())) {
                problems.add(e.path() + ": content differs from manifest (" + n + " bytes, sha256 " + hex + ")");
            }
        }
        return problems;
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }
}
