package io.faultline.analysis;

import io.faultline.timeline.Facet;
import io.faultline.timeline.FacetColumns;
import io.faultline.timeline.TimelineIndex;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sshd lines of a timeline sorted into login failures per client address, sessions opened and sessions refused.
 * Reads the message only of events whose identifier or unit is sshd's ({@link SshAuth#isSshd}), so it costs a pass
 * over an int column plus the sshd lines.
 */
public final class SshActivity {
    /** One classified line: its index in the timeline, its time and what it says. */
    public record Hit(int eventIndex, long timeNanos, SshAuth auth) {
    }

    /** The failures from one client address, in time order. */
    public record AddressRow(String address, List<Hit> failures) {
        public AddressRow {
            failures = List.copyOf(failures);
        }
    }

    private final List<AddressRow> addresses;
    private final List<Hit> opened;
    private final List<Hit> refused;

    private SshActivity(List<AddressRow> addresses, List<Hit> opened, List<Hit> refused) {
        this.addresses = List.copyOf(addresses);
        this.opened = List.copyOf(opened);
        this.refused = List.copyOf(refused);
    }

    public static SshActivity of(TimelineIndex index) {
        FacetColumns f = index.facets();
        boolean[] sshIdentifier = marks(f, Facet.IDENTIFIER, true);
        boolean[] sshUnit = marks(f, Facet.UNIT, false);
        Map<String, List<Hit>> byAddress = new LinkedHashMap<>();
        List<Hit> opened = new ArrayList<>();
        List<Hit> refused = new ArrayList<>();
        for (int i = 0; i < index.size(); i++) {
            if (!sshIdentifier[f.id(Facet.IDENTIFIER, i)] && !sshUnit[f.id(Facet.UNIT, i)]) {
                continue;
            }
            SshAuth a = SshAuth.classify(index.message(i));
            if (a == null) {
                continue;
            }
            Hit hit = new Hit(i, index.time(i), a);
            if (a.kind().failure()) {
                byAddress.computeIfAbsent(a.address(), k -> new ArrayList<>()).add(hit);
            } else if (a.kind() == SshAuth.Kind.SESSION_OPENED) {
                opened.add(hit);
            } else {
                refused.add(hit);
            }
        }
        List<AddressRow> rows = new ArrayList<>();
        byAddress.forEach((address, hits) -> rows.add(new AddressRow(address, hits)));
        rows.sort(Comparator.comparingInt((AddressRow r) -> r.failures().size()).reversed());
        return new SshActivity(rows, opened, refused);
    }

    private static boolean[] marks(FacetColumns f, Facet facet, boolean identifier) {
        boolean[] out = new boolean[f.cardinality(facet)];
        for (int id = 1; id < out.length; id++) {
            String v = f.value(facet, id);
            out[id] = identifier ? SshAuth.isSshd(v, null) : SshAuth.isSshd(null, v);
        }
        return out;
    }

    /** Client addresses with login failures, most failures first. */
    public List<AddressRow> addresses() {
        return addresses;
    }

    /** Logins accepted and PAM sessions opened for sshd, in time order. */
    public List<Hit> opened() {
        return opened;
    }

    /** {@code error: no more sessions}, refused connects, in time order. */
    public List<Hit> refused() {
        return refused;
    }

    public boolean isEmpty() {
        return addresses.isEmpty() && opened.isEmpty() && refused.isEmpty();
    }
}
