package receipts;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The receipts API behind an HTTP API: POST /receipts records a receipt waiting for its scan, GET /receipts/{id}
 * answers the receipt joined with its ledger entry.
 */
public class ReceiptsApi implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private static final String RECEIPTS = "/receipts";
    private static final String ONE_RECEIPT = "/receipts/";

    // Built once per execution environment, during init, and reused by every invocation it serves.
    private final DynamoDbClient dynamo = DynamoDbClient.create();
    private final String receipts = System.getenv("TABLE_NAME");
    private final String ledger = System.getenv("LEDGER_TABLE");

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
        // Everything is checked before anything is written: a refused request leaves no trace in the table.
        Map<String, Object> receipt;
        try {
            receipt = Json.parseObject(body);
        } catch (IllegalArgumentException e) {
            return respond(400, Map.of("error", e.getMessage()));
        }
        if (!(receipt.get("merchant") instanceof String merchant) || merchant.isBlank()) {
            return respond(400, Map.of("error", "merchant is required: a non-empty string"));
        }
        if (!(receipt.get("amount") instanceof BigDecimal amount) || amount.signum() <= 0) {
            return respond(400, Map.of("error", "amount is required: a number greater than 0"));
        }
        String receiptId = UUID.randomUUID().toString();
        dynamo.putItem(b -> b.tableName(receipts).conditionExpression("attribute_not_exists(receiptId)").item(Map.of(
                "receiptId", AttributeValue.fromS(receiptId),
                "merchant", AttributeValue.fromS(merchant),
                "amount", AttributeValue.fromN(amount.toPlainString()),
                "status", AttributeValue.fromS("PENDING"),
                "createdAt", AttributeValue.fromS(Instant.now().toString()))));
        return respond(201, Map.of("receiptId", receiptId, "status", "PENDING"));
    }

    private APIGatewayV2HTTPResponse read(String receiptId) {
        Map<String, AttributeValue> key = Map.of("receiptId", AttributeValue.fromS(receiptId));
        Map<String, AttributeValue> receipt = dynamo.getItem(b -> b.tableName(receipts).key(key).consistentRead(true))
                .item();
        if (receipt == null || receipt.isEmpty()) {
            return respond(404, Map.of("error", "There is no receipt " + receiptId));
        }
        Map<String, Object> answer = toJson(receipt);
        Map<String, AttributeValue> entry = dynamo.getItem(b -> b.tableName(ledger).key(key).consistentRead(true))
                .item();
        if (entry != null && entry.containsKey("recordedAt")) {
            answer.put("recordedAt", entry.get("recordedAt").s());
        }
        return respond(200, answer);
    }

    /** The request body as text: API Gateway base64-encodes bodies whose content type it does not treat as text. */
    private static String body(APIGatewayV2HTTPEvent event) {
        String body = event.getBody();
        if (body != null && event.getIsBase64Encoded()) {
            return new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
        }
        return body;
    }

    private static Map<String, Object> toJson(Map<String, AttributeValue> item) {
        Map<String, Object> json = new LinkedHashMap<>();
        item.forEach((name, value) -> json.put(name, value.n() != null ? new BigDecimal(value.n()) : value.s()));
        return json;
    }

    private static APIGatewayV2HTTPResponse respond(int status, Map<String, ?> body) {
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(status)
                .withHeaders(Map.of("Content-Type", "application/json"))
                .withBody(Json.write(body))
                .build();
    }
}
