package dev.serverlesslab.emulator.sns;

import dev.serverlesslab.emulator.core.AccountRegion;
import dev.serverlesslab.emulator.core.Arns;
import dev.serverlesslab.emulator.http.AwsQuery;
import dev.serverlesslab.emulator.http.AwsRequest;
import dev.serverlesslab.emulator.http.AwsResponse;
import dev.serverlesslab.emulator.http.AwsService;
import dev.serverlesslab.emulator.http.Operations;
import dev.serverlesslab.emulator.http.Protocol;
import dev.serverlesslab.emulator.http.RequiredMembers;
import dev.serverlesslab.emulator.http.Xml;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import javax.xml.stream.XMLStreamException;

/**
 * SNS's query-protocol wire format (form posts {@code Action=...&Version=2010-03-31}, XML answers; the SDK v2 and the
 * CLI both send it): maps each action to an {@link SnsBackend} call and its result to SNS's XML shapes. Also answers
 * the SubscribeURL and UnsubscribeURL it sends to HTTP endpoints, unsigned GETs under {@link #URL_PATH}.
 */
public final class SnsHandler implements AwsService {

    /** Where the SubscribeURL and UnsubscribeURL SNS sends point: unsigned, like the links in AWS's messages. */
    public static final String URL_PATH = "/_aws/sns";
    private static final String NAMESPACE = "http://sns.amazonaws.com/doc/2010-03-31/";

    /** One action: reads the parameters in a scope, calls the backend, writes the result's members. */
    private interface Action extends BiFunction<AccountRegion, Map<String, String>, Xml.Body> {
    }

    private final SnsBackend backend;
    private final AwsQuery wire = new AwsQuery(NAMESPACE);
    // A member the model requires is checked by SNS's Coral layer, which answers ValidationError naming each one
    // ("1 validation error detected: Value null at 'message' failed to satisfy constraint: Member must not be
    // null" for a Publish without Message, as SNS clones written against AWS record it, e.g. Comcast's CMB and
    // aws-mock); "Invalid parameter: X Reason: no value for required parameter" is SNS's own answer for what the
    // model leaves optional but an action needs (Publish's TopicArn or TargetArn).
    private final Operations<Action> actions = new Operations<>(Protocol.QUERY, "SNS",
            RequiredMembers.of("sns", RequiredMembers.coral("ValidationError")));
    /** The two actions the links SNS sends to HTTP endpoints name, answered unsigned under {@link #URL_PATH}. */
    private final Operations<Action> links = new Operations<>(Protocol.QUERY, "SNS (at " + URL_PATH + ")");

    public SnsHandler(SnsBackend backend) {
        this.backend = backend;
        actions.add("CreateTopic", this::createTopic);
        actions.add("DeleteTopic", (scope, in) -> done(() -> backend.deleteTopic(scope, in.get("TopicArn"))));
        actions.add("ListTopics", this::listTopics);
        actions.add("GetTopicAttributes", (scope, in) -> entries("Attributes",
                backend.getTopicAttributes(scope, in.get("TopicArn"))));
        actions.add("SetTopicAttributes", (scope, in) -> done(() -> backend.setTopicAttribute(scope,
                in.get("TopicArn"), in.get("AttributeName"), in.get("AttributeValue"))));
        actions.add("Subscribe", this::subscribe);
        actions.add("ConfirmSubscription", (scope, in) -> members(Map.of("SubscriptionArn",
                backend.confirmSubscription(scope, required(in, "TopicArn"), required(in, "Token"),
                        "true".equalsIgnoreCase(in.get("AuthenticateOnUnsubscribe"))).arn())));
        actions.add("Unsubscribe", (scope, in) -> done(() -> backend.unsubscribe(scope, in.get("SubscriptionArn"),
                true)));
        actions.add("ListSubscriptions", (scope, in) -> subscriptions(backend.listSubscriptions(scope, null,
                in.get("NextToken"))));
        actions.add("ListSubscriptionsByTopic", (scope, in) -> subscriptions(backend.listSubscriptions(scope,
                required(in, "TopicArn"), in.get("NextToken"))));
        actions.add("GetSubscriptionAttributes", (scope, in) -> entries("Attributes",
                backend.getSubscriptionAttributes(scope, in.get("SubscriptionArn"))));
        actions.add("SetSubscriptionAttributes", (scope, in) -> done(() -> backend.setSubscriptionAttribute(scope,
                in.get("SubscriptionArn"), required(in, "AttributeName"), in.get("AttributeValue"))));
        actions.add("Publish", this::publish);
        actions.add("PublishBatch", this::publishBatch);
        actions.add("TagResource", (scope, in) -> done(() -> backend.tagResource(scope, in.get("ResourceArn"),
                QueryParameters.tags(in))));
        actions.add("UntagResource", (scope, in) -> done(() -> backend.untagResource(scope, in.get("ResourceArn"),
                QueryParameters.list(in, "TagKeys"))));
        actions.add("ListTagsForResource", this::listTags);
        // Unsigned, so they act where the ARN they name lives, and such an Unsubscribe counts as unauthenticated.
        links.add("ConfirmSubscription", (scope, in) -> {
            String topicArn = required(in, "TopicArn");
            return members(Map.of("SubscriptionArn", backend.confirmSubscription(Arns.scope(topicArn), topicArn,
                    required(in, "Token"), false).arn()));
        });
        links.add("Unsubscribe", (scope, in) -> {
            String subscriptionArn = required(in, "SubscriptionArn");
            return done(() -> backend.unsubscribe(Arns.scope(subscriptionArn), subscriptionArn, false));
        });
    }

