package dev.serverlesslab.emulator.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.serverlesslab.emulator.core.AwsException;
import dev.serverlesslab.emulator.http.AwsJson;
import dev.serverlesslab.emulator.http.AwsQuery;
import dev.serverlesslab.emulator.http.AwsRequest;
import dev.serverlesslab.emulator.http.AwsResponse;
import dev.serverlesslab.emulator.http.AwsService;
import dev.serverlesslab.emulator.http.Operations;
import dev.serverlesslab.emulator.http.Protocol;
import dev.serverlesslab.emulator.http.RequiredMembers;
import java.util.List;
import java.util.Map;

/**
 * SQS's two wire formats on one backend: awsJson 1.0 ({@code X-Amz-Target: AmazonSQS.<Operation>}, what SDK v2 and
 * current CLIs send) and the query protocol ({@code Action=...} form posts to {@code /} or to a queue URL, with XML
 * answers) that older clients send. Errors carry the JSON shape name, plus the query code in
 * {@code x-amzn-query-error} as AWS sends it for query-compatible clients.
 */
public final class SqsHandler implements AwsService {

    private static final String TARGET_PREFIX = "AmazonSQS";

    private final SqsBackend backend;
    private final SqsOperations operations;
    private final AwsJson json = new AwsJson(Protocol.AWS_JSON_1_0, TARGET_PREFIX);
    private final AwsQuery query = new AwsQuery(QueryCodec.NAMESPACE);
    private final Operations<SqsOperations.Operation> jsonOperations;
    private final Operations<SqsOperations.Operation> queryOperations;

    public SqsHandler(SqsBackend backend) {
        this.backend = backend;
        this.operations = new SqsOperations(backend);
        this.jsonOperations = operations.table();
        this.queryOperations = jsonOperations.inProtocol(Protocol.QUERY, "SQS");
    }

    /** The operations served, as the table both wire formats dispatch by holds them. */
    @Override
    public List<String> operations() {
        return jsonOperations.supported();
    }

    public SqsBackend backend() {
        return backend;
    }

    @Override
    public String signingName() {
        return "sqs";
    }

    @Override
    public Protocol protocol() {
        return Protocol.AWS_JSON_1_0;
    }

    @Override
    public List<String> targetPrefixes() {
        return List.of(TARGET_PREFIX);
    }

    @Override
    public AwsResponse handle(AwsRequest request) {
        return request.header("X-Amz-Target") != null ? handleJson(request) : handleQuery(request);
    }

    private AwsResponse handleJson(AwsRequest request) {
        try {
            String name = json.operation(request);
            SqsOperations.Operation operation = jsonOperations.find(name);
            JsonNode body = json.body(request);
            jsonOperations.check(name, RequiredMembers.inJson(body));
            return json.ok(operations.call(operation, request.scope(), baseUrl(request), body));
        } catch (AwsException e) {
            return Protocol.AWS_JSON_1_0.error(e).withHeader("x-amzn-query-error",
                    SqsErrors.queryCode(e.code()) + ";" + (e.isServerFault() ? "Receiver" : "Sender"));
        }
    }

    private AwsResponse handleQuery(AwsRequest request) {
        try {
            Map<String, String> parameters = query.parameters(request);
            String action = query.operation(parameters);
            SqsOperations.Operation operation = queryOperations.find(action);
            ObjectNode body = QueryCodec.toJson(parameters, action);
            List<String> segments = request.segments();
            if (!body.has("QueueUrl") && segments.size() >= 2) {
                // Old clients post to the queue's URL and leave QueueUrl out.
                body.put("QueueUrl", baseUrl(request) + "/" + String.join("/", segments));
            }
            queryOperations.check(action, RequiredMembers.inJson(body));
            Map<String, Object> result = operations.call(operation, request.scope(), baseUrl(request), body);
            return new AwsResponse(200, Map.of("Content-Type", Protocol.QUERY.contentType()),
                    QueryCodec.toXml(action, result, request.requestId()));
        } catch (AwsException e) {
            return Protocol.QUERY.error(new AwsException(SqsErrors.queryCode(e.code()), e.getMessage(),
                    e.httpStatus()));
        }
    }

    /** {@code http://host:port} as the client addressed the emulator, so queue URLs work from where it stands. */
    private static String baseUrl(AwsRequest request) {
        String host = request.header("Host");
        return "http://" + (host == null || host.isBlank() ? "localhost:" + request.peer().serverPort() : host);
    }
}
