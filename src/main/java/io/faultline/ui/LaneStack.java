package io.faultline.ui;

import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.ObservableSet;
import javafx.collections.SetChangeListener;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.Cursor;
import javafx.scene.Node;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The lanes under the time axis, each with a thin header strip: its name and a toggle (click the strip, or ▾/▸) that
 * collapses the lane to the strip alone. Drag a header up or down to move its lane, or use Move up / Move down in its
 * context menu. The order ({@link #order()}, lane ids top to bottom) and the collapsed lanes ({@link #collapsed()}) are
 * the one place this state lives: change them and the stack follows, so a saved layout can be put back by setting them.
 */
public final class LaneStack extends VBox {
    private static final PseudoClass COLLAPSED = PseudoClass.getPseudoClass("collapsed");
    private static final PseudoClass DRAGGED = PseudoClass.getPseudoClass("dragged");
    private static final double DRAG_THRESHOLD = 4;

    private final Map<String, Lane> lanes = new LinkedHashMap<>();
    private final ObservableList<String> order = FXCollections.observableArrayList();
    private final ObservableSet<String> collapsed = FXCollections.observableSet();

    public LaneStack() {
        getStyleClass().add("lane-stack");
        order.addListener((ListChangeListener<String>) c -> arrange());
        collapsed.addListener((SetChangeListener<String>) c -> {
            Lane lane = lanes.get(c.getElementAdded() != null ? c.getElementAdded() : c.getElementRemoved());
            if (lane != null) {
                lane.showCollapsed(collapsed.contains(lane.id));
            }
        });
    }

    /** Adds a lane at the bottom; {@code id} names it in {@link #order()} and {@link #collapsed()}. */
    public void add(String id, String title, Node content) {
        if (lanes.containsKey(id)) {
            throw new IllegalArgumentException("a lane " + id + " is already in the stack");
        }
        Lane lane = new Lane(id, title, content);
        lanes.put(id, lane);
        lane.showCollapsed(collapsed.contains(id));
        order.add(id);
    }

    /** The lane ids top to bottom. Reorder it (a permutation of the lanes added) to move lanes. */
    public ObservableList<String> order() {
        return order;
    }

    /** The ids of the collapsed lanes. */
    public ObservableSet<String> collapsed() {
        return collapsed;
    }

    /** Collapses or expands a lane. */
    public void setCollapsed(String id, boolean collapse) {
        if (collapse) {
            collapsed.add(id);
        } else {
            collapsed.remove(id);
        }
    }

    /** Collapses every lane, or expands them all. */
    public void setAllCollapsed(boolean collapse) {
        if (collapse) {
            collapsed.addAll(lanes.keySet());
        } else {
            collapsed.clear();
        }
    }

    /** Moves a lane {@code by} places (negative: up), stopping at the ends. */
    public void move(String id, int by) {
        int from = order.indexOf(id);
        if (from < 0) {
            return;
        }
        moveTo(id, Math.clamp(from + by, 0, order.size() - 1));
    }

    private void moveTo(String id, int to) {
        int from = order.indexOf(id);
        if (from == to || from < 0) {
            return;
        }
        List<String> next = new ArrayList<>(order);
        next.remove(from);
        next.add(to, id);
        order.setAll(next);
    }

    /**
     * Puts a remembered layout back: the lanes {@code order} names go in that order, a lane it does not name stays
     * after the lane it followed before (the first: at the top); the lanes {@code collapsed} names are collapsed, the
     * others open. Ids of lanes this stack does not have (another case's disks, say) are passed over.
     */
    public void restore(List<String> savedOrder, Collection<String> savedCollapsed) {
        List<String> next = new ArrayList<>(savedOrder.stream().filter(lanes::containsKey).distinct().toList());
        List<String> before = List.copyOf(order);
        for (int i = 0; i < before.size(); i++) {
            String id = before.get(i);
            if (!next.contains(id)) {
                next.add(i == 0 ? 0 : next.indexOf(before.get(i - 1)) + 1, id);
            }
        }
        order.setAll(next);
        collapsed.retainAll(savedCollapsed);
        savedCollapsed.stream().filter(lanes::containsKey).forEach(collapsed::add);
    }

    /**
     * The layout to remember: this stack's order and collapsed lanes, with the lanes of {@code previous} this stack does
     * not have kept (at the end of the order), so opening a case without a disk does not forget where that disk went.
     */
    public WorkbenchPrefs.Lanes layout(WorkbenchPrefs.Lanes previous) {
        List<String> o = new ArrayList<>(order);
        Set<String> c = new TreeSet<>(collapsed);
        if (previous != null) {
            previous.order().stream().filter(id -> !lanes.containsKey(id) && !o.contains(id)).forEach(o::add);
            previous.collapsed().stream().filter(id -> !lanes.containsKey(id)).forEach(c::add);
        }
        return new WorkbenchPrefs.Lanes(o, List.copyOf(c));
    }

    /** What a lane shows under its header. */
    Node content(String id) {
        return lanes.get(id).content;
    }

    /** The header strip of a lane. */
    Node header(String id) {
        return lanes.get(id).header;
    }

    private void arrange() {
        List<Node> nodes = new ArrayList<>();
        for (String id : order) {
            Lane lane = lanes.get(id);
            if (lane == null) {
                throw new IllegalStateException("no lane " + id + " in the stack");
            }
            nodes.add(lane);
        }
        getChildren().setAll(nodes);
    }

    /** Where a header dragged to {@code sceneY} goes in: before the first lane whose middle is below it, else last. */
    private int dropIndex(double sceneY) {
        int i = 0;
        for (String id : order) {
            Lane lane = lanes.get(id);
            double middle = lane.localToScene(0, lane.getHeight() / 2).getY() - lane.getTranslateY();
            if (sceneY < middle) {
                return i;
            }
            i++;
        }
        return order.size();
    }

    private final class Lane extends VBox {
        private final String id;
        private final Node content;
        private final HBox header;
        private final Label toggle = new Label();
        private double pressY;
        private boolean dragging;

        Lane(String id, String title, Node content) {
            this.id = id;
            this.content = content;
            getStyleClass().add("lane");
            toggle.getStyleClass().add("lane-toggle");
            Label name = new Label(title);
            name.getStyleClass().add("lane-title");
            Region grip = new Region();
            HBox.setHgrow(grip, Priority.ALWAYS);
            Label handle = new Label("⋮⋮");
            handle.getStyleClass().add("lane-grip");
            header = new HBox(6, toggle, name, grip, handle);
            header.setAlignment(Pos.CENTER_LEFT);
            header.getStyleClass().add("lane-header");
            header.setId("lane-header-" + id);
            header.setCursor(Cursor.HAND);
            header.setMinHeight(Region.USE_PREF_SIZE);
            header.addEventHandler(MouseEvent.MOUSE_PRESSED, this::onPressed);
            header.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::onDragged);
            header.addEventHandler(MouseEvent.MOUSE_RELEASED, this::onReleased);
            header.setOnContextMenuRequested(e -> {
                menu().show(header, e.getScreenX(), e.getScreenY());
                e.consume();
            });
            getChildren().addAll(header, content);
        }

        private ContextMenu menu() {
            boolean isCollapsed = collapsed.contains(id);
            MenuItem toggleItem = new MenuItem(isCollapsed ? "Expand" : "Collapse");
            toggleItem.setOnAction(a -> setCollapsed(id, !isCollapsed));
            MenuItem up = new MenuItem("Move up");
            up.setOnAction(a -> move(id, -1));
            up.setDisable(order.indexOf(id) == 0);
            MenuItem down = new MenuItem("Move down");
            down.setOnAction(a -> move(id, 1));
            down.setDisable(order.indexOf(id) == order.size() - 1);
            MenuItem all = new MenuItem(collapsed.size() == lanes.size() ? "Expand all lanes" : "Collapse all lanes");
            all.setOnAction(a -> setAllCollapsed(collapsed.size() != lanes.size()));
            return new ContextMenu(toggleItem, up, down, all);
        }

        void showCollapsed(boolean c) {
            content.setVisible(!c);
            content.setManaged(!c);
            toggle.setText(c ? "▸" : "▾");
            pseudoClassStateChanged(COLLAPSED, c);
        }

        private void onPressed(MouseEvent e) {
            if (e.getButton() == MouseButton.PRIMARY) {
                pressY = e.getSceneY();
                dragging = false;
            }
        }

        private void onDragged(MouseEvent e) {
            if (!e.isPrimaryButtonDown()) {
                return;
            }
            if (!dragging && Math.abs(e.getSceneY() - pressY) < DRAG_THRESHOLD) {
                return;
            }
            dragging = true;
            setTranslateY(e.getSceneY() - pressY);
            setViewOrder(-1);
            pseudoClassStateChanged(DRAGGED, true);
        }

        private void onReleased(MouseEvent e) {
            if (e.getButton() != MouseButton.PRIMARY) {
                return;
            }
            if (dragging) {
                dragging = false;
                setTranslateY(0);
                setViewOrder(0);
                pseudoClassStateChanged(DRAGGED, false);
                int from = order.indexOf(id);
                int before = dropIndex(e.getSceneY());
                moveTo(id, before > from ? before - 1 : before);
            } else {
                setCollapsed(id, !collapsed.contains(id));
            }
            e.consume();
        }
    }
}
