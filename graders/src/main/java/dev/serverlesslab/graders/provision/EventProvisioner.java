package dev.serverlesslab.graders.provision;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.serverlesslab.exercises.exercise.BucketSpec;
import dev.serverlesslab.exercises.exercise.EventResources;
import dev.serverlesslab.exercises.exercise.EventSourceSpec;
import dev.serverlesslab.exercises.exercise.QueueSpec;
import dev.serverlesslab.exercises.exercise.ResourceReference;
import dev.serverlesslab.exercises.exercise.RuleSpec;
import dev.serverlesslab.exercises.exercise.ScheduleSpec;
import dev.serverlesslab.exercises.exercise.StateMachineSpec;
import dev.serverlesslab.exercises.exercise.StreamSpec;
import dev.serverlesslab.exercises.exercise.TargetRef;
import dev.serverlesslab.exercises.exercise.TopicSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.services.eventbridge.model.RuleState;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.lambda.model.EventSourcePosition;
import software.amazon.awssdk.services.s3.model.FilterRule;
import software.amazon.awssdk.services.s3.model.FilterRuleName;
import software.amazon.awssdk.services.s3.model.LambdaFunctionConfiguration;
import software.amazon.awssdk.services.s3.model.NotificationConfiguration;
import software.amazon.awssdk.services.s3.model.NotificationConfigurationFilter;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.QueueConfiguration;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.TopicConfiguration;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode;
import software.amazon.awssdk.services.sfn.model.InvalidDefinitionException;
import software.amazon.awssdk.services.sfn.model.StateMachineType;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Creates the event-driven resources an exercise declares, in two steps around the function's deployment:
 * {@link #create} makes buckets, queues (dead-letter queues first), topics, buses and streams, whose names the
 * function's environment may refer to; {@link #wire} then connects them to the deployed function and to each other:
 * state machines (their definitions' {@code ${...}} resolved), topic subscriptions, rules and their targets,
 * schedules, bucket notifications and event source mappings, with the resource-based permissions and queue policies
 * AWS needs. Every step registers its deletion in the grading's {@link CleanupList}.
 */
final class EventProvisioner {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** How long an event source mapping may take to become Enabled before provisioning gives up. */
    private static final Duration MAPPING_READY = Duration.ofSeconds(30);
    private static final String SERVICE_TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"Service\":[\"states.amazonaws.com\",\"events.amazonaws.com\","
            + "\"scheduler.amazonaws.com\"]},\"Action\":\"sts:AssumeRole\"}]}";

    private final ServiceClients clients;
    private final Map<String, ArrayNode> queuePolicies = new HashMap<>();

    EventProvisioner(ServiceClients clients) {
        this.clients = clients;
    }

    /** Everything that exists independently of the function. */
    void create(EventResources declared, ProvisionedResources resources) {
        PhysicalNames names = resources.names();
        CleanupList cleanup = resources.cleanup();
        if (needsServiceRole(declared)) {
            String role = names.serviceRole();
            resources.serviceRole(step("role " + role, () -> {
                String arn = clients.iam().createRole(b -> b.roleName(role).assumeRolePolicyDocument(SERVICE_TRUST)
                        .description("Serverless Lab role for Step Functions, EventBridge and Scheduler")).role().arn();
                cleanup.add("role " + role, () -> clients.iam().deleteRole(b -> b.roleName(role)));
                return arn;
            }));
        }
        declared.buses().keySet().forEach(logical -> {
            String name = names.named(logical);
            String arn = step("event bus " + logical + " (" + name + ")", () ->
                    clients.events().createEventBus(b -> b.name(name)).eventBusArn());
            cleanup.add("event bus " + name, () -> clients.events().deleteEventBus(b -> b.name(name)));
            resources.addBus(logical, name, arn);
        });
        createQueues(declared.queues(), resources);
        declared.topics().values().forEach(topic -> {
            String name = names.queueOrTopic(topic.logicalName(), topic.fifo());
            String arn = step("topic " + topic.logicalName() + " (" + name + ")", () -> clients.sns()
                    .createTopic(b -> b.name(name).attributes(topic.fifo() ? Map.of("FifoTopic", "true",
                            "ContentBasedDeduplication", "true") : Map.of())).topicArn());
            cleanup.add("topic " + name, () -> clients.sns().deleteTopic(b -> b.topicArn(arn)));
            resources.addTopic(topic.logicalName(), arn);
        });
        declared.streams().values().forEach(stream -> {
            String name = names.named(stream.logicalName());
            String arn = step("stream " + stream.logicalName() + " (" + name + ")", () -> {
                clients.kinesis().createStream(b -> b.streamName(name).shardCount(stream.shards()));
                cleanup.add("stream " + name, () -> clients.kinesis().deleteStream(b -> b.streamName(name)
                        .enforceConsumerDeletion(true)));
                clients.kinesis().waiter().waitUntilStreamExists(b -> b.streamName(name));
                return clients.kinesis().describeStreamSummary(b -> b.streamName(name)).streamDescriptionSummary()
                        .streamARN();
            });
            resources.addStream(stream.logicalName(), name, arn);
        });
        declared.buckets().keySet().forEach(logical -> {
            String name = names.bucket(logical);
            step("bucket " + logical + " (" + name + ")", () -> {
                if (resources.region().equals("us-east-1")) {
                    clients.s3().createBucket(b -> b.bucket(name));
                } else {
                    clients.s3().createBucket(b -> b.bucket(name)
                            .createBucketConfiguration(c -> c.locationConstraint(resources.region())));
                }
                return name;
            });
            cleanup.add("bucket " + name, () -> deleteBucket(name));
            resources.addBucket(logical, name);
        });
    }

    /** Connects the deployed function and the resources to each other. */
    void wire(EventResources declared, ProvisionedResources resources, Map<String, String> learnerDefinitions) {
        PhysicalNames names = resources.names();
        CleanupList cleanup = resources.cleanup();
        for (StateMachineSpec machine : declared.stateMachines().values()) {
            String name = names.named(machine.logicalName());
            String written = machine.learnerWritten() ? learnerDefinitions.get(machine.logicalName())
                    : machine.definition();
            if (written == null) {
                // Never the solution's copy in place of the learner's: that would grade the reference answer.
                throw new IllegalStateException("the submission's definition of the state machine "
                        + machine.logicalName() + " (" + machine.definitionFile() + ") was not passed on");
            }
            String definition = ResourceReference.substitute(written, resources::resolve);
            String what = "state machine " + machine.logicalName() + " (" + name + ")";
            String arn = step(what, () -> {
                try {
                    return clients.sfn().createStateMachine(b -> b.name(name).definition(definition)
                            .roleArn(resources.serviceRole()).type(StateMachineType.fromValue(machine.type())))
                            .stateMachineArn();
                } catch (InvalidDefinitionException invalid) {
                    if (machine.learnerWritten()) {
                        throw new DefinitionRejectedException(what, machine.definitionFile(), invalid);
                    }
                    throw invalid;
                }
            });
            cleanup.add("state machine " + name, () -> clients.sfn().deleteStateMachine(b -> b.stateMachineArn(arn)));
            resources.addStateMachine(machine.logicalName(), arn);
        }
        for (TopicSpec topic : declared.topics().values()) {
            String topicArn = resources.topicArn(topic.logicalName());
            int index = 0;
            for (TopicSpec.Subscription subscription : topic.subscriptions()) {
                String what = "subscription " + topic.logicalName() + "[" + index++ + "] → "
                        + subscription.target().text();
                Map<String, String> attributes = new LinkedHashMap<>();
                if (subscription.filterPolicy() != null) {
                    attributes.put("FilterPolicy", subscription.filterPolicy());
                }
                if (subscription.filterPolicyScope() != null) {
                    attributes.put("FilterPolicyScope", subscription.filterPolicyScope());
                }
                if (subscription.raw()) {
                    attributes.put("RawMessageDelivery", "true");
                }
                String endpoint;
                String protocol;
                if (subscription.target().isFunction()) {
                    ProvisionedResources.Named function = resources.function(subscription.target().logicalName());
                    allowService(function.name(), "sns.amazonaws.com", topicArn, resources, what);
                    endpoint = function.arn();
                    protocol = "lambda";
                } else {
                    String queue = subscription.target().logicalName();
                    allowQueue(resources, queue, "sns.amazonaws.com", topicArn, what);
                    endpoint = resources.queueArn(queue);
                    protocol = "sqs";
                }
                String subscriptionArn = step(what, () -> clients.sns().subscribe(b -> b.topicArn(topicArn)
                        .protocol(protocol).endpoint(endpoint).attributes(attributes).returnSubscriptionArn(true))
                        .subscriptionArn());
                cleanup.add(what, () -> clients.sns().unsubscribe(b -> b.subscriptionArn(subscriptionArn)));
            }
        }
        for (RuleSpec rule : declared.rules().values()) {
            wireRule(rule, resources);
        }
        for (ScheduleSpec schedule : declared.schedules().values()) {
            String name = names.named(schedule.logicalName());
            String targetArn = targetArn(schedule.target(), resources);
            String input = schedule.input() == null ? "{}" : schedule.input();
            step("schedule " + schedule.logicalName() + " (" + name + ")", () -> clients.scheduler()
                    .createSchedule(b -> b.name(name).scheduleExpression(schedule.expression())
                            .scheduleExpressionTimezone(schedule.timezone())
                            .flexibleTimeWindow(f -> f.mode(FlexibleTimeWindowMode.OFF))
                            .target(t -> t.arn(targetArn).roleArn(resources.serviceRole()).input(input)))
                    .scheduleArn());
            cleanup.add("schedule " + name, () -> clients.scheduler().deleteSchedule(b -> b.name(name)));
        }
        for (BucketSpec bucket : declared.buckets().values()) {
            wireBucket(bucket, resources);
        }
        for (QueueSpec queue : declared.queues().values()) {
            if (queue.trigger() != null) {
                mapping("trigger of queue " + queue.logicalName(), resources.queueArn(queue.logicalName()),
                        queue.trigger(), resources.function(queue.trigger().function().logicalName()).name(), cleanup);
            }
        }
        for (StreamSpec stream : declared.streams().values()) {
            if (stream.trigger() != null) {
                mapping("trigger of stream " + stream.logicalName(), resources.streamArn(stream.logicalName()),
                        stream.trigger(), resources.function(stream.trigger().function().logicalName()).name(),
                        cleanup);
            }
        }
    }

    private void createQueues(Map<String, QueueSpec> queues, ProvisionedResources resources) {
        // Dead-letter queues first: a queue's redrive policy names its DLQ's ARN. Load-time checks rule out cycles.
        List<QueueSpec> pending = new ArrayList<>(queues.values());
        while (!pending.isEmpty()) {
            QueueSpec next = pending.stream().filter(queue -> queue.deadLetterQueue() == null
                    || resources.hasQueue(queue.deadLetterQueue())).findFirst()
                    .orElseThrow(() -> new IllegalStateException("dead-letter queues form a cycle: " + pending));
            pending.remove(next);
            createQueue(next, resources);
        }
    }

    private void createQueue(QueueSpec queue, ProvisionedResources resources) {
        String name = resources.names().queueOrTopic(queue.logicalName(), queue.fifo());
        Map<QueueAttributeName, String> attributes = new LinkedHashMap<>();
        if (queue.fifo()) {
            attributes.put(QueueAttributeName.FIFO_QUEUE, "true");
            attributes.put(QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "true");
        }
        if (queue.visibilityTimeout() != null) {
            attributes.put(QueueAttributeName.VISIBILITY_TIMEOUT, queue.visibilityTimeout().toString());
        }
        if (queue.delaySeconds() != null) {
            attributes.put(QueueAttributeName.DELAY_SECONDS, queue.delaySeconds().toString());
        }
        if (queue.deadLetterQueue() != null) {
            ObjectNode redrive = JSON.createObjectNode();
            redrive.put("deadLetterTargetArn", resources.queueArn(queue.deadLetterQueue()));
            redrive.put("maxReceiveCount", queue.maxReceiveCount());
            attributes.put(QueueAttributeName.REDRIVE_POLICY, redrive.toString());
        }
        String url = step("queue " + queue.logicalName() + " (" + name + ")", () ->
                clients.sqs().createQueue(b -> b.queueName(name).attributes(attributes)).queueUrl());
        resources.cleanup().add("queue " + name, () -> clients.sqs().deleteQueue(b -> b.queueUrl(url)));
        String arn = step("queue " + queue.logicalName() + " (" + name + ")", () -> clients.sqs()
                .getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN));
        resources.addQueue(queue.logicalName(), url, arn);
    }

    private void wireRule(RuleSpec rule, ProvisionedResources resources) {
        String name = resources.names().named(rule.logicalName());
        String bus = rule.bus() == null ? null : resources.bus(rule.bus());
        String what = "rule " + rule.logicalName() + " (" + name + ")";
        String ruleArn = step(what, () -> clients.events().putRule(b -> b.name(name).eventBusName(bus)
                .eventPattern(rule.pattern()).scheduleExpression(rule.schedule()).state(RuleState.ENABLED)).ruleArn());
        resources.cleanup().add(what, () -> clients.events().deleteRule(b -> b.name(name).eventBusName(bus)));
        List<Target> targets = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < rule.targets().size(); i++) {
            RuleSpec.RuleTarget target = rule.targets().get(i);
            String id = "t" + i;
            ids.add(id);
            TargetRef ref = target.target();
            if (ref.isFunction()) {
                allowService(resources.function(ref.logicalName()).name(), "events.amazonaws.com", ruleArn,
                        resources, what);
            } else if (ref.kind().equals("queue")) {
                allowQueue(resources, ref.logicalName(), "events.amazonaws.com", ruleArn, what);
            }
            Target.Builder built = Target.builder().id(id).arn(targetArn(ref, resources))
                    .input(target.input());
            if (List.of("stateMachine", "stream", "bus").contains(ref.kind())) {
                built.roleArn(resources.serviceRole());
            }
            if (ref.kind().equals("stream")) {
                built.kinesisParameters(k -> k.partitionKeyPath("$.id"));
            }
            targets.add(built.build());
        }
        var answer = step("targets of " + what, () -> clients.events().putTargets(b -> b.rule(name)
                .eventBusName(bus).targets(targets)));
        if (answer.failedEntryCount() != null && answer.failedEntryCount() > 0) {
            throw new ProvisioningException("targets of " + what, new IllegalStateException(
                    answer.failedEntries().get(0).errorCode() + ": " + answer.failedEntries().get(0).errorMessage()));
        }
        resources.cleanup().add("targets of " + what, () -> clients.events().removeTargets(b -> b.rule(name)
                .eventBusName(bus).ids(ids)));
    }

    private void wireBucket(BucketSpec bucket, ProvisionedResources resources) {
        if (bucket.notifications().isEmpty()) {
            return;
        }
        String name = resources.bucket(bucket.logicalName());
        String bucketArn = "arn:aws:s3:::" + name;
        String what = "notifications of bucket " + bucket.logicalName();
        List<LambdaFunctionConfiguration> functions = new ArrayList<>();
        List<QueueConfiguration> queues = new ArrayList<>();
        List<TopicConfiguration> topics = new ArrayList<>();
        for (BucketSpec.Notification notification : bucket.notifications()) {
            NotificationConfigurationFilter filter = filter(notification);
            TargetRef target = notification.target();
            switch (target.kind()) {
                case "function" -> {
                    ProvisionedResources.Named function = resources.function(target.logicalName());
                    allowService(function.name(), "s3.amazonaws.com", bucketArn, resources, what);
                    functions.add(LambdaFunctionConfiguration.builder().lambdaFunctionArn(function.arn())
                            .eventsWithStrings(notification.events()).filter(filter).build());
                }
                case "queue" -> {
                    allowQueue(resources, target.logicalName(), "s3.amazonaws.com", bucketArn, what);
                    queues.add(QueueConfiguration.builder().queueArn(resources.queueArn(target.logicalName()))
                            .eventsWithStrings(notification.events()).filter(filter).build());
                }
                default -> topics.add(TopicConfiguration.builder().topicArn(resources.topicArn(target.logicalName()))
                        .eventsWithStrings(notification.events()).filter(filter).build());
            }
        }
        step(what, () -> clients.s3().putBucketNotificationConfiguration(b -> b.bucket(name)
                .notificationConfiguration(NotificationConfiguration.builder().lambdaFunctionConfigurations(functions)
                        .queueConfigurations(queues).topicConfigurations(topics).build())));
    }

    private static NotificationConfigurationFilter filter(BucketSpec.Notification notification) {
        List<FilterRule> rules = new ArrayList<>();
        if (notification.prefix() != null) {
            rules.add(FilterRule.builder().name(FilterRuleName.PREFIX).value(notification.prefix()).build());
        }
        if (notification.suffix() != null) {
            rules.add(FilterRule.builder().name(FilterRuleName.SUFFIX).value(notification.suffix()).build());
        }
        return rules.isEmpty() ? null : NotificationConfigurationFilter.builder().key(k -> k.filterRules(rules)).build();
    }

    private void mapping(String what, String sourceArn, EventSourceSpec trigger, String functionName,
            CleanupList cleanup) {
        String uuid = step(what, () -> clients.lambda().createEventSourceMapping(b -> {
            b.functionName(functionName).eventSourceArn(sourceArn).batchSize(trigger.batchSize())
                    .maximumBatchingWindowInSeconds(trigger.maximumBatchingWindowInSeconds());
            if (trigger.reportBatchItemFailures()) {
                b.functionResponseTypesWithStrings("ReportBatchItemFailures");
            }
            if (trigger.startingPosition() != null) {
                b.startingPosition(EventSourcePosition.fromValue(trigger.startingPosition()))
                        .maximumRetryAttempts(trigger.maximumRetryAttempts())
                        .bisectBatchOnFunctionError(trigger.bisectBatchOnFunctionError());
            }
        }).uuid());
        cleanup.add(what, () -> clients.lambda().deleteEventSourceMapping(b -> b.uuid(uuid)));
        step(what + " becoming Enabled", () -> {
            Instant deadline = Instant.now().plus(MAPPING_READY);
            while (true) {
                String state = clients.lambda().getEventSourceMapping(b -> b.uuid(uuid)).state();
                if ("Enabled".equals(state)) {
                    return state;
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("still " + state + " after " + MAPPING_READY.toSeconds() + " s");
                }
                pause();
            }
        });
    }

    /** Lets an AWS service invoke the function for one source, as the console does when you add a trigger. */
    private void allowService(String functionName, String principal, String sourceArn, ProvisionedResources resources,
            String what) {
        String statement = "lab-" + principal.substring(0, principal.indexOf('.')) + "-"
                + Integer.toHexString(sourceArn.hashCode());
        step("permission for " + principal + " (" + what + ")", () -> {
            try {
                clients.lambda().addPermission(b -> b.functionName(functionName).statementId(statement)
                        .action("lambda:InvokeFunction").principal(principal).sourceArn(sourceArn)
                        .sourceAccount(resources.accountId()));
            } catch (software.amazon.awssdk.services.lambda.model.ResourceConflictException alreadyThere) {
                // One statement per source is enough; a second subscription from it needs no other.
            }
            return statement;
        });
    }

    /** Adds to the queue's policy a statement letting a service send to it from one source, as AWS requires. */
    private void allowQueue(ProvisionedResources resources, String logical, String principal, String sourceArn,
            String what) {
        String queueArn = resources.queueArn(logical);
        ArrayNode statements = queuePolicies.computeIfAbsent(logical, key -> JSON.createArrayNode());
        ObjectNode statement = statements.addObject();
        statement.put("Sid", "lab-" + statements.size());
        statement.put("Effect", "Allow");
        statement.putObject("Principal").put("Service", principal);
        statement.put("Action", "sqs:SendMessage");
        statement.put("Resource", queueArn);
        statement.putObject("Condition").putObject("ArnEquals").put("aws:SourceArn", sourceArn);
        ObjectNode policy = JSON.createObjectNode();
        policy.put("Version", "2012-10-17");
        policy.set("Statement", statements);
        step("policy of queue " + logical + " (" + what + ")", () -> clients.sqs().setQueueAttributes(b -> b
                .queueUrl(resources.queueUrl(logical)).attributes(Map.of(QueueAttributeName.POLICY,
                        policy.toString()))));
    }

    private static String targetArn(TargetRef target, ProvisionedResources resources) {
        return switch (target.kind()) {
            case "function" -> resources.function(target.logicalName()).arn();
            case "queue" -> resources.queueArn(target.logicalName());
            case "topic" -> resources.topicArn(target.logicalName());
            case "bus" -> resources.busArn(target.logicalName());
            case "stateMachine" -> resources.stateMachineArn(target.logicalName());
            default -> resources.streamArn(target.logicalName());
        };
    }

    private void deleteBucket(String name) {
        // S3 deletes only empty buckets: what the function and the checks wrote goes first.
        for (var page : clients.s3().listObjectsV2Paginator(b -> b.bucket(name))) {
            List<ObjectIdentifier> keys = page.contents().stream().map(S3Object::key)
                    .map(key -> ObjectIdentifier.builder().key(key).build()).toList();
            if (!keys.isEmpty()) {
                clients.s3().deleteObjects(b -> b.bucket(name).delete(d -> d.objects(keys).quiet(true)));
            }
        }
        clients.s3().deleteBucket(b -> b.bucket(name));
    }

    private static boolean needsServiceRole(EventResources declared) {
        return !declared.stateMachines().isEmpty() || !declared.schedules().isEmpty()
                || declared.rules().values().stream().flatMap(rule -> rule.targets().stream())
                        .anyMatch(target -> List.of("stateMachine", "stream", "bus").contains(target.target().kind()));
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting", e);
        }
    }

    private static <T> T step(String what, Supplier<T> work) {
        try {
            return work.get();
        } catch (ProvisioningException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ProvisioningException(what, e);
        }
    }
}
