package io.faultline.ui;

import io.faultline.annotate.AnnotationStore;
import io.faultline.model.AnnotationLayer;
import io.faultline.model.Event;
import io.faultline.model.Severity;
import io.faultline.model.TimeWindow;
import io.faultline.timeline.Facet;
import io.faultline.timeline.FacetCount;
import io.faultline.timeline.Filter;
import io.faultline.timeline.Query;
import io.faultline.timeline.Selection;
import io.faultline.timeline.TimelineIndex;
import io.faultline.timeline.TimelineSearch;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The search bar, hit navigation, hit density and the facet sidebar, driven through the window like a user. */
@ExtendWith(ApplicationExtension.class)
class SearchAndFacetsTest {
    private static final List<Event> EVENTS = FixtureEvidence.evidence().events();
    private WorkbenchView view;

    @BeforeAll
    static void headlessRobot() {
        System.setProperty("testfx.robot", "glass");
        FxToolkit.preferHeadless();
    }

    @Start
    void start(Stage stage) {
        AnnotationStore store = new AnnotationStore(AnnotationLayer.empty(), "tester",
                Clock.fixed(Instant.parse("2026-01-02T10:00:00Z"), ZoneOffset.UTC));
        view = new WorkbenchView(FixtureEvidence.loaded(null), store);
        stage.setScene(new Scene(view.root(), 1600, 1000));
        stage.setX(0);
        stage.setY(0);
        stage.show();
    }

    @AfterEach
    void close(FxRobot robot) {
        robot.interact(view::close);
    }

    private static TimelineIndex index() {
        return new TimelineIndex(EVENTS);
    }

    /** What grep -c would say: the events whose message has the text. */
    private static long grep(Predicate<String> matches) {
        return EVENTS.stream().filter(e -> matches.test(e.message())).count();
    }

