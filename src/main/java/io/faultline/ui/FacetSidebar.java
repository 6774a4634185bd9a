package io.faultline.ui;

import io.faultline.model.TimeWindow;
import io.faultline.timeline.Facet;
import io.faultline.timeline.FacetCount;
import io.faultline.timeline.Filter;
import javafx.application.Platform;
import javafx.beans.InvalidationListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The facets of the events in the visible range (host, unit, identifier, container, severity, source), each value with
 * its count among the events the filter keeps ({@link FacetTally}). Click a value (its box) to include it, Alt+click it
 * or its ⊘ to exclude it; right click for "only this". Counts follow the visible range and the filter; over more than
 * {@value #INLINE_LIMIT} events in range they are counted on a background thread. Listens only while shown.
 */
final class FacetSidebar extends VBox {
    /** Events in range above which counting leaves the JavaFX thread. */
    static final int INLINE_LIMIT = 100_000;
    private static final int SHOWN = 8;
    private static final int MOST = 300;

    private final InvestigationState state;
    private final WorkbenchData data;
    private final int inlineLimit;
    private final VBox sections = new VBox();
    private final Label subtitle = new Label();
    private final Set<Facet> expanded = EnumSet.noneOf(Facet.class);
    private final ExecutorService counter = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "faultline-facet-count");
        t.setDaemon(true);
        return t;
    });
    private final InvalidationListener recount = o -> schedule();
    private final InvalidationListener rebuild = o -> rebuild();
    private Map<Facet, List<FacetCount>> counts = Map.of();
    /** What the sections show apart from the counts; when a new count leaves it the same, only the numbers change. */
    private List<Object> shape = List.of();
    private final Map<Key, Label> countLabels = new java.util.HashMap<>();
    private final Map<Facet, Label> valueLabels = new java.util.EnumMap<>(Facet.class);
    private boolean scheduled;
    private long generation;

    FacetSidebar(InvestigationState state, WorkbenchData data) {
        this(state, data, INLINE_LIMIT);
    }

    /** Counts over more than {@code inlineLimit} events in range on a background thread. */
    FacetSidebar(InvestigationState state, WorkbenchData data, int inlineLimit) {
        this.state = state;
        this.data = data;
        this.inlineLimit = inlineLimit;
        setId("facetSidebar");
        getStyleClass().add("facet-sidebar");
        Label header = new Label("Facets");
        header.getStyleClass().add("panel-header");
        subtitle.getStyleClass().add("facet-subtitle");
        subtitle.setText("in the visible range\n☐ keep  ·  ⊘ or Alt+click: drop");
        subtitle.setMinHeight(Region.USE_PREF_SIZE);
        subtitle.setWrapText(true);
        subtitle.setTooltip(new Tooltip("Counts of the events in the visible range that the filter keeps.\n"
                + "Tick a value to keep only the events that have it (tick more: any of them).\n"
                + "⊘ or Alt+click drops the events that have it. Right click: keep only this one."));
        sections.getStyleClass().add("facet-sections");
        sections.setFillWidth(true);
        ScrollPane scroll = new ScrollPane(sections);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.getStyleClass().add("facet-scroll");
        VBox.setVgrow(scroll, Priority.ALWAYS);
        getChildren().addAll(header, subtitle, scroll);
        setPrefWidth(236);
        setMinWidth(170);
        sceneProperty().addListener((obs, was, now) -> {
            if (now != null && was == null) {
                state.visibleRangeProperty().addListener(recount);
                state.viewProperty().addListener(recount);
                state.filterProperty().addListener(rebuild);
                recount();
            } else if (now == null && was != null) {
                state.visibleRangeProperty().removeListener(recount);
                state.viewProperty().removeListener(recount);
                state.filterProperty().removeListener(rebuild);
            }
        });
    }

    /** The counts shown, per facet. */
    Map<Facet, List<FacetCount>> counts() {
        return counts;
    }

    /** The include box of a value shown; null when it is not shown. */
    CheckBox includeBox(Facet facet, String value) {
        HBox row = row(facet, value);
        return row == null ? null : (CheckBox) row.getChildren().getFirst();
    }

    /** The exclude button of a value shown; null when it is not shown. */
    Button excludeButton(Facet facet, String value) {
        HBox row = row(facet, value);
        return row == null ? null : (Button) row.getChildren().getLast();
    }

    /** The count shown beside a value; null when it is not shown. */
    String shownCount(Facet facet, String value) {
        HBox row = row(facet, value);
        return row == null ? null : ((Label) row.getChildren().get(1)).getText();
    }

    private HBox row(Facet facet, String value) {
        for (var section : sections.getChildren()) {
            for (var n : ((VBox) section).getChildren()) {
                if (n instanceof HBox row && row.getUserData() instanceof Key k && k.facet() == facet
                        && java.util.Objects.equals(k.value(), value)) {
                    return row;
                }
            }
        }
        return null;
    }

    private record Key(Facet facet, String value) {
    }

    /** Stops the counting thread; the view is closing. */
    void close() {
        counter.shutdownNow();
    }

    /** Many changes in one pulse (a drag) give one count. */
    private void schedule() {
        if (!scheduled) {
            scheduled = true;
            Platform.runLater(this::recount);
        }
    }

    private void recount() {
        scheduled = false;
        long gen = ++generation;
        TimeWindow r = state.visibleRange();
        FilteredView view = state.view();
        if (data.index().count(r.fromNanos(), r.toNanos()) <= inlineLimit) {
            show(FacetTally.count(data.index(), view, r.fromNanos(), r.toNanos()));
            return;
        }
        counter.execute(() -> {
            Map<Facet, List<FacetCount>> c = FacetTally.count(data.index(), view, r.fromNanos(), r.toNanos());
            Platform.runLater(() -> {
                if (gen == generation) {
                    show(c);
                }
            });
        });
    }

    private void show(Map<Facet, List<FacetCount>> c) {
        counts = c;
        rebuild();
    }

    /**
     * Shows the counts and the filter. When the rows to show are the same values as before with the same marks (a zoom or
     * a pan often only changes the numbers), the numbers are set in place: new rows would each be styled and laid out
     * anew, which cost more than the counting.
     */
    private void rebuild() {
        Filter filter = state.filter();
        List<Section> model = new ArrayList<>();
        for (Facet f : Facet.values()) {
            model.add(model(f, filter, counts.getOrDefault(f, List.of())));
        }
        List<Object> newShape = new ArrayList<>();
        newShape.add(filter);
        for (Section m : model) {
            newShape.add(m.shape());
        }
        if (newShape.equals(shape)) {
            for (Section m : model) {
                valueLabels.get(m.facet()).setText(valuesText(m.distinct()));
                for (Map.Entry<String, Integer> e : m.shown().entrySet()) {
                    countLabels.get(new Key(m.facet(), e.getKey())).setText(String.format("%,d", e.getValue()));
                }
            }
            return;
        }
        countLabels.clear();
        valueLabels.clear();
        List<VBox> out = new ArrayList<>();
        for (Section m : model) {
            out.add(section(m, filter));
        }
        sections.getChildren().setAll(out);
        shape = newShape;
    }

    /**
     * One facet's section: the values shown with their counts, how many values there are in all and how many have
     * events in range.
     */
    private record Section(Facet facet, Map<String, Integer> shown, int all, int distinct, boolean expanded) {
        /** Everything the section's nodes show but the counts, under one filter (its rows' marks and actions follow the filter). */
        List<Object> shape() {
            return List.of(facet, expanded, all > SHOWN ? all : 0, new ArrayList<>(shown.keySet()));
        }
    }

    private Section model(Facet facet, Filter filter, List<FacetCount> facetCounts) {
        Map<String, Integer> byValue = new java.util.LinkedHashMap<>();
        for (FacetCount c : facetCounts) {
            byValue.put(c.value(), c.count());
        }
        Set<String> active = new LinkedHashSet<>();
        active.addAll(filter.include().getOrDefault(facet, Set.of()));
        active.addAll(filter.exclude().getOrDefault(facet, Set.of()));
        for (String v : active) {
            byValue.putIfAbsent(v, 0);
        }
        boolean all = expanded.contains(facet);
        int limit = all ? MOST : SHOWN;
        Map<String, Integer> shown = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, Integer> e : byValue.entrySet()) {
            if (shown.size() >= limit && !active.contains(e.getKey())) {
                continue;
            }
            shown.put(e.getKey(), e.getValue());
        }
        return new Section(facet, shown, byValue.size(), facetCounts.size(), all);
    }

    private static String valuesText(int distinct) {
        return distinct == 1 ? "1 value" : distinct + " values";
    }

    private VBox section(Section m, Filter filter) {
        Facet facet = m.facet();
        VBox section = new VBox();
        section.getStyleClass().add("facet-section");
        Label name = new Label(label(facet));
        name.getStyleClass().add("facet-name");
        Label values = new Label(valuesText(m.distinct()));
        values.getStyleClass().add("facet-values");
        valueLabels.put(facet, values);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox head = new HBox(6, name, values, spacer);
        head.setAlignment(Pos.BASELINE_LEFT);
        if (FacetFilters.constrains(filter, facet)) {
            Hyperlink clear = new Hyperlink("clear");
            clear.getStyleClass().add("facet-clear");
            clear.setOnAction(e -> state.filterProperty().set(FacetFilters.clear(state.filter(), facet)));
            head.getChildren().add(clear);
        }
        section.getChildren().add(head);
        for (Map.Entry<String, Integer> e : m.shown().entrySet()) {
            section.getChildren().add(valueRow(facet, e.getKey(), e.getValue(), filter));
        }
        if (m.all() > SHOWN) {
            Hyperlink more = new Hyperlink(m.expanded() ? "fewer" : "all " + m.all() + " values");
            more.getStyleClass().add("facet-more");
            more.setOnAction(e -> {
                if (!expanded.remove(facet)) {
                    expanded.add(facet);
                }
                rebuild();
            });
            section.getChildren().add(more);
        }
        return section;
    }

    /** One value: include box, count, exclude button. Its tooltips and menu are made on first hover and right click, which halved a rebuild. */
    private HBox valueRow(Facet facet, String value, int n, Filter filter) {
        boolean in = FacetFilters.included(filter, facet, value);
        boolean out = FacetFilters.excluded(filter, facet, value);
        CheckBox box = new CheckBox(display(facet, value));
        box.setSelected(in);
        box.setMinWidth(0);
        box.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(box, Priority.ALWAYS);
        box.setOnAction(e -> set(in ? FacetFilters.remove(state.filter(), facet, value) : FacetFilters.include(state.filter(), facet, value)));
        String what = label(facet).toLowerCase(Locale.ROOT) + " " + (value == null ? "(none)" : value);
        Label count = new Label(String.format("%,d", n));
        count.getStyleClass().add("facet-count");
        countLabels.put(new Key(facet, value), count);
        count.setMinWidth(Region.USE_PREF_SIZE);
        Button exclude = new Button("⊘");
        exclude.getStyleClass().add("facet-exclude");
        exclude.setOnAction(e -> set(out ? FacetFilters.remove(state.filter(), facet, value) : FacetFilters.exclude(state.filter(), facet, value)));
        HBox row = new HBox(4, box, count, exclude);
        row.setAlignment(Pos.CENTER_LEFT);
        row.getStyleClass().add("facet-row");
        if (in) {
            row.getStyleClass().add("included");
        }
        if (out) {
            row.getStyleClass().add("excluded");
        }
        row.setUserData(new Key(facet, value));
        row.addEventHandler(MouseEvent.MOUSE_ENTERED, e -> {
            if (box.getTooltip() == null) {
                box.setTooltip(new Tooltip(what + "\n" + (in ? "click: stop keeping only these"
                        : "click: keep " + (filter.include().containsKey(facet) ? "these too" : "only these"))
                        + "\nAlt+click: " + (out ? "stop dropping them" : "drop them")));
                exclude.setTooltip(new Tooltip((out ? "Stop dropping " : "Drop ") + what));
            }
        });
        row.addEventFilter(MouseEvent.MOUSE_PRESSED, e -> {
            if (e.isAltDown()) {
                e.consume();
            }
        });
        row.addEventFilter(MouseEvent.MOUSE_RELEASED, e -> {
            if (e.isAltDown()) {
                e.consume();
                set(out ? FacetFilters.remove(state.filter(), facet, value) : FacetFilters.exclude(state.filter(), facet, value));
            }
        });
        row.setOnContextMenuRequested(e -> {
            menu(facet, value, in, out, box, exclude).show(row, e.getScreenX(), e.getScreenY());
            e.consume();
        });
        return row;
    }

    /** Made when asked for: a sidebar of many rows is rebuilt on every change of the filter. */
    private ContextMenu menu(Facet facet, String value, boolean in, boolean out, CheckBox box, Button exclude) {
        MenuItem only = new MenuItem("Only " + display(facet, value));
        only.setOnAction(e -> set(FacetFilters.only(state.filter(), facet, value)));
        MenuItem include = new MenuItem(in ? "Stop including" : "Include");
        include.setOnAction(e -> box.fire());
        MenuItem drop = new MenuItem(out ? "Stop excluding" : "Exclude");
        drop.setOnAction(e -> exclude.fire());
        MenuItem clear = new MenuItem("Clear " + label(facet).toLowerCase(Locale.ROOT) + " filter");
        clear.setOnAction(e -> set(FacetFilters.clear(state.filter(), facet)));
        clear.setDisable(!FacetFilters.constrains(state.filter(), facet));
        return new ContextMenu(only, include, drop, new SeparatorMenuItem(), clear);
    }

    private void set(Filter f) {
        state.filterProperty().set(f);
    }

    static String label(Facet facet) {
        return switch (facet) {
            case HOST -> "Host";
            case UNIT -> "Unit";
            case IDENTIFIER -> "Identifier";
            case CONTAINER -> "Container";
            case SEVERITY -> "Severity";
            case SOURCE -> "Source";
        };
    }

    /** How a value reads in a row or a chip: container ids cut to 12 characters, severities in lower case, "(none)" for no value. */
    static String display(Facet facet, String value) {
        if (value == null) {
            return "(none)";
        }
        return switch (facet) {
            case CONTAINER -> value.length() > 12 && value.chars().allMatch(c -> Character.digit(c, 16) >= 0) ? value.substring(0, 12) : value;
            case SEVERITY -> value.toLowerCase(Locale.ROOT);
            default -> value;
        };
    }
}
