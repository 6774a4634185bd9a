package io.faultline.app;

import io.faultline.ui.Theme;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** {@code --theme dark|light}: the look of the workbench window or of a PNG export. */
final class ThemeOption {
    @Option(names = "--theme", paramLabel = "dark|light", converter = Converter.class,
            description = "dark or light (the window: default the one chosen last; png: default dark)")
    Theme theme;

    static final class Converter implements ITypeConverter<Theme> {
        @Override
        public Theme convert(String value) {
            try {
                return Theme.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
