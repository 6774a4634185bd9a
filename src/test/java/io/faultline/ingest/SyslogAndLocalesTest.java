package io.faultline.ingest;

import io.faultline.capture.SourceKind;
import io.faultline.model.Diagnostic;
import io.faultline.model.EpochNanos;
import io.faultline.model.Event;
import io.faultline.model.Evidence;
import io.faultline.model.TimeWindow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static io.faultline.ingest.TestBundles.entry;
import static io.faultline.ingest.TestBundles.host;
import static org.assertj.core.api.Assertions.assertThat;

/** Generic syslog (RFC 5424, RFC 3164, /var/log/syslog) and month names of other locales. */
class SyslogAndLocalesTest {
    @TempDir
    Path dir;

    /** {@code %b} and {@code %B} for January..December as glibc 2.36 prints them ({@code LC_TIME=xx_XX.UTF-8 date}). */
    private static final Map<String, String> GLIBC = Map.of(
            "de_DE %b", "Jan Feb Mär Apr Mai Jun Jul Aug Sep Okt Nov Dez",
            "de_DE %B", "Januar Februar März April Mai Juni Juli August September Oktober November Dezember",
            "fr_FR %b", "janv. févr. mars avril mai juin juil. août sept. oct. nov. déc.",
            "fr_FR %B", "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
            "es_ES %b", "ene feb mar abr may jun jul ago sep oct nov dic",
            "es_ES %B", "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
            "ru_RU %b", "янв фев мар апр мая июн июл авг сен окт ноя дек",
            "ru_RU %OB", "Январь Февраль Март Апрель Май Июнь Июль Август Сентябрь Октябрь Ноябрь Декабрь",
            "zh_CN %b", "1月 2月 3月 4月 5月 6月 7月 8月 9月 10月 11月 12月",
            "zh_CN %B", "一月 二月 三月 四月 五月 六月 七月 八月 九月 十月 十一月 十二月");

    @Test
    void everyGlibcMonthNameIsItsMonth() {
        GLIBC.forEach((locale, names) -> {
            String[] n = names.split(" ");
            assertThat(n).hasSize(12);
            for (int i = 0; i < 12; i++) {
                assertThat(MonthNames.month(n[i])).as("%s %s", locale, n[i]).isEqualTo(i + 1);
                assertThat(n[i]).as("%s %s against the regex", locale, n[i]).matches(MonthNames.REGEX);
            }
        });
        assertThat(MonthNames.month("Oct")).isEqualTo(10);
        assertThat(MonthNames.month("OKT")).isEqualTo(10);
        assertThat(MonthNames.month("sept")).isEqualTo(9);
        assertThat(MonthNames.month("Thu")).isZero();
        assertThat(MonthNames.month("")).isZero();
    }

    /** {@code %a} and {@code %A} for Monday..Sunday as glibc 2.36 prints them ({@code LC_TIME=xx_XX.UTF-8 date}). */
    private static final Map<String, String> GLIBC_DAYS = Map.of(
            "C %a", "Mon Tue Wed Thu Fri Sat Sun",
            "C %A", "Monday Tuesday Wednesday Thursday Friday Saturday Sunday",
            "de_DE %a", "Mo Di Mi Do Fr Sa So",
            "de_DE %A", "Montag Dienstag Mittwoch Donnerstag Freitag Samstag Sonntag",
            "fr_FR %a", "lun. mar. mer. jeu. ven. sam. dim.",
            "fr_FR %A", "lundi mardi mercredi jeudi vendredi samedi dimanche",
            "es_ES %a", "lun mar mié jue vie sáb dom",
            "es_ES %A", "lunes martes miércoles jueves viernes sábado domingo",
            "ru_RU %a %A", "Пн Вт Ср Чт Пт Сб Вс Понедельник Вторник Среда Четверг Пятница Суббота Воскресенье",
            "zh_CN %a %A", "一 二 三 四 五 六 日 星期一 星期二 星期三 星期四 星期五 星期六 星期日");

