package io.faultline.app;

import io.faultline.capture.SourceKind;
import picocli.CommandLine;

import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;

/** The formats a user may force on import: every parsable kind, by its id (journal-short) or enum name. */
final class FormatOption implements CommandLine.ITypeConverter<SourceKind>, Iterable<String> {
    @Override
    public SourceKind convert(String value) {
        String v = value.trim();
        for (SourceKind k : SourceKind.values()) {
            if (k.parsable() && (k.id().equalsIgnoreCase(v) || k.name().equalsIgnoreCase(v.replace('-', '_')))) {
                return k;
            }
        }
        throw new CommandLine.TypeConversionException("'" + value + "' is not a format; use one of: " + String.join(", ", this));
    }

    @Override
    public Iterator<String> iterator() {
        return Arrays.stream(SourceKind.values()).filter(SourceKind::parsable).map(k -> k.id().toLowerCase(Locale.ROOT)).iterator();
    }
}