    @Override
    public String signingName() {
        return "sns";
    }

    @Override
    public Protocol protocol() {
        return Protocol.QUERY;
    }

    @Override
    public List<String> pathPrefixes() {
        return List.of(URL_PATH);
    }

    @Override
    public AwsResponse handle(AwsRequest request) {
        Map<String, String> in = wire.parameters(request);
        String name = wire.operation(in);
        Operations<Action> table = request.rawPath().startsWith(URL_PATH) ? links : actions;
        Action action = table.find(name);
        table.check(name, RequiredMembers.inQuery(in));
        return respond(request, name, action.apply(request.scope(), in));
    }

    /** The operations served, as the table that dispatches them holds them. */
    @Override
    public List<String> operations() {
        return actions.supported();
    }

    private static AwsResponse respond(AwsRequest request, String name, Xml.Body result) {
        byte[] body = Xml.document(true, xml -> {
            xml.start(name + "Response", NAMESPACE);
            xml.start(name + "Result");
            result.write(xml);
            xml.end();
            xml.start("ResponseMetadata").element("RequestId", request.requestId()).end();
            xml.end();
        });
        return new AwsResponse(200, Map.of("Content-Type", Protocol.QUERY.contentType()), body);
    }

    @Override
    public void close() {
        backend.close();
    }

    private Xml.Body createTopic(AccountRegion scope, Map<String, String> in) {
        if (in.containsKey("DataProtectionPolicy")) {
            throw SnsErrors.invalidParameter("DataProtectionPolicy: Serverless Lab's emulator does not apply data "
                    + "protection policies");
        }
        Topic topic = backend.createTopic(scope, in.get("Name"), QueryParameters.map(in, "Attributes"),
                QueryParameters.tags(in));
        return members(Map.of("TopicArn", topic.arn()));
    }

    private Xml.Body listTopics(AccountRegion scope, Map<String, String> in) {
        SnsBackend.Page<Topic> page = backend.listTopics(scope, in.get("NextToken"));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("Topics", page.items().stream().map(topic -> Map.of("TopicArn", topic.arn())).toList());
        out.put("NextToken", page.nextToken());
        return members(out);
    }

    private Xml.Body subscribe(AccountRegion scope, Map<String, String> in) {
        Subscription subscription = backend.subscribe(scope, required(in, "TopicArn"), required(in, "Protocol"),
                in.get("Endpoint"), QueryParameters.map(in, "Attributes"));
        boolean returnArn = subscription.confirmed() || "true".equalsIgnoreCase(in.get("ReturnSubscriptionArn"));
        return members(Map.of("SubscriptionArn", returnArn ? subscription.arn() : "pending confirmation"));
    }

