package io.faultline.ui;

import io.faultline.model.Annotation;
import io.faultline.model.CausalLink;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the causal chain panel puts things, top to bottom by time: one row per note (ordered by the time of what it is
 * on, then id), each link as a bracket in the gutter left of the rows, on a lane of its own among the links whose rows
 * overlap (short links nearest the rows), its label in the gap between two rows it spans (the middle one), labels that
 * share a gap stacked. Pure: no JavaFX, sizes in pixels.
 */
final class ChainLayout {
    static final double ROW_HEIGHT = 58;
    static final double MIN_GAP = 12;
    static final double LABEL_HEIGHT = 18;
    static final double LANE_WIDTH = 14;
    static final double TOP = 10;

    /** A note's row: its top. */
    record Row(Annotation annotation, int index, double y) {
    }

    /**
     * A link placed: its rows (from, to), its lane (0 nearest the rows), the y where it leaves and enters its rows, and
     * its label's gap (the gap after row {@code gap}) and place in it.
     */
    record Edge(CausalLink link, int from, int to, int lane, double fromY, double toY, int gap, double labelY) {
    }

    private final List<Row> rows;
    private final List<Edge> edges;
    private final int lanes;
    private final double height;

    private ChainLayout(List<Row> rows, List<Edge> edges, int lanes, double height) {
        this.rows = rows;
        this.edges = edges;
        this.lanes = lanes;
        this.height = height;
    }

    /** Lays out {@code annotations} and the {@code links} between them (links to a missing note are left out). */
    static ChainLayout of(List<Annotation> annotations, List<CausalLink> links) {
        List<Annotation> ordered = new ArrayList<>(annotations);
        ordered.sort(Comparator.comparingLong((Annotation a) -> a.target().startNanos()).thenComparing(Annotation::id));
        Map<String, Integer> indexOf = new HashMap<>();
        for (int i = 0; i < ordered.size(); i++) {
            indexOf.put(ordered.get(i).id(), i);
        }
        List<CausalLink> placed = links.stream()
                .filter(l -> indexOf.containsKey(l.fromId()) && indexOf.containsKey(l.toId()) && !l.fromId().equals(l.toId()))
                .sorted(Comparator.comparingInt((CausalLink l) -> Math.abs(indexOf.get(l.fromId()) - indexOf.get(l.toId())))
                        .thenComparingInt(l -> Math.min(indexOf.get(l.fromId()), indexOf.get(l.toId())))
                        .thenComparing(CausalLink::id))
                .toList();
        // lanes: the first lane in which the link's rows [lo, hi] touch no other link's
        List<List<int[]>> taken = new ArrayList<>();
        Map<String, Integer> laneOf = new HashMap<>();
        int[] labelsInGap = new int[Math.max(1, ordered.size())];
        Map<String, Integer> gapOf = new HashMap<>();
        Map<String, Integer> slotOf = new HashMap<>();
        for (CausalLink l : placed) {
            int lo = Math.min(indexOf.get(l.fromId()), indexOf.get(l.toId()));
            int hi = Math.max(indexOf.get(l.fromId()), indexOf.get(l.toId()));
            int lane = 0;
            while (lane < taken.size() && taken.get(lane).stream().anyMatch(s -> s[0] <= hi && lo <= s[1])) {
                lane++;
            }
            if (lane == taken.size()) {
                taken.add(new ArrayList<>());
            }
            taken.get(lane).add(new int[]{lo, hi});
            laneOf.put(l.id(), lane);
            int gap = (lo + hi - 1) / 2;
            gapOf.put(l.id(), gap);
            slotOf.put(l.id(), labelsInGap[gap]++);
        }
        double[] gapHeight = new double[labelsInGap.length];
        for (int g = 0; g < gapHeight.length; g++) {
            gapHeight[g] = Math.max(MIN_GAP, labelsInGap[g] * LABEL_HEIGHT + 8);
        }
        List<Row> rows = new ArrayList<>();
        double y = TOP;
        for (int i = 0; i < ordered.size(); i++) {
            rows.add(new Row(ordered.get(i), i, y));
            y += ROW_HEIGHT + (i < ordered.size() - 1 ? gapHeight[i] : 0);
        }
        // where links attach to a row: spread over its height, those to rows above higher up
        Map<Integer, List<double[]>> ends = new HashMap<>();
        for (CausalLink l : placed) {
            int f = indexOf.get(l.fromId());
            int t = indexOf.get(l.toId());
            ends.computeIfAbsent(f, k -> new ArrayList<>()).add(new double[]{t, placed.indexOf(l), 0});
            ends.computeIfAbsent(t, k -> new ArrayList<>()).add(new double[]{f, placed.indexOf(l), 1});
        }
        Map<String, Double> attach = new HashMap<>();
        ends.forEach((row, list) -> {
            list.sort(Comparator.comparingDouble((double[] e) -> e[0]).thenComparingDouble(e -> -laneOf.get(placed.get((int) e[1]).id())));
            for (int k = 0; k < list.size(); k++) {
                double[] e = list.get(k);
                String key = placed.get((int) e[1]).id() + (e[2] == 0 ? ">" : "<");
                attach.put(key, rows.get(row).y() + ROW_HEIGHT * (k + 1) / (list.size() + 1));
            }
        });
        List<Edge> edges = new ArrayList<>();
        for (CausalLink l : placed) {
            int f = indexOf.get(l.fromId());
            int t = indexOf.get(l.toId());
            int gap = gapOf.get(l.id());
            double gapTop = rows.get(gap).y() + ROW_HEIGHT;
            double labelY = gapTop + (gapHeight[gap] - labelsInGap[gap] * LABEL_HEIGHT) / 2 + slotOf.get(l.id()) * LABEL_HEIGHT;
            edges.add(new Edge(l, f, t, laneOf.get(l.id()), attach.get(l.id() + ">"), attach.get(l.id() + "<"), gap, labelY));
        }
        return new ChainLayout(List.copyOf(rows), List.copyOf(edges), taken.size(), y + TOP);
    }

    /** The notes' rows, top (earliest) to bottom. */
    List<Row> rows() {
        return rows;
    }

    /** The links placed, shortest first. */
    List<Edge> edges() {
        return edges;
    }

    /** How many lanes the links take in the gutter. */
    int lanes() {
        return lanes;
    }

    /** The width of the gutter left of the rows. */
    double gutter() {
        return 10 + Math.max(1, lanes) * LANE_WIDTH;
    }

    /** The x of a lane's vertical line: lane 0 nearest the rows. */
    double laneX(int lane) {
        return gutter() - 4 - (lane + 0.5) * LANE_WIDTH;
    }

    /** The height of everything laid out. */
    double height() {
        return height;
    }
}
