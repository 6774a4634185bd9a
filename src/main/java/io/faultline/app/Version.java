package io.faultline.app;

import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The program version, from the build. */
final class Version implements CommandLine.IVersionProvider {
    static String current() {
        Properties p = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("version.properties unreadable", e);
        }
        return p.getProperty("version", "dev");
    }

    static String program() {
        return "faultline " + current();
    }

    @Override
    public String[] getVersion() {
        return new String[] {program(), "Java " + Runtime.version()};
    }
}
