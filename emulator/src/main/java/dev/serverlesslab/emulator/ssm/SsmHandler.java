package dev.serverlesslab.emulator.ssm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.serverlesslab.emulator.core.AccountRegion;
import dev.serverlesslab.emulator.http.AwsJson;
import dev.serverlesslab.emulator.http.AwsRequest;
import dev.serverlesslab.emulator.http.AwsResponse;
import dev.serverlesslab.emulator.http.AwsService;
import dev.serverlesslab.emulator.http.Operations;
import dev.serverlesslab.emulator.http.Protocol;
import dev.serverlesslab.emulator.http.RequiredMembers;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Parameter Store's awsJson 1.1 wire format: maps {@code X-Amz-Target: AmazonSSM.<Operation>} requests to
 * {@link SsmBackend} calls and their results back to SSM's JSON shapes.
 */
public final class SsmHandler implements AwsService {

    private final SsmBackend backend;
    private final AwsJson wire = new AwsJson(Protocol.AWS_JSON_1_1, "AmazonSSM");
    private final Operations<Operation> operations = new Operations<>(Protocol.AWS_JSON_1_1, "AmazonSSM",
            RequiredMembers.of("ssm", RequiredMembers.coral("ValidationException")));

    /** One operation: reads the request in the caller's scope, calls the backend, returns the answer's members. */
    private interface Operation extends BiFunction<AccountRegion, SsmRequest, Map<String, ?>> {
    }

    public SsmHandler(SsmBackend backend) {
        this.backend = backend;
        operations.add("PutParameter", this::putParameter);
        operations.add("GetParameter", (scope, in) ->
                Map.of("Parameter", parameter(backend.getParameter(scope, in.text("Name"),
                in.flag("WithDecryption")))));
        operations.add("GetParameters", this::getParameters);
        operations.add("DeleteParameter", this::deleteParameter);
        operations.add("DeleteParameters", this::deleteParameters);
        operations.add("GetParametersByPath", this::getParametersByPath);
        operations.add("DescribeParameters", this::describeParameters);
        operations.add("GetParameterHistory", this::getParameterHistory);
        operations.add("LabelParameterVersion", (scope, in) -> {
            ParameterLabels.Labelled labelled = backend.labelParameterVersion(scope, in.text("Name"),
                    in.whole("ParameterVersion"), in.texts("Labels"));
            return Map.of("InvalidLabels", labelled.invalid(), "ParameterVersion", labelled.version());
        });
        operations.add("UnlabelParameterVersion", (scope, in) -> {
            ParameterLabels.Unlabelled unlabelled = backend.unlabelParameterVersion(scope, in.text("Name"),
                    in.whole("ParameterVersion"), in.texts("Labels"));
            return Map.of("RemovedLabels", unlabelled.removed(), "InvalidLabels", unlabelled.invalid());
        });
        operations.add("AddTagsToResource", (scope, in) -> {
            backend.addTagsToResource(scope, in.text("ResourceType"), in.text("ResourceId"), in.tags("Tags"));
            return Map.of();
        });
        operations.add("RemoveTagsFromResource", (scope, in) -> {
            backend.removeTagsFromResource(scope, in.text("ResourceType"), in.text("ResourceId"),
                    in.texts("TagKeys"));
            return Map.of();
        });
        operations.add("ListTagsForResource", (scope, in) -> Map.of("TagList", backend.listTagsForResource(scope,
                in.text("ResourceType"), in.text("ResourceId")).entrySet().stream()
                .map(tag -> Map.of("Key", tag.getKey(), "Value", tag.getValue())).toList()));
    }

    @Override
    public String signingName() {
        return "ssm";
    }

    @Override
    public Protocol protocol() {
        return Protocol.AWS_JSON_1_1;
    }

    @Override
    public List<String> targetPrefixes() {
        return List.of("AmazonSSM");
    }

    @Override
    public AwsResponse handle(AwsRequest request) {
        String name = wire.operation(request);
        Operation operation = operations.find(name);
        JsonNode body = wire.body(request);
        operations.check(name, RequiredMembers.inJson(body));
        SsmRequest in = new SsmRequest(body);
        return wire.ok(operation.apply(request.scope(), in));
    }

    /** The operations served, as the table that dispatches them holds them. */
    @Override
    public List<String> operations() {
        return operations.supported();
    }

