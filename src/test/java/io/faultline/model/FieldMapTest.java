package io.faultline.model;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FieldMapTest {
    private static Map<String, String> linked() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("_PID", "1157");
        m.put("UNIT", null);
        m.put("_HOSTNAME", "vm");
        return m;
    }

    @Test
    void readsLikeAnOrderedMapWithNullValues() {
        FieldMap f = FieldMap.of(new String[] {"_PID", "UNIT", "_HOSTNAME"}, new String[] {"1157", null, "vm"});
        assertThat(f).isEqualTo(linked()).hasSameHashCodeAs(linked()).hasSize(3);
        assertThat(linked()).isEqualTo(f);
        assertThat(f.toString()).isEqualTo(linked().toString());
        assertThat(f.get("_PID")).isEqualTo("1157");
        assertThat(f.get("UNIT")).isNull();
        assertThat(f.containsKey("UNIT")).isTrue();
        assertThat(f.containsKey("MESSAGE")).isFalse();
        assertThat(f.get(42)).isNull();
        List<String> order = new ArrayList<>();
        f.forEach((k, v) -> order.add(k + "=" + v));
        assertThat(order).containsExactly("_PID=1157", "UNIT=null", "_HOSTNAME=vm");
        assertThat(f.keySet()).containsExactly("_PID", "UNIT", "_HOSTNAME");
    }

    @Test
    void isUnmodifiableAndChecksItsArrays() {
        FieldMap f = FieldMap.of(new String[] {"a"}, new String[] {"1"});
        assertThatThrownBy(() -> f.put("b", "2")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> f.entrySet().iterator().next().setValue("x")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> FieldMap.of(new String[] {"a"}, new String[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FieldMap.of(new String[] {null}, new String[] {"1"})).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> FieldMap.of(new String[] {"a", "a"}, new String[] {"1", "2"})).isInstanceOf(AssertionError.class);
        assertThat(FieldMap.of(new String[0], new String[0])).isEmpty();
    }

    @Test
    void anEventKeepsItAsGivenAndCopiesOtherMaps() {
        FieldMap f = FieldMap.of(new String[] {"_PID"}, new String[] {"1"});
        Event e = new Event("e:1", 0, "0", "vm", "journal-json", null, "sshd", Severity.INFO, "m", null, false, f, null);
        assertThat(e.fields()).isSameAs(f);
        Map<String, String> m = new LinkedHashMap<>(Map.of("_PID", "1"));
        Event copied = new Event("e:1", 0, "0", "vm", "journal-json", null, "sshd", Severity.INFO, "m", null, false, m, null);
        m.put("_PID", "2");
        assertThat(copied.fields()).containsEntry("_PID", "1");
        assertThat(copied).isEqualTo(e);
    }

    @Test
    void withReplacesInPlaceOrAppends() {
        Map<String, String> base = new LinkedHashMap<>();
        base.put("A", "1");
        base.put("B", null);
        FieldMap added = FieldMap.with(base, "C", "3");
        assertThat(added).containsExactly(Map.entry("A", "1"), new java.util.AbstractMap.SimpleEntry<>("B", null), Map.entry("C", "3"));
        FieldMap replaced = FieldMap.with(added, "A", "x");
        assertThat(replaced.names()).containsExactly("A", "B", "C");
        assertThat(replaced.get("A")).isEqualTo("x");
        assertThat(added.get("A")).isEqualTo("1");
        assertThat(FieldMap.with(Map.of(), "Z", null)).containsOnlyKeys("Z");
    }
}
