package io.faultline.ingest;

import io.faultline.model.Container;

import java.util.ArrayList;
import java.util.List;

/** Merges what inspect, ps and events say about the same container (ids match by prefix: ps shows 12 characters). */
final class Containers {
    private static final int MIN_PREFIX = 12;

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

    static Container find(List<Container> list, String id) {
        for (Container c : list) {
            if (samePrefix(c.id(), id)) {
                return c;
            }
        }
        return null;
    }

    /** One container per id, in first-seen order; fields filled from later sources when the first lacks them. */
    static List<Container> merge(List<Container> all) {
        List<Container> out = new ArrayList<>();
        for (Container c : all) {
            int i = indexOf(out, c.id());
            if (i < 0) {
                out.add(c);
                continue;
            }
            Container a = out.get(i);
            out.set(i, new Container(a.id().length() >= c.id().length() ? a.id() : c.id(),
                    a.name().isEmpty() ? c.name() : a.name(), a.host() != null ? a.host() : c.host(),
                    a.image() != null ? a.image() : c.image(), a.healthcheck() != null ? a.healthcheck() : c.healthcheck(),
                    a.restartPolicy() != null ? a.restartPolicy() : c.restartPolicy(), Math.max(a.restartCount(), c.restartCount()),
                    a.healthStatus() != null ? a.healthStatus() : c.healthStatus(), a.origin() != null ? a.origin() : c.origin()));
        }
        return out;
    }

    /** The full id of the one known container {@code id} is a prefix of, else {@code id} itself. */
    static String resolve(List<Container> list, String id) {
        if (id == null) {
            return null;
        }
        String found = null;
        for (Container c : list) {
            if (c.id().length() > id.length() && samePrefix(c.id(), id)) {
                if (found != null && !found.equals(c.id())) {
                    return id;
                }
                found = c.id();
            }
        }
        return found == null ? id : found;
    }

    private static int indexOf(List<Container> list, String id) {
        for (int i = 0; i < list.size(); i++) {
            if (samePrefix(list.get(i).id(), id)) {
                return i;
            }
        }
        return -1;
    }
}
