package dev.serverlesslab.emulator.lambda;

import dev.serverlesslab.emulator.http.AwsRequest;
import dev.serverlesslab.emulator.http.AwsResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lambda's wire format for layers: {@code /2018-10-31/layers/NAME/versions[/NUMBER]}.
 */
final class LayerRoutes {

    static final String PREFIX = "/2018-10-31/layers";
    private static final Pattern PATH = Pattern.compile(PREFIX + "/([^/]+)/versions(?:/([^/]+))?/?");
    private static final Pattern POLICY = Pattern.compile(PREFIX + "/([^/]+)/versions/([^/]+)/policy(?:/([^/]+))?/?");

    private final LayerStore layers;
    private final LambdaJson json;

    LayerRoutes(LayerStore layers, LambdaJson json) {
        this.layers = layers;
        this.json = json;
    }

    /** The layer operation the request names; null when none matches. */
    AwsResponse handle(AwsRequest request) {
        // GetLayerVersionByArn shares this path and says so with ?find=LayerVersion.
        if (request.rawPath().matches(PREFIX + "/?") && "GET".equals(request.method())
                && !request.queryParameters().containsKey("find")) {
            return listLayers(request);
        }
        Matcher policy = POLICY.matcher(request.rawPath());
        if (policy.matches()) {
            return policy(request, policy.group(1), versionNumber(policy.group(2)), policy.group(3));
        }
        Matcher matcher = PATH.matcher(request.rawPath());
        if (!matcher.matches()) {
            return null;
        }
        String name = matcher.group(1);
        String method = request.method();
        if (matcher.group(2) == null) {
            if ("POST".equals(method)) {
                return json.ok(201, describe(layers.publish(request.scope(), name,
                        json.read(request.body(), LayerStore.PublishLayerVersionRequest.class))));
            }
            if ("GET".equals(method)) {
                Map<String, String> query = request.queryParameters();
                List<Map<String, Object>> items = layers.list(request.scope(), name).stream()
                        .filter(version -> LayerStore.matches(version, query.get("CompatibleRuntime"),
                                query.get("CompatibleArchitecture")))
                        .map(LayerRoutes::listItem).toList();
                return json.ok(200, LambdaJson.page("LayerVersions",
                        ListPage.of(items, query, ListPage.MAX_LAYER_LIST_ITEMS)));
            }
            return null;
        }
        int number = versionNumber(matcher.group(2));
        if ("GET".equals(method)) {
            return json.ok(200, describe(layers.get(request.scope(), name, number)));
        }
        if ("DELETE".equals(method)) {
            layers.delete(request.scope(), name, number);
            return AwsResponse.empty(204);
        }
        return null;
    }

    /** AddLayerVersionPermission, GetLayerVersionPolicy and RemoveLayerVersionPermission. */
    private AwsResponse policy(AwsRequest request, String name, int number, String statementId) {
        String method = request.method();
        if (statementId == null && "POST".equals(method)) {
            LayerPermissions.Added added = layers.addPermission(request.scope(), name, number,
                    json.read(request.body(), LayerPermissions.AddLayerVersionPermissionRequest.class));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("Statement", new String(json.raw(added.statement()), StandardCharsets.UTF_8));
            body.put("RevisionId", added.revisionId());
            return json.ok(201, body);
        }
        if (statementId == null && "GET".equals(method)) {
            ResourcePolicy policy = layers.policy(request.scope(), name, number);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("Policy", new String(json.raw(policy.document()), StandardCharsets.UTF_8));
            body.put("RevisionId", policy.revisionId());
            return json.ok(200, body);
        }
        if (statementId != null && "DELETE".equals(method)) {
            layers.removePermission(request.scope(), name, number, statementId,
                    request.queryParameters().get("RevisionId"));
            return AwsResponse.empty(204);
        }
        return null;
    }

    private AwsResponse listLayers(AwsRequest request) {
        Map<String, String> query = request.queryParameters();
        List<Map<String, Object>> items = layers.listLayers(request.scope(), query.get("CompatibleRuntime"),
                query.get("CompatibleArchitecture")).stream().map(summary -> {
                    Map<String, Object> item = new LinkedHashMap<>();
                    item.put("LayerName", summary.layerName());
                    item.put("LayerArn", summary.layerArn());
                    item.put("LatestMatchingVersion", listItem(summary.latestMatchingVersion()));
                    return item;
                }).toList();
        return json.ok(200, LambdaJson.page("Layers", ListPage.of(items, query, ListPage.MAX_LAYER_LIST_ITEMS)));
    }

    private static int versionNumber(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw LambdaErrors.invalidParameter("VersionNumber must be a whole number such as 1, not '" + text + "'");
        }
    }

    /** GetLayerVersion's and PublishLayerVersion's answer. */
    private static Map<String, Object> describe(LayerStore.LayerVersion version) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("Location", "file://" + version.directory());
        content.put("CodeSha256", version.codeSha256());
        content.put("CodeSize", version.codeSize());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("Content", content);
        body.put("LayerArn", version.layerArn());
        body.put("LayerVersionArn", version.layerVersionArn());
        body.put("Description", version.description());
        body.put("CreatedDate", version.createdDate());
        body.put("Version", version.version());
        body.put("CompatibleRuntimes", version.compatibleRuntimes());
        body.put("LicenseInfo", version.licenseInfo());
        body.put("CompatibleArchitectures", version.compatibleArchitectures());
        return body;
    }

    private static Map<String, Object> listItem(LayerStore.LayerVersion version) {
        Map<String, Object> item = describe(version);
        item.remove("Content");
        item.remove("LayerArn");
        return item;
    }
}
