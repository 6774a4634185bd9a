package io.faultline.ui;

import io.faultline.annotate.AnnotationStore;
import io.faultline.model.Annotation;
import io.faultline.model.AnnotationLayer;
import io.faultline.model.AnnotationTarget;
import io.faultline.model.CausalLink;
import io.faultline.model.EpochNanos;
import io.faultline.model.Event;
import io.faultline.model.Span;
import io.faultline.model.TimeWindow;
import javafx.beans.InvalidationListener;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The notes (in time order) and the causal links of the investigation; click one to go to it. */
final class AnnotationPanel extends VBox {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm:ss xxx");

    private final InvestigationState state;
    private final WorkbenchData data;
    private final AnnotationStore store;
    private final ListView<Object> list = new ListView<>();
    private final Label header = new Label();
    private final InvalidationListener listener = o -> refresh();
    private final InvalidationListener zoneListener = o -> list.refresh();

    AnnotationPanel(InvestigationState state, WorkbenchData data, AnnotationStore store) {
        this.state = state;
        this.data = data;
        this.store = store;
        getStyleClass().add("annotation-panel");
        header.getStyleClass().add("panel-header");
        list.setId("annotationList");
        list.setPlaceholder(new Label("No notes yet.\nSelect a log line, a healthcheck run\nor brush a range, then Note…"));
        list.setCellFactory(lv -> new ItemCell());
        list.getSelectionModel().selectedItemProperty().addListener((obs, was, now) -> {
            if (now instanceof Annotation a) {
                goTo(a.target());
            }
        });
        VBox.setVgrow(list, Priority.ALWAYS);
        getChildren().addAll(header, list);
        setPrefWidth(330);
        setMinWidth(220);
        sceneProperty().addListener((obs, was, now) -> {
            if (now != null && was == null) {
                state.annotationsProperty().addListener(listener);
                state.zoneChoiceProperty().addListener(zoneListener);
                refresh();
            } else if (now == null && was != null) {
                state.annotationsProperty().removeListener(listener);
                state.zoneChoiceProperty().removeListener(zoneListener);
            }
        });
    }

    ListView<Object> list() {
        return list;
    }

    /** The note selected in the list, or null. */
    Annotation selectedAnnotation() {
        return list.getSelectionModel().getSelectedItem() instanceof Annotation a ? a : null;
    }

    private void refresh() {
        AnnotationLayer layer = state.annotations();
        List<Object> items = new ArrayList<>();
        List<Annotation> notes = new ArrayList<>(layer.annotations());
        notes.sort(Comparator.comparingLong(a -> a.target().startNanos()));
        items.addAll(notes);
        items.addAll(layer.links());
        Object selected = list.getSelectionModel().getSelectedItem();
        list.getItems().setAll(items);
        if (selected != null && items.contains(selected)) {
            list.getSelectionModel().select(selected);
        }
        header.setText("Annotations · " + count(layer.annotations().size(), "note") + " · " + count(layer.links().size(), "link"));
    }

    private void goTo(AnnotationTarget t) {
        TimeWindow r = state.visibleRange();
        if (!r.contains(t.startNanos())) {
            long half = r.lengthNanos() / 2;
            state.setVisibleRange(t.startNanos() - half, t.startNanos() + half);
        }
        state.setCursor(t.startNanos());
    }

    /** One line saying what a note is on: time, kind and who, and its severity when above info. */
    String describeTarget(Annotation a) {
        String severity = a.severity() == io.faultline.model.NoteSeverity.INFO ? "" : " · " + a.severity().key();
        return describeWhat(a) + severity;
    }

    private String describeWhat(Annotation a) {
        AnnotationTarget t = a.target();
        return switch (t) {
            case AnnotationTarget.OnEvent on -> {
                Event e = data.event(on.eventId());
                yield when(t, e == null ? null : e.host()) + " · line · " + (e == null ? on.eventId() : e.who());
            }
            case AnnotationTarget.OnSpan on -> {
                Span s = data.span(on.spanId());
                yield when(t, s == null ? null : s.host())
                        + (on.kind() == io.faultline.model.SpanKind.CONTAINER_UP ? " · container up" : " · healthcheck run")
                        + (s == null ? "" : " · exit " + Palette.exitLabel(s.exitCode()) + " · " + Durations.compact(s.durationNanos()));
            }
            case AnnotationTarget.OnSeriesPoint on -> when(t, on.host()) + " · " + on.device() + " " + on.metric() + " = " + on.value();
            case AnnotationTarget.OnRange on -> when(t, null) + " · range · " + Durations.compact(on.endNanos() - on.startNanos());
        };
    }

    /** The start of a note in the chosen zone (of the host it is on; a range: the first host's). */
    private String when(AnnotationTarget t, String host) {
        return TIME.format(EpochNanos.toInstant(t.startNanos()).atZone(state.zoneChoice().resolve(data.zoneOf(host))));
    }

    /** Short text for pickers: the id and the start of the note. */
    String describe(Annotation a) {
        return a.id() + "  " + TimePane.ellipsize(a.note(), 40) + "   (" + describeTarget(a) + ")";
    }

    private String noteText(String id) {
        return store.snapshot().annotations().stream().filter(a -> a.id().equals(id)).findFirst()
                .map(a -> "“" + TimePane.ellipsize(a.note(), 28) + "”").orElse(id);
    }

    private final class ItemCell extends ListCell<Object> {
        private final Label top = new Label();
        private final Label body = new Label();
        private final VBox box = new VBox(2, top, body);

        ItemCell() {
            top.getStyleClass().add("annotation-meta");
            body.getStyleClass().add("annotation-note");
            body.setWrapText(true);
            body.setMaxWidth(290);
            MenuItem remove = new MenuItem("Remove");
            remove.setOnAction(e -> {
                if (getItem() instanceof Annotation a) {
                    store.remove(a.id());
                } else if (getItem() instanceof CausalLink l) {
                    store.remove(l.id());
                }
            });
            setContextMenu(new ContextMenu(remove));
        }

        @Override
        protected void updateItem(Object item, boolean empty) {
            super.updateItem(item, empty);
            getStyleClass().removeAll("note-item", "link-item");
            if (empty || item == null) {
                setGraphic(null);
                return;
            }
            if (item instanceof Annotation a) {
                getStyleClass().add("note-item");
                top.setText("✎ " + a.id() + " · " + describeTarget(a));
                String tags = a.tags().isEmpty() ? "" : "\n" + String.join(" ", a.tags().stream().map(t -> "#" + t).toList());
                body.setText(a.note() + tags);
            } else if (item instanceof CausalLink l) {
                getStyleClass().add("link-item");
                top.setText("⟶ " + l.id() + " · " + l.fromId() + " " + l.type().label() + " " + l.toId());
                body.setText(noteText(l.fromId()) + "  " + l.type().label() + "  " + noteText(l.toId())
                        + (l.note().isEmpty() ? "" : "\n" + l.note()));
            }
            setGraphic(box);
        }
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