    @Test
    void everyGlibcWeekdayNameIsItsDay() {
        GLIBC_DAYS.forEach((locale, names) -> {
            String[] n = names.split(" ");
            for (int i = 0; i < n.length; i++) {
                assertThat(WeekdayNames.day(n[i])).as("%s %s", locale, n[i]).isEqualTo(java.time.DayOfWeek.of(i % 7 + 1));
                assertThat(n[i]).as("%s %s against the regex", locale, n[i]).matches(WeekdayNames.REGEX);
            }
        });
        assertThat(WeekdayNames.day("周四")).isEqualTo(java.time.DayOfWeek.THURSDAY);
        assertThat(WeekdayNames.day("Dez")).isNull();
        assertThat(WeekdayNames.mismatch("jeu.", java.time.LocalDate.of(2026, 12, 3))).isNull();
        assertThat(WeekdayNames.mismatch("Пт", java.time.LocalDate.of(2026, 12, 3)))
                .isEqualTo("weekday 'Пт' is a Friday but 2026-12-03 is a Thursday");
    }

    /** Real {@code journalctl} short and short-precise output under de, fr, es, ru and zh_CN (localedef-made locales). */
    @Test
    void journalShortUnderOtherLocales() throws Exception {
        Evidence ev = TestBundles.ingest(dir, "2026-12-03T19:00:00Z", "2026-12-03T20:00:00Z", List.of(host("vm", "UTC", 0)),
                List.of(entry("journal-short-locales.txt", "vm", SourceKind.UNKNOWN)));
        assertThat(ev.sources()).singleElement().satisfies(s -> assertThat(s.kind()).isEqualTo("journal-short"));
        assertThat(ev.events()).hasSize(10).allSatisfy(e -> assertThat(e.identifier()).isEqualTo("dockerd"));
        assertThat(ev.events()).extracting(e -> EpochNanos.iso(e.timeNanos())).containsExactly(
                "2026-12-03T19:22:46.000000000Z", "2026-12-03T19:22:46.000000000Z", "2026-12-03T19:22:46.000000000Z",
                "2026-12-03T19:22:46.000000000Z", "2026-12-03T19:22:46.000000000Z", "2026-12-03T19:22:49.097639000Z",
                "2026-12-03T19:22:49.097639000Z", "2026-12-03T19:22:49.097639000Z", "2026-12-03T19:22:49.097639000Z",
                "2026-12-03T19:22:49.097639000Z");
        assertThat(ev.events()).extracting(Event::timeText).contains("Dez 03 19:22:46", "déc. 03 19:22:49.097639", "12月 03 19:22:46",
                "дек 03 19:22:49.097639", "dic 03 19:22:46");
    }

    @Test
    void rfc5424AndRfc3164FromLogger() throws Exception {
        Evidence ev = TestBundles.ingest(dir, "2026-12-03T19:00:00Z", "2026-12-03T20:00:00Z", List.of(host("vm", "UTC", 0)),
                List.of(entry("syslog-5424.log", "vm", SourceKind.UNKNOWN)));
        assertThat(ev.sources()).singleElement().satisfies(s -> assertThat(s.kind()).isEqualTo("syslog"));
        Event first = ev.events().stream().filter(e -> "18395".equals(e.fields().get("_PID"))).findFirst().orElseThrow();
        assertThat(first.identifier()).isEqualTo("app");
        assertThat(first.fields()).containsEntry("_PID", "18395").containsEntry("MSGID", "ID47")
                .containsEntry("SD.timeQuality.tzKnown", "1").containsEntry("SD.exampleSDID@32473.iut", "3")
                .containsEntry("SD.exampleSDID@32473.eventID", "1011").containsEntry("SYSLOG_FACILITY", "local4");
        assertThat(first.message()).isEqualTo("An application event log entry, with: colons, commas");
        assertThat(ev.events()).filteredOn(e -> "healthd".equals(e.identifier())).singleElement().satisfies(e -> {
            assertThat(e.fields()).containsEntry("SD.meta@32473.note", "a \"quoted\" ] bracket");
            assertThat(e.severity().name()).isEqualTo("ERR");
        });
        assertThat(ev.events()).filteredOn(e -> "evntslog".equals(e.identifier())).singleElement()
                .satisfies(e -> assertThat(e.message()).isEqualTo("An application event log entry..."));
        assertThat(ev.events()).filteredOn(e -> "dockerd".equals(e.identifier())).singleElement()
                .satisfies(e -> assertThat(e.containerId()).isEqualTo("50039a09466fcd1e1cb6a0dd776d846f7d494868127903d6982b7f65e02d536b"));
        EvidenceJson.assertMatches(ev, "syslog-5424");
    }