    private Map<String, Object> putParameter(AccountRegion scope, SsmRequest in) {
        String type = in.text("Type");
        ParameterVersion version = backend.putParameter(scope, new PutRequest(in.text("Name"), in.text("Value"),
                type == null ? null : ParameterTypes.parse(type, "Type"), in.text("Description"), in.text("KeyId"),
                in.flag("Overwrite"), in.tags("Tags")));
        return Map.of("Version", version.version(), "Tier", "Standard");
    }

    private Map<String, Object> getParameters(AccountRegion scope, SsmRequest in) {
        Lookup lookup = backend.getParameters(scope, in.texts("Names"), in.flag("WithDecryption"));
        return Map.of("Parameters", lookup.found().stream().map(SsmHandler::parameter).toList(),
                "InvalidParameters", lookup.invalid());
    }

    private Map<String, Object> deleteParameter(AccountRegion scope, SsmRequest in) {
        backend.deleteParameter(scope, in.text("Name"));
        return Map.of();
    }

    private Map<String, Object> deleteParameters(AccountRegion scope, SsmRequest in) {
        List<String> names = in.texts("Names");
        List<String> invalid = backend.deleteParameters(scope, names);
        return Map.of("DeletedParameters", names.stream().filter(name -> !invalid.contains(name)).toList(),
                "InvalidParameters", invalid);
    }

    private Map<String, Object> getParametersByPath(AccountRegion scope, SsmRequest in) {
        Page<Parameter> page = backend.getParametersByPath(scope, in.text("Path"), in.flag("Recursive"),
                in.filters("ParameterFilters"), in.flag("WithDecryption"), in.number("MaxResults"),
                in.text("NextToken"));
        return page(page.items().stream().map(SsmHandler::parameter).toList(), page.nextToken(), "Parameters");
    }

    private Map<String, Object> describeParameters(AccountRegion scope, SsmRequest in) {
        Page<ParameterVersion> page = backend.describeParameters(scope, in.filters("ParameterFilters"),
                in.number("MaxResults"), in.text("NextToken"));
        return page(page.items().stream().map(SsmHandler::metadata).toList(), page.nextToken(), "Parameters");
    }

    private Map<String, Object> getParameterHistory(AccountRegion scope, SsmRequest in) {
        Page<Parameter> page = backend.getParameterHistory(scope, in.text("Name"), in.flag("WithDecryption"),
                in.number("MaxResults"), in.text("NextToken"));
        List<Map<String, Object>> history = page.items().stream().map(p -> {
            Map<String, Object> out = metadata(p.version());
            out.remove("ARN");
            out.put("Value", p.value());
            out.put("Labels", p.labels());
            return out;
        }).toList();
        return page(history, page.nextToken(), "Parameters");
    }

    private static Map<String, Object> page(List<?> items, String nextToken, String field) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(field, items);
        out.put("NextToken", nextToken);
        return out;
    }

    private static Map<String, Object> parameter(Parameter parameter) {
        ParameterVersion version = parameter.version();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("Name", version.name());
        out.put("Type", version.type().name());
        out.put("Value", parameter.value());
        out.put("Version", version.version());
        out.put("Selector", parameter.selector());
        out.put("LastModifiedDate", seconds(version.lastModifiedDate()));
        out.put("ARN", version.arn());
        out.put("DataType", "text");
        return out;
    }

    private static Map<String, Object> metadata(ParameterVersion version) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("Name", version.name());
        out.put("ARN", version.arn());
        out.put("Type", version.type().name());
        out.put("KeyId", version.keyId());
        out.put("LastModifiedDate", seconds(version.lastModifiedDate()));
        out.put("LastModifiedUser", "arn:aws:iam::" + accountOf(version.arn()) + ":root");
        out.put("Description", version.description());
        out.put("Version", version.version());
        out.put("Tier", "Standard");
        out.put("Policies", List.of());
        out.put("DataType", "text");
        return out;
    }

    private static String accountOf(String arn) {
        return arn.split(":", 6)[4];
    }

    /** awsJson timestamps are epoch seconds; a BigDecimal keeps the milliseconds without exponent notation. */
    private static BigDecimal seconds(Instant instant) {
        return BigDecimal.valueOf(instant.toEpochMilli(), 3);
    }
}
