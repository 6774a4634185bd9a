package io.faultline.ui;

import io.faultline.model.TimeWindow;
import io.faultline.timeline.Facet;
import io.faultline.timeline.Filter;
import io.faultline.timeline.InvalidQueryException;
import io.faultline.timeline.Query;
import io.faultline.timeline.Selection;
import io.faultline.timeline.TimelineIndex;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.PauseTransition;
import javafx.animation.Timeline;
import javafx.beans.InvalidationListener;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.Separator;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.shape.Rectangle;
import javafx.util.Duration;

import java.util.Locale;

/**
 * The search field with its regex and case switches, the hit count (or why the regex does not compile), previous and
 * next hit, "only hits", and the active facet filter as removable chips. Typing stops the running search at once and
 * sets the state's query 150 ms after the last key; {@link ViewFilter} computes the hits in the background. Next and
 * previous select the hit after or before the selected log line (else the visible range) in the shared state,
 * moving the visible range when the hit lies outside it; they wrap around.
 */
final class SearchBar extends HBox {
    static final Duration DEBOUNCE = Duration.millis(150);

    private final InvestigationState state;
    private final TimelineIndex index;
    private final ViewFilter viewFilter;
    private final TextField field = new TextField();
    private final ToggleButton regex = new ToggleButton(".*");
    private final ToggleButton matchCase = new ToggleButton("Aa");
    private final Label count = new Label();
    private final Button previous = new Button("↑");
    private final Button next = new Button("↓");
    private final ToggleButton onlyHits = new ToggleButton("Only hits");
    private final HBox chips = new HBox();
    private final Hyperlink clearFilter = new Hyperlink("clear");
    private final Label filterLabel = new Label("Filter");
    private final ToggleButton facets = new ToggleButton("Facets");
    private final PauseTransition debounce = new PauseTransition(DEBOUNCE);
    private final Timeline progress = new Timeline(new KeyFrame(Duration.millis(100), e -> updateCount()));
    private final InvalidationListener countListener = o -> updateCount();
    private final InvalidationListener viewListener = o -> onView();
    private final InvalidationListener filterListener = o -> updateChips();
    private final InvalidationListener filteringListener = o -> onFiltering();
    private String invalid;
    private int pendingMove;

