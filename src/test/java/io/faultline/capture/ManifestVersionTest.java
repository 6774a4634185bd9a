package io.faultline.capture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Format version 2 adds the hosts' boot and line-naming fields; version 1 bundles still open, newer ones are refused. */
class ManifestVersionTest {
    @TempDir
    Path dir;

    private Path zipWithManifest(String manifest) throws Exception {
        Path file = dir.resolve("b-" + System.nanoTime() + ".flcap");
        try (OutputStream os = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(os)) {
            zip.putNextEntry(new ZipEntry(Manifest.FILE));
            zip.write(manifest.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return file;
    }

    @Test
    void versionOneBundleOpensWithoutBootFields() throws Exception {
        Path file = zipWithManifest("""
                {"format":"faultline-capture","formatVersion":1,"program":"faultline 0.1.0","createdAt":"2026-12-03T18:00:00Z",
                 "partial":false,"window":null,
                 "hosts":[{"name":"vm","user":"ops","port":22,"zone":"UTC","clockOffsetMs":12,"offsetUncertaintyMs":1,
                           "hostKeySha256":"SHA256:abc"}],
                 "entries":[],"diagnostics":[]}
                """);
        try (Bundle b = Bundle.open(file)) {
            Manifest.Host h = b.manifest().hosts().getFirst();
            assertThat(b.manifest().formatVersion()).isEqualTo(1);
            assertThat(h.clockOffsetMs()).isEqualTo(12);
            assertThat(h.bootTime()).isNull();
            assertThat(h.bootId()).isNull();
            assertThat(h.linesNameHosts()).isFalse();
        }
    }

    @Test
    void writerWritesVersionTwoWithTheBootFields() throws Exception {
        Path file = dir.resolve("v2.flcap");
        try (BundleWriter w = new BundleWriter(file, "faultline-test")) {
            w.host(new Manifest.Host("vm", "ops", 22, "UTC", 0, 1, null, 1796333698L, "5cc96703b65742e2ac93c466441c3860", false));
            w.host(new Manifest.Host("imported", null, 0, "Europe/Berlin", 0, 0, null, null, null, true));
            w.finish(false);
        }
        try (Bundle b = Bundle.open(file)) {
            assertThat(b.manifest().formatVersion()).isEqualTo(2);
            assertThat(b.manifest().hosts()).extracting(Manifest.Host::bootTime, Manifest.Host::bootId, Manifest.Host::linesNameHosts)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(1796333698L, "5cc96703b65742e2ac93c466441c3860", false),
                            org.assertj.core.groups.Tuple.tuple(null, null, true));
        }
    }

    @Test
    void newerVersionIsRefused() throws Exception {
        Path file = zipWithManifest("{\"format\":\"faultline-capture\",\"formatVersion\":3,\"hosts\":[],\"entries\":[]}");
        assertThatThrownBy(() -> Bundle.open(file)).isInstanceOf(BundleFormatException.class)
                .hasMessageContaining("bundle format version 3 is newer than this Faultline reads (2)");
    }
}
