package notes;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A notes API behind an HTTP API (payload format 2.0), written with the typed events of aws-lambda-java-events:
 * POST /notes creates a note, GET /notes/{noteId} reads one; the notes are kept in DynamoDB.
 */
public class NotesHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    // Built once per execution environment, during init, and reused by every invocation it serves.
    private final DynamoDbClient dynamo = DynamoDbClient.create();
    private final String table = System.getenv("TABLE_NAME");

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        String method = event.getRequestContext().getHttp().getMethod();
        String path = event.getRawPath();
        context.getLogger().log(method + " " + path);

        // Your turn:
        //  1. route POST /notes to creating a note and GET /notes/{noteId} to reading one;
        //  2. answer 405 with an Allow header for a known path with another method, 404 for any other path;
        //  3. read the body as text, decoding it first when event.getIsBase64Encoded() is true;
        //  4. create: 400 for a body that is not JSON or lacks title/text, else PutItem and 201 with the note;
        //  5. read: GetItem by noteId, 200 with the note or 404.
        return respond(501, Map.of(), Map.of("message", "the notes API is not written yet"));
    }

    private static APIGatewayV2HTTPResponse respond(int status, Map<String, String> headers, Map<String, ?> body) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("Content-Type", "application/json");
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(status)
                .withHeaders(all)
                .withBody(Json.write(body))
                .build();
    }
}
