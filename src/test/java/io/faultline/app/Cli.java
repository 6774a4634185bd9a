package io.faultline.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.faultline.capture.Json;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/** Runs the real command tree in-process, capturing what it prints. */
record Cli(int code, String out, String err) {
    static Cli run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Cli(code, out.toString(), err.toString());
    }

    JsonNode json() {
        try {
            return Json.mapper().readTree(out);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + out + "\nstderr: " + err, e);
        }
    }
}
