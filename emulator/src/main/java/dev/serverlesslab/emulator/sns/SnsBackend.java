package dev.serverlesslab.emulator.sns;

import dev.serverlesslab.emulator.core.AccountRegion;
import dev.serverlesslab.emulator.core.Arns;
import dev.serverlesslab.emulator.core.AwsException;
import dev.serverlesslab.emulator.core.EmulatorClock;
import dev.serverlesslab.emulator.core.Targets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * SNS's state and rules per account and region: topics (standard and FIFO), subscriptions with their confirmation
 * and filter policies, tags; publishing is {@link Publisher}'s. No HTTP or XML here.
 */
public final class SnsBackend implements AutoCloseable {

    /** One page of a listing and the token for the next, null on the last page. */
    public record Page<T>(List<T> items, String nextToken) {
    }

    static final int PAGE_SIZE = 100;
    private static final Pattern TOPIC_NAME = Pattern.compile("[A-Za-z0-9_-]{1,256}");
    private static final Set<String> DELIVERED = Set.of("lambda", "sqs", "http", "https");
    private static final Set<String> REFUSED = Set.of("email", "email-json", "sms", "application", "firehose");

    private final Map<AccountRegion, State> states = new ConcurrentHashMap<>();
    private final boolean httpEndpoints;
    private final Targets targets;
    private final Deliveries deliveries;
    private final Publisher publisher;

    /**
     * @param targets where Lambda and SQS subscribers are delivered to
     * @param clock timestamps, FIFO deduplication windows and HTTP retry delays
     * @param endpoint the emulator's base URL, for the SubscribeURL and UnsubscribeURL SNS sends
     */
    public SnsBackend(Targets targets, EmulatorClock clock, String endpoint) {
        this(targets, clock, endpoint, true);
    }

    /**
     * @param httpEndpoints whether http and https subscriptions are accepted: a strict (grading) emulator refuses
     *     them, since SNS would POST from the grading machine to any address a learner's code names (SSRF)
     */
    public SnsBackend(Targets targets, EmulatorClock clock, String endpoint, boolean httpEndpoints) {
        this.httpEndpoints = httpEndpoints;
        this.targets = targets;
        this.deliveries = new Deliveries(targets, clock, new Envelopes(endpoint));
        this.publisher = new Publisher(clock, deliveries);
    }

    /** A region's topics and subscriptions; guarded by its own monitor. */
    static final class State {
        final Map<String, Topic> topics = new LinkedHashMap<>();
        final Map<String, Subscription> subscriptions = new LinkedHashMap<>();
        final Map<String, Publisher.Deduplicated> deduplication = new HashMap<>();
        long sequence;
    }

    State state(AccountRegion scope) {
        return states.computeIfAbsent(scope, key -> new State());
    }

    public Topic createTopic(AccountRegion scope, String name, Map<String, String> attributes,
            Map<String, String> tags) {
        if (name == null || !TOPIC_NAME.matcher(name.endsWith(".fifo") ? name.substring(0, name.length() - 5) : name)
                .matches()) {
            throw SnsErrors.invalidParameter("Topic Name: must be 1 to 256 letters, digits, hyphens and underscores"
                    + " (with .fifo at the end for a FIFO topic), got " + name);
        }
        boolean fifo = "true".equalsIgnoreCase(attributes.get("FifoTopic"));
        if (fifo != name.endsWith(".fifo")) {
            throw SnsErrors.invalidParameter("Topic Name: a FIFO topic's name ends in .fifo and it is created with "
                    + "the attribute FifoTopic=true; give both or neither");
        }
        attributes.forEach((key, value) -> AttributeRules.checkTopicAttribute(key, value, fifo, true));
        String arn = "arn:aws:sns:" + scope.region() + ":" + scope.accountId() + ":" + name;
        State state = state(scope);
        synchronized (state) {
            Topic existing = state.topics.get(arn);
            if (existing != null) {
                // CreateTopic is idempotent, unless it asks for other attributes than the topic has.
                if (!attributes.isEmpty() && !existing.attributes().equals(attributes)) {
                    throw SnsErrors.invalidParameter("Attributes Reason: Topic already exists with different "
                            + "attributes");
                }
                if (!tags.isEmpty() && !existing.tags().equals(tags)) {
                    throw SnsErrors.invalidParameter("Tags Reason: Topic already exists with different tags");
                }
                return existing;
            }
            Topic topic = new Topic(arn, name, attributes, tags);
            state.topics.put(arn, topic);
            return topic;
        }
    }