    private static void await(Callable<Boolean> condition) {
        try {
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, condition);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("condition not met within 10 s", e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    private String hitCount() {
        return view.searchBar().count().getText();
    }

    private void search(FxRobot robot, String text) {
        robot.clickOn("#searchField").write(text);
    }

    private int selectedIndex() {
        return view.state().selectedIndex();
    }

    @Test
    void typedTextCountsItsHitsLikeGrepAndTheSearch(FxRobot robot) {
        String term = "Failed password";
        long expected = grep(m -> m.contains(term));
        assertThat(expected).isGreaterThan(10);
        try (TimelineSearch search = new TimelineSearch(2)) {
            assertThat(search.run(index(), Filter.all().matching(Query.text(term, false))).size()).isEqualTo((int) expected);
        }
        search(robot, term);
        await(() -> hitCount().equals(expected + " hits"));
        assertThat(view.state().view().hits().size()).isEqualTo((int) expected);
        assertThat(view.overview().hitDensity()).isNotNull();
        assertThat(Arrays.stream(view.overview().hitDensity()).sum()).as("hit ticks on the overview").isEqualTo(expected);
        assertThat(view.logTable().rows()).as("hits are marked, not filtered").hasSize(EVENTS.size());

        robot.clickOn("#caseToggle");
        robot.doubleClickOn("#searchField").eraseText(term.length()).write("failed password");
        await(() -> hitCount().equals("no hits"));
        robot.clickOn("#caseToggle");
        await(() -> hitCount().equals(expected + " hits"));

        String regex = "from 203\\.0\\.113\\.\\d+ port \\d{5}";
        long byRegex = grep(Pattern.compile(regex).asPredicate());
        assertThat(byRegex).isPositive().isLessThan(expected);
        robot.clickOn("#regexToggle");
        robot.clickOn("#searchField").press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL).write(regex);
        await(() -> hitCount().equals(byRegex + " hits"));
    }

    @Test
    void nAndShiftNWalkTheHitsInTimeOrderAndTheTimelineFollows(FxRobot robot) {
        String term = "no more sessions";
        TimelineIndex index = index();
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < index.size(); i++) {
            if (index.message(i).contains(term)) {
                expected.add(i);
            }
        }
        search(robot, term);
        robot.type(KeyCode.ENTER);
        await(() -> selectedIndex() == expected.getFirst());
        assertThat(hitCount()).isEqualTo("1 of " + expected.size() + " hits");

        robot.interact(() -> view.logTable().table().requestFocus());
        List<Integer> walked = new ArrayList<>(List.of(selectedIndex()));
        for (int k = 0; k < 3; k++) {
            robot.type(KeyCode.N);
            walked.add(selectedIndex());
        }
        assertThat(walked).isEqualTo(expected.subList(0, 4));
        Event row = view.logTable().table().getSelectionModel().getSelectedItem();
        assertThat(row.message()).contains(term);
        assertThat(row).isEqualTo(index.event(expected.get(3)));
        assertThat(hitCount()).isEqualTo("4 of " + expected.size() + " hits");

        robot.press(KeyCode.SHIFT).type(KeyCode.N).release(KeyCode.SHIFT);
        assertThat(selectedIndex()).isEqualTo(expected.get(2));
        robot.press(KeyCode.SHIFT).type(KeyCode.N, 3).release(KeyCode.SHIFT);
        assertThat(selectedIndex()).as("wraps to the last hit").isEqualTo(expected.getLast());
        assertThat(view.logTable().table().getSelectionModel().getSelectedItem().message()).contains(term);

        // zoomed in far from the next hit: n moves the visible range to it
        long early = FixtureEvidence.FROM + 60 * FixtureEvidence.S;
        robot.interact(() -> view.state().setVisibleRange(early, early + 30 * FixtureEvidence.S));
        robot.type(KeyCode.N);
        int hit = expected.getFirst();
        assertThat(selectedIndex()).isEqualTo(hit);
        TimeWindow r = view.state().visibleRange();
        assertThat(r.lengthNanos()).isEqualTo(30 * FixtureEvidence.S);
        assertThat(r.contains(index.time(hit))).isTrue();
        assertThat(view.state().cursor()).isEqualTo(index.time(hit));
        assertThat(view.logTable().table().getSelectionModel().getSelectedItem()).isEqualTo(index.event(hit));

        robot.clickOn("#searchField").type(KeyCode.ESCAPE);
        await(() -> view.state().query() == null && view.state().view().hits() == null);
        assertThat(view.searchBar().field().getText()).isEmpty();
        assertThat(hitCount()).isEmpty();
    }

    @Test
    void anInvalidRegexShowsWhyAndKeepsTheLastHits(FxRobot robot) {
        robot.clickOn("#regexToggle");
        search(robot, "Failed password");
        long expected = grep(m -> m.contains("Failed password"));
        // "Failed passwor" has as many hits: wait for the whole text's search, not only its count
        await(() -> hitCount().equals(expected + " hits") && view.state().view().query() != null
                && view.state().view().query().expression().equals("Failed password"));
        Selection before = view.state().view().hits();

        robot.write("(");
        await(() -> hitCount().startsWith("invalid regex:"));
        assertThat(hitCount()).isEqualTo("invalid regex: Unclosed group at position 16");
        assertThat(view.searchBar().count().getStyleClass()).contains("error");
        assertThat(view.state().view().hits()).isSameAs(before);
        assertThat(view.state().query().expression()).isEqualTo("Failed password");
        robot.interact(() -> view.logTable().table().requestFocus());
        robot.type(KeyCode.N);
        assertThat(view.logTable().table().getSelectionModel().getSelectedItem().message()).contains("Failed password");

        robot.clickOn("#searchField").type(KeyCode.END).type(KeyCode.BACK_SPACE).write(" for (invalid user )?root from 198");
        long fixed = grep(Pattern.compile("Failed password for (invalid user )?root from 198").asPredicate());
        assertThat(fixed).isPositive().isLessThan(expected);
        await(() -> hitCount().equals(fixed + " hits"));
        assertThat(view.state().view().hits().size()).isEqualTo((int) fixed);
    }

