package dev.serverlesslab.emulator.lambda;

import dev.serverlesslab.emulator.core.AccountRegion;
import dev.serverlesslab.emulator.core.AwsException;
import dev.serverlesslab.emulator.lambda.runtime.LayerArchives;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Lambda layers per account and region: published versions, each unpacked once, their policies, and the jars a
 * function gets from them. Only the owning account changes or deletes a version; others may attach it when granted.
 */
public final class LayerStore {

    /** Lambda's limit on layers per function. */
    static final int MAX_LAYERS = 5;

    private final Path layersDir;
    private final ConcurrentMap<AccountRegion, ConcurrentMap<String, ConcurrentSkipListMap<Integer, LayerVersion>>>
            layers = new ConcurrentHashMap<>();
    /**
     * Every version ever published, by ARN: a function keeps running with a layer version deleted after it was
     * attached, as on AWS, so the unpacked files stay.
     */
    private final ConcurrentMap<String, LayerVersion> published = new ConcurrentHashMap<>();
    private final LayerPermissions permissions = new LayerPermissions();
    private final CodeObjects objects;

    /**
     * @param layersDir where each layer version is unpacked
     * @param objects where {@code Content.S3Bucket}/{@code S3Key} are read
     */
    public LayerStore(Path layersDir, CodeObjects objects) {
        this.layersDir = layersDir;
        this.objects = objects;
    }

    /**
     * PublishLayerVersion: reads the zip (from the request or from S3), unpacks it and numbers the version after the
     * highest one ever published.
     */
    public LayerVersion publish(AccountRegion scope, String layerName, PublishLayerVersionRequest request) {
        if (request.content() == null) {
            throw LambdaErrors.invalidParameter("Please provide a source for function code.");
        }
        PublishLayerVersionRequest.Content content = request.content();
        if (!layerName.matches("[a-zA-Z0-9-_]{1,140}")) {
            throw LambdaErrors.validation(List.of(LambdaErrors.violation(layerName, "layerName",
                    "Member must satisfy regular expression pattern: [a-zA-Z0-9-_]+")));
        }
        Path directory = layersDir.resolve(scope.accountId()).resolve(scope.region())
                .resolve(layerName + "-" + UUID.randomUUID().toString().substring(0, 8));
        byte[] zip = objects.zip(scope, content.zipFile(), content.s3Bucket(), content.s3Key(),
                content.s3ObjectVersion());
        CodeArchive.Unpacked code = CodeArchive.unpack(zip, directory);
        ConcurrentSkipListMap<Integer, LayerVersion> versions = versions(scope, layerName);
        synchronized (versions) {
            int number = nextNumber(scope, layerName, versions);
            String layerArn = "arn:aws:lambda:" + scope.region() + ":" + scope.accountId() + ":layer:" + layerName;
            LayerVersion version = new LayerVersion(layerArn, number, request.description() == null ? ""
                    : request.description(), FunctionChanges.now(), request.compatibleRuntimes(),
                    request.compatibleArchitectures(), request.licenseInfo(), code.codeSize(), code.codeSha256(),
                    directory);
            versions.put(number, version);
            published.put(version.layerVersionArn(), version);
            return version;
        }
    }

    /** GetLayerVersion. */
    public LayerVersion get(AccountRegion scope, String layerName, int number) {
        LayerVersion version = versions(scope, layerName).get(number);
        if (version == null) {
            throw LambdaErrors.notFound("The resource you requested does not exist.");
        }
        return version;
    }

    /**
     * GetLayerVersionByArn: a version of this account's layers, or of another account's that granted it; null when
     * there is none the caller may see.
     */
    LayerVersion byArn(AccountRegion scope, String layerVersionArn) {
        return currentVersion(scope, layerVersionArn);
    }

    /** ListLayerVersions: newest first, as Lambda lists them. */
    public List<LayerVersion> list(AccountRegion scope, String layerName) {
        return List.copyOf(versions(scope, layerName).descendingMap().values());
    }

    /**
     * ListLayers: each layer by name with its newest version that matches the filters (null matches all); layers
     * whose versions are all deleted or none matches are left out, as on AWS.
     */
    public List<LayerSummary> listLayers(AccountRegion scope, String compatibleRuntime,
            String compatibleArchitecture) {
        List<LayerSummary> summaries = new ArrayList<>();
        new TreeMap<>(layers.getOrDefault(scope, new ConcurrentHashMap<>())).forEach((name, versions) ->
                versions.descendingMap().values().stream()
                        .filter(version -> matches(version, compatibleRuntime, compatibleArchitecture))
                        .findFirst()
                        .ifPresent(latest -> summaries.add(new LayerSummary(name, latest.layerArn(), latest))));
        return summaries;
    }

    /** Whether a version declares the runtime and architecture asked for; a null filter matches every version. */
    static boolean matches(LayerVersion version, String compatibleRuntime, String compatibleArchitecture) {
        return (compatibleRuntime == null || version.compatibleRuntimes() != null
                && version.compatibleRuntimes().contains(compatibleRuntime))
                && (compatibleArchitecture == null || version.compatibleArchitectures() != null
                && version.compatibleArchitectures().contains(compatibleArchitecture));
    }

    /** DeleteLayerVersion: succeeds also when the version does not exist, as on AWS; only the owner can. */
    public void delete(AccountRegion scope, String layerName, int number) {
        LayerVersion removed = versions(scope, layerName).remove(number);
        if (removed != null) {
            permissions.forget(removed.layerVersionArn());
        }
    }

    /** AddLayerVersionPermission on a version of the caller's own layer. */
    LayerPermissions.Added addPermission(AccountRegion scope, String layerName, int number,
            LayerPermissions.AddLayerVersionPermissionRequest request) {
        return permissions.add(get(scope, layerName, number).layerVersionArn(), request);
    }

