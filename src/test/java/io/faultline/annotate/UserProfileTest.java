package io.faultline.annotate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UserProfileTest {
    @TempDir
    Path dir;

    @Test
    void theAuthorIsSavedAndReadBackAndTheLoginNameStandsInWhenNoneIsSet() throws IOException {
        Path file = dir.resolve("cfg").resolve(UserProfile.FILE);
        assertThat(UserProfile.load(file).authorOr("root")).isEqualTo("root");
        new UserProfile("  Ada Lovelace ").save(file);
        assertThat(Files.readString(file)).contains("\"author\" : \"Ada Lovelace\"").contains("\"version\" : 1");
        assertThat(UserProfile.load(file).authorOr("root")).isEqualTo("Ada Lovelace");
    }

    @Test
    void aDamagedProfileOrABadNameIsNamedNotIgnored() throws IOException {
        Path file = dir.resolve(UserProfile.FILE);
        Files.writeString(file, "{\"author\": 42}");
        assertThatThrownBy(() -> UserProfile.load(file)).isInstanceOf(IOException.class).hasMessage(file + ": \"author\" is not a string");
        Files.writeString(file, "{\"author\": \"x");
        assertThatThrownBy(() -> UserProfile.load(file)).isInstanceOf(IOException.class).hasMessageStartingWith(file + ": not a JSON profile");
        Files.writeString(file, "{\"author\": \"two\\nlines\"}");
        assertThatThrownBy(() -> UserProfile.load(file)).isInstanceOf(IOException.class)
                .hasMessage(file + ": the author name holds a control character or a line break");
        assertThatThrownBy(() -> UserProfile.checkedAuthor(" ")).hasMessage("the author name is empty");
        assertThatThrownBy(() -> UserProfile.checkedAuthor("a".repeat(201))).hasMessage("the author name is longer than 200 characters");
    }
}
