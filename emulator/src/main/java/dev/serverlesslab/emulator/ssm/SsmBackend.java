package dev.serverlesslab.emulator.ssm;

import dev.serverlesslab.emulator.core.AccountRegion;
import dev.serverlesslab.emulator.core.AwsException;
import dev.serverlesslab.emulator.kms.KmsBackend;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Parameter Store state and rules: versioned parameters per account and region, SecureStrings encrypted through
 * the emulator's KMS with the parameter's ARN as encryption context, as AWS does.
 */
public final class SsmBackend {

    /** The key AWS uses for a SecureString when the caller names none. */
    public static final String DEFAULT_KEY_ALIAS = "alias/aws/ssm";
    private static final int MAX_VALUE_LENGTH = 4096;

    /** Sorted by name so listings page in a stable order. */
    private final Map<AccountRegion, NavigableMap<String, StoredParameter>> stores = new ConcurrentHashMap<>();
    private final KmsBackend kms;
    private final Clock clock;
    private final PublicParameters publicParameters = new PublicParameters();

    public SsmBackend(KmsBackend kms, Clock clock) {
        this.kms = kms;
        this.clock = clock;
    }

    public SsmBackend(KmsBackend kms) {
        this(kms, Clock.systemUTC());
    }

    /** Creates a parameter or, with overwrite, adds a version; returns the new version. */
    public ParameterVersion putParameter(AccountRegion scope, PutRequest put) {
        ParameterNames.check(put.name());
        if (put.value() == null) {
            throw SsmErrors.validation("Value is required for parameter " + put.name());
        }
        if (put.value().length() > MAX_VALUE_LENGTH) {
            throw SsmErrors.validation("Value of parameter " + put.name() + " is " + put.value().length()
                    + " characters; a Standard parameter holds at most " + MAX_VALUE_LENGTH);
        }
        if (put.overwrite() && !put.tags().isEmpty()) {
            throw SsmErrors.validation("Invalid request: tags and overwrite can't be used together. To create a "
                    + "parameter with tags, remove Overwrite; to change the tags of " + put.name()
                    + ", use AddTagsToResource or RemoveTagsFromResource");
        }
        String arn = ParameterNames.arn(scope, put.name());
        StoredParameter stored = store(scope).compute(put.name(), (name, existing) -> {
            if (existing != null && !put.overwrite()) {
                throw SsmErrors.alreadyExists("The parameter " + name + " already exists. To overwrite this "
                        + "value, set Overwrite to true in the request");
            }
            ParameterType type = put.type() != null ? put.type() : existing != null ? existing.latest().type() : null;
            if (type == null) {
                throw SsmErrors.validation("A parameter type is required when you create parameter " + name
                        + ": set Type to String, StringList or SecureString");
            }
            if (put.keyId() != null && type != ParameterType.SecureString) {
                throw SsmErrors.validation("KeyId is required for SecureString type parameter only; remove KeyId "
                        + "or set Type to SecureString for " + name);
            }
            String keyId = null;
            String value = put.value();
            if (type == ParameterType.SecureString) {
                keyId = put.keyId() != null ? put.keyId() : DEFAULT_KEY_ALIAS;
                value = encrypt(scope, keyId, arn, put.value());
            }
            String description = put.description() != null || existing == null
                    ? put.description() : existing.latest().description();
            long version = existing == null ? 1 : existing.latest().version() + 1;
            ParameterVersion next = new ParameterVersion(name, arn, type, value, keyId, version, clock.instant(),
                    description);
            return existing == null ? new StoredParameter(List.of(next), put.tags()) : existing.with(next);
        });
        return stored.latest();
    }

    /** One parameter by name, {@code name:version} or {@code name:label}. */
    public Parameter getParameter(AccountRegion scope, String nameWithSelector, boolean withDecryption) {
        Selector selector = Selector.parse(nameWithSelector);
        if (PublicParameters.isPublic(selector.name())) {
            return publicParameter(scope, selector);
        }
        StoredParameter stored = existing(scope, selector.name());
        ParameterVersion version = stored.latest();
        if (selector.version() != null) {
            version = stored.versions().stream().filter(v -> v.version() == selector.version()).findFirst()
                    .orElseThrow(() -> SsmErrors.versionNotFound("Systems Manager could not find version "
                            + selector.version() + " of " + selector.name() + "; it has versions 1 to "
                            + stored.latest().version()));
        } else if (selector.label() != null) {
            Long labelled = stored.labels().get(selector.label());
            if (labelled == null) {
                throw SsmErrors.versionNotFound("No version of " + selector.name() + " has the label "
                        + selector.label() + "; attach it with LabelParameterVersion (labels are case sensitive)");
            }
            version = stored.versions().stream().filter(v -> v.version() == labelled).findFirst().orElseThrow();
        }
        return reveal(scope, version, withDecryption, selector.suffix());
    }