    SearchBar(InvestigationState state, WorkbenchData data, ViewFilter viewFilter) {
        this.state = state;
        this.index = data.index();
        this.viewFilter = viewFilter;
        getStyleClass().add("search-bar");
        setAlignment(Pos.CENTER_LEFT);
        setSpacing(6);

        field.setId("searchField");
        field.setPromptText("Search messages  (Ctrl+F)");
        field.setPrefColumnCount(22);
        field.textProperty().addListener((obs, was, now) -> {
            viewFilter.interrupt();
            debounce.playFromStart();
        });
        field.addEventHandler(KeyEvent.KEY_PRESSED, this::onFieldKey);
        debounce.setOnFinished(e -> apply());
        regex.setId("regexToggle");
        regex.setTooltip(new Tooltip("Regular expression (java.util.regex, found anywhere in the message)"));
        matchCase.setId("caseToggle");
        matchCase.setTooltip(new Tooltip("Match case"));
        regex.selectedProperty().addListener((obs, was, now) -> apply());
        matchCase.selectedProperty().addListener((obs, was, now) -> apply());
        regex.getStyleClass().add("search-switch");
        matchCase.getStyleClass().add("search-switch");

        previous.setId("previousHit");
        previous.setTooltip(new Tooltip("Previous hit  (Shift+Enter, or N outside a text field)"));
        previous.setOnAction(e -> previous());
        next.setId("nextHit");
        next.setTooltip(new Tooltip("Next hit  (Enter, or n outside a text field)"));
        next.setOnAction(e -> next());
        count.setId("hitCount");
        count.getStyleClass().add("hit-count");
        count.setMinWidth(90);
        count.setMaxWidth(420);
        count.setTextOverrun(OverrunStyle.ELLIPSIS);
        onlyHits.setId("filterToHits");
        onlyHits.setTooltip(new Tooltip("Show only the hits in the log table and the overview, not just mark them"));
        onlyHits.selectedProperty().bindBidirectional(state.filterToHitsProperty());

        filterLabel.getStyleClass().add("filter-label");
        chips.setId("filterChips");
        chips.setSpacing(4);
        chips.setAlignment(Pos.CENTER_LEFT);
        chips.setMinWidth(0);
        chips.setMaxWidth(Region.USE_PREF_SIZE);
        Rectangle clip = new Rectangle();
        clip.widthProperty().bind(chips.widthProperty());
        clip.heightProperty().bind(chips.heightProperty());
        chips.setClip(clip);
        HBox.setHgrow(chips, Priority.SOMETIMES);
        clearFilter.setId("clearFilter");
        clearFilter.setTooltip(new Tooltip("Remove every facet from the filter"));
        clearFilter.setOnAction(e -> state.filterProperty().set(FacetFilters.clearAll(state.filter())));
        facets.setId("facetsToggle");
        facets.setSelected(true);
        facets.setTooltip(new Tooltip("Show or hide the facet sidebar"));

        Region gap = new Region();
        gap.setMinWidth(4);
        HBox.setHgrow(gap, Priority.ALWAYS);
        getChildren().addAll(field, regex, matchCase, onlyHits, previous, next, count, new Separator(Orientation.VERTICAL),
                filterLabel, chips, clearFilter, gap, facets);
        progress.setCycleCount(Animation.INDEFINITE);
        updateChips();
        updateCount();

        sceneProperty().addListener((obs, was, now) -> {
            if (now != null && was == null) {
                state.viewProperty().addListener(viewListener);
                state.filteringProperty().addListener(filteringListener);
                state.selectedIndexProperty().addListener(countListener);
                state.queryProperty().addListener(countListener);
                state.filterProperty().addListener(filterListener);
                updateChips();
                updateCount();
            } else if (now == null && was != null) {
                state.viewProperty().removeListener(viewListener);
                state.filteringProperty().removeListener(filteringListener);
                state.selectedIndexProperty().removeListener(countListener);
                state.queryProperty().removeListener(countListener);
                state.filterProperty().removeListener(filterListener);
                progress.stop();
            }
        });
    }

    TextField field() {
        return field;
    }

    Label count() {
        return count;
    }

    HBox chips() {
        return chips;
    }

    /** Shows or hides the facet sidebar. */
    ToggleButton facetsToggle() {
        return facets;
    }

    /** Ctrl+F: the field gets the focus with its text selected. */
    void focusField() {
        field.requestFocus();
        field.selectAll();
    }

    /** Esc: no search any more. */
    void clear() {
        field.clear();
        apply();
    }

    void next() {
        go(1);
    }

    void previous() {
        go(-1);
    }

    /** Stops the progress display; the view is closing. */
    void close() {
        debounce.stop();
        progress.stop();
    }

    private void onFieldKey(KeyEvent e) {
        if (e.getCode() == KeyCode.ENTER) {
            go(e.isShiftDown() ? -1 : 1);
            e.consume();
        } else if (e.getCode() == KeyCode.ESCAPE) {
            clear();
            e.consume();
        }
    }

    /** Turns the field and the switches into the state's query now; text that does not compile keeps the last query and its hits. */
    private void apply() {
        debounce.stop();
        String text = field.getText();
        try {
            Query q = text.isEmpty() ? null : regex.isSelected() ? Query.regex(text, matchCase.isSelected())
                    : Query.text(text, matchCase.isSelected());
            invalid = null;
            state.queryProperty().set(q);
        } catch (InvalidQueryException e) {
            invalid = reason(e);
        }
        viewFilter.resume();
        updateCount();
    }

    /** "Unclosed group at position 3": the problem's first line and where it is. */
    static String reason(InvalidQueryException e) {
        String problem = e.problem();
        int newline = problem.indexOf('\n');
        problem = newline >= 0 ? problem.substring(0, newline) : problem;
        return e.position() >= 0 ? problem + " at position " + e.position() : problem;
    }

    private void go(int direction) {
        if (debounce.getStatus() == Animation.Status.RUNNING) {
            apply();
        }
        if (state.query() == null) {
            return;
        }
        if (state.filtering()) {
            pendingMove = direction;
            return;
        }
        move(direction);
    }

