package dev.serverlesslab.emulator.lambda.url;

import com.fasterxml.jackson.databind.JsonNode;
import dev.serverlesslab.emulator.core.AccountRegion;
import dev.serverlesslab.emulator.http.JsonRequest;
import dev.serverlesslab.emulator.lambda.FunctionRef;
import dev.serverlesslab.emulator.lambda.LambdaBackend;
import dev.serverlesslab.emulator.lambda.LambdaErrors;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Function URLs of every account and region: Create/Get/Update/Delete/ListFunctionUrlConfig(s), one per function
 * ($LATEST) or alias, each with a 32-character id that is unique across the emulator and names it on the data plane.
 */
public final class FunctionUrls {

    private static final String ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final LambdaBackend backend;
    private final int port;
    private final ConcurrentMap<String, Url> byId = new ConcurrentHashMap<>();

    /**
     * @param port the emulator's port, which the URLs name
     */
    public FunctionUrls(LambdaBackend backend, int port) {
        this.backend = backend;
        this.port = port;
    }

    /** One URL: where it lives and its current configuration. */
    record Url(String id, AccountRegion scope, String functionName, String qualifier, FunctionUrlConfig config) {
    }

    public FunctionUrlConfig create(AccountRegion scope, String functionName, String qualifier, JsonRequest request) {
        Target target = target(scope, functionName, qualifier);
        synchronized (this) {
            if (find(scope, target).isPresent()) {
                throw LambdaErrors.conflict("Failed to create function url config for [functionArn = " + target.arn
                        + "]. Error message:  FunctionUrlConfig exists for this Lambda function");
            }
            String id = newId();
            String now = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
            FunctionUrlConfig config = new FunctionUrlConfig("http://" + id + ".lambda-url." + scope.region()
                    + ".localhost:" + port + "/", target.arn, authType(request.text("AuthType"), true),
                    cors(request.node().get("Cors")), now, now, invokeMode(request.text("InvokeMode")));
            byId.put(id, new Url(id, scope, target.name, target.qualifier, config));
            return config;
        }
    }

    public FunctionUrlConfig get(AccountRegion scope, String functionName, String qualifier) {
        return existing(scope, target(scope, functionName, qualifier)).config();
    }

    /** UpdateFunctionUrlConfig: members the request leaves out keep their value. */
    public synchronized FunctionUrlConfig update(AccountRegion scope, String functionName, String qualifier,
            JsonRequest request) {
        Url url = existing(scope, target(scope, functionName, qualifier));
        FunctionUrlConfig old = url.config();
        FunctionUrlConfig config = new FunctionUrlConfig(old.functionUrl(), old.functionArn(),
                request.has("AuthType") ? authType(request.text("AuthType"), true) : old.authType(),
                request.node().has("Cors") ? cors(request.node().get("Cors")) : old.cors(), old.creationTime(),
                Instant.now().truncatedTo(ChronoUnit.MILLIS).toString(),
                request.has("InvokeMode") ? invokeMode(request.text("InvokeMode")) : old.invokeMode());
        byId.put(url.id(), new Url(url.id(), url.scope(), url.functionName(), url.qualifier(), config));
        return config;
    }

    public synchronized void delete(AccountRegion scope, String functionName, String qualifier) {
        byId.remove(existing(scope, target(scope, functionName, qualifier)).id());
    }

    /** The function's URLs ($LATEST and every alias). */
    public List<FunctionUrlConfig> list(AccountRegion scope, String functionName) {
        String name = target(scope, functionName, null).name;
        List<FunctionUrlConfig> urls = new ArrayList<>();
        byId.values().stream().filter(url -> url.scope().equals(scope) && url.functionName().equals(name))
                .forEach(url -> urls.add(url.config()));
        return urls;
    }

