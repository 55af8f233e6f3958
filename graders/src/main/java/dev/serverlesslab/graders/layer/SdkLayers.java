package dev.serverlesslab.graders.layer;

import dev.serverlesslab.exercises.build.SdkModules;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.LayerVersionsListItem;
import software.amazon.awssdk.services.lambda.model.PublishLayerVersionResponse;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.Runtime;

/**
 * Gets a grading the ARN of a Lambda layer holding its exercise's AWS SDK modules: published at most once per backend
 * and module set, in the platform's account (the {@code lambda} client given acts there). A version published
 * earlier (by this process, or by another run with the same platform credentials) is found through
 * ListLayerVersions by the hash in its description and reused. Every version is granted to all accounts with
 * AddLayerVersionPermission, so gradings attach it by ARN from their own accounts but can never delete or change it.
 */
public final class SdkLayers {

    /** The statement id of the grant that lets grading accounts attach a layer version. */
    static final String GRADINGS_STATEMENT = "serverless-lab-gradings";

    private final SdkLayerCache cache;
    /** Layer version ARNs by backend endpoint and module hash, so one grader asks the backend only once. */
    private final Map<String, String> published = new ConcurrentHashMap<>();

    public SdkLayers(SdkLayerCache cache) {
        this.cache = cache;
    }

    /** Layers in the machine-wide cache ({@code ~/.cache/serverless-lab/layers}). */
    public static SdkLayers inUserCache() {
        return new SdkLayers(SdkLayerCache.inUserCache());
    }

    /**
     * The layer for these modules on the backend {@code lambda} talks to, built, published and shared when needed.
     *
     * @param lambda a client acting in the platform's account, never a grading's
     * @param backendKey names the backend (e.g. its endpoint URL), so one instance can serve several
     */
    public SdkLayer layerFor(SdkModules modules, LambdaClient lambda, String backendKey) {
        return layerFor(modules, lambda, backendKey, true);
    }

    /** @param share whether to grant every account {@code lambda:GetLayerVersion} (gradings in accounts of their own) */
    public SdkLayer layerFor(SdkModules modules, LambdaClient lambda, String backendKey, boolean share) {
        String key = backendKey + " " + modules.hash();
        String known = published.get(key);
        if (known != null) {
            return new SdkLayer(known, detail(modules, "cached"));
        }
        // One build and publish at a time: two gradings wanting the same new layer must not publish it twice.
        synchronized (published) {
            known = published.get(key);
            if (known != null) {
                return new SdkLayer(known, detail(modules, "cached"));
            }
            SdkLayerCache.LayerZip zip = cache.zipFor(modules);
            String layerName = layerName(modules);
            String arn = existing(lambda, layerName, modules.hash())
                    .orElseGet(() -> publish(lambda, layerName, modules, zip));
            if (share) {
                shareWithGradings(lambda, layerName, arn);
            }
            published.put(key, arn);
            return new SdkLayer(arn, detail(modules, zip.built() ? "built, " + megabytes(zip.bytes()) : "cached"));
        }
    }

    private static String detail(SdkModules modules, String how) {
        return "SDK layer " + modules.label() + " (" + how + ")";
    }

    /** {@code serverless-lab-sdk-<first 12 hex digits of the hash>}. */
    static String layerName(SdkModules modules) {
        return "serverless-lab-sdk-" + modules.hash().substring(0, 12);
    }

    static String description(SdkModules modules) {
        return "AWS SDK for Java v2 " + modules.label() + " for Serverless Lab, sha256 " + modules.hash();
    }

    private static Optional<String> existing(LambdaClient lambda, String layerName, String hash) {
        try {
            return lambda.listLayerVersionsPaginator(b -> b.layerName(layerName)).layerVersions().stream()
                    .filter(version -> version.description() != null && version.description().contains(hash))
                    .map(LayerVersionsListItem::layerVersionArn)
                    .findFirst();
        } catch (ResourceNotFoundException none) {
            return Optional.empty();
        }
    }

    private static String publish(LambdaClient lambda, String layerName, SdkModules modules,
                                  SdkLayerCache.LayerZip zip) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(zip.file());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the SDK layer " + zip.file(), e);
        }
        PublishLayerVersionResponse response = lambda.publishLayerVersion(b -> b.layerName(layerName)
                .description(description(modules))
                .compatibleRuntimes(Runtime.JAVA17, Runtime.JAVA21)
                .content(c -> c.zipFile(SdkBytes.fromByteArrayUnsafe(bytes))));
        return response.layerVersionArn();
    }

    /** Grants lambda:GetLayerVersion to every account; a grant made by an earlier run is already there. */
    private static void shareWithGradings(LambdaClient lambda, String layerName, String layerVersionArn) {
        long version = Long.parseLong(layerVersionArn.substring(layerVersionArn.lastIndexOf(':') + 1));
        try {
            lambda.addLayerVersionPermission(b -> b.layerName(layerName).versionNumber(version)
                    .statementId(GRADINGS_STATEMENT).action("lambda:GetLayerVersion").principal("*"));
        } catch (ResourceConflictException alreadyGranted) {
            // Published and shared by an earlier grader against the same backend.
        }
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }

    /**
     * A layer ready to attach to a function.
     *
     * @param detail what a person reads in the grading's stage line, e.g. "SDK layer dynamodb+ssm (cached)"
     */
    public record SdkLayer(String layerVersionArn, String detail) {
    }
}