    /** Up to 10 parameters; names that are missing, or whose version is missing, come back as invalid. */
    public Lookup getParameters(AccountRegion scope, List<String> names, boolean withDecryption) {
        checkBatch(names);
        List<Parameter> found = new ArrayList<>();
        List<String> invalid = new ArrayList<>();
        for (String name : names) {
            try {
                found.add(getParameter(scope, name, withDecryption));
            } catch (AwsException e) {
                if (!"ParameterNotFound".equals(e.code()) && !"ParameterVersionNotFound".equals(e.code())) {
                    throw e;
                }
                invalid.add(name);
            }
        }
        return new Lookup(found, invalid);
    }

    /** The tags of a parameter (ResourceType Parameter, ResourceId its name), as ListTagsForResource lists them. */
    public Map<String, String> listTagsForResource(AccountRegion scope, String resourceType, String resourceId) {
        return tagged(scope, resourceType, resourceId).tags();
    }

    /** Adds or replaces tags of a parameter; they belong to the parameter, so every version keeps them. */
    public void addTagsToResource(AccountRegion scope, String resourceType, String resourceId,
            Map<String, String> tags) {
        if (tags.isEmpty()) {
            throw SsmErrors.validation("Tags must name at least one Key and Value");
        }
        changeTags(scope, resourceType, resourceId, current -> current.putAll(tags));
    }

    public void removeTagsFromResource(AccountRegion scope, String resourceType, String resourceId,
            List<String> tagKeys) {
        changeTags(scope, resourceType, resourceId, current -> tagKeys.forEach(current::remove));
    }

    private void changeTags(AccountRegion scope, String resourceType, String resourceId,
            Consumer<Map<String, String>> change) {
        tagged(scope, resourceType, resourceId);
        store(scope).computeIfPresent(resourceId, (name, stored) -> {
            Map<String, String> tags = new LinkedHashMap<>(stored.tags());
            change.accept(tags);
            return new StoredParameter(stored.versions(), tags, stored.labels());
        });
    }

    private StoredParameter tagged(AccountRegion scope, String resourceType, String resourceId) {
        if (!"Parameter".equals(resourceType)) {
            throw new AwsException("InvalidResourceType", "ResourceType "
                    + resourceType + " is not emulated; Serverless Lab's SSM tags parameters (ResourceType "
                    + "Parameter)", 400);
        }
        StoredParameter stored = resourceId == null ? null : store(scope).get(resourceId);
        if (stored == null) {
            throw new AwsException("InvalidResourceId", "The parameter "
                    + resourceId + " does not exist in account " + scope.accountId() + " region " + scope.region()
                    + "; ResourceId is the parameter's name", 400);
        }
        return stored;
    }

    public void deleteParameter(AccountRegion scope, String name) {
        if (ParameterNames.reserved(name)) {
            // AWS's words for deleting under aws*/ssm*, which includes its public parameters.
            throw SsmErrors.accessDenied("No access to reserved parameter name: " + name + ".");
        }
        ParameterNames.check(name);
        if (store(scope).remove(name) == null) {
            throw notFound(name);
        }
    }

    /** Deletes up to 10 parameters; returns the names that did not exist. */
    public List<String> deleteParameters(AccountRegion scope, List<String> names) {
        checkBatch(names);
        List<String> invalid = new ArrayList<>();
        for (String name : names) {
            if (store(scope).remove(name) == null) {
                invalid.add(name);
            }
        }
        return invalid;
    }