    @Test
    void varLogSyslogWithoutPri() throws Exception {
        Evidence ev = TestBundles.ingest(dir, "2026-12-03T19:00:00Z", "2026-12-03T20:00:00Z", List.of(host("vm", "UTC", 0)),
                List.of(entry("syslog-traditional.log", "vm", SourceKind.UNKNOWN)));
        assertThat(ev.sources()).singleElement().satisfies(s -> assertThat(s.kind()).isEqualTo("syslog"));
        assertThat(ev.events()).filteredOn(e -> "systemd".equals(e.identifier())).singleElement().satisfies(e -> {
            assertThat(e.unit()).isEqualTo("docker.service");
            assertThat(e.message()).endsWith("status=1/FAILURE\ncontinuation of the previous message");
        });
        assertThat(ev.events()).filteredOn(e -> e.message().startsWith("localised month")).extracting(e -> EpochNanos.iso(e.timeNanos()))
                .containsExactly("2026-12-03T19:23:50.000000000Z", "2026-12-03T19:23:51.000000000Z", "2026-12-03T19:23:52.000000000Z",
                        "2026-12-03T19:23:53.000000000Z");
        EvidenceJson.assertMatches(ev, "syslog-traditional");
    }

    @Test
    void decemberLinesInAJanuaryWindowAndNilTimes() {
        EntryContext ctx = new EntryContext("e", "h", ZoneId.of("Europe/Berlin"), true, 0,
                new TimeWindow(EpochNanos.of(Instant.parse("2025-12-31T22:00:00Z")), EpochNanos.of(Instant.parse("2026-01-01T02:00:00Z"))),
                null, null, null);
        Collector out = new Collector();
        out.beginEntry();
        new SyslogParser().parse(ctx, ("<13>1 - h a - - - before any time\n"
                + "<14>Dec 31 23:59:59 h a: old year\n"
                + "<14>Jan  1 00:00:01 h a: new year\n"
                + "<14>1 - h a - - - same as the line before\n").getBytes(StandardCharsets.UTF_8), out);
        out.endEntry();
        assertThat(out.events()).extracting(e -> EpochNanos.iso(e.timeNanos()) + " " + e.message()).containsExactly(
                "2025-12-31T22:59:59.000000000Z old year", "2025-12-31T23:00:01.000000000Z new year",
                "2025-12-31T23:00:01.000000000Z same as the line before");
        assertThat(out.diagnostics()).extracting(Diagnostic::describe).containsExactly(
                "WARNING e line 1 byte 0: RFC 5424 line without a time (NILVALUE '-') and no earlier line to place it by; skipped",
                "INFO e line 4 byte 102: RFC 5424 line without a time (NILVALUE '-'): placed at the time of line 3",
                "INFO e: syslog lines carry no year: year 2025, 2026 taken from the capture window; times read in zone Europe/Berlin");
    }

    @Test
    void syslogIsDetectedByContentWithPriAndByNameWithout() {
        byte[] pri = "<34>Oct 11 22:14:15 mymachine su: 'su root' failed\n".getBytes(StandardCharsets.UTF_8);
        byte[] plain = "Oct 11 22:14:15 mymachine su: 'su root' failed\n".getBytes(StandardCharsets.UTF_8);
        assertThat(FormatDetector.detect("x.txt", pri)).isEqualTo(SourceKind.SYSLOG);
        assertThat(FormatDetector.detect("x.txt", plain)).isEqualTo(SourceKind.JOURNAL_SHORT);
        assertThat(FormatDetector.detect("var/log/syslog.1", plain)).isEqualTo(SourceKind.SYSLOG);
        assertThat(FormatDetector.detect("messages", plain)).isEqualTo(SourceKind.SYSLOG);
    }

    /** No window: the year of yearless syslog lines comes from the bundle's dated sources, as for journal short. */
    @Test
    void withoutAWindowTheYearComesFromDatedSources() throws Exception {
        Evidence ev = TestBundles.ingest(dir, null, null, List.of(host("web1", "UTC", 0)), List.of(
                entry("journal.jsonl", "web1", SourceKind.JOURNAL_JSON),
                new TestBundles.Entry("raw/web1/syslog", "web1", SourceKind.SYSLOG,
                        "Oct  5 15:00:00 web1 app[1]: yearless\n".getBytes(StandardCharsets.UTF_8))));
        assertThat(ev.events()).filteredOn(e -> e.source().equals("syslog")).singleElement()
                .satisfies(e -> assertThat(EpochNanos.iso(e.timeNanos())).isEqualTo("2025-10-05T15:00:00.000000000Z"));
    }
}
