package dev.serverlesslab.emulator.lambda;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.IntFunction;

/**
 * One function's state: $LATEST, its published versions, its tags and where its code lives. Changes are
 * synchronized per function, so two updates never interleave.
 */
final class LambdaFunction {

    private final Path directory;
    private final Map<String, String> tags = new TreeMap<>();
    private final TreeMap<Integer, Deployment> versions = new TreeMap<>();
    private final TreeMap<String, AliasConfiguration> aliases = new TreeMap<>();
    /** Resource-based policy statements by qualifier, "" for the unqualified function. */
    private final Map<String, List<Map<String, Object>>> policies = new HashMap<>();
    private Deployment latest;
    private int lastVersion;
    /** RevisionId of $LATEST when it was last published: publishing an unchanged $LATEST returns that version. */
    private String publishedRevision;
    private int directories;
    private Integer reservedConcurrency;
    private int running;

    LambdaFunction(Deployment latest, Map<String, String> tags, Path directory) {
        this.latest = latest;
        this.tags.putAll(tags);
        this.directory = directory;
    }

    synchronized Deployment latest() {
        return latest;
    }

    synchronized FunctionConfiguration configuration() {
        return latest.configuration();
    }

    /** The state a waiter sees once a create or update has taken effect. */
    synchronized void activate() {
        latest = latest.with(latest.configuration().active());
    }

    /** Makes {@code next} the new $LATEST and returns the one it replaced, whose environments the caller drains. */
    synchronized Deployment replaceLatest(Deployment next) {
        Deployment previous = latest;
        latest = next;
        return previous;
    }

    /** $LATEST or the published version by that number, or null when there is none. */
    synchronized Deployment deployment(String version) {
        if ("$LATEST".equals(version)) {
            return latest;
        }
        Integer number = FunctionRegistry.versionNumber(version);
        return number == null ? null : versions.get(number);
    }

    synchronized AliasConfiguration alias(String name) {
        return aliases.get(name);
    }

    synchronized List<AliasConfiguration> aliases() {
        return new ArrayList<>(aliases.values());
    }

    synchronized void putAlias(AliasConfiguration alias) {
        aliases.put(alias.name(), alias);
    }

    synchronized void removeAlias(String name) {
        aliases.remove(name);
        policies.remove(name);
    }

    /** The policy of the function ("") or of a version or alias, or null when it has no statements. */
    synchronized ResourcePolicy policy(String qualifier) {
        List<Map<String, Object>> statements = policies.get(qualifier);
        return statements == null ? null : new ResourcePolicy(statements, revisionId(qualifier));
    }

    /**
     * The RevisionId a policy change is checked against: Lambda shares it with the function version or alias the
     * policy belongs to, so GetFunction and GetPolicy name the same revision.
     */
    synchronized String revisionId(String qualifier) {
        if (qualifier.isEmpty()) {
            return latest.configuration().revisionId();
        }
        Integer number = FunctionRegistry.versionNumber(qualifier);
        Deployment version = number == null ? null : versions.get(number);
        if (version != null) {
            return version.configuration().revisionId();
        }
        AliasConfiguration alias = aliases.get(qualifier);
        return alias == null ? null : alias.revisionId();
    }

    /** Replaces the qualifier's statements (none left removes the policy) and moves its owner to a new RevisionId. */
    synchronized void putPolicy(String qualifier, List<Map<String, Object>> statements) {
        if (statements.isEmpty()) {
            policies.remove(qualifier);
        } else {
            policies.put(qualifier, List.copyOf(statements));
        }
        String next = UUID.randomUUID().toString();
        Integer number = FunctionRegistry.versionNumber(qualifier);
        if (qualifier.isEmpty()) {
            // A policy change is no code or configuration change: publishing afterwards still returns the same version.
            boolean published = latest.configuration().revisionId().equals(publishedRevision);
            latest = latest.with(latest.configuration().withRevisionId(next));
            publishedRevision = published ? next : publishedRevision;
        } else if (number != null && versions.containsKey(number)) {
            Deployment version = versions.get(number);
            versions.put(number, version.with(version.configuration().withRevisionId(next)));
        } else if (aliases.containsKey(qualifier)) {
            AliasConfiguration a = aliases.get(qualifier);
            aliases.put(qualifier, new AliasConfiguration(a.aliasArn(), a.name(), a.functionVersion(), a.description(),
                    a.routingConfig(), next));
        }
    }

    synchronized List<Deployment> versions() {
        return new ArrayList<>(versions.values());
    }

    /**
     * Publishes $LATEST as the next version, built by {@code create} from its number; an unchanged $LATEST returns
     * the version already published from it, as Lambda does.
     */
    synchronized Deployment publish(IntFunction<Deployment> create) {
        if (latest.configuration().revisionId().equals(publishedRevision) && !versions.isEmpty()) {
            return versions.lastEntry().getValue();
        }
        Deployment version = create.apply(lastVersion + 1);
        lastVersion++;
        versions.put(lastVersion, version);
        publishedRevision = latest.configuration().revisionId();
        return version;
    }

    synchronized Deployment removeVersion(int number) {
        policies.remove(String.valueOf(number));
        return versions.remove(number);
    }

    /** Every deployment, $LATEST first, so closing the function can stop all their environments. */
    synchronized List<Deployment> deployments() {
        List<Deployment> all = new ArrayList<>();
        all.add(latest);
        all.addAll(versions.values());
        return all;
    }

    /** A fresh directory below the function's own, for new code or a new set of environments. */
    synchronized Path newDirectory(String prefix) {
        return directory.resolve(prefix + "-" + ++directories);
    }

    synchronized Integer reservedConcurrency() {
        return reservedConcurrency;
    }

    /** Null removes the reservation. */
    synchronized void reserveConcurrency(Integer reserved) {
        reservedConcurrency = reserved;
    }

    /** Counts one more running invocation, unless that would exceed the reserved concurrency. */
    synchronized boolean tryStart() {
        if (reservedConcurrency != null && running >= reservedConcurrency) {
            return false;
        }
        running++;
        return true;
    }

    synchronized void finish() {
        running--;
    }

    synchronized Map<String, String> tags() {
        return Map.copyOf(tags);
    }

    /** TagResource: adds or replaces the given tags. */
    synchronized void tag(Map<String, String> added) {
        tags.putAll(added);
    }

    /** UntagResource: removes the given keys; unknown keys are ignored, as on AWS. */
    synchronized void untag(List<String> keys) {
        keys.forEach(tags::remove);
    }

    Path directory() {
        return directory;
    }
}