    /** Deletes the topic and its subscriptions; deleting a topic that does not exist succeeds, as in SNS. */
    public void deleteTopic(AccountRegion scope, String topicArn) {
        State state = state(scope);
        synchronized (state) {
            state.topics.remove(topicArn);
            state.subscriptions.values().removeIf(subscription -> subscription.topicArn().equals(topicArn));
        }
    }

    /** Whether the topic exists, in the account and region its ARN names. */
    public boolean topicExists(String topicArn) {
        State state = state(Arns.scope(topicArn));
        synchronized (state) {
            return state.topics.containsKey(topicArn);
        }
    }

    public Page<Topic> listTopics(AccountRegion scope, String nextToken) {
        State state = state(scope);
        synchronized (state) {
            return page(new ArrayList<>(state.topics.values()), nextToken);
        }
    }

    public Map<String, String> getTopicAttributes(AccountRegion scope, String topicArn) {
        State state = state(scope);
        synchronized (state) {
            Topic topic = topic(state, topicArn);
            int confirmed = count(state, topicArn, Subscription::confirmed);
            int pending = count(state, topicArn, subscription -> !subscription.confirmed());
            return AttributeRules.effectiveTopic(topic, scope.accountId(), confirmed, pending);
        }
    }

    public void setTopicAttribute(AccountRegion scope, String topicArn, String name, String value) {
        State state = state(scope);
        synchronized (state) {
            Topic topic = topic(state, topicArn);
            AttributeRules.checkTopicAttribute(name, value, topic.fifo(), false);
            Map<String, String> attributes = new HashMap<>(topic.attributes());
            attributes.put(name, value == null ? "" : value);
            state.topics.put(topicArn, topic.withAttributes(attributes));
        }
    }

    public Subscription subscribe(AccountRegion scope, String topicArn, String protocol, String endpoint,
            Map<String, String> attributes) {
        checkEndpoint(protocol, endpoint);
        State state = state(scope);
        Subscription subscription;
        Topic topic;
        synchronized (state) {
            topic = topic(state, topicArn);
            checkFifo(topic, protocol, endpoint);
            FilterPolicy filter = filter(attributes, protocol);
            for (Subscription existing : state.subscriptions.values()) {
                if (existing.topicArn().equals(topicArn) && existing.protocol().equals(protocol)
                        && existing.endpoint().equals(endpoint)) {
                    if (!attributes.isEmpty() && !existing.attributes().equals(attributes)) {
                        throw SnsErrors.invalidParameter("Attributes Reason: Subscription already exists with "
                                + "different attributes");
                    }
                    return existing;
                }
            }
            boolean http = protocol.startsWith("http");
            String token = http ? HexFormat.of().formatHex(UUID.randomUUID().toString().getBytes()) : null;
            subscription = new Subscription(topicArn + ":" + UUID.randomUUID(), topicArn, scope.accountId(),
                    protocol, endpoint, attributes, filter, token, !http, false);
            state.subscriptions.put(subscription.arn(), subscription);
        }
        if (!subscription.confirmed()) {
            deliveries.confirm(topic, subscription);
        }
        return subscription;
    }

    /**
     * Confirms the HTTP/S subscription the token was sent for; with {@code authenticateOnUnsubscribe} only a signed
     * Unsubscribe ends it afterwards.
     */
    public Subscription confirmSubscription(AccountRegion scope, String topicArn, String token,
            boolean authenticateOnUnsubscribe) {
        State state = state(scope);
        synchronized (state) {
            topic(state, topicArn);
            for (Subscription subscription : state.subscriptions.values()) {
                if (subscription.topicArn().equals(topicArn) && token != null && token.equals(subscription.token())) {
                    Subscription confirmed = subscription.confirm(authenticateOnUnsubscribe
                            || subscription.authenticateOnUnsubscribe());
                    state.subscriptions.put(confirmed.arn(), confirmed);
                    return confirmed;
                }
            }
            throw SnsErrors.invalidParameter("Token: no subscription of " + topicArn + " waits for this token");
        }
    }

