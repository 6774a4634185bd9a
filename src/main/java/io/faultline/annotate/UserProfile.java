package io.faultline.annotate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Who the user is, as notes record it: the author name set once and used by the window and the command line alike.
 * Kept in its own small file ({@code profile.json} in the settings folder, decision 0009) so that the window's layout
 * file and this one never overwrite each other.
 *
 * @param author the name notes are signed with; blank when never set
 */
public record UserProfile(String author) {
    public static final String FILE = "profile.json";
    private static final int VERSION = 1;
    private static final int MAX_AUTHOR = 200;
    private static final ObjectMapper JSON = new ObjectMapper();

    public UserProfile {
        author = author == null ? "" : author.strip();
    }

    /** The author to sign notes with: the profile's, else {@code fallback} (the login name). */
    public String authorOr(String fallback) {
        return author.isEmpty() ? (fallback == null ? "" : fallback) : author;
    }

    /** Checks a name before it is stored: not blank, no control characters, at most 200 characters. */
    public static String checkedAuthor(String name) {
        String n = name == null ? "" : name.strip();
        if (n.isEmpty()) {
            throw new IllegalArgumentException("the author name is empty");
        }
        if (n.length() > MAX_AUTHOR) {
            throw new IllegalArgumentException("the author name is longer than " + MAX_AUTHOR + " characters");
        }
        if (n.chars().anyMatch(c -> Character.isISOControl(c) || c == '\u2028' || c == '\u2029')) {
            throw new IllegalArgumentException("the author name holds a control character or a line break");
        }
        return n;
    }

    /**
     * The profile in {@code file}: empty when the file does not exist. A file that is not a profile is an
     * {@link IOException} naming it, so a typo in it is seen rather than notes quietly signed by someone else.
     */
    public static UserProfile load(Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return new UserProfile("");
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IOException(file + ": not a JSON profile (" + e.getOriginalMessage() + ")", e);
        }
        if (root == null || !root.isObject()) {
            throw new IOException(file + ": holds no JSON object, so no profile");
        }
        JsonNode a = root.get("author");
        if (a == null || a.isNull()) {
            return new UserProfile("");
        }
        if (!a.isTextual()) {
            throw new IOException(file + ": \"author\" is not a string");
        }
        try {
            return new UserProfile(a.asText().isBlank() ? "" : checkedAuthor(a.asText()));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /** Writes the profile through a temporary sibling moved over {@code file}, so a reader never sees half of it. */
    public void save(Path file) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", VERSION);
        root.put("author", author);
        byte[] bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
        SettingsFiles.replace(file, bytes);
    }
}
