package io.faultline.ingest;

import io.faultline.model.Container;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What inspect, ps and events say about the same container, merged. Ids match by prefix (ps shows 12
 * characters, a pager cuts the journal's anywhere): two ids are the same container when one starts with the
 * other and the shorter has at least 12 characters. Lookups go through a hash on the first 12 characters,
 * so tens of thousands of containers cost linear time.
 */
final class Containers {
    private static final int MIN_PREFIX = 12;

    private final List<Container> list = new ArrayList<>();
    private final Map<String, List<Integer>> byKey = new HashMap<>();

    private Containers() {
    }

    /** True when one id is a prefix of the other and the shorter has at least 12 characters (or they are equal). */
    static boolean samePrefix(String a, String b) {
        if (a.equals(b)) {
            return true;
        }
        String shorter = a.length() <= b.length() ? a : b;
        String longer = shorter == a ? b : a;
        return shorter.length() >= MIN_PREFIX && longer.startsWith(shorter);
    }

    private static String key(String id) {
        return id.length() > MIN_PREFIX ? id.substring(0, MIN_PREFIX) : id;
    }

    /** One container per id, in first-seen order; fields filled from later sources when the first lacks them. */
    static Containers merge(List<Container> all) {
        Containers out = new Containers();
        for (Container c : all) {
            int i = out.indexOf(c.id());
            if (i < 0) {
                out.byKey.computeIfAbsent(key(c.id()), k -> new ArrayList<>()).add(out.list.size());
                out.list.add(c);
                continue;
            }
            Container a = out.list.get(i);
            out.list.set(i, new Container(a.id().length() >= c.id().length() ? a.id() : c.id(),
                    a.name().isEmpty() ? c.name() : a.name(), a.host() != null ? a.host() : c.host(),
                    a.image() != null ? a.image() : c.image(), a.healthcheck() != null ? a.healthcheck() : c.healthcheck(),
                    a.restartPolicy() != null ? a.restartPolicy() : c.restartPolicy(), Math.max(a.restartCount(), c.restartCount()),
                    a.healthStatus() != null ? a.healthStatus() : c.healthStatus(), a.origin() != null ? a.origin() : c.origin()));
        }
        return out;
    }

    List<Container> list() {
        return List.copyOf(list);
    }

    /** The container {@code id} names (same id or prefix), or null. */
    Container find(String id) {
        int i = indexOf(id);
        return i < 0 ? null : list.get(i);
    }

    /** The full id of the one known container {@code id} is a prefix of, else {@code id} itself. */
    String resolve(String id) {
        if (id == null) {
            return null;
        }
        String found = null;
        for (int i : byKey.getOrDefault(key(id), List.of())) {
            String candidate = list.get(i).id();
            if (candidate.length() > id.length() && samePrefix(candidate, id)) {
                if (found != null && !found.equals(candidate)) {
                    return id;
                }
                found = candidate;
            }
        }
        return found == null ? id : found;
    }

    private int indexOf(String id) {
        for (int i : byKey.getOrDefault(key(id), List.of())) {
            if (samePrefix(list.get(i).id(), id)) {
                return i;
            }
        }
        return -1;
    }
}