    public Page<Parameter> getParametersByPath(AccountRegion scope, String path, boolean recursive,
            List<ParameterFilter> filters, boolean withDecryption, Integer maxResults, String nextToken) {
        ParameterNames.checkPath(path);
        filters.forEach(filter -> filter.checkFor(true));
        int limit = limit(maxResults, 10);
        Predicate<ParameterVersion> wanted = p -> ParameterNames.under(p.name(), path, recursive)
                && filters.stream().allMatch(filter -> filter.matches(p));
        Page<ParameterVersion> page = PublicParameters.isPublic(path)
                ? publicPage(scope, path, wanted, limit, nextToken) : latest(scope, wanted, limit, nextToken);
        List<Parameter> revealed = page.items().stream().map(p -> reveal(scope, p, withDecryption, null)).toList();
        return new Page<>(revealed, page.nextToken());
    }

    /** Metadata of the latest version of each parameter passing every filter; values are not part of it. */
    public Page<ParameterVersion> describeParameters(AccountRegion scope, List<ParameterFilter> filters,
            Integer maxResults, String nextToken) {
        filters.forEach(filter -> filter.checkFor(false));
        int limit = limit(maxResults, 50);
        return latest(scope, p -> filters.stream().allMatch(filter -> filter.matches(p)), limit, nextToken);
    }

    /**
     * LabelParameterVersion: attaches labels to a version (the latest unless named), moving any that named another
     * version; labels breaking SSM's naming rules come back as invalid.
     */
    public ParameterLabels.Labelled labelParameterVersion(AccountRegion scope, String name, Long version,
            List<String> labels) {
        existing(scope, name);
        ParameterLabels.Labelled[] result = new ParameterLabels.Labelled[1];
        store(scope).computeIfPresent(name, (key, stored) -> {
            result[0] = ParameterLabels.label(stored, version, labels);
            return result[0].parameter();
        });
        if (result[0] == null) {
            throw notFound(name);
        }
        return result[0];
    }

    /** UnlabelParameterVersion: removes labels from a version; those not on it come back as invalid. */
    public ParameterLabels.Unlabelled unlabelParameterVersion(AccountRegion scope, String name, Long version,
            List<String> labels) {
        existing(scope, name);
        ParameterLabels.Unlabelled[] result = new ParameterLabels.Unlabelled[1];
        store(scope).computeIfPresent(name, (key, stored) -> {
            result[0] = ParameterLabels.unlabel(stored, version, labels);
            return result[0].parameter();
        });
        if (result[0] == null) {
            throw notFound(name);
        }
        return result[0];
    }

    /** Every version of a parameter, oldest first. */
    public Page<Parameter> getParameterHistory(AccountRegion scope, String name, boolean withDecryption,
            Integer maxResults, String nextToken) {
        ParameterNames.check(name);
        int limit = limit(maxResults, 50);
        StoredParameter stored = existing(scope, name);
        List<ParameterVersion> versions = stored.versions();
        long after = nextToken == null ? 0 : Tokens.decodeNumber(nextToken);
        List<Parameter> page = versions.stream().filter(v -> v.version() > after).limit(limit)
                .map(v -> reveal(scope, v, withDecryption, null).withLabels(stored.labelsOf(v.version()))).toList();
        long last = page.isEmpty() ? after : page.get(page.size() - 1).version().version();
        String next = last < versions.get(versions.size() - 1).version() ? Tokens.encode(Long.toString(last)) : null;
        return new Page<>(page, next);
    }

    private Page<ParameterVersion> latest(AccountRegion scope, Predicate<ParameterVersion> wanted, int limit,
            String nextToken) {
        NavigableMap<String, StoredParameter> store = store(scope);
        NavigableMap<String, StoredParameter> rest = nextToken == null
                ? store : store.tailMap(Tokens.decode(nextToken), false);
        List<ParameterVersion> items = new ArrayList<>();
        String lastName = null;
        for (StoredParameter stored : rest.values()) {
            ParameterVersion latest = stored.latest();
            if (!wanted.test(latest)) {
                continue;
            }
            if (items.size() == limit) {
                return new Page<>(items, Tokens.encode(lastName));
            }
            items.add(latest);
            lastName = latest.name();
        }
        return new Page<>(items, null);
    }

