package checks;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.serverlesslab.graders.check.ApiClient;
import dev.serverlesslab.graders.check.ApiResponse;
import dev.serverlesslab.graders.check.Hidden;
import dev.serverlesslab.graders.check.Hint;
import dev.serverlesslab.graders.check.Points;
import dev.serverlesslab.graders.check.Resources;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The checks of the typed-api-events exercise: a notes API behind an HTTP API, with routing by method and path,
 * status codes, JSON bodies and base64-encoded request bodies; values are made up for every grading.
 */
class TypedApiEventsChecks {

    private static final String WARM_UP_PATH = "/notes/n-welcome";

    private static final String[] WORDS = {"river", "maple", "copper", "lantern", "orbit", "velvet", "harbor",
        "pixel", "thistle", "quartz", "meadow", "signal"};

    @Test
    @Order(1)
    @Points(2)
    @DisplayName("POST /notes answers 201 with the new note as JSON: a new noteId and the title and text sent")
    @Hint("Parse the body with Json.parseObject, store the note with PutItem and answer "
            + "APIGatewayV2HTTPResponse with statusCode 201 and a JSON body holding noteId, title and text.")
    void createsANote(ApiClient api) {
        warmUp(api);
        String title = randomTitle();
        String text = randomText();
        ApiResponse response = api.post("/notes", noteJson(title, text));
        JsonNode note = expectCreated(response, "POST /notes with " + noteJson(title, text));
        expectText(note, "title", title);
        expectText(note, "text", text);
        String type = response.header("Content-Type");
        if (type == null || !type.toLowerCase(Locale.ROOT).contains("json")) {
            fail("Expected the 201 answer to have the header Content-Type: application/json, but it had "
                    + (type == null ? "no Content-Type" : "Content-Type: " + type)
                    + ". Add it with withHeaders(Map.of(\"Content-Type\", \"application/json\")).");
        }
    }

    @Test
    @Order(2)
    @DisplayName("GET /notes/{noteId} answers 200 with a note created through POST /notes")
    void readsANoteItCreated(ApiClient api) {
        warmUp(api);
        String title = randomTitle();
        String text = randomText();
        String noteId = expectCreated(api.post("/notes", noteJson(title, text)), "POST /notes")
                .path("noteId").asText();
        ApiResponse response = api.get("/notes/" + noteId);
        expectStatus(response, 200, "GET /notes/" + noteId + " (a note just created)");
        JsonNode note = response.json();
        expectText(note, "noteId", noteId);
        expectText(note, "title", title);
        expectText(note, "text", text);
    }