    /** GetLayerVersionPolicy of a version of the caller's own layer. */
    ResourcePolicy policy(AccountRegion scope, String layerName, int number) {
        return permissions.get(get(scope, layerName, number).layerVersionArn());
    }

    /** RemoveLayerVersionPermission on a version of the caller's own layer. */
    void removePermission(AccountRegion scope, String layerName, int number, String statementId, String revisionId) {
        permissions.remove(get(scope, layerName, number).layerVersionArn(), statementId, revisionId);
    }

    /** The Layers member of a function's configuration; fails naming the first ARN that is not a layer version. */
    List<FunctionConfiguration.LayerReference> resolve(AccountRegion scope, List<String> arns) {
        if (arns == null) {
            return null;
        }
        if (arns.size() > MAX_LAYERS) {
            throw LambdaErrors.invalidParameter("Cannot reference more than " + MAX_LAYERS + " layers.");
        }
        List<FunctionConfiguration.LayerReference> references = new ArrayList<>();
        for (String arn : arns) {
            LayerVersion version = arn == null ? null : currentVersion(scope, arn);
            if (version == null) {
                throw LambdaErrors.invalidParameter("Layer version " + arn + " does not exist.");
            }
            references.add(new FunctionConfiguration.LayerReference(arn, version.codeSize()));
        }
        return references;
    }

    /** The CodeSha256 and size of each layer, in layer order; null for one no longer published. */
    List<LayerArchives.LayerContent> contents(List<FunctionConfiguration.LayerReference> references) {
        List<LayerArchives.LayerContent> contents = new ArrayList<>();
        if (references != null) {
            for (FunctionConfiguration.LayerReference reference : references) {
                LayerVersion version = published.get(reference.arn());
                contents.add(version == null ? null
                        : new LayerArchives.LayerContent(version.codeSha256(), version.codeSize()));
            }
        }
        return contents;
    }

    /** The {@code java/lib/*.jar} files of the layers, in layer order and name order within a layer. */
    List<Path> jars(List<FunctionConfiguration.LayerReference> references) {
        List<Path> jars = new ArrayList<>();
        if (references == null) {
            return jars;
        }
        for (FunctionConfiguration.LayerReference reference : references) {
            LayerVersion version = published.get(reference.arn());
            File[] files = version == null ? null : version.directory().resolve("java").resolve("lib").toFile()
                    .listFiles((dir, name) -> name.endsWith(".jar"));
            if (files != null) {
                Arrays.sort(files);
                Arrays.stream(files).map(File::toPath).forEach(jars::add);
            }
        }
        return jars;
    }

    /**
     * The version an ARN names if it still exists and the caller may use it: its own, or another account's in the
     * same region whose policy grants the caller's account (as Lambda requires for cross-account layers).
     */
    private LayerVersion currentVersion(AccountRegion scope, String arn) {
        LayerVersion version = published.get(arn);
        if (version == null) {
            return null;
        }
        // arn:aws:lambda:REGION:ACCOUNT:layer:NAME:VERSION, as published here.
        String[] parts = arn.split(":");
        AccountRegion owner = new AccountRegion(parts[4], parts[3]);
        if (!owner.equals(scope)) {
            if (!owner.region().equals(scope.region()) || !permissions.grants(arn, scope.accountId())) {
                throw new AwsException("AccessDeniedException", "User: arn:aws:iam::" + scope.accountId()
                        + ":root is not authorized to perform: lambda:GetLayerVersion on resource: " + arn
                        + " (the layer's owner has not granted this account with AddLayerVersionPermission, or the "
                        + "layer is in another region)", 403);
            }
        }
        return version.equals(versions(owner, parts[6]).get(version.version())) ? version : null;
    }

    private int nextNumber(AccountRegion scope, String layerName,
            ConcurrentSkipListMap<Integer, LayerVersion> versions) {
        // Numbers are never reused, even after the newest version was deleted.
        String prefix = "arn:aws:lambda:" + scope.region() + ":" + scope.accountId() + ":layer:" + layerName + ":";
        int highest = published.keySet().stream().filter(arn -> arn.startsWith(prefix))
                .mapToInt(arn -> Integer.parseInt(arn.substring(prefix.length()))).max().orElse(0);
        return Math.max(highest, versions.isEmpty() ? 0 : versions.lastKey()) + 1;
    }

    private ConcurrentSkipListMap<Integer, LayerVersion> versions(AccountRegion scope, String layerName) {
        return layers.computeIfAbsent(scope, key -> new ConcurrentHashMap<>())
                .computeIfAbsent(layerName, key -> new ConcurrentSkipListMap<>());
    }

    /** The parts of a layer version the wire format and the class path need. */
    public record LayerVersion(String layerArn, int version, String description, String createdDate,
            List<String> compatibleRuntimes, List<String> compatibleArchitectures, String licenseInfo, long codeSize,
            String codeSha256, Path directory) {

        public String layerVersionArn() {
            return layerArn + ":" + version;
        }
    }

    /** One entry of ListLayers: a layer and its newest matching version. */
    public record LayerSummary(String layerName, String layerArn, LayerVersion latestMatchingVersion) {
    }

    /** The PublishLayerVersion request members the emulator uses. */
    public record PublishLayerVersionRequest(Content content, String description, List<String> compatibleRuntimes,
            List<String> compatibleArchitectures, String licenseInfo) {

        /** {@code Content}: a direct upload, or an object of the emulator's S3. */
        public record Content(byte[] zipFile, String s3Bucket, String s3Key, String s3ObjectVersion) {

            /** The content without an object version. */
            public Content(byte[] zipFile, String s3Bucket, String s3Key) {
                this(zipFile, s3Bucket, s3Key, null);
            }
        }
    }
}
