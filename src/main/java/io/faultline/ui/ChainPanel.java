package io.faultline.ui;

import io.faultline.annotate.CausalCheck;
import io.faultline.model.Annotation;
import io.faultline.model.AnnotationLayer;
import io.faultline.model.AnnotationTarget;
import io.faultline.model.CausalLink;
import io.faultline.model.Event;
import io.faultline.model.LinkType;
import io.faultline.model.TimeWindow;
import javafx.beans.InvalidationListener;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.css.PseudoClass;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.LineTo;
import javafx.scene.shape.MoveTo;
import javafx.scene.shape.Path;
import javafx.scene.shape.Polygon;
import javafx.util.Duration;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * The causal chain as a graph: the notes top to bottom by time ({@link ChainLayout}), each link a bracket from one note to
 * the other with an arrow at the effect and its type as a label (causes, contributes to, precedes; ruled out dashed and
 * greyed). Selecting a note or a link highlights it in the time panes ({@link InvestigationState#highlightedProperty()},
 * a link both its ends) and moves the view and the cursor there, the log table with them (a note on a line or a
 * healthcheck run selects it); the note of the selection
 * shows at the bottom, a link's note also on hover. The buttons and right click add, link, edit and delete through
 * {@link Edits}, which goes to the undoable annotation store.
 */
final class ChainPanel extends VBox {
    private static final PseudoClass SELECTED = PseudoClass.getPseudoClass("selected");
    /** A link's ends: the view shows both with this share of their span as a margin on each side. */
    private static final double MARGIN = 0.15;

    /** What the panel asks the window to do; each edit is one undoable step of the store. */
    interface Edits {
        /** Note on the selected line or run, else the visible range. */
        void addNote();

        /** The link dialog, {@code from} picked (may be null). */
        void link(Annotation from);

        void edit(Object item);

        void delete(Object item);
    }

    private final InvestigationState state;
    private final WorkbenchData data;
    private final Function<Annotation, String> describe;
    private final Edits edits;
    private final Label header = new Label();
    private final Label detail = new Label();
    private final Pane graph = new Pane();
    private final ScrollPane scroll = new ScrollPane(graph);
    private final ObjectProperty<Object> selected = new SimpleObjectProperty<>(this, "selected");
    private final InvalidationListener listener = o -> rebuild();
    private final Button edit = new Button("Edit…");
    private final Button delete = new Button("Delete");
    private ChainLayout layout;

    /** The links whose cause starts after its effect beyond the hosts' clock uncertainty ({@link CausalCheck}), by id. */
    private java.util.Map<String, CausalCheck.Finding> warnings = java.util.Map.of();

    ChainPanel(InvestigationState state, WorkbenchData data, Function<Annotation, String> describe, Edits edits) {
        this.state = state;
        this.data = data;
        this.describe = describe;
        this.edits = edits;
        setId("chainPanel");
        getStyleClass().add("chain-panel");
        header.getStyleClass().add("panel-header");
        Button note = new Button("Note…");
        note.setId("chainNote");
        note.setTooltip(new Tooltip("Note on the selected healthcheck run, else the selected log line, else the visible range"));
        note.setOnAction(e -> edits.addNote());
        Button link = new Button("Link…");
        link.setId("chainLink");
        link.setTooltip(new Tooltip("Link the selected note to another: causes, contributes to, precedes, ruled out"));
        link.setOnAction(e -> edits.link(selected.get() instanceof Annotation a ? a : null));
        edit.setId("chainEdit");
        edit.setTooltip(new Tooltip("Edit the selected note or link (or double-click it)"));
        edit.setOnAction(e -> edits.edit(selected.get()));
        delete.setId("chainDelete");
        delete.setTooltip(new Tooltip("Delete the selected note (with its links) or link; Ctrl+Z brings it back"));
        delete.setOnAction(e -> edits.delete(selected.get()));
        edit.disableProperty().bind(selected.isNull());
        delete.disableProperty().bind(selected.isNull());
        HBox buttons = new HBox(4, note, link, edit, delete);
        buttons.getStyleClass().add("chain-buttons");
        graph.getStyleClass().add("chain-graph");
        graph.setId("chainGraph");
        graph.setOnMouseClicked(e -> {
            if (e.getTarget() == graph && e.getButton() == MouseButton.PRIMARY) {
                select(null);
            }
        });
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.getStyleClass().add("chain-scroll");
        scroll.viewportBoundsProperty().addListener((obs, was, now) -> {
            if (was == null || Math.abs(was.getWidth() - now.getWidth()) > 0.5) {
                rebuild();
            }
        });
        VBox.setVgrow(scroll, Priority.ALWAYS);
        detail.setId("chainDetail");
        detail.getStyleClass().add("chain-detail");
        detail.setWrapText(true);
        detail.setMaxWidth(Double.MAX_VALUE);
        detail.setMinHeight(Region.USE_PREF_SIZE);
        getChildren().addAll(header, buttons, scroll, detail);
        setMinHeight(120);
        selected.addListener((obs, was, now) -> onSelected(now));
        sceneProperty().addListener((obs, was, now) -> {
            if (now != null && was == null) {
                state.annotationsProperty().addListener(listener);
                rebuild();
            } else if (now == null && was != null) {
                state.annotationsProperty().removeListener(listener);
                select(null);
            }
        });
    }

    /** The note or link selected in the graph, or null. */
    ObjectProperty<Object> selectedProperty() {
        return selected;
    }

    /** Selects a note or link (null: nothing): highlights it and goes there. */
    void select(Object item) {
        selected.set(item);
    }

    /** The node showing a note or link ({@code chain-<id>}), or null. */
    Node nodeOf(String id) {
        return graph.lookup("#chain-" + id);
    }

    ChainLayout chainLayout() {
        return layout;
    }

    private void rebuild() {
        AnnotationLayer layer = state.annotations();
        warnings = new java.util.HashMap<>();
        for (CausalCheck.Finding f : CausalCheck.check(layer, data.evidence())) {
            if (f.warning()) {
                warnings.put(f.link().id(), f);
            }
        }
        header.setText("Causal chain · " + count(layer.annotations().size(), "note") + " · " + count(layer.links().size(), "link"));
        layout = ChainLayout.of(layer.annotations(), layer.links());
        graph.getChildren().clear();
        double width = scroll.getViewportBounds() == null || scroll.getViewportBounds().getWidth() < 50 ? 300
                : scroll.getViewportBounds().getWidth();
        double left = layout.gutter();
        double nodeWidth = Math.max(120, width - left - 8);
        if (layout.rows().isEmpty()) {
            Label none = new Label("No notes yet. Select a log line, a healthcheck run or brush a range, then Note…;"
                    + " link two notes with Link… to build the chain.");
            none.getStyleClass().add("chain-empty");
            none.setWrapText(true);
            none.setMaxWidth(width - 20);
            none.relocate(10, 10);
            graph.getChildren().add(none);
        }
        for (ChainLayout.Edge e : layout.edges()) {
            graph.getChildren().add(edge(e, left));
        }
        for (ChainLayout.Row r : layout.rows()) {
            graph.getChildren().add(row(r, left, nodeWidth));
        }
        for (ChainLayout.Edge e : layout.edges()) {
            graph.getChildren().add(label(e));
        }
        graph.setPrefSize(width, layout.height());
        graph.setMinHeight(layout.height());
        Object was = selected.get();
        Object now = was == null ? null : find(layer, idOf(was));
        if (now != was) {
            selected.set(now);
        } else {
            markSelected();
            showDetail(now);
        }
    }

    private static Object find(AnnotationLayer layer, String id) {
        for (Annotation a : layer.annotations()) {
            if (a.id().equals(id)) {
                return a;
            }
        }
        for (CausalLink l : layer.links()) {
            if (l.id().equals(id)) {
                return l;
            }
        }
        return null;
    }

    private Node row(ChainLayout.Row r, double left, double width) {
        Annotation a = r.annotation();
        Label meta = new Label(a.id() + " · " + describe.apply(a));
        meta.getStyleClass().add("chain-node-meta");
        Label text = new Label(a.note() + (a.tags().isEmpty() ? "" : "  " + String.join(" ", a.tags().stream().map(t -> "#" + t).toList())));
        text.getStyleClass().add("chain-node-text");
        text.setWrapText(true);
        text.setPrefWidth(width - 16);
        text.setMaxWidth(width - 16);
        text.setMinHeight(0);
        text.setMaxHeight(ChainLayout.ROW_HEIGHT - 20);
        meta.setMaxWidth(width - 16);
        VBox box = new VBox(1, meta, text);
        box.setId("chain-" + a.id());
        box.setUserData(a);
        box.getStyleClass().add("chain-node");
        box.resizeRelocate(left, r.y(), width, ChainLayout.ROW_HEIGHT);
        box.setPrefSize(width, ChainLayout.ROW_HEIGHT);
        box.setMaxSize(width, ChainLayout.ROW_HEIGHT);
        box.setMinSize(width, ChainLayout.ROW_HEIGHT);
        Tooltip tip = new Tooltip(a.note() + (a.tags().isEmpty() ? "" : "\n" + String.join(" ", a.tags().stream().map(t -> "#" + t).toList()))
                + (a.author().isEmpty() ? "" : "\n— " + a.author()));
        tip.setWrapText(true);
        tip.setMaxWidth(420);
        tip.setShowDelay(Duration.millis(400));
        Tooltip.install(box, tip);
        MenuItem editItem = new MenuItem("Edit note…");
        editItem.setOnAction(e -> edits.edit(a));
        MenuItem linkItem = new MenuItem("Link from this note…");
        linkItem.setOnAction(e -> edits.link(a));
        MenuItem deleteItem = new MenuItem("Delete note");
        deleteItem.setOnAction(e -> edits.delete(a));
        ContextMenu menu = new ContextMenu(editItem, linkItem, deleteItem);
        box.setOnContextMenuRequested(e -> {
            select(a);
            menu.show(box, e.getScreenX(), e.getScreenY());
            e.consume();
        });
        box.addEventHandler(MouseEvent.MOUSE_CLICKED, e -> onItemClicked(e, a));
        return box;
    }

    private Node edge(ChainLayout.Edge e, double left) {
        double x = layout.laneX(e.lane());
        Path line = new Path(new MoveTo(left, e.fromY()), new LineTo(x, e.fromY()), new LineTo(x, e.toY()), new LineTo(left - 6, e.toY()));
        line.getStyleClass().addAll("chain-edge", typeClass(e.link().type()));
        Polygon arrow = new Polygon(left - 1, e.toY(), left - 8, e.toY() - 4, left - 8, e.toY() + 4);
        arrow.getStyleClass().addAll("chain-arrow", typeClass(e.link().type()));
        Path hit = new Path(new MoveTo(left, e.fromY()), new LineTo(x, e.fromY()), new LineTo(x, e.toY()), new LineTo(left, e.toY()));
        hit.setStroke(Color.TRANSPARENT);
        hit.setStrokeWidth(8);
        Group g = new Group(line, arrow, hit);
        g.setId("chain-" + e.link().id());
        g.setUserData(e.link());
        g.getStyleClass().add("chain-link");
        install(g, e.link());
        return g;
    }

    private Node label(ChainLayout.Edge e) {
        CausalLink l = e.link();
        boolean late = warnings.containsKey(l.id());
        Label label = new Label((late ? "⚠ " : "") + l.type().label() + (l.note().isEmpty() ? "" : " ✎"));
        label.setId("chain-label-" + l.id());
        label.getStyleClass().addAll("chain-label", typeClass(l.type()));
        if (late) {
            label.getStyleClass().add("chain-warning");
        }
        label.relocate(layout.laneX(e.lane()) - 4, e.labelY() + 1);
        install(label, l);
        return label;
    }

    private void install(Node n, CausalLink l) {
        Tooltip tip = new Tooltip(linkText(l));
        tip.setWrapText(true);
        tip.setMaxWidth(420);
        tip.setShowDelay(Duration.millis(200));
        Tooltip.install(n, tip);
        MenuItem editItem = new MenuItem("Edit link…");
        editItem.setOnAction(e -> edits.edit(l));
        MenuItem deleteItem = new MenuItem("Delete link");
        deleteItem.setOnAction(e -> edits.delete(l));
        ContextMenu menu = new ContextMenu(editItem, deleteItem);
        n.setOnContextMenuRequested(e -> {
            select(l);
            menu.show(n, e.getScreenX(), e.getScreenY());
            e.consume();
        });
        n.addEventHandler(MouseEvent.MOUSE_CLICKED, e -> onItemClicked(e, l));
    }

    private void onItemClicked(MouseEvent e, Object item) {
        if (e.getButton() != MouseButton.PRIMARY) {
            return;
        }
        if (e.getClickCount() == 2) {
            edits.edit(item);
        } else {
            select(item);
        }
        e.consume();
    }

    private String linkText(CausalLink l) {
        AnnotationLayer layer = state.annotations();
        CausalCheck.Finding late = warnings.get(l.id());
        return l.id() + ": " + noteName(layer, l.fromId()) + "  " + l.type().label() + "  " + noteName(layer, l.toId())
                + (l.note().isEmpty() ? "" : "\n" + l.note()) + (late == null ? "" : "\n⚠ " + late.message());
    }

    private static String noteName(AnnotationLayer layer, String id) {
        return layer.annotations().stream().filter(a -> a.id().equals(id)).findFirst()
                .map(a -> id + " “" + TimePane.ellipsize(a.note().replaceAll("\\s+", " "), 40) + "”").orElse(id);
    }

    static String typeClass(LinkType t) {
        return "link-" + t.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static String idOf(Object item) {
        return item instanceof Annotation a ? a.id() : item instanceof CausalLink l ? l.id() : null;
    }

    private void markSelected() {
        String id = idOf(selected.get());
        for (Node n : graph.getChildren()) {
            n.pseudoClassStateChanged(SELECTED, id != null && (("chain-" + id).equals(n.getId()) || ("chain-label-" + id).equals(n.getId())));
        }
    }

    private void showDetail(Object item) {
        String text = switch (item) {
            case Annotation a -> a.id() + " · " + describe.apply(a) + (a.author().isEmpty() ? "" : " · " + a.author()) + "\n" + a.note()
                    + (a.tags().isEmpty() ? "" : "\n" + String.join(" ", a.tags().stream().map(t -> "#" + t).toList()));
            case CausalLink l -> linkText(l);
            case null, default -> "Select a note or a link to see it on the timeline; double-click to edit.";
        };
        detail.setText(text);
    }

    private void onSelected(Object item) {
        markSelected();
        showDetail(item);
        AnnotationLayer layer = state.annotations();
        switch (item) {
            case Annotation a -> {
                state.highlightedProperty().set(Set.of(a.id()));
                jump(a.target().startNanos(), a.target().endNanos(), a.target().startNanos());
                if (a.target() instanceof AnnotationTarget.OnEvent on) {
                    int index = data.index().indexOf(on.eventId());
                    Event ev = data.event(on.eventId());
                    if (index >= 0 && ev != null) {
                        state.selectEvent(index, ev);
                    }
                } else if (a.target() instanceof AnnotationTarget.OnSpan on && data.span(on.spanId()) != null) {
                    state.selectedSpanProperty().set(data.span(on.spanId()));
                }
            }
            case CausalLink l -> {
                Annotation from = (Annotation) find(layer, l.fromId());
                Annotation to = (Annotation) find(layer, l.toId());
                Set<String> ids = new HashSet<>(List.of(l.id(), l.fromId(), l.toId()));
                state.highlightedProperty().set(Set.copyOf(ids));
                if (from != null && to != null) {
                    long lo = Math.min(from.target().startNanos(), to.target().startNanos());
                    long hi = Math.max(from.target().endNanos(), to.target().endNanos());
                    jump(lo, hi, from.target().startNanos());
                }
            }
            case null, default -> state.highlightedProperty().set(Set.of());
        }
    }

    /**
     * Shows [from, to] (with a margin when the view must change: the view's length kept when it is wide enough, else
     * the span and its margins) and puts the cursor at {@code cursor}; the log table selects the line nearest it.
     */
    private void jump(long from, long to, long cursor) {
        TimeWindow r = state.visibleRange();
        if (!(r.contains(from) && r.contains(to))) {
            long span = to - from;
            long margin = Math.max(Math.round(span * MARGIN), InvestigationState.MIN_RANGE_NANOS);
            long length = Math.max(r.lengthNanos(), span + 2 * margin);
            long mid = from + span / 2;
            state.setVisibleRange(mid - length / 2, mid - length / 2 + length);
        }
        state.setCursor(cursor);
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
