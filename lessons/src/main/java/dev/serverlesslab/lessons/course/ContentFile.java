package dev.serverlesslab.lessons.course;

import dev.serverlesslab.content.ContentException;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A file of the content folder together with the name authors know it by, e.g. {@code content/lessons/01-x.md}.
 *
 * @param path    where the file is on disk
 * @param shownAs the path used in error messages: the content folder's name, then the path inside it
 */
record ContentFile(Path path, String shownAs) {

    /** The file's text, read as UTF-8. */
    String read() {
        try {
            return Files.readString(path);
        } catch (MalformedInputException e) {
            throw new ContentException(shownAs, 0, "is not UTF-8 text; save it with UTF-8 encoding", e);
        } catch (NoSuchFileException e) {
            throw new ContentException(shownAs, 0, "file not found", e);
        } catch (IOException e) {
            throw new ContentException(shownAs, 0, "cannot be read: " + e.getMessage(), e);
        }
    }
}
