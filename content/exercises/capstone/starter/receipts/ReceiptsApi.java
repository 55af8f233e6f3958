package receipts;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * The receipts API behind an HTTP API: POST /receipts records a receipt waiting for its scan, GET /receipts/{id}
 * answers the receipt joined with its ledger entry.
 */
public class ReceiptsApi implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private static final String RECEIPTS = "/receipts";
    private static final String ONE_RECEIPT = "/receipts/";

    // Your turn: a DynamoDbClient in a field, and the table names from TABLE_NAME and LEDGER_TABLE.

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        String method = event.getRequestContext().getHttp().getMethod();
        String path = event.getRawPath();
        context.getLogger().log(method + " " + path);
        if (RECEIPTS.equals(path) && "POST".equals(method)) {
            return create(body(event));
        }
        if (path.startsWith(ONE_RECEIPT) && path.length() > ONE_RECEIPT.length()
                && path.indexOf('/', ONE_RECEIPT.length()) < 0 && "GET".equals(method)) {
            return read(path.substring(ONE_RECEIPT.length()));
        }
        return respond(404, Map.of("error", "There is no " + method + " " + path + ": use POST /receipts or "
                + "GET /receipts/{id}"));
    }

    private APIGatewayV2HTTPResponse create(String body) {
        // Your turn: read the body with Json.parseObject and check all of it (merchant, amount) before writing anything;
        //  answer 400 with {"error": ...} for a bad one. Then store a PENDING receipt under a new receiptId and
        //  answer 201 with {"receiptId": ..., "status": "PENDING"}.
        return respond(501, Map.of("error", "POST /receipts is not written yet"));
    }

    private APIGatewayV2HTTPResponse read(String receiptId) {
        // Your turn: answer the receipt (404 when there is none), with recordedAt from its ledger entry once it has one.
        return respond(501, Map.of("error", "GET /receipts/" + receiptId + " is not written yet"));
    }

    /** The request body as text: API Gateway base64-encodes bodies whose content type it does not treat as text. */
    private static String body(APIGatewayV2HTTPEvent event) {
        String body = event.getBody();
        if (body != null && event.getIsBase64Encoded()) {
            return new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
        }
        return body;
    }

    private static APIGatewayV2HTTPResponse respond(int status, Map<String, ?> body) {
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(status)
                .withHeaders(Map.of("Content-Type", "application/json"))
                .withBody(Json.write(body))
                .build();
    }
}