    /** A public parameter: version 1 only, no labels, as the emulator holds one value of each. */
    private Parameter publicParameter(AccountRegion scope, Selector selector) {
        String value = publicParameters.in(scope.region()).get(selector.name());
        if (value == null) {
            throw SsmErrors.notFound("Parameter " + selector.name() + " not found; the emulator publishes "
                    + "/aws/service/global-infrastructure/regions/..., .../services/... and "
                    + "/aws/service/ami-amazon-linux-latest/... (see emulator/README.md)");
        }
        if (selector.label() != null || (selector.version() != null && selector.version() != 1)) {
            throw SsmErrors.versionNotFound("Systems Manager could not find " + selector.suffix() + " of "
                    + selector.name() + "; the emulator publishes version 1 of public parameters, without labels");
        }
        return new Parameter(PublicParameters.version(scope.region(), selector.name(), value), value,
                selector.suffix());
    }

    /** GetParametersByPath under /aws/service/: the public parameters in name order, paged like the caller's own. */
    private Page<ParameterVersion> publicPage(AccountRegion scope, String path, Predicate<ParameterVersion> wanted,
            int limit, String nextToken) {
        NavigableMap<String, String> all = publicParameters.in(scope.region());
        NavigableMap<String, String> rest = nextToken == null ? all.tailMap(path, true)
                : all.tailMap(Tokens.decode(nextToken), false);
        List<ParameterVersion> items = new ArrayList<>();
        for (Map.Entry<String, String> entry : rest.entrySet()) {
            if (!entry.getKey().startsWith(path)) {
                if (entry.getKey().compareTo(path) < 0) {
                    continue;
                }
                break;
            }
            ParameterVersion version = PublicParameters.version(scope.region(), entry.getKey(), entry.getValue());
            if (!wanted.test(version)) {
                continue;
            }
            if (items.size() == limit) {
                return new Page<>(items, Tokens.encode(items.get(items.size() - 1).name()));
            }
            items.add(version);
        }
        return new Page<>(items, null);
    }

    private Parameter reveal(AccountRegion scope, ParameterVersion version, boolean withDecryption,
            String selector) {
        String value = version.value();
        if (withDecryption && version.type() == ParameterType.SecureString) {
            byte[] blob = Base64.getDecoder().decode(value);
            value = new String(kms.decrypt(scope, blob, context(version.arn()), null).plaintext(),
                    StandardCharsets.UTF_8);
        }
        return new Parameter(version, value, selector);
    }

    private String encrypt(AccountRegion scope, String keyId, String arn, String plaintext) {
        if (DEFAULT_KEY_ALIAS.equals(keyId)) {
            kms.awsManagedKey(scope, "ssm");
        }
        byte[] bytes = plaintext.getBytes(StandardCharsets.UTF_8);
        try {
            return Base64.getEncoder().encodeToString(kms.encrypt(scope, keyId, bytes, context(arn)));
        } catch (AwsException e) {
            if ("NotFoundException".equals(e.code()) || "DisabledException".equals(e.code())
                    || "KMSInvalidStateException".equals(e.code())) {
                throw SsmErrors.invalidKeyId("KeyId " + keyId + " cannot encrypt: " + e.getMessage());
            }
            throw e;
        }
    }

    /** AWS binds a SecureString's ciphertext to its parameter through this encryption context. */
    private static Map<String, String> context(String arn) {
        return Map.of("PARAMETER_ARN", arn);
    }

    private StoredParameter existing(AccountRegion scope, String name) {
        ParameterNames.check(name);
        StoredParameter stored = store(scope).get(name);
        if (stored == null) {
            throw notFound(name);
        }
        return stored;
    }

    private static AwsException notFound(String name) {
        return SsmErrors.notFound("Parameter " + name + " not found; check the name (paths start with /) and the "
                + "client's region, or create it with PutParameter");
    }

    private static void checkBatch(List<String> names) {
        if (names.isEmpty() || names.size() > 10) {
            throw SsmErrors.validation("Names must hold 1 to 10 parameter names, got " + names.size());
        }
    }

    private static int limit(Integer maxResults, int max) {
        if (maxResults == null) {
            return max;
        }
        if (maxResults < 1 || maxResults > max) {
            throw SsmErrors.validation("MaxResults must be between 1 and " + max + ", got " + maxResults);
        }
        return maxResults;
    }

    private NavigableMap<String, StoredParameter> store(AccountRegion scope) {
        return stores.computeIfAbsent(scope, ignored -> new ConcurrentSkipListMap<>());
    }
}
