package io.faultline.ingest;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Weekday names as {@code strftime("%a")} and {@code "%A"} print them under glibc's en, de, fr, es, ru and zh_CN
 * locales (checked with {@code LC_TIME=xx_XX.UTF-8 date} on glibc 2.36): {@code Thu}, {@code Do}, {@code jeu.},
 * {@code jue}, {@code Чт}, {@code 四}, the full names ({@code Donnerstag}, {@code четверг}, {@code 星期四}) and the
 * {@code 周四} form other Chinese clocks print. Matching ignores case and a trailing dot. {@code dmesg -T} and
 * journalctl's short-full output written under such a locale carry these names; the sibling of
 * {@link MonthNames}.
 */
final class WeekdayNames {
    /** Monday first, as {@link DayOfWeek}. */
    private static final List<List<String>> NAMES = List.of(
            List.of("mon", "monday", "mo", "montag", "lun", "lundi", "lunes", "пн", "понедельник", "一", "星期一", "周一"),
            List.of("tue", "tuesday", "di", "dienstag", "mar", "mardi", "martes", "вт", "вторник", "二", "星期二", "周二"),
            List.of("wed", "wednesday", "mi", "mittwoch", "mer", "mercredi", "mié", "mie", "miércoles", "miercoles",
                    "ср", "среда", "三", "星期三", "周三"),
            List.of("thu", "thursday", "do", "donnerstag", "jeu", "jeudi", "jue", "jueves", "чт", "четверг", "四", "星期四", "周四"),
            List.of("fri", "friday", "fr", "freitag", "ven", "vendredi", "vie", "viernes", "пт", "пятница", "五", "星期五", "周五"),
            List.of("sat", "saturday", "sa", "samstag", "sam", "samedi", "sáb", "sab", "sábado", "sabado",
                    "сб", "суббота", "六", "星期六", "周六"),
            List.of("sun", "sunday", "so", "sonntag", "dim", "dimanche", "dom", "domingo", "вс", "воскресенье",
                    "日", "星期日", "星期天", "周日"));
    private static final Map<String, DayOfWeek> BY_NAME = new HashMap<>();

    static {
        for (int d = 0; d < NAMES.size(); d++) {
            for (String n : NAMES.get(d)) {
                BY_NAME.put(n, DayOfWeek.of(d + 1));
            }
        }
    }

    /**
     * A regular expression (no groups of its own) matching any of the names, with an optional trailing dot; the
     * English abbreviations first, as most lines carry them, then every name case-insensitively, longest first.
     */
    static final String REGEX = LocalisedNames.regex("Mon|Tue|Wed|Thu|Fri|Sat|Sun", BY_NAME.keySet());

    private WeekdayNames() {
    }

    /** The day a name stands for, or null when it is none of them. */
    static DayOfWeek day(String name) {
        String n = LocalisedNames.key(name);
        return BY_NAME.get(n);
    }

    /**
     * Why a written weekday does not fit the date ({@code "'Fr' is a Friday but 2026-12-03 is a Thursday"}), or
     * null when it fits or is no weekday name known here (nothing to check).
     */
    static String mismatch(String name, LocalDate date) {
        DayOfWeek written = day(name);
        if (written == null || written == date.getDayOfWeek()) {
            return null;
        }
        return "weekday '" + name + "' is a " + written.getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " but " + date + " is a "
                + date.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
    }
}