    private void move(int direction) {
        Selection hits = state.view().hits();
        if (hits == null || hits.size() == 0) {
            return;
        }
        int from = state.selectedIndex();
        int target;
        if (from >= 0) {
            target = direction > 0 ? hits.next(from) : hits.previous(from);
        } else {
            TimeWindow r = state.visibleRange();
            target = direction > 0 ? hits.next(index.lowerBound(r.fromNanos()) - 1) : hits.previous(index.lowerBound(r.toNanos()));
        }
        if (target < 0) {
            target = direction > 0 ? hits.next(-1) : hits.previous(index.size());
        }
        long t = index.time(target);
        TimeWindow r = state.visibleRange();
        if (!r.contains(t)) {
            long half = r.lengthNanos() / 2;
            state.setVisibleRange(t - half, t - half + r.lengthNanos());
        }
        state.selectEvent(target, index.event(target));
    }

    private void onView() {
        if (pendingMove != 0 && !state.filtering()) {
            int direction = pendingMove;
            pendingMove = 0;
            if (state.view().query() == state.query()) {
                move(direction);
            }
        }
        updateCount();
    }

    private void onFiltering() {
        if (state.filtering()) {
            progress.play();
        } else {
            progress.stop();
        }
        updateCount();
    }

    private void updateCount() {
        count.getStyleClass().remove("error");
        count.setTooltip(null);
        Query q = state.query();
        FilteredView view = state.view();
        if (invalid != null) {
            count.getStyleClass().add("error");
            count.setText("invalid regex: " + invalid);
            count.setTooltip(new Tooltip("invalid regex: " + invalid + "\nthe hits shown are still those of the last valid search"));
        } else if (q == null) {
            count.setText("");
        } else if (state.filtering() || view.query() != q) {
            count.setText(String.format("searching… %d%%", Math.round(viewFilter.progress() * 100)));
        } else {
            count.setText(describe(view.hits(), state.selectedIndex()));
        }
        boolean none = view.hits() == null || view.hits().size() == 0;
        previous.setDisable(none);
        next.setDisable(none);
    }

    /** "no hits", "1 hit", "1,234 hits", or with the selected line a hit: "17 of 1,234 hits". */
    static String describe(Selection hits, int selectedIndex) {
        int n = hits.size();
        if (n == 0) {
            return "no hits";
        }
        String total = String.format(n == 1 ? "%,d hit" : "%,d hits", n);
        if (selectedIndex >= 0 && hits.contains(selectedIndex)) {
            return String.format("%,d of %s", hits.position(selectedIndex) + 1, total);
        }
        return total;
    }

    private void updateChips() {
        Filter f = state.filter();
        chips.getChildren().clear();
        for (var e : f.include().entrySet()) {
            for (String v : e.getValue()) {
                chips.getChildren().add(chip(e.getKey(), v, true));
            }
        }
        for (var e : f.exclude().entrySet()) {
            for (String v : e.getValue()) {
                chips.getChildren().add(chip(e.getKey(), v, false));
            }
        }
        boolean any = FacetFilters.constrains(f);
        if (!any) {
            Label none = new Label("none: every event");
            none.getStyleClass().add("filter-none");
            chips.getChildren().add(none);
        }
        clearFilter.setVisible(any);
        clearFilter.setManaged(any);
    }

    private Button chip(Facet facet, String value, boolean include) {
        Button b = new Button(FacetSidebar.label(facet).toLowerCase(Locale.ROOT) + (include ? " = " : " ≠ ")
                + FacetSidebar.display(facet, value) + "  ✕");
        b.getStyleClass().addAll("filter-chip", include ? "include" : "exclude");
        b.setTooltip(new Tooltip((include ? "Keeping " : "Dropping ") + FacetSidebar.label(facet).toLowerCase(Locale.ROOT)
                + " " + (value == null ? "(none)" : value) + ": click to remove from the filter"));
        b.setOnAction(e -> state.filterProperty().set(FacetFilters.remove(state.filter(), facet, value)));
        b.setMinWidth(Region.USE_PREF_SIZE);
        return b;
    }
}
