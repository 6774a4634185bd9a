package io.faultline.ui;

import io.faultline.analysis.Glance;
import io.faultline.annotate.AnnotationStore;
import io.faultline.capture.Bundle;
import io.faultline.ingest.Ingestor;
import io.faultline.model.Event;
import io.faultline.model.Evidence;
import io.faultline.model.SourceRef;
import io.faultline.model.TimeWindow;
import io.faultline.timeline.Facet;
import io.faultline.timeline.Selection;
import io.faultline.timeline.TimelineIndex;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableRow;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The log table in depth on the bundled sample (a real capture, copied so its raw bytes are at hand): matches marked
 * inside the messages, the detail pane with the raw line from the bundle, context across sources, go to cursor, and the
 * at-a-glance tiles. Renders {@code target/table-*.png} to look at.
 */
@ExtendWith(ApplicationExtension.class)
class LogTableDepthTest {
    private static final String ENTRY = "raw/127.0.0.1/journal.json";
    @TempDir
    static Path dir;
    private WorkbenchView view;
    private Evidence evidence;
    private Path bundle;

    @BeforeAll
    static void headlessRobot() {
        System.setProperty("testfx.robot", "glass");
        FxToolkit.preferHeadless();
    }

    @Start
    void start(Stage stage) throws Exception {
        bundle = Files.createTempDirectory(dir, "case").resolve("sample.flcap");
        Files.copy(Path.of("assets", "sample.flcap"), bundle);
        try (Bundle b = Bundle.open(bundle)) {
            evidence = Ingestor.ingest(b);
            view = new WorkbenchView(new LoadedCase(bundle, evidence, b.annotations()),
                    new AnnotationStore(b.annotations(), "", Clock.systemUTC()));
        }
        stage.setScene(new Scene(view.root(), 1600, 1000));
        stage.setX(0);
        stage.setY(0);
        stage.show();
    }

    @AfterEach
    void close(FxRobot robot) {
        robot.interact(view::close);
    }