    @Test
    void includingAFacetValueFiltersTheTableAndRecountsTheOtherFacets(FxRobot robot) {
        FacetSidebar sidebar = view.facetSidebar();
        Map<String, Long> severities = countBy(e -> e.identifier().equals("sshd"), e -> e.severity().name());
        long sshd = EVENTS.stream().filter(e -> e.identifier().equals("sshd")).count();
        assertThat(sidebar.shownCount(Facet.IDENTIFIER, "sshd")).isEqualTo(String.valueOf(sshd));
        assertThat(sidebar.shownCount(Facet.SEVERITY, "INFO")).isEqualTo(String.valueOf(EVENTS.stream().filter(e -> e.severity() == Severity.INFO).count()));

        robot.clickOn(sidebar.includeBox(Facet.IDENTIFIER, "sshd"));
        await(() -> view.logTable().rows().size() == sshd);
        assertThat(view.logTable().rows()).allMatch(e -> e.identifier().equals("sshd"));
        assertThat(counts(sidebar, Facet.SEVERITY)).isEqualTo(severities);
        assertThat(sidebar.shownCount(Facet.SEVERITY, "NOTICE")).isEqualTo(String.valueOf(severities.get("NOTICE")));
        assertThat(counts(sidebar, Facet.IDENTIFIER)).as("the included facet still counts its other values")
                .isEqualTo(countBy(e -> true, Event::identifier));
        assertThat(sidebar.includeBox(Facet.IDENTIFIER, "sshd").isSelected()).isTrue();
        assertThat(chips(robot)).containsExactly("identifier = sshd  ✕");
        assertThat(robot.lookup("#eventsInView").queryAs(Label.class).getText())
                .isEqualTo(sshd + " of 236 events in view pass the filter (236 in all)");
        assertThat(Arrays.stream(view.overview().keptDensity()).sum()).isEqualTo(sshd);

        robot.clickOn(sidebar.excludeButton(Facet.SEVERITY, "NOTICE"));
        long kept = sshd - severities.get("NOTICE");
        await(() -> view.logTable().rows().size() == kept);
        assertThat(view.logTable().rows()).allMatch(e -> e.identifier().equals("sshd") && e.severity() != Severity.NOTICE);
        assertThat(sidebar.shownCount(Facet.SEVERITY, "NOTICE")).as("an excluded value stays listed").isEqualTo("0");
        assertThat(sidebar.shownCount(Facet.IDENTIFIER, "sshd")).isEqualTo(String.valueOf(kept));
        assertThat(chips(robot)).containsExactly("identifier = sshd  ✕", "severity ≠ notice  ✕");

        robot.press(KeyCode.ALT).clickOn(sidebar.includeBox(Facet.SEVERITY, "ERR")).release(KeyCode.ALT);
        await(() -> view.logTable().rows().size() == kept - 1);
        assertThat(view.state().filter().exclude().get(Facet.SEVERITY)).containsExactly("NOTICE", "ERR");
        assertThat(view.state().filter().include()).doesNotContainKey(Facet.SEVERITY);

        robot.clickOn("#clearFilter");
        await(() -> view.logTable().rows().size() == EVENTS.size());
        assertThat(chips(robot)).containsExactly("none: every event");
        assertThat(sidebar.includeBox(Facet.IDENTIFIER, "sshd").isSelected()).isFalse();
    }

    @Test
    void onlyHitsFiltersTheTableToTheHitsAmongTheKeptFacets(FxRobot robot) {
        FacetSidebar sidebar = view.facetSidebar();
        robot.clickOn(sidebar.includeBox(Facet.IDENTIFIER, "sshd-session"));
        search(robot, "error");
        long expected = EVENTS.stream().filter(e -> e.identifier().equals("sshd-session") && e.message().contains("error")).count();
        assertThat(grep(m -> m.contains("error"))).as("others say error too").isGreaterThan(expected);
        await(() -> hitCount().equals(expected + " hits"));
        assertThat(view.logTable().rows()).hasSize((int) EVENTS.stream().filter(e -> e.identifier().equals("sshd-session")).count());

        robot.clickOn("#filterToHits");
        await(() -> view.state().view().toHits());
        assertThat(view.logTable().rows()).hasSize((int) expected).allMatch(e -> e.message().contains("error"));
        assertThat(Arrays.stream(view.overview().keptDensity()).sum()).isEqualTo(expected);
        assertThat(sidebar.shownCount(Facet.SEVERITY, "ERR")).isEqualTo(String.valueOf(expected));

        robot.clickOn(chip(robot, "identifier = sshd-session  ✕"));
        long all = grep(m -> m.contains("error"));
        await(() -> view.logTable().rows().size() == all);
        assertThat(hitCount()).isEqualTo(all + " hits");
    }

