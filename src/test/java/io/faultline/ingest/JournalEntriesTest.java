package io.faultline.ingest;

import io.faultline.model.Event;
import io.faultline.model.FieldMap;
import io.faultline.model.Severity;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/** How {@link JournalEntries} lays an entry's fields into an event's {@link FieldMap}. */
class JournalEntriesTest {
    private static final EntryContext UTC = new EntryContext("e", "h", ZoneOffset.UTC, true, 0, null, null, null, null);
    private static final String ID = "044645e084fd60b2d84e21f7eab4628ae011608be66886f3ac1b9a1a71c12c75";

    private static List<Event> json(String text) {
        Collector out = new Collector();
        out.beginEntry();
        new JournalJsonParser().parse(UTC, text.getBytes(StandardCharsets.UTF_8), out);
        out.endEntry();
        assertThat(out.diagnostics()).isEmpty();
        return out.events();
    }

    @Test
    void typedFieldsAreLeftOutAndTheRestKeepTheirOrder() {
        Event e = json("""
                {"_HOSTNAME":"vm","MESSAGE":"m","__REALTIME_TIMESTAMP":"1000000","PRIORITY":"3","UNIT":null,"_SYSTEMD_UNIT":"a.service","USER_UNIT":"b.service","_PID":"7"}
                """).getFirst();
        assertThat(e.fields()).isInstanceOf(FieldMap.class)
                .containsExactly(entry("_HOSTNAME", "vm"), entry("UNIT", null), entry("_SYSTEMD_UNIT", "a.service"), entry("_PID", "7"));
        assertThat(e.unit()).isEqualTo("b.service");
        assertThat(e.severity()).isEqualTo(Severity.ERR);
        assertThat(e.timeNanos()).isEqualTo(1_000_000_000L);
    }

    @Test
    void aNameGivenTwiceKeepsItsFirstPlaceAndLastValue() {
        Event e = json("""
                {"_PID":"1","__REALTIME_TIMESTAMP":"1","_COMM":"a","_PID":"2","MESSAGE":"x","MESSAGE":"y"}
                """).getFirst();
        assertThat(e.fields()).containsExactly(entry("_PID", "2"), entry("_COMM", "a"));
        assertThat(e.message()).isEqualTo("y");
    }

    @Test
    void theLogDriversShortIdBecomesAFieldAtTheEnd() {
        Event e = json("{\"CONTAINER_ID_FULL\":\"" + ID + "\",\"SYSLOG_IDENTIFIER\":\"" + ID.substring(0, 12)
                + "\",\"CONTAINER_NAME\":\"web\",\"__REALTIME_TIMESTAMP\":\"1\",\"MESSAGE\":[104,105],\"_PID\":\"9\"}\n").getFirst();
        assertThat(e.identifier()).isEqualTo("web");
        assertThat(e.containerId()).isEqualTo(ID);
        assertThat(e.message()).isEqualTo("hi");
        assertThat(e.fields()).containsExactly(entry("CONTAINER_NAME", "web"), entry("_PID", "9"),
                entry("SYSLOG_IDENTIFIER", ID.substring(0, 12)));
    }

    @Test
    void entriesOfOneShapeShareTheirNamesAndRepeatedValues() {
        List<Event> events = json("""
                {"__REALTIME_TIMESTAMP":"1","_HOSTNAME":"vm","_PID":"1","MESSAGE":"a"}
                {"__REALTIME_TIMESTAMP":"2","_HOSTNAME":"vm","_PID":"2","MESSAGE":"b"}
                {"__REALTIME_TIMESTAMP":"3","_PID":"3","_HOSTNAME":"vm","MESSAGE":"c"}
                {"__REALTIME_TIMESTAMP":"4","_HOSTNAME":"vm","_PID":["4","5"],"MESSAGE":"d"}
                """);
        FieldMap[] f = events.stream().map(e -> (FieldMap) e.fields()).toArray(FieldMap[]::new);
        assertThat(f[1].names()).isSameAs(f[0].names()).isSameAs(f[3].names());
        assertThat(f[2].names()).isNotSameAs(f[0].names()).containsExactly("_PID", "_HOSTNAME");
        assertThat(f[1].get("_HOSTNAME")).isSameAs(f[0].get("_HOSTNAME"));
        assertThat(f[3]).containsExactly(entry("_HOSTNAME", "vm"), entry("_PID", "[\"4\",\"5\"]"));
    }
}