    @Test
    @Order(3)
    @Points(2)
    @DisplayName("A body API Gateway hands over base64-encoded (isBase64Encoded: true) is decoded before it is read")
    @Hint("When event.getIsBase64Encoded() is true, event.getBody() is base64: decode it with "
            + "Base64.getDecoder() and read the bytes as UTF-8 before you parse the JSON.")
    void decodesABase64Body(ApiClient api) {
        warmUp(api);
        String title = randomTitle();
        String text = randomText() + " – café ✓";
        String json = noteJson(title, text);
        // API Gateway treats application/octet-stream as binary and hands the body to the function in base64.
        ApiResponse response = api.send("POST", "/notes", Map.of("Content-Type", "application/octet-stream"), json);
        JsonNode note = expectCreated(response,
                "POST /notes with Content-Type: application/octet-stream (the event's body is base64: "
                        + Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8)) + ")");
        expectText(note, "title", title);
        expectText(note, "text", text);
    }

    @Test
    @Order(4)
    @DisplayName("POST /notes answers 400 with a JSON message for a body that is not JSON, a missing text or a "
            + "blank title, and stores nothing")
    void rejectsBadNotes(ApiClient api, DynamoDbClient dynamo, Resources resources) {
        warmUp(api);
        // The table is scanned for this title below, so it must be one no other check can create: the notes the
        // earlier checks rightly stored draw from the same words, and a title shared with one of them (1 in 43,200)
        // failed a correct solution. "rejected" is not among the words, so this title is never drawn elsewhere.
        String title = "rejected " + randomTitle();
        for (String body : new String[] {
                "title=" + title,
                "{\"title\":\"" + title + "\"",
                "{\"title\":\"" + title + "\"}",
                "{\"title\":\"  \",\"text\":\"" + randomText() + "\"}"}) {
            ApiResponse response = api.post("/notes", body);
            expectStatus(response, 400, "POST /notes with the body " + body);
            expectMessage(response, "POST /notes with the body " + body);
        }
        long stored = dynamo.scan(b -> b.tableName(resources.table("notes"))).items().stream()
                .filter(item -> item.containsKey("title") && title.equals(item.get("title").s()))
                .count();
        if (stored > 0) {
            fail("A bad note with the title " + title + " was answered 400 but still written to the table: "
                    + "validate the body before PutItem.");
        }
    }

    @Test
    @Order(5)
    @DisplayName("Answers 404 with a JSON message for a note that does not exist and for a path the API does not have")
    void answers404(ApiClient api) {
        warmUp(api);
        String missing = "/notes/" + UUID.randomUUID();
        ApiResponse response = api.get(missing);
        expectStatus(response, 404, "GET " + missing + " (no such note)");
        expectMessage(response, "GET " + missing);
        String unknown = "/" + WORDS[ThreadLocalRandom.current().nextInt(WORDS.length)] + "s";
        response = api.get(unknown);
        expectStatus(response, 404, "GET " + unknown + " (a path the notes API does not have)");
        expectMessage(response, "GET " + unknown);
    }

    @Test
    @Order(6)
    @Points(2)
    @DisplayName("Answers 405 with an Allow header naming the right method when a known path gets the wrong one")
    @Hint("Route on the path first, then on the method: /notes exists but only for POST, /notes/{noteId} only for "
            + "GET. A wrong method on a path that exists is 405 Method Not Allowed, and HTTP wants an Allow header.")
    void answers405(ApiClient api) {
        warmUp(api);
        String notePath = "/notes/" + UUID.randomUUID();
        expect405(api.send("DELETE", notePath, Map.of(), null), "DELETE " + notePath, "GET");
        expect405(api.put(notePath, noteJson(randomTitle(), randomText())), "PUT " + notePath, "GET");
        expect405(api.get("/notes"), "GET /notes", "POST");
    }

    @Test
    @Order(7)
    @Hidden
    @Points(2)
    @DisplayName("GET reads from the table: a note written there by another program is found, and the seeded note too")
    void readsNotesWrittenByOthers(ApiClient api, DynamoDbClient dynamo, Resources resources) {
        warmUp(api);
        String noteId = "n-" + UUID.randomUUID();
        String title = randomTitle();
        dynamo.putItem(b -> b.tableName(resources.table("notes")).item(Map.of(
                "noteId", AttributeValue.fromS(noteId),
                "title", AttributeValue.fromS(title),
                "text", AttributeValue.fromS("written without the API"),
                "createdAt", AttributeValue.fromS("2026-12-02T08:00:00Z"))));
        ApiResponse response = api.get("/notes/" + noteId);
        expectStatus(response, 200, "GET /notes/" + noteId + " (a note put into the table directly)");
        expectText(response.json(), "title", title);
        response = api.get("/notes/n-welcome");
        expectStatus(response, 200, "GET /notes/n-welcome (the note that was in the table before the function ran)");
        expectText(response.json(), "title", "Welcome");
    }

    private static void expect405(ApiResponse response, String call, String allowed) {
        expectStatus(response, 405, call);
        String allow = response.header("Allow");
        if (allow == null || !allow.toUpperCase(Locale.ROOT).contains(allowed)) {
            fail("Expected " + call + " to answer 405 with the header Allow: " + allowed + " (the method that path "
                    + "accepts), but " + (allow == null ? "there was no Allow header" : "it was Allow: " + allow));
        }
        expectMessage(response, call);
    }

    private static JsonNode expectCreated(ApiResponse response, String call) {
        expectStatus(response, 201, call);
        JsonNode note = response.json();
        if (!note.path("noteId").isTextual() || note.path("noteId").asText().isBlank()) {
            fail("Expected the created note to have a non-empty text noteId, but " + call + " answered "
                    + response.body());
        }
        return note;
    }

    private static void expectStatus(ApiResponse response, int expected, String call) {
        if (response.status() != expected) {
            fail("Expected " + call + " to answer " + expected + ", but it answered " + response.status()
                    + " with the body " + response.body());
        }
    }

    private static void expectMessage(ApiResponse response, String call) {
        JsonNode body;
        try {
            body = response.json();
        } catch (IllegalStateException e) {
            fail("Expected the answer to " + call + " to be a JSON object with a message, but the body was not JSON: "
                    + response.body());
            return;
        }
        if (!body.path("message").isTextual() || body.path("message").asText().isBlank()) {
            fail("Expected the answer to " + call + " to be a JSON object with a message saying what is wrong, "
                    + "but the body was " + response.body());
        }
    }

    private static void expectText(JsonNode object, String field, String expected) {
        if (!expected.equals(object.path(field).asText(null))) {
            fail("Expected \"" + field + "\": \"" + expected + "\" in " + object);
        }
    }

    private static String randomTitle() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return WORDS[random.nextInt(WORDS.length)] + " " + WORDS[random.nextInt(WORDS.length)] + " "
                + random.nextInt(100, 1000);
    }

    private static String randomText() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "remember the " + WORDS[random.nextInt(WORDS.length)] + " at " + random.nextInt(1, 13) + " o'clock";
    }

    private static String noteJson(String title, String text) {
        return "{\"title\":\"" + title + "\",\"text\":\"" + text + "\"}";
    }

    private static boolean warm;

    /**
     * The first request starts the function's execution environment (a cold start). On a busy grading machine the
     * init phase may overrun Lambda's 10 s limit; one more try then gives a fair start. Runs once per grading.
     */
    private static void warmUp(ApiClient api) {
        for (int attempt = 0; !warm && attempt < 3; attempt++) {
            warm = api.get(WARM_UP_PATH).status() < 500;
        }
        warm = true;
    }
}
