package io.faultline.capture;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.faultline.model.AnnotationLayer;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * An opened bundle: the manifest, the raw entries on demand, and the annotation layer.
 *
 * <p>Nothing in the zip is trusted to be as big as it says: every entry is read through a stream that stops at the
 * size the manifest declares for it (raw entries) or at {@link #SMALL_ENTRY_LIMIT} (manifest, notes, stderr), so a
 * damaged or crafted bundle (a small zip that inflates to gigabytes) costs a clear error, not the heap.
 */
public final class Bundle implements AutoCloseable {
    /** Most bytes read of an entry the manifest gives no size for: manifest.json, annotations.json, stderr entries. */
    public static final long SMALL_ENTRY_LIMIT = 64L << 20;
    /** Longest array the JVM allocates reliably. */
    private static final long MAX_ARRAY = Integer.MAX_VALUE - 16;
    private static final int CHUNK = 1 << 20;

    private final Path path;
    private final ZipFile zip;
    private final Manifest manifest;
    private final AnnotationLayer annotations;
    private final String annotationsProblem;
    private final Map<String, Manifest.Entry> declared = new HashMap<>();
    private Map<String, StoredRegions.Region> stored;

    private Bundle(Path path, ZipFile zip, Manifest manifest, AnnotationLayer annotations, String annotationsProblem) {
        this.annotationsProblem = annotationsProblem;
        this.path = path;
        this.zip = zip;
        this.manifest = manifest;
        this.annotations = annotations;
        manifest.entries().forEach(e -> declared.putIfAbsent(e.path(), e));
    }

    /**
     * The bytes of a raw entry as read now, with the sha256 computed while reading them.
     *
     * @param mismatch null when size and sha256 are those the manifest recorded at capture; otherwise what differs
     *                 ({@code changed since capture: sha256 … expected …; read as it is now})
     */
    public record EntryBytes(byte[] bytes, String sha256, String mismatch) {
    }

    /** True when the file starts like a bundle (a zip archive); says nothing about whether it opens. */
    public static boolean looksLikeBundle(Path path) throws IOException {
        if (!Files.isRegularFile(path)) {
            return false;
        }
        try (InputStream in = Files.newInputStream(path)) {
            return isZipMagic(in.readNBytes(4));
        }
    }

    /**
     * True when the file is a Faultline bundle, whole or damaged: a zip whose first entry is one a bundle starts with
     * ({@code raw/…}, {@code manifest.json} or {@code annotations.json}), or a zip named {@code *.flcap}.
     */
    public static boolean isBundle(Path path) throws IOException {
        if (!looksLikeBundle(path)) {
            return false;
        }
        if (path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".flcap")) {
            return true;
        }
        try (InputStream in = Files.newInputStream(path)) {
            byte[] head = in.readNBytes(30 + 1024);
            return bundleEntryName(localHeaderName(head, 0, head.length));
        }
    }

    public static Bundle open(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            throw new BundleFormatException(path + ": is a directory, not a bundle; name the .flcap file inside it");
        }
        if (!Files.exists(path)) {
            throw new BundleFormatException(path + ": no such file");
        }
        if (!Files.isRegularFile(path)) {
            throw new BundleFormatException(path + ": not a regular file, so not a bundle");
        }
        ZipFile zip;
        try {
            zip = new ZipFile(path.toFile());
        } catch (ZipException e) {
            throw new BundleFormatException(Damage.describe(path, e.getMessage()), e);
        }
        try {
            ZipEntry me = zip.getEntry(Manifest.FILE);
            if (me == null) {
                throw new BundleFormatException(path + ": not a Faultline bundle (no " + Manifest.FILE + " inside)");
            }
            Manifest manifest;
            try (InputStream in = capped(zip, me, path, SMALL_ENTRY_LIMIT, false)) {
                manifest = Json.mapper().readValue(in, Manifest.class);
            } catch (JsonProcessingException e) {
                throw new BundleFormatException(path + ": " + damagedJson(Manifest.FILE, e), e);
            }
            if (manifest == null) {
                throw new BundleFormatException(path + ": " + Manifest.FILE + " is damaged: it holds null, not a manifest");
            }
            if (!Manifest.FORMAT.equals(manifest.format())) {
                throw new BundleFormatException(path + ": not a Faultline bundle (format '" + manifest.format() + "')");
            }
            if (manifest.formatVersion() > Manifest.FORMAT_VERSION) {
                throw new BundleFormatException(path + ": bundle format version " + manifest.formatVersion()
                        + " is newer than this Faultline reads (" + Manifest.FORMAT_VERSION + "); update Faultline");
            }
            AnnotationLayer layer = AnnotationLayer.empty();
            String notesProblem = null;
            ZipEntry ae = zip.getEntry(Manifest.ANNOTATIONS_FILE);
            if (ae != null) {
                try (InputStream in = capped(zip, ae, path, SMALL_ENTRY_LIMIT, false)) {
                    layer = AnnotationCodec.read(in);
                } catch (JsonProcessingException e) {
                    notesProblem = damagedJson(Manifest.ANNOTATIONS_FILE, e);
                } catch (IOException e) {
                    notesProblem = Manifest.ANNOTATIONS_FILE + " is unreadable: " + e.getMessage();
                }
            }
            return new Bundle(path, zip, manifest, layer, notesProblem);
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

    /** The notes; empty when {@link #annotationsProblem()} says they could not be read. */
    public AnnotationLayer annotations() {
        return annotations;
    }

    /**
     * Why {@code annotations.json} could not be read (damaged, cut, too big), or null. Notes are secondary: the bundle
     * still opens with its evidence, and {@link AnnotationSaver} keeps the damaged bytes aside when it next saves.
     */
    public String annotationsProblem() {
        return annotationsProblem;
    }

    /**
     * A stream of the entry's bytes that ends with a {@link BundleFormatException} rather than deliver more than the
     * manifest declares for it (or {@link #SMALL_ENTRY_LIMIT} for an entry it lists no size for).
     */
    public InputStream openEntry(String entryPath) throws IOException {
        ZipEntry ze = zipEntry(entryPath);
        Manifest.Entry e = declared.get(entryPath);
        return capped(zip, ze, path, e == null ? SMALL_ENTRY_LIMIT : e.bytes(), e != null);
    }

    /** The whole entry, read through {@link #openEntry}; its checksum is not checked (see {@link #read}). */
    public byte[] readEntry(String entryPath) throws IOException {
        try (InputStream in = openEntry(entryPath)) {
            return in.readAllBytes();
        }
    }

    /**
     * Reads a raw entry whole, hashing it on the way (no second pass). It is refused, with nothing read, when the
     * manifest declares more than {@code maxBytes}, when the zip says it holds more than the manifest declares, and,
     * as soon as the extra byte arrives, when it delivers more than that; a size or sha256 that differs otherwise is
     * reported in {@link EntryBytes#mismatch()} and the bytes are returned as they are.
     */
    public EntryBytes read(Manifest.Entry entry, long maxBytes) throws IOException {
        long limit = Math.min(maxBytes, MAX_ARRAY);
        if (entry.bytes() > limit) {
            throw new BundleFormatException(String.format(Locale.ROOT,
                    "entry %s is declared as %,d bytes, more than the %,d bytes read into memory; not read", entry.path(), entry.bytes(), limit));
        }
        if (entry.bytes() < 0) {
            throw new BundleFormatException("entry " + entry.path() + " has a negative size (" + entry.bytes()
                    + ") in the manifest: damaged or not made by Faultline; not read");
        }
        ZipEntry ze = zipEntry(entry.path());
        if (ze.getSize() > entry.bytes()) {
            throw oversize(entry.path(), entry.bytes(), ze.getSize());
        }
        byte[] data = new byte[(int) entry.bytes()];
        MessageDigest sha = BundleWriter.sha256();
        int n = 0;
        try (InputStream in = zip.getInputStream(ze)) {
            for (int r; n < data.length && (r = in.read(data, n, Math.min(CHUNK, data.length - n))) > 0; n += r) {
                sha.update(data, n, r);
            }
            if (n == data.length && in.read() >= 0) {
                throw oversize(entry.path(), entry.bytes(), -1);
            }
        }
        byte[] bytes = n == data.length ? data : java.util.Arrays.copyOf(data, n);
        String hex = HexFormat.of().formatHex(sha.digest());
        return new EntryBytes(bytes, hex, mismatch(entry, hex, n));
    }

    /**
     * What differs between an entry's bytes as read ({@code bytes} of them, hashing to {@code sha256Hex}) and what the
     * manifest declares; null when nothing does.
     */
    public static String mismatch(Manifest.Entry entry, String sha256Hex, long bytes) {
        if (entry.sha256() != null && !sha256Hex.equalsIgnoreCase(entry.sha256()) || bytes != entry.bytes()) {
            return String.format(Locale.ROOT, "changed since capture: sha256 %s (%,d bytes) expected %s (%,d bytes); read as it is now",
                    sha256Hex, bytes, entry.sha256(), entry.bytes());
        }
        return null;
    }

    /**
     * Where entry {@code entryPath}'s bytes lie in the bundle file when it is stored uncompressed (a large import), so
     * they can be read at any offset; null when it is compressed or the zip cannot be read so. The caller checks that
     * the bytes there are the entry's (as read through {@link #openEntry}) before relying on them.
     */
    public synchronized long[] storedRegion(String entryPath) throws IOException {
        if (stored == null) {
            stored = StoredRegions.of(path);
        }
        StoredRegions.Region r = stored.get(entryPath);
        return r == null ? null : new long[] {r.offset(), r.length()};
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
            } catch (BundleFormatException tooBig) {
                problems.add(e.path() + ": " + tooBig.getMessage());
                continue;
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

    private ZipEntry zipEntry(String entryPath) throws BundleFormatException {
        ZipEntry e = zip.getEntry(entryPath);
        if (e == null) {
            throw new BundleFormatException(path + ": entry " + entryPath + " is listed in the manifest but missing");
        }
        return e;
    }

    private static InputStream capped(ZipFile zip, ZipEntry ze, Path bundle, long cap, boolean declaredSize) throws IOException {
        if (ze.getSize() > cap) {
            throw declaredSize ? oversize(ze.getName(), cap, ze.getSize()) : tooBigForItsKind(bundle, ze.getName(), cap);
        }
        return new FilterInputStream(zip.getInputStream(ze)) {
            private long left = cap;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    return 0;
                }
                if (left == 0) {
                    if (super.read() >= 0) {
                        throw declaredSize ? oversize(ze.getName(), cap, -1) : tooBigForItsKind(bundle, ze.getName(), cap);
                    }
                    return -1;
                }
                int r = super.read(b, off, (int) Math.min(len, left));
                if (r > 0) {
                    left -= r;
                }
                return r;
            }

            @Override
            public long skip(long n) throws IOException {
                byte[] buf = new byte[8192];
                long done = 0;
                for (int r; done < n && (r = read(buf, 0, (int) Math.min(buf.length, n - done))) > 0; ) {
                    done += r;
                }
                return done;
            }
        };
    }

    private static BundleFormatException oversize(String entryPath, long declaredBytes, long zipBytes) {
        return new BundleFormatException(String.format(Locale.ROOT, "entry %s holds more than the %,d bytes its manifest declares%s:"
                        + " damaged or not made by Faultline; not read", entryPath, declaredBytes,
                zipBytes < 0 ? "" : String.format(Locale.ROOT, " (the zip says %,d)", zipBytes)));
    }

    private static BundleFormatException tooBigForItsKind(Path bundle, String entryPath, long cap) {
        return new BundleFormatException(String.format(Locale.ROOT, "%s: %s holds more than %,d MiB, far more than Faultline writes there:"
                + " damaged or not made by Faultline; not read", bundle, entryPath, cap >> 20));
    }

    /** "manifest.json is damaged at line L column C: reason", without Jackson's class names and source description. */
    static String damagedJson(String file, JsonProcessingException e) {
        String original = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
        if (original.startsWith("No content to map due to end-of-input")) {
            return file + " is damaged: it is empty";
        }
        JsonLocation loc = e.getLocation();
        String where = loc == null || loc.getLineNr() < 0 ? "" : " at line " + loc.getLineNr() + " column " + loc.getColumnNr();
        String field = e instanceof JsonMappingException m ? fieldPath(m.getPath()) : "";
        String reason = lowerFirst(original.lines().findFirst().orElse("").replaceAll("`[^`]*`", "").replaceAll("\\s+", " ").strip());
        if (reason.contains("end-of-input")) {
            reason = "it ends too early (cut short?): " + reason;
        } else if (e instanceof MismatchedInputException mi) {
            reason = "a value of the wrong kind" + (mi.getTargetType() == null ? "" : ", expected " + kindOf(mi.getTargetType()));
        }
        if (reason.length() > 160) {
            reason = reason.substring(0, 157) + "...";
        }
        return file + " is damaged" + where + (field.isEmpty() ? "" : " (in " + field + ")") + ": " + reason;
    }

    private static String kindOf(Class<?> type) {
        if (type.isPrimitive() && type != boolean.class || Number.class.isAssignableFrom(type)) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (CharSequence.class.isAssignableFrom(type)) {
            return "a string";
        }
        return type.isArray() || java.util.Collection.class.isAssignableFrom(type) ? "a list" : "an object";
    }

    private static String fieldPath(List<JsonMappingException.Reference> refs) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : refs) {
            if (r.getFieldName() != null) {
                sb.append(sb.isEmpty() ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    /** "Unexpected end" becomes "unexpected end"; an acronym ("JSON …") stays. */
    private static String lowerFirst(String s) {
        if (s.length() < 2 || Character.isUpperCase(s.charAt(1))) {
            return s;
        }
        return Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    private static boolean isZipMagic(byte[] b) {
        return b.length >= 4 && b[0] == 'P' && b[1] == 'K' && b[2] == 3 && b[3] == 4;
    }

    /** The name in the zip local file header at {@code at}, or null when there is none whole. */
    private static String localHeaderName(byte[] b, int at, int end) {
        if (at + 30 > end || b[at] != 'P' || b[at + 1] != 'K' || b[at + 2] != 3 || b[at + 3] != 4) {
            return null;
        }
        int len = (b[at + 26] & 0xff) | (b[at + 27] & 0xff) << 8;
        if (len == 0 || at + 30 + len > end) {
            return null;
        }
        return new String(b, at + 30, len, StandardCharsets.UTF_8);
    }

    private static boolean bundleEntryName(String name) {
        return name != null && (name.startsWith("raw/") || name.equals(Manifest.FILE) || name.equals(Manifest.ANNOTATIONS_FILE));
    }

    /** Says what is left of a file that starts like a zip but does not open as one. */
    private static final class Damage {
        private static final int MAX_NAMED = 3;

        static String describe(Path path, String zipMessage) throws IOException {
            long size = Files.size(path);
            List<String> names = size == 0 ? List.of() : localNames(path);
            if (names.isEmpty() || !bundleEntryName(names.getFirst())) {
                if (size > 0 && looksLikeBundle(path)) {
                    return path + ": a zip file, but damaged or cut short (" + zipMessage + "); not readable as a Faultline bundle";
                }
                return path + ": not a Faultline bundle (not a zip file: " + zipMessage + ")";
            }
            boolean manifestSeen = names.contains(Manifest.FILE);
            List<String> raw = names.stream().filter(n -> !n.equals(Manifest.FILE) && !n.equals(Manifest.ANNOTATIONS_FILE)).toList();
            String listed = raw.size() <= MAX_NAMED ? String.join(", ", raw)
                    : String.join(", ", raw.subList(0, MAX_NAMED - 1)) + ", …, " + raw.getLast();
            String part = manifestSeen
                    ? "the end of the file (the zip directory written after manifest.json) is missing or damaged"
                    : "the file breaks off in or after entry " + names.getLast() + ", before manifest.json and the zip directory";
            return String.format(Locale.ROOT, "%s: a Faultline bundle that is cut short or damaged (%s): %s; its %,d bytes hold the start"
                            + " of %d raw entr%s (%s). It cannot be opened; copy it again from where it was made", path, zipMessage, part,
                    size, raw.size(), raw.size() == 1 ? "y" : "ies", listed);
        }

        /** The names of the zip local file headers found by their signature, in file order (no inflating). */
        private static List<String> localNames(Path path) throws IOException {
            List<String> names = new ArrayList<>();
            byte[] buf = new byte[CHUNK + 30 + 65_536];
            try (InputStream in = Files.newInputStream(path)) {
                int have = in.readNBytes(buf, 0, buf.length);
                while (have > 0) {
                    for (int i = 0, scan = Math.min(have, CHUNK); i < scan; i++) {
                        if (buf[i] == 'P') {
                            String name = localHeaderName(buf, i, have);
                            if (name != null && plausible(name)) {
                                names.add(name);
                            }
                        }
                    }
                    if (have <= CHUNK) {
                        break;
                    }
                    System.arraycopy(buf, CHUNK, buf, 0, have - CHUNK);
                    have -= CHUNK;
                    have += in.readNBytes(buf, have, buf.length - have);
                }
            }
            return names;
        }

        private static boolean plausible(String name) {
            return name.chars().allMatch(c -> c >= 0x20 && c != 0x7f && c != 0xfffd);
        }
    }
}