    private static Xml.Body subscriptions(SnsBackend.Page<Subscription> page) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("Subscriptions", page.items().stream().map(subscription -> {
            Map<String, Object> member = new LinkedHashMap<>();
            member.put("SubscriptionArn", subscription.confirmed() ? subscription.arn() : "PendingConfirmation");
            member.put("Owner", subscription.owner());
            member.put("Protocol", subscription.protocol());
            member.put("Endpoint", subscription.endpoint());
            member.put("TopicArn", subscription.topicArn());
            return member;
        }).toList());
        out.put("NextToken", page.nextToken());
        return members(out);
    }

    private Xml.Body publish(AccountRegion scope, Map<String, String> in) {
        if (in.containsKey("PhoneNumber")) {
            throw SnsErrors.invalidParameter("PhoneNumber: Serverless Lab's emulator does not send SMS; publish to a "
                    + "TopicArn");
        }
        String topicArn = in.containsKey("TopicArn") ? in.get("TopicArn") : in.get("TargetArn");
        if (topicArn == null) {
            throw SnsErrors.invalidParameter("TopicArn or TargetArn Reason: no value for required parameter");
        }
        if (Arns.resource(topicArn).startsWith("endpoint/")) {
            throw SnsErrors.invalidParameter("TargetArn: Serverless Lab's emulator does not deliver to mobile "
                    + "platform endpoints; publish to a topic");
        }
        Publisher.Published published = backend.publish(scope, QueryParameters.publishRequest(topicArn, in, ""));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("MessageId", published.messageId());
        out.put("SequenceNumber", published.sequenceNumber());
        return members(out);
    }

    private Xml.Body publishBatch(AccountRegion scope, Map<String, String> in) {
        String topicArn = required(in, "TopicArn");
        List<Publisher.Entry> entries = QueryParameters.indexes(in, "PublishBatchRequestEntries.member.", ".Id")
                .stream().map(prefix -> new Publisher.Entry(in.get(prefix + "Id"),
                        QueryParameters.publishRequest(topicArn, in, prefix)))
                .toList();
        List<Publisher.Outcome> outcomes = backend.publishBatch(scope, topicArn, entries);
        List<Map<String, Object>> successful = outcomes.stream().filter(outcome -> outcome.error() == null)
                .map(outcome -> {
                    Map<String, Object> member = new LinkedHashMap<>();
                    member.put("Id", outcome.id());
                    member.put("MessageId", outcome.published().messageId());
                    member.put("SequenceNumber", outcome.published().sequenceNumber());
                    return member;
                }).toList();
        List<Map<String, Object>> failed = outcomes.stream().filter(outcome -> outcome.error() != null)
                .map(outcome -> {
                    Map<String, Object> member = new LinkedHashMap<>();
                    member.put("Id", outcome.id());
                    member.put("Code", outcome.error().code());
                    member.put("Message", outcome.error().getMessage());
                    member.put("SenderFault", !outcome.error().isServerFault());
                    return member;
                }).toList();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("Successful", successful);
        out.put("Failed", failed);
        return members(out);
    }

    private Xml.Body listTags(AccountRegion scope, Map<String, String> in) {
        List<Map<String, Object>> tags = backend.listTagsForResource(scope, in.get("ResourceArn")).entrySet()
                .stream().sorted(Map.Entry.comparingByKey())
                .map(tag -> Map.<String, Object>of("Key", tag.getKey(), "Value", tag.getValue())).toList();
        return members(Map.of("Tags", tags));
    }

    private static Xml.Body done(Runnable operation) {
        operation.run();
        return xml -> {
        };
    }

    private static Xml.Body members(Map<String, ?> members) {
        return xml -> xml.members(members);
    }

    /** A query-protocol map: {@code <name><entry><key/><value/></entry>...</name>}. */
    private static Xml.Body entries(String name, Map<String, String> map) {
        return xml -> {
            xml.start(name);
            for (Map.Entry<String, String> entry : map.entrySet()) {
                entry(xml, entry.getKey(), entry.getValue());
            }
            xml.end();
        };
    }

    private static void entry(Xml xml, String key, String value) throws XMLStreamException {
        xml.start("entry").element("key", key).element("value", value).end();
    }

    private static String required(Map<String, String> in, String name) {
        String value = in.get(name);
        if (value == null) {
            throw SnsErrors.invalidParameter(name + " Reason: no value for required parameter");
        }
        return value;
    }
}