    private static <T> T fx(Callable<T> c) {
        try {
            return WaitForAsyncUtils.asyncFx(c).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void await(Callable<Boolean> condition) {
        await(condition, () -> "");
    }

    private static void await(Callable<Boolean> condition, java.util.function.Supplier<String> why) {
        try {
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, condition);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("condition not met within 10 s " + why.get(), e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** The index the view holds: built from the same events, so in the same order. */
    private TimelineIndex indexOfView() {
        return new TimelineIndex(evidence.events());
    }

    private WorkbenchData viewData() {
        return WorkbenchData.prepare(new LoadedCase(bundle, evidence, io.faultline.model.AnnotationLayer.empty()));
    }

    /** The texts marked as matches in the message cells now drawn, row by row (the selected row's first). */
    private List<String> marked(int eventIndex) {
        Event wanted = indexOfView().event(eventIndex);
        return fx(() -> {
            List<String> out = new ArrayList<>();
            for (Node n : view.logTable().table().lookupAll(".table-row-cell")) {
                TableRow<?> row = (TableRow<?>) n;
                if (row.getItem() == null || row.getIndex() < 0
                        || view.logTable().windowStart() + row.getIndex() >= view.logTable().rowCount()
                        || !row.getItem().equals(wanted)) {
                    continue;
                }
                for (Node m : row.lookupAll(".msg-match")) {
                    out.add(((Label) m).getText());
                }
            }
            return out;
        });
    }

    @Test
    void theSearchIsMarkedInsideTheMessagesAndTheHitsAreSteppedThrough(FxRobot robot) throws Exception {
        TimelineIndex index = indexOfView();
        String term = "invalid user";
        List<Integer> hits = new ArrayList<>();
        for (int i = 0; i < index.size(); i++) {
            if (index.message(i).toLowerCase(Locale.ROOT).contains(term)) {
                hits.add(i);
            }
        }
        assertThat(hits.size()).isGreaterThan(3);
        robot.clickOn("#searchField").write(term);
        await(() -> view.searchBar().count().getText().equals(hits.size() + " hits"));
        robot.type(KeyCode.ENTER);
        await(() -> view.state().selectedIndex() == hits.getFirst());
        String message = index.message(hits.getFirst());
        int at = message.toLowerCase(Locale.ROOT).indexOf(term);
        assertThat(marked(hits.getFirst())).containsExactly(message.substring(at, at + term.length()));

        robot.interact(() -> view.logTable().table().requestFocus());
        robot.type(KeyCode.N);
        robot.type(KeyCode.N);
        assertThat(view.state().selectedIndex()).isEqualTo(hits.get(2));
        assertThat(view.searchBar().count().getText()).isEqualTo("3 of " + hits.size() + " hits");
        assertThat(marked(hits.get(2))).hasSize(1).allMatch(s -> s.equalsIgnoreCase(term));
        Snapshots.save(robot, "target/table-search.png");

        // a regex, matching case: every occurrence is marked, and only what matches
        robot.clickOn("#regexToggle");
        robot.clickOn("#caseToggle");
        robot.clickOn("#searchField").press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL).write("\\d+");
        await(() -> view.state().view().query() != null && view.state().view().query().expression().equals("\\d+")
                && !view.state().filtering(), () -> "field '" + view.searchBar().field().getText() + "', query " + view.state().query()
                + ", view " + view.state().view().query() + ", filtering " + view.state().filtering());
        int selected = view.state().selectedIndex();
        List<String> numbers = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\d+").matcher(index.message(selected));
        while (m.find()) {
            numbers.add(m.group());
        }
        assertThat(numbers.size()).isGreaterThan(1);
        await(() -> marked(selected).equals(numbers));
    }

    @Test
    void aMarkedMessageTooLongForItsColumnEndsInAnEllipsisLikeAPlainOne(FxRobot robot) {
        TimelineIndex index = indexOfView();
        String term = "level=warning";
        int first = -1;
        for (int i = 0; i < index.size() && first < 0; i++) {
            if (index.message(i).contains(term) && index.message(i).length() > 200) {
                first = i;
            }
        }
        assertThat(first).isNotNegative();
        int hit = first;
        robot.interact(() -> view.state().selectEvent(hit, index.event(hit)));
        robot.clickOn("#searchField").write(term);
        await(() -> marked(hit).equals(List.of(term)));
        List<String> drawn = fx(() -> {
            for (Node n : view.logTable().table().lookupAll(".table-row-cell")) {
                TableRow<?> row = (TableRow<?>) n;
                if (row.getItem() != null && row.getItem().equals(index.event(hit))) {
                    LogTable.MarkedParts parts = (LogTable.MarkedParts) row.lookup(".msg-parts");
                    return parts.getChildren().stream().filter(Node::isVisible)
                            .map(p -> ((javafx.scene.text.Text) p.lookup(".text")).getText()).toList();
                }
            }
            return List.of();
        });
        assertThat(drawn).as("the parts drawn").hasSizeGreaterThanOrEqualTo(3);
        assertThat(drawn.get(1)).isEqualTo(term);
        assertThat(drawn.getLast()).as("the last part drawn is cut as a plain message is").endsWith("…");
        assertThat(String.join("", drawn).length()).isLessThan(index.message(hit).length());
    }

    @Test
    void aSelectedLineShowsEveryFieldItsRawLineAndWhereItCameFrom(FxRobot robot) throws Exception {
        TimelineIndex index = indexOfView();
        int target = -1;
        for (int i = index.size() / 2; i < index.size(); i++) {
            Event e = index.event(i);
            if (e.origin() != null && e.origin().entry().equals(ENTRY) && e.message().startsWith("Accepted key")) {
                target = i;
                break;
            }
        }
        assertThat(target).isNotNegative();
        Event e = index.event(target);
        int chosen = target;
        robot.interact(() -> view.state().setVisibleRange(e.timeNanos() - 30_000_000_000L, e.timeNanos() + 30_000_000_000L));
        robot.interact(() -> view.state().selectEvent(chosen, e));
        WaitForAsyncUtils.waitForFxEvents();

        // the raw line, as the bundle holds it, found here by counting lines in the entry's bytes
        byte[] raw;
        try (Bundle b = Bundle.open(bundle)) {
            raw = b.readEntry(ENTRY);
        }
        SourceRef ref = e.origin();
        long offset = 0;
        for (long line = 1; line < ref.line(); line++) {
            while (raw[(int) offset] != '\n') {
                offset++;
            }
            offset++;
        }
        int end = (int) offset;
        while (end < raw.length && raw[end] != '\n') {
            end++;
        }
        String expectedLine = new String(raw, (int) offset, end - (int) offset, StandardCharsets.UTF_8);
        assertThat(ref.byteOffset()).as("the byte offset the ingest kept is where that line starts").isEqualTo(offset);

        EventDetail detail = view.eventDetail();
        await(() -> detail.raw().line().equals(expectedLine));
        // wrapped where a reader breaks it, never inside a word: each break follows a ',' (a JSON line has few spaces)
        String shown = fx(() -> detail.raw().getText());
        int columns = fx(() -> detail.raw().columns());
        List<String> lines = shown.lines().toList();
        assertThat(lines.size()).as("a %d-byte line in %d columns", expectedLine.length(), columns).isGreaterThan(2);
        assertThat(String.join("", lines)).isEqualTo(expectedLine);
        for (String l : lines.subList(0, lines.size() - 1)) {
            assertThat(l).as("a wrapped line ends where a word ends").matches("(?s).*[ ,;&|]");
            assertThat(l.stripTrailing().length()).isLessThanOrEqualTo(columns);
        }
        robot.interact(() -> {
            detail.raw().requestFocus();
            detail.raw().selectAll();
        });
        robot.press(KeyCode.CONTROL).type(KeyCode.C).release(KeyCode.CONTROL);
        assertThat(fx(() -> javafx.scene.input.Clipboard.getSystemClipboard().getString())).as("copied without the breaks").isEqualTo(expectedLine);
        assertThat(detail.rawNote().getText()).isEqualTo(String.format(Locale.ROOT, "%,d bytes", end - offset));
        assertThat(detail.where().getText()).isEqualTo(String.format(Locale.ROOT, "%s   line %,d   byte %,d", ENTRY, ref.line(), offset));
        Map<String, String> fields = fx(() -> {
            Map<String, String> out = new java.util.LinkedHashMap<>();
            detail.fields().getItems().forEach(f -> out.put(f.name(), f.value()));
            return out;
        });
        assertThat(fields).containsEntry("message", e.message())
                .containsEntry("host", e.host())
                .containsEntry("identifier", e.identifier())
                .containsEntry("severity", e.severity().name().toLowerCase(Locale.ROOT))
                .containsEntry("entry", ENTRY)
                .containsEntry("line", String.valueOf(ref.line()))
                .containsEntry("byte offset", String.valueOf(offset))
                .containsEntry("id", e.id());
        assertThat(e.fields()).isNotEmpty();
        e.fields().forEach((k, v) -> assertThat(fields).containsEntry(k, v));
        assertThat(expectedLine).contains("\"MESSAGE\"");
        Snapshots.save(robot, "target/table-detail.png");

        // copy a field: select its row, Ctrl+C
        int messageRow = fx(() -> detail.fields().getItems().indexOf(new EventDetail.Field("message", e.message())));
        robot.interact(() -> {
            detail.fields().getSelectionModel().clearAndSelect(messageRow);
            detail.fields().requestFocus();
        });
        robot.press(KeyCode.CONTROL).type(KeyCode.C).release(KeyCode.CONTROL);
        assertThat(fx(() -> javafx.scene.input.Clipboard.getSystemClipboard().getString())).isEqualTo("message = " + e.message());
        robot.clickOn("#copyRawLine");
        assertThat(fx(() -> javafx.scene.input.Clipboard.getSystemClipboard().getString())).isEqualTo(expectedLine);

        robot.clickOn("#detailsToggle");
        assertThat(fx(() -> detail.getScene() == null)).as("the detail pane hides").isTrue();
        robot.clickOn("#detailsToggle");
        assertThat(fx(() -> detail.getScene() != null)).isTrue();
    }

    @Test
    void contextShowsTheLinesAroundTheSelectedOneAcrossSourcesWithTheFilteredOnesDimmed(FxRobot robot) throws Exception {
        TimelineIndex index = indexOfView();
        int centre = -1;
        for (int i = 3; i < index.size() - 3; i++) {
            if ("journal-json".equals(index.event(i).source()) && !"journal-json".equals(index.event(i + 1).source())) {
                centre = i;
                break;
            }
        }
        assertThat(centre).isNotNegative();
        int c = centre;
        Event e = index.event(c);
        robot.interact(() -> view.state().filterProperty().set(view.state().filter().including(Facet.SOURCE, e.source())));
        await(() -> !view.state().filtering() && view.state().view().kept() != null);
        robot.interact(() -> view.state().selectEvent(c, e));
        robot.interact(() -> view.logTable().contextLines().getValueFactory().setValue(3));
        robot.clickOn("#contextToggle");
        WaitForAsyncUtils.waitForFxEvents();

        Selection kept = view.state().view().kept();
        List<Integer> expected = new ArrayList<>();
        List<Integer> hidden = new ArrayList<>();
        for (int i = c - 3; i <= c + 3; i++) {
            expected.add(i);
            if (!kept.contains(i)) {
                hidden.add(i);
            }
        }
        assertThat(hidden).as("some neighbours come from another source").isNotEmpty();
        List<Event> shown = fx(() -> List.copyOf(view.logTable().rows()));
        assertThat(shown).containsExactlyElementsOf(expected.stream().map(index::event).toList());
        assertThat(view.logTable().table().getSelectionModel().getSelectedIndex()).isEqualTo(3);
        assertThat(view.logTable().contextLabel().getText())
                .isEqualTo("3 before, 3 after, every source; " + hidden.size() + " hidden by the filter, dimmed");
        List<Event> dimmed = fx(() -> view.logTable().table().lookupAll(".table-row-cell").stream()
                .map(n -> (TableRow<?>) n)
                .filter(r -> r.getItem() != null && r.getPseudoClassStates().contains(PseudoClass.getPseudoClass("filtered-out")))
                .map(r -> (Event) r.getItem()).toList());
        assertThat(dimmed).containsExactlyInAnyOrderElementsOf(hidden.stream().map(index::event).toList());
        Snapshots.save(robot, "target/table-context.png");

        // a selection made elsewhere centres the context anew
        int next = c + 40;
        robot.interact(() -> view.state().selectEvent(next, index.event(next)));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(() -> List.copyOf(view.logTable().rows()))).containsExactlyElementsOf(
                java.util.stream.IntStream.rangeClosed(next - 3, next + 3).mapToObj(index::event).toList());

        robot.clickOn("#contextToggle");
        await(() -> view.logTable().rows().stream().allMatch(r -> r.source().equals(e.source())));
    }

    @Test
    void goToCursorShowsAndSelectsTheLineNearestTheCursor(FxRobot robot) {
        TimelineIndex index = indexOfView();
        TimeWindow full = view.state().fullWindow();
        long cursor = index.time(index.size() - 10) - 1;
        int nearest = index.nearest(cursor);
        robot.interact(() -> {
            view.state().setVisibleRange(full.fromNanos(), full.fromNanos() + 60_000_000_000L);
            view.state().setCursor(cursor);
        });
        assertThat(view.state().visibleRange().contains(cursor)).isFalse();
        robot.interact(() -> view.logTable().table().requestFocus());
        robot.press(KeyCode.CONTROL).type(KeyCode.J).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.state().visibleRange().contains(cursor)).isTrue();
        assertThat(view.state().visibleRange().lengthNanos()).isEqualTo(60_000_000_000L);
        assertThat(view.state().selectedIndex()).isEqualTo(nearest);
        assertThat(view.logTable().table().getSelectionModel().getSelectedItem()).isEqualTo(index.event(nearest));
        assertThat(view.state().cursor()).as("the cursor stays").isEqualTo(cursor);

        robot.interact(() -> view.state().setCursor(index.time(5)));
        robot.clickOn("#goToCursor");
        assertThat(view.state().selectedIndex()).isEqualTo(index.nearest(index.time(5)));
    }

    @Test
    void aClickOnATileGoesWhereItHappens(FxRobot robot) throws Exception {
        Glance g = viewData().glance();
        TimelineIndex index = indexOfView();
        assertThat(g.window()).isEqualTo(view.state().fullWindow());
        Snapshots.save(robot, "target/table-tiles.png");

        robot.clickOn("#glanceErrors");
        WaitForAsyncUtils.waitForFxEvents();
        int first = g.errors().firstIndex();
        assertThat(view.state().selectedIndex()).isEqualTo(first);
        assertThat(view.state().cursor()).isEqualTo(index.time(first));
        TimeWindow r = view.state().visibleRange();
        assertThat(r.contains(g.errors().minuteNanos())).isTrue();
        assertThat(r.contains(g.errors().minuteNanos() + 59_999_999_999L)).isTrue();
        assertThat(r.lengthNanos()).isLessThanOrEqualTo(2 * 60_000_000_000L);
        assertThat(view.logTable().table().getSelectionModel().getSelectedItem()).isEqualTo(index.event(first));

        robot.clickOn("#glanceRestarts");
        WaitForAsyncUtils.waitForFxEvents();
        int restart = g.restarts().firstIndex();
        assertThat(view.state().selectedIndex()).isEqualTo(restart);
        assertThat(view.state().selectedEvent().message()).startsWith("container start fl-crashloop");
        assertThat(view.state().visibleRange().contains(index.time(restart))).isTrue();

        robot.clickOn("#glanceStreak");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(g.streak()).isNotNull();
        assertThat(view.state().selectedSpan()).isEqualTo(g.streak().first());
        assertThat(view.state().cursor()).isEqualTo(g.streak().first().startNanos());
        r = view.state().visibleRange();
        assertThat(r.contains(g.streak().first().startNanos()) && r.contains(g.streak().endNanos())).isTrue();

        robot.clickOn("#glanceDisk");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.state().cursor()).isEqualTo(g.diskPeak().timeNanos());
        assertThat(view.state().visibleRange().contains(g.diskPeak().timeNanos())).isTrue();

        robot.clickOn("#glanceHealth");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.state().selectedSpan()).isEqualTo(g.health().firstFailure());

        double stripHeight = fx(() -> view.glanceStrip().getHeight());
        assertThat(stripHeight).as("the tiles take little height").isLessThanOrEqualTo(56);
    }
}
