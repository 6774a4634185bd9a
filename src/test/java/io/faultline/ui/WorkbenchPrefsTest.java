package io.faultline.ui;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class WorkbenchPrefsTest {
    @TempDir
    Path dir;

    @Test
    void whatIsSavedIsReadBack() throws Exception {
        Path file = dir.resolve("config/faultline/workbench.json");
        WorkbenchPrefs prefs = WorkbenchPrefs.defaults().withTheme(Theme.LIGHT)
                .withLayout(new WorkbenchPrefs.Place(40, 60, 1280, 800, true), new WorkbenchPrefs.Dividers(0.4, 0.75, 0.2), false, true)
                .withOpened(dir.resolve("a.flcap")).withOpened(dir.resolve("b.flcap"))
                .withLanes(new WorkbenchPrefs.Lanes(List.of("ssh", "health", "io-vda"), List.of("io-vda"))).withTextSize(1.4);
        prefs.save(file);

        WorkbenchPrefs read = WorkbenchPrefs.load(file);
        assertThat(read).isEqualTo(prefs);
        assertThat(read.theme()).isEqualTo(Theme.LIGHT);
        assertThat(read.window()).isEqualTo(new WorkbenchPrefs.Place(40, 60, 1280, 800, true));
        assertThat(read.dividers()).isEqualTo(new WorkbenchPrefs.Dividers(0.4, 0.75, 0.2));
        assertThat(read.facets()).isFalse();
        assertThat(read.recent()).containsExactly(dir.resolve("b.flcap"), dir.resolve("a.flcap"));
        assertThat(read.lanes()).isEqualTo(new WorkbenchPrefs.Lanes(List.of("ssh", "health", "io-vda"), List.of("io-vda")));
        assertThat(read.textSize()).isEqualTo(1.4);
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).as("no temporary file left").containsExactly("workbench.json");
        }
        assertThat(Files.readString(file)).contains("\"theme\" : \"light\"");
    }

    @Test
    void aMissingFileGivesTheDefaults() {
        assertThat(WorkbenchPrefs.load(dir.resolve("nothing.json"))).isEqualTo(WorkbenchPrefs.defaults());
    }

    @Test
    void aCorruptFileGivesTheDefaults() throws Exception {
        Path truncated = Files.writeString(dir.resolve("truncated.json"), "{\"theme\": \"light\", \"recent\": [\"/tmp/a.fl");
        Path binary = Files.write(dir.resolve("binary.json"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2});
        Path array = Files.writeString(dir.resolve("array.json"), "[1, 2, 3]");
        Path folder = Files.createDirectory(dir.resolve("folder.json"));
        for (Path p : List.of(truncated, binary, array, folder)) {
            assertThat(WorkbenchPrefs.load(p)).as(p.getFileName().toString()).isEqualTo(WorkbenchPrefs.defaults());
        }
    }

    @Test
    void aWrongFieldGetsItsDefaultAndTheOthersStay() throws Exception {
        Path file = Files.writeString(dir.resolve("odd.json"), """
                {"theme": "purple", "window": {"x": 10, "y": 10, "width": 20, "height": 5},
                 "dividers": {"lanes": 1.7, "notes": 0.8, "facets": 0.1}, "facets": false, "recent": ["/srv/a.flcap", 42, "/srv/b.flcap"],
                 "lanes": {"order": ["ssh", 3, "health"], "collapsed": "ssh"}, "textSize": 7}
                """);
        WorkbenchPrefs read = WorkbenchPrefs.load(file);
        assertThat(read.theme()).isEqualTo(Theme.DARK);
        assertThat(read.window()).as("a window too small to use").isNull();
        assertThat(read.dividers()).as("a divider beyond 1").isNull();
        assertThat(read.facets()).isFalse();
        assertThat(read.notes()).isTrue();
        assertThat(read.recent()).containsExactly(Path.of("/srv/a.flcap"), Path.of("/srv/b.flcap"));
        assertThat(read.lanes()).as("collapsed is not a list").isNull();
        assertThat(read.textSize()).as("beyond the largest text").isEqualTo(1.0);
    }

    @Test
    void theRecentListPutsTheLastFirstHoldsEachOnceAndKeepsTen() {
        WorkbenchPrefs p = WorkbenchPrefs.defaults();
        for (int i = 0; i < 12; i++) {
            p = p.withOpened(dir.resolve("case" + i + ".flcap"));
        }
        p = p.withOpened(dir.resolve("case5.flcap"));
        assertThat(p.recent()).hasSize(WorkbenchPrefs.RECENT);
        assertThat(p.recent().getFirst()).isEqualTo(dir.resolve("case5.flcap"));
        assertThat(p.recent().subList(1, 10)).containsExactlyElementsOf(
                IntStream.of(11, 10, 9, 8, 7, 6, 4, 3, 2).mapToObj(i -> dir.resolve("case" + i + ".flcap")).toList());
        assertThat(p.withoutRecent().recent()).isEmpty();
    }
}