    /** The URL with this id, if its function still exists. */
    Optional<Url> byId(String id) {
        Url url = byId.get(id);
        if (url == null) {
            return Optional.empty();
        }
        try {
            backend.getFunctionConfiguration(url.scope(), url.functionName(), url.qualifier());
            return Optional.of(url);
        } catch (RuntimeException e) {
            // The function (or its alias) was deleted: so is its URL.
            byId.remove(id);
            return Optional.empty();
        }
    }

    LambdaBackend backend() {
        return backend;
    }

    private Optional<Url> find(AccountRegion scope, Target target) {
        return byId.values().stream().filter(url -> url.scope().equals(scope)
                && url.functionName().equals(target.name) && url.qualifier().equals(target.qualifier)).findFirst();
    }

    private Url existing(AccountRegion scope, Target target) {
        return find(scope, target).orElseThrow(() ->
                LambdaErrors.notFound("The resource you requested does not exist."));
    }

    /** The function and alias a call names, checked to exist; a version number is refused, as on AWS. */
    private Target target(AccountRegion scope, String functionName, String qualifierParameter) {
        FunctionRef ref = FunctionRef.parse(functionName, qualifierParameter);
        String qualifier = ref.latest() ? "$LATEST" : ref.qualifier();
        if (qualifier.matches("[0-9]+")) {
            throw LambdaErrors.invalidParameter("A function URL can point to $LATEST or an alias, not to version "
                    + qualifier);
        }
        backend.getFunctionConfiguration(scope, ref.name(), ref.latest() ? null : qualifier);
        String arn = "arn:aws:lambda:" + scope.region() + ":" + scope.accountId() + ":function:" + ref.name()
                + (ref.latest() ? "" : ":" + qualifier);
        return new Target(ref.name(), qualifier, arn);
    }

    private record Target(String name, String qualifier, String arn) {
    }

    private static String authType(String text, boolean required) {
        if (text == null && required) {
            throw LambdaErrors.invalidParameter("AuthType is required: NONE or AWS_IAM");
        }
        if (!"NONE".equals(text) && !"AWS_IAM".equals(text)) {
            throw LambdaErrors.validation(List.of(LambdaErrors.violation(text, "authType",
                    "Member must satisfy enum value set: [NONE, AWS_IAM]")));
        }
        return text;
    }

    private static String invokeMode(String text) {
        if (text == null || "BUFFERED".equals(text)) {
            return "BUFFERED";
        }
        if ("RESPONSE_STREAM".equals(text)) {
            throw LambdaErrors.invalidParameter("InvokeMode RESPONSE_STREAM is not emulated by Serverless Lab's "
                    + "emulator: its URLs answer buffered responses (InvokeMode BUFFERED)");
        }
        throw LambdaErrors.validation(List.of(LambdaErrors.violation(text, "invokeMode",
                "Member must satisfy enum value set: [BUFFERED, RESPONSE_STREAM]")));
    }

    private static FunctionUrlConfig.Cors cors(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        JsonRequest cors = new JsonRequest(node);
        Integer maxAge = cors.wholeInt("MaxAge");
        if (maxAge != null && (maxAge < 0 || maxAge > 86_400)) {
            throw LambdaErrors.invalidParameter("Cors.MaxAge must be between 0 and 86400, not " + maxAge);
        }
        return new FunctionUrlConfig.Cors(cors.has("AllowCredentials") ? cors.bool("AllowCredentials", false) : null,
                listOrNull(cors, "AllowHeaders"), listOrNull(cors, "AllowMethods"), listOrNull(cors, "AllowOrigins"),
                listOrNull(cors, "ExposeHeaders"), maxAge);
    }

    private static List<String> listOrNull(JsonRequest request, String field) {
        return request.has(field) ? List.copyOf(request.texts(field)) : null;
    }

    private String newId() {
        String id;
        do {
            StringBuilder text = new StringBuilder(32);
            for (int i = 0; i < 32; i++) {
                text.append(ID_ALPHABET.charAt(RANDOM.nextInt(ID_ALPHABET.length())));
            }
            id = text.toString();
        } while (byId.containsKey(id));
        return id;
    }
}
