package io.faultline.ingest;

import io.faultline.capture.Bundle;
import io.faultline.capture.BundleWriter;
import io.faultline.capture.Manifest;
import io.faultline.capture.SourceKind;
import io.faultline.model.Evidence;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** Builds real bundles with {@link BundleWriter} from fixtures and ingests them. */
final class TestBundles {
    static final Path FIXTURES = Path.of("src/test/resources/ingest");
    /** The shared samples beside the project (in CI beside the clone). */
    static final Path SAMPLES = Path.of("../shared/samples");

    record Entry(String path, String host, SourceKind kind, byte[] bytes) {
    }

    private TestBundles() {
    }

    /** The parts one after another. */
    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static byte[] fixture(String name) throws IOException {
        return Files.readAllBytes(FIXTURES.resolve(name));
    }

    static Entry entry(String fixture, String host, SourceKind kind) throws IOException {
        return new Entry("imported/" + fixture, host, kind, fixture(fixture));
    }

    static Manifest.Host host(String name, String zone, long clockOffsetMs) {
        return new Manifest.Host(name, null, 0, zone, clockOffsetMs, 0, null);
    }

    /** Writes a bundle (window may be null) and ingests it. */
    static Evidence ingest(Path dir, String from, String to, List<Manifest.Host> hosts, List<Entry> entries) throws IOException {
        Path file = dir.resolve("test-" + System.nanoTime() + ".flcap");
        try (BundleWriter w = new BundleWriter(file, "faultline-test")) {
            if (from != null) {
                w.window(Instant.parse(from), Instant.parse(to));
            }
            hosts.forEach(w::host);
            for (Entry e : entries) {
                w.add(e.path(), e.host(), e.kind(), e.path(), null, null, e.bytes(), null);
            }
            w.finish(false);
        }
        try (Bundle b = Bundle.open(file)) {
            return Ingestor.ingest(b);
        }
    }
}