    @Test
    void hidingTheSidebarGivesTheLogTableTheWidth(FxRobot robot) {
        double before = view.logTable().getWidth();
        robot.clickOn("#facetsToggle");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.facetSidebar().getScene()).isNull();
        assertThat(view.logTable().getWidth()).isGreaterThan(before + 150);
        robot.clickOn("#facetsToggle");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.facetSidebar().getScene()).isNotNull();
        assertThat(view.facetSidebar().getWidth()).isBetween(170.0, 300.0);
    }

    @Test
    void ctrlFFocusesTheFieldFromAnywhere(FxRobot robot) {
        robot.interact(() -> view.logTable().table().requestFocus());
        robot.press(KeyCode.CONTROL, KeyCode.F).release(KeyCode.F, KeyCode.CONTROL);
        assertThat(view.searchBar().field().isFocused()).isTrue();
        robot.write("n");
        assertThat(view.searchBar().field().getText()).as("n types into the field there").isEqualTo("n");
    }

    @Test
    void overTheInlineLimitTheCountsComeFromTheBackground(FxRobot robot) {
        WorkbenchData data = WorkbenchData.prepare(FixtureEvidence.loaded(null));
        InvestigationState shared = new InvestigationState(data.fullWindow(), AnnotationLayer.empty());
        FacetSidebar[] sidebar = new FacetSidebar[1];
        robot.interact(() -> {
            sidebar[0] = new FacetSidebar(shared, data, 0);
            new Scene(new javafx.scene.layout.StackPane(sidebar[0]), 260, 700);
            assertThat(sidebar[0].counts()).as("not counted on the JavaFX thread").isEmpty();
        });
        await(() -> !sidebar[0].counts().isEmpty());
        TimeWindow r = shared.visibleRange();
        assertThat(sidebar[0].counts()).isEqualTo(FacetTally.count(data.index(), FilteredView.EVERYTHING, r.fromNanos(), r.toNanos()));
        assertThat(sidebar[0].shownCount(Facet.IDENTIFIER, "sshd-session")).isEqualTo("72");

        long from = FixtureEvidence.FROM + 1200 * FixtureEvidence.S;
        robot.interact(() -> shared.setVisibleRange(from, FixtureEvidence.TO));
        long kernel = EVENTS.stream().filter(e -> e.timeNanos() >= from && e.identifier().equals("kernel")).count();
        await(() -> String.valueOf(kernel).equals(sidebar[0].shownCount(Facet.IDENTIFIER, "kernel")));
        robot.interact(() -> sidebar[0].close());
    }

    private static Map<String, Long> countBy(Predicate<Event> where, java.util.function.Function<Event, String> by) {
        return EVENTS.stream().filter(where).collect(Collectors.groupingBy(by, LinkedHashMap::new, Collectors.counting()));
    }

    private static Map<String, Long> counts(FacetSidebar sidebar, Facet facet) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (FacetCount c : sidebar.counts().get(facet)) {
            out.put(c.value(), (long) c.count());
        }
        return out;
    }

    private static List<String> chips(FxRobot robot) {
        return robot.lookup("#filterChips").queryAs(javafx.scene.layout.HBox.class).getChildren().stream()
                .map(n -> n instanceof javafx.scene.control.Labeled l ? l.getText() : "?").toList();
    }

    private static Node chip(FxRobot robot, String text) {
        return robot.lookup("#filterChips").queryAs(javafx.scene.layout.HBox.class).getChildren().stream()
                .filter(n -> n instanceof Button b && b.getText().equals(text)).findFirst().orElseThrow();
    }
}