    /**
     * Ends a subscription; {@code signed} is false for the UnsubscribeURL in a message, which a subscription confirmed
     * with AuthenticateOnUnsubscribe refuses.
     */
    public void unsubscribe(AccountRegion scope, String subscriptionArn, boolean signed) {
        State state = state(scope);
        synchronized (state) {
            Subscription subscription = subscription(state, subscriptionArn);
            if (!signed && subscription.authenticateOnUnsubscribe()) {
                throw new AwsException("AuthorizationError", "This subscription was confirmed with "
                        + "AuthenticateOnUnsubscribe: only a signed Unsubscribe request ends it", 403);
            }
            state.subscriptions.remove(subscriptionArn);
        }
    }

    /** Every subscription of the region, or of one topic when {@code topicArn} is given. */
    public Page<Subscription> listSubscriptions(AccountRegion scope, String topicArn, String nextToken) {
        State state = state(scope);
        synchronized (state) {
            if (topicArn != null) {
                topic(state, topicArn);
            }
            return page(state.subscriptions.values().stream()
                    .filter(subscription -> topicArn == null || subscription.topicArn().equals(topicArn)).toList(),
                    nextToken);
        }
    }

    public Map<String, String> getSubscriptionAttributes(AccountRegion scope, String subscriptionArn) {
        State state = state(scope);
        synchronized (state) {
            return AttributeRules.effectiveSubscription(subscription(state, subscriptionArn));
        }
    }

    public void setSubscriptionAttribute(AccountRegion scope, String subscriptionArn, String name, String value) {
        State state = state(scope);
        synchronized (state) {
            Subscription subscription = subscription(state, subscriptionArn);
            Map<String, String> attributes = new HashMap<>(subscription.attributes());
            if (value == null || value.isEmpty() && "FilterPolicy".equals(name)) {
                attributes.remove(name);
            } else {
                attributes.put(name, value);
            }
            FilterPolicy filter = filter(attributes, subscription.protocol());
            state.subscriptions.put(subscriptionArn, subscription.withAttributes(attributes, filter));
        }
    }

    public void tagResource(AccountRegion scope, String arn, Map<String, String> tags) {
        State state = state(scope);
        synchronized (state) {
            Topic topic = taggable(state, arn);
            Map<String, String> merged = new HashMap<>(topic.tags());
            merged.putAll(tags);
            if (merged.size() > 50) {
                throw new AwsException("TagLimitExceeded",
                        "Could not complete request: tag quota of per resource exceeded (50)", 400);
            }
            state.topics.put(arn, topic.withTags(merged));
        }
    }

    public void untagResource(AccountRegion scope, String arn, List<String> keys) {
        State state = state(scope);
        synchronized (state) {
            Topic topic = taggable(state, arn);
            Map<String, String> kept = new HashMap<>(topic.tags());
            keys.forEach(kept::remove);
            state.topics.put(arn, topic.withTags(kept));
        }
    }

    public Map<String, String> listTagsForResource(AccountRegion scope, String arn) {
        State state = state(scope);
        synchronized (state) {
            return taggable(state, arn).tags();
        }
    }

    /** Publishes to a topic: {@link Publisher#publish}. */
    public Publisher.Published publish(AccountRegion scope, Publisher.Request request) {
        return publisher.publish(state(scope), request);
    }

    /** Publishes up to ten messages, each succeeding or failing on its own: {@link Publisher#publishBatch}. */
    public List<Publisher.Outcome> publishBatch(AccountRegion scope, String topicArn,
            List<Publisher.Entry> entries) {
        return publisher.publishBatch(state(scope), topicArn, entries);
    }

    static Topic topic(State state, String topicArn) {
        Topic topic = topicArn == null ? null : state.topics.get(topicArn);
        if (topic == null) {
            throw SnsErrors.notFound("Topic " + topicArn);
        }
        return topic;
    }

    private static Topic taggable(State state, String arn) {
        Topic topic = arn == null ? null : state.topics.get(arn);
        if (topic == null) {
            throw SnsErrors.resourceNotFound(arn);
        }
        return topic;
    }

