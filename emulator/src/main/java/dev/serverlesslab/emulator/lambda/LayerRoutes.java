package dev.serverlesslab.emulator.lambda;

import dev.serverlesslab.emulator.http.AwsResponse;
import dev.serverlesslab.emulator.http.RestJson;
import dev.serverlesslab.emulator.http.RestCall;
import dev.serverlesslab.emulator.http.RestOperations;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lambda's wire format for layers: {@code /2018-10-31/layers/NAME/versions[/NUMBER[/policy]]}.
 */
final class LayerRoutes {

    private final LayerStore layers;
    private final RestJson json;

    LayerRoutes(LayerStore layers, RestJson json) {
        this.layers = layers;
        this.json = json;
    }

    /** The operations served here, by the model's operation name. */
    Map<String, RestOperations.Operation> operations() {
        Map<String, RestOperations.Operation> table = new LinkedHashMap<>();
        table.put("PublishLayerVersion", call -> json.ok(201, describe(layers.publish(call.scope(),
                call.path("LayerName"), json.read(call.body(), LayerStore.PublishLayerVersionRequest.class)))));
        table.put("GetLayerVersion", call -> json.ok(200,
                describe(layers.get(call.scope(), call.path("LayerName"), versionNumber(call)))));
        table.put("ListLayerVersions", this::listLayerVersions);
        table.put("GetLayerVersionByArn", call -> {
            String arn = call.query("Arn");
            LayerStore.LayerVersion version = arn == null ? null : layers.byArn(call.scope(), arn);
            if (version == null) {
                throw LambdaErrors.notFound("The resource you requested does not exist.");
            }
            return json.ok(200, describe(version));
        });
        table.put("ListLayers", this::listLayers);
        table.put("DeleteLayerVersion", call -> {
            layers.delete(call.scope(), call.path("LayerName"), versionNumber(call));
            return AwsResponse.empty(204);
        });
        table.put("AddLayerVersionPermission", this::addPermission);
        table.put("GetLayerVersionPolicy", call -> {
            ResourcePolicy policy = layers.policy(call.scope(), call.path("LayerName"), versionNumber(call));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("Policy", new String(RestJson.raw(policy.document()), StandardCharsets.UTF_8));
            body.put("RevisionId", policy.revisionId());
            return json.ok(200, body);
        });
        table.put("RemoveLayerVersionPermission", call -> {
            layers.removePermission(call.scope(), call.path("LayerName"), versionNumber(call),
                    call.path("StatementId"), call.query("RevisionId"));
            return AwsResponse.empty(204);
        });
        return table;
    }

    private AwsResponse listLayerVersions(RestCall call) {
        Map<String, String> query = call.queryParameters();
        List<Map<String, Object>> items = layers.list(call.scope(), call.path("LayerName")).stream()
                .filter(version -> LayerStore.matches(version, query.get("CompatibleRuntime"),
                        query.get("CompatibleArchitecture")))
                .map(LayerRoutes::listItem).toList();
        return json.ok(200, ListPage.body("LayerVersions", ListPage.of(items, query, ListPage.MAX_LAYER_LIST_ITEMS)));
    }

    /** AddLayerVersionPermission: the statement as a JSON string, and the policy's new revision. */
    private AwsResponse addPermission(RestCall call) {
        LayerPermissions.Added added = layers.addPermission(call.scope(), call.path("LayerName"), versionNumber(call),
                json.read(call.body(), LayerPermissions.AddLayerVersionPermissionRequest.class));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("Statement", new String(RestJson.raw(added.statement()), StandardCharsets.UTF_8));
        body.put("RevisionId", added.revisionId());
        return json.ok(201, body);
    }

    private AwsResponse listLayers(RestCall call) {
        Map<String, String> query = call.queryParameters();
        List<Map<String, Object>> items = layers.listLayers(call.scope(), query.get("CompatibleRuntime"),
                query.get("CompatibleArchitecture")).stream().map(summary -> {
                    Map<String, Object> item = new LinkedHashMap<>();
                    item.put("LayerName", summary.layerName());
                    item.put("LayerArn", summary.layerArn());
                    item.put("LatestMatchingVersion", listItem(summary.latestMatchingVersion()));
                    return item;
                }).toList();
        return json.ok(200, ListPage.body("Layers", ListPage.of(items, query, ListPage.MAX_LAYER_LIST_ITEMS)));
    }

    private static int versionNumber(RestCall call) {
        String text = call.path("VersionNumber");
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