    private static Subscription subscription(State state, String arn) {
        Subscription subscription = arn == null ? null : state.subscriptions.get(arn);
        if (subscription == null) {
            throw SnsErrors.notFound("Subscription " + arn);
        }
        return subscription;
    }

    private static int count(State state, String topicArn, Predicate<Subscription> which) {
        return (int) state.subscriptions.values().stream()
                .filter(subscription -> subscription.topicArn().equals(topicArn)).filter(which).count();
    }

    private static FilterPolicy filter(Map<String, String> attributes, String protocol) {
        attributes.forEach((name, value) -> AttributeRules.checkSubscriptionAttribute(name, value, protocol));
        String policy = attributes.get("FilterPolicy");
        FilterPolicy.Scope scope = FilterPolicy.scope(attributes.get("FilterPolicyScope"));
        return policy == null || policy.isBlank() ? null : FilterPolicy.parse(policy, scope);
    }

    private void checkEndpoint(String protocol, String endpoint) {
        if (protocol == null || REFUSED.contains(protocol)) {
            throw SnsErrors.invalidParameter("Protocol Reason: Serverless Lab's emulator does not deliver to "
                    + protocol + " endpoints; it delivers to lambda, sqs, http and https");
        }
        if (!DELIVERED.contains(protocol)) {
            throw SnsErrors.invalidParameter("Amazon SNS does not support this protocol string: " + protocol);
        }
        if (endpoint == null || endpoint.isEmpty()) {
            throw SnsErrors.invalidParameter("Endpoint Reason: a " + protocol + " subscription needs an Endpoint");
        }
        switch (protocol) {
            case "lambda", "sqs" -> {
                String service = Arns.service(endpoint).orElse("");
                if (!service.equals(protocol)) {
                    throw SnsErrors.invalidParameter("Endpoint Reason: a " + protocol + " endpoint is an ARN "
                            + "arn:aws:" + protocol + ":REGION:ACCOUNT:..., got " + endpoint);
                }
                Arns.scope(endpoint);
                if (!targets.serves(protocol)) {
                    throw SnsErrors.invalidParameter("Endpoint Reason: Serverless Lab's emulator does not serve "
                            + protocol + " here, so it cannot deliver to " + endpoint);
                }
            }
            default -> {
                if (!endpoint.startsWith(protocol + "://")) {
                    throw SnsErrors.invalidParameter("Endpoint Reason: an " + protocol + " endpoint is a URL that "
                            + "begins with " + protocol + "://, got " + endpoint);
                }
                if (!httpEndpoints) {
                    throw SnsErrors.invalidParameter("Endpoint Reason: this emulator runs in strict mode, as for "
                            + "gradings, and refuses " + protocol + " subscriptions: SNS would send requests from the "
                            + "grading machine to whatever address is subscribed. Subscribe an SQS queue or a Lambda "
                            + "function instead");
                }
            }
        }
    }

    private static void checkFifo(Topic topic, String protocol, String endpoint) {
        if (topic.fifo() && !"sqs".equals(protocol)) {
            throw SnsErrors.invalidParameter("Protocol Reason: FIFO topics deliver only to SQS queues, not to "
                    + protocol);
        }
        if (!topic.fifo() && "sqs".equals(protocol) && endpoint.endsWith(".fifo")) {
            throw SnsErrors.invalidParameter("Endpoint Reason: FIFO SQS Queues can not be "
                    + "subscribed to standard SNS topics");
        }
    }

    private static <T> Page<T> page(List<T> all, String nextToken) {
        int start = 0;
        if (nextToken != null && !nextToken.isEmpty()) {
            try {
                start = Integer.parseInt(nextToken);
            } catch (NumberFormatException e) {
                throw SnsErrors.invalidParameter("NextToken");
            }
            if (start < 0 || start > all.size()) {
                throw SnsErrors.invalidParameter("NextToken");
            }
        }
        int end = Math.min(all.size(), start + PAGE_SIZE);
        return new Page<>(List.copyOf(all.subList(start, end)), end < all.size() ? Integer.toString(end) : null);
    }

    @Override
    public void close() {
        deliveries.close();
    }
}
