package dev.serverlesslab.exercises.exercise;

import dev.serverlesslab.content.YamlFields;
import dev.serverlesslab.content.YamlNode;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.serverlesslab.content.YamlNode.Mapping;
import dev.serverlesslab.content.YamlNode.Scalar;
import dev.serverlesslab.content.YamlNode.Sequence;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the event-driven sections of {@code resources} (buckets, queues, topics, buses, rules, schedules,
 * stateMachines, streams) and checks that every target, dead-letter queue and {@code ${...}} reference names
 * something declared, so a typo fails when the course loads, with file, line and field.
 */
final class EventResourcesParser {

    static final List<String> SECTIONS = List.of("buckets", "queues", "topics", "buses", "rules", "schedules",
            "stateMachines", "streams");

    private static final Pattern LOGICAL_NAME = Pattern.compile("[A-Za-z0-9_-]{1,32}");
    private static final Pattern SCHEDULE = Pattern.compile("(rate|cron)\\(.+\\)");
    private static final Pattern SCHEDULER_EXPRESSION = Pattern.compile("(rate|cron|at)\\(.+\\)");
    private static final List<String> S3_EVENTS = List.of("s3:ObjectCreated:*", "s3:ObjectCreated:Put",
            "s3:ObjectCreated:Post", "s3:ObjectCreated:Copy", "s3:ObjectCreated:CompleteMultipartUpload",
            "s3:ObjectRemoved:*", "s3:ObjectRemoved:Delete", "s3:ObjectRemoved:DeleteMarkerCreated");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final YamlFields read;
    private final Path exerciseDirectory;
    private final Set<String> functions;

    /** @param functions the logical names of the exercise's functions, which {@code function:NAME} may name */
    EventResourcesParser(YamlFields read, Set<String> functions) {
        this.read = read;
        this.functions = functions;
        Path file = read.file() == null ? null : Path.of(read.file());
        this.exerciseDirectory = file == null || file.getParent() == null ? Path.of(".") : file.getParent();
    }

    /** Reads whichever event sections {@code resources} has; the others are empty. */
    EventResources parse(Mapping resources, Set<String> tables) {
        Map<String, YamlNode> sections = resources.entries();
        Map<String, String> buses = names(sections.get("buses"), "resources.buses", "buses: {shop: {}}");
        Map<String, QueueSpec> queues = section(sections.get("queues"), "resources.queues",
                "queues: {jobs: {visibilityTimeout: 30}}", this::queue);
        Map<String, StreamSpec> streams = section(sections.get("streams"), "resources.streams",
                "streams: {clicks: {shards: 1}}", this::stream);
        Map<String, TopicSpec> topics = section(sections.get("topics"), "resources.topics",
                "topics: {orders: {subscriptions: [{target: function}]}}", this::topic);
        Map<String, StateMachineSpec> machines = section(sections.get("stateMachines"), "resources.stateMachines",
                "stateMachines: {checkout: {definition: checkout.asl.json}}", this::stateMachine);
        EventResources partial = new EventResources(Map.of(), queues, topics, buses, Map.of(), Map.of(), machines,
                streams);
        Map<String, BucketSpec> buckets = section(sections.get("buckets"), "resources.buckets",
                "buckets: {uploads: {}}", (logical, node) -> bucket(logical, node, partial));
        Map<String, RuleSpec> rules = section(sections.get("rules"), "resources.rules",
                "rules: {nightly: {schedule: 'rate(1 day)', targets: [function]}}",
                (logical, node) -> rule(logical, node, partial));
        Map<String, ScheduleSpec> schedules = section(sections.get("schedules"), "resources.schedules",
                "schedules: {reminder: {expression: 'rate(5 minutes)', target: function}}",
                (logical, node) -> schedule(logical, node, partial));
        EventResources events = new EventResources(buckets, queues, topics, buses, rules, schedules, machines,
                streams);
        queues.values().forEach(queue -> checkDeadLetter(queue, queues, sections.get("queues")));
        topics.values().forEach(topic -> topic.subscriptions().forEach(subscription ->
                checkTarget(subscription.target(), partial, sections.get("topics").line(),
                        "resources.topics." + topic.logicalName() + ".subscriptions", List.of("function", "queue"))));
        machines.values().forEach(machine -> checkDefinitionReferences(machine, events, tables,
                sections.get("stateMachines")));
        return events;
    }

    private <T> Map<String, T> section(YamlNode node, String path, String example,
            java.util.function.BiFunction<String, YamlNode, T> reader) {
        Map<String, T> result = new LinkedHashMap<>();
        if (node == null) {
            return result;
        }
        Mapping mapping = read.mapping(node, path, example);
        mapping.entries().forEach((logical, value) -> {
            checkLogicalName(logical, mapping.entries().get(logical).line(), path + "." + logical);
            result.put(logical, reader.apply(logical, value));
        });
        return result;
    }

    private Map<String, String> names(YamlNode node, String path, String example) {
        return section(node, path, example, (logical, value) -> {
            Mapping body = optionalMapping(value, path + "." + logical, "{}");
            read.allowOnly(body, path + "." + logical, List.of());
            return logical;
        });
    }

    private QueueSpec queue(String logical, YamlNode node) {
        String path = "resources.queues." + logical;
        Mapping queue = optionalMapping(node, path, "{visibilityTimeout: 30, deadLetter: {queue: failed}}");
        read.allowOnly(queue, path, List.of("fifo", "visibilityTimeout", "delaySeconds", "deadLetter", "trigger"));
        boolean fifo = flag(queue, path, "fifo");
        Integer visibility = number(queue, path, "visibilityTimeout", 0, 43_200);
        Integer delay = number(queue, path, "delaySeconds", 0, 900);
        String deadLetter = null;
        Integer maxReceives = null;
        if (queue.entries().containsKey("deadLetter")) {
            String dlqPath = path + ".deadLetter";
            Mapping dlq = read.mapping(queue.entries().get("deadLetter"), dlqPath, "{queue: failed, maxReceiveCount: 3}");
            read.allowOnly(dlq, dlqPath, List.of("queue", "maxReceiveCount"));
            deadLetter = read.text(read.required(dlq, dlqPath, "queue", "name the declared queue failed messages move "
                    + "to, e.g. queue: failed"), dlqPath + ".queue");
            maxReceives = number(dlq, dlqPath, "maxReceiveCount", 1, 1000);
            if (maxReceives == null) {
                maxReceives = 3;
            }
        }
        EventSourceSpec trigger = queue.entries().containsKey("trigger")
                ? trigger(queue.entries().get("trigger"), path + ".trigger", false) : null;
        return new QueueSpec(logical, fifo, visibility, delay, deadLetter, maxReceives, trigger);
    }

    private StreamSpec stream(String logical, YamlNode node) {
        String path = "resources.streams." + logical;
        Mapping stream = optionalMapping(node, path, "{shards: 1}");
        read.allowOnly(stream, path, List.of("shards", "trigger"));
        Integer shards = number(stream, path, "shards", 1, 10);
        EventSourceSpec trigger = stream.entries().containsKey("trigger")
                ? trigger(stream.entries().get("trigger"), path + ".trigger", true) : null;
        return new StreamSpec(logical, shards == null ? 1 : shards, trigger);
    }

    private EventSourceSpec trigger(YamlNode node, String path, boolean stream) {
        Mapping trigger = optionalMapping(node, path, "{batchSize: 10}");
        List<String> allowed = stream
                ? List.of("batchSize", "batchingWindow", "reportBatchItemFailures", "startingPosition",
                        "maximumRetryAttempts", "bisectBatchOnFunctionError", "function")
                : List.of("batchSize", "batchingWindow", "reportBatchItemFailures", "function");
        read.allowOnly(trigger, path, allowed);
        String start = trigger.entries().containsKey("startingPosition")
                ? read.oneOf(trigger.entries().get("startingPosition"), path + ".startingPosition",
                        List.of("TRIM_HORIZON", "LATEST"))
                : stream ? "TRIM_HORIZON" : null;
        Boolean bisect = trigger.entries().containsKey("bisectBatchOnFunctionError")
                ? flag(trigger, path, "bisectBatchOnFunctionError") : null;
        TargetRef function = TargetRef.function();
        if (trigger.entries().containsKey("function")) {
            YamlNode node2 = trigger.entries().get("function");
            String name = read.text(node2, path + ".function");
            function = new TargetRef("function", name.startsWith("function:") ? name.substring(9).strip() : name);
        }
        checkTarget(function, EventResources.none(), trigger.line(), path + ".function", List.of("function"));
        return new EventSourceSpec(number(trigger, path, "batchSize", 1, 10_000),
                number(trigger, path, "batchingWindow", 0, 300), flag(trigger, path, "reportBatchItemFailures"),
                start, stream ? number(trigger, path, "maximumRetryAttempts", -1, 10_000) : null, bisect, function);
    }

    private TopicSpec topic(String logical, YamlNode node) {
        String path = "resources.topics." + logical;
        Mapping topic = optionalMapping(node, path, "{subscriptions: [{target: function}]}");
        read.allowOnly(topic, path, List.of("fifo", "subscriptions"));
        List<TopicSpec.Subscription> subscriptions = new ArrayList<>();
        if (topic.entries().containsKey("subscriptions")) {
            Sequence list = read.sequence(topic.entries().get("subscriptions"), path + ".subscriptions",
                    "[{target: queue:audit, filterPolicy: {kind: [big]}}]");
            for (int i = 0; i < list.items().size(); i++) {
                String field = path + ".subscriptions[" + i + "]";
                Mapping subscription = read.mapping(list.items().get(i), field, "{target: function}");
                read.allowOnly(subscription, field, List.of("target", "filterPolicy", "filterPolicyScope", "raw"));
                TargetRef target = targetRef(read.required(subscription, field, "target",
                        "say where messages go: target: function or target: queue:NAME"), field + ".target");
                String policy = subscription.entries().containsKey("filterPolicy")
                        ? json(read.mapping(subscription.entries().get("filterPolicy"), field + ".filterPolicy",
                                "{kind: [big]}")) : null;
                String scope = subscription.entries().containsKey("filterPolicyScope")
                        ? read.oneOf(subscription.entries().get("filterPolicyScope"), field + ".filterPolicyScope",
                                List.of("MessageAttributes", "MessageBody")) : null;
                boolean raw = flag(subscription, field, "raw");
                if (raw && !target.kind().equals("queue")) {
                    throw read.error(subscription.entries().get("raw").line(), field + ".raw", "raw message "
                            + "delivery applies to queue subscriptions only: remove it or target a queue");
                }
                subscriptions.add(new TopicSpec.Subscription(target, policy, scope, raw));
            }
        }
        return new TopicSpec(logical, flag(topic, path, "fifo"), subscriptions);
    }

    private StateMachineSpec stateMachine(String logical, YamlNode node) {
        String path = "resources.stateMachines." + logical;
        Mapping machine = read.mapping(node, path, "{definition: checkout.asl.json, type: STANDARD}");
        read.allowOnly(machine, path, List.of("definition", "type", "from"));
        YamlNode definitionNode = read.required(machine, path, "definition",
                "name the Amazon States Language file in the exercise folder, e.g. definition: checkout.asl.json");
        String file = read.text(definitionNode, path + ".definition");
        boolean learnerWritten = machine.entries().containsKey("from")
                && read.oneOf(machine.entries().get("from"), path + ".from", List.of("exercise", "submission"))
                        .equals("submission");
        Path resolved;
        if (learnerWritten) {
            // The learner writes this definition: each grading deploys the submission's copy. The starter has the
            // file the learner begins from, and the solution's copy is what this exercise is checked with.
            for (String folder : List.of("starter", "solution")) {
                Path copy = exerciseDirectory.resolve(folder).resolve(file).normalize();
                if (!copy.startsWith(exerciseDirectory.resolve(folder).normalize()) || !Files.isRegularFile(copy)) {
                    throw read.error(definitionNode.line(), path + ".definition", "with from: submission, '" + file
                            + "' is a file the learner edits: put a copy to start from in starter/" + file
                            + " and the reference one in solution/" + file);
                }
            }
            resolved = exerciseDirectory.resolve("solution").resolve(file).normalize();
        } else {
            resolved = exerciseDirectory.resolve(file).normalize();
            if (!resolved.startsWith(exerciseDirectory.normalize()) || !Files.isRegularFile(resolved)) {
                throw read.error(definitionNode.line(), path + ".definition", "'" + file + "' is not a file in the "
                        + "exercise folder " + exerciseDirectory);
            }
        }
        String text;
        try {
            text = Files.readString(resolved, StandardCharsets.UTF_8);
            JsonNode parsed = JSON.readTree(ResourceReference.substitute(text, reference -> "0"));
            if (parsed == null || !parsed.isObject() || !parsed.has("StartAt") || !parsed.path("States").isObject()) {
                throw read.error(definitionNode.line(), path + ".definition", file + " is not an Amazon States "
                        + "Language definition: it needs StartAt and States");
            }
        } catch (IllegalArgumentException e) {
            throw read.error(definitionNode.line(), path + ".definition", file + ": " + e.getMessage());
        } catch (IOException e) {
            throw read.error(definitionNode.line(), path + ".definition", file + " is not valid JSON: "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
        String type = machine.entries().containsKey("type")
                ? read.oneOf(machine.entries().get("type"), path + ".type", List.of("STANDARD", "EXPRESS"))
                : "STANDARD";
        return new StateMachineSpec(logical, file, text, type, learnerWritten);
    }

    private BucketSpec bucket(String logical, YamlNode node, EventResources declared) {
        String path = "resources.buckets." + logical;
        Mapping bucket = optionalMapping(node, path, "{notifications: [{events: ['s3:ObjectCreated:*'], target: function}]}");
        read.allowOnly(bucket, path, List.of("notifications"));
        List<BucketSpec.Notification> notifications = new ArrayList<>();
        if (bucket.entries().containsKey("notifications")) {
            Sequence list = read.sequence(bucket.entries().get("notifications"), path + ".notifications",
                    "[{events: ['s3:ObjectCreated:*'], target: function}]");
            for (int i = 0; i < list.items().size(); i++) {
                String field = path + ".notifications[" + i + "]";
                Mapping notification = read.mapping(list.items().get(i), field,
                        "{events: ['s3:ObjectCreated:*'], prefix: incoming/, target: function}");
                read.allowOnly(notification, field, List.of("events", "prefix", "suffix", "target"));
                List<String> events = new ArrayList<>();
                Sequence eventList = read.sequence(read.required(notification, field, "events",
                        "list the S3 events, e.g. events: ['s3:ObjectCreated:*']"), field + ".events",
                        "['s3:ObjectCreated:*']");
                for (int e = 0; e < eventList.items().size(); e++) {
                    events.add(read.oneOf(eventList.items().get(e), field + ".events[" + e + "]", S3_EVENTS));
                }
                TargetRef target = notification.entries().containsKey("target")
                        ? targetRef(notification.entries().get("target"), field + ".target") : TargetRef.function();
                checkTarget(target, declared, notification.line(), field + ".target",
                        List.of("function", "queue", "topic"));
                notifications.add(new BucketSpec.Notification(events, optionalText(notification, field, "prefix"),
                        optionalText(notification, field, "suffix"), target));
            }
        }
        return new BucketSpec(logical, notifications);
    }

    private RuleSpec rule(String logical, YamlNode node, EventResources declared) {
        String path = "resources.rules." + logical;
        Mapping rule = read.mapping(node, path, "{pattern: {source: [shop]}, targets: [function]}");
        read.allowOnly(rule, path, List.of("bus", "pattern", "schedule", "targets"));
        boolean hasPattern = rule.entries().containsKey("pattern");
        boolean hasSchedule = rule.entries().containsKey("schedule");
        if (hasPattern == hasSchedule) {
            throw read.error(rule.line(), path, "give a rule either pattern: (events it matches) or schedule: "
                    + "(rate(...) or cron(...)), not " + (hasPattern ? "both" : "neither"));
        }
        String bus = optionalText(rule, path, "bus");
        if (bus != null && !declared.buses().containsKey(bus)) {
            throw read.error(rule.entries().get("bus").line(), path + ".bus", "'" + bus + "' is not declared "
                    + "under resources.buses" + ResourcesParser.known(declared.buses().keySet())
                    + "; leave bus out for the default bus");
        }
        if (hasSchedule && bus != null) {
            throw read.error(rule.entries().get("bus").line(), path + ".bus", "schedule rules run on the "
                    + "default bus only, as on AWS: remove bus");
        }
        String pattern = hasPattern ? json(read.mapping(rule.entries().get("pattern"), path + ".pattern",
                "{source: [shop], detail-type: [OrderPlaced]}")) : null;
        String schedule = hasSchedule ? read.text(rule.entries().get("schedule"), path + ".schedule") : null;
        if (schedule != null && !SCHEDULE.matcher(schedule).matches()) {
            throw read.error(rule.entries().get("schedule").line(), path + ".schedule", "'" + schedule
                    + "' is not a schedule expression: write rate(5 minutes) or cron(0 12 * * ? *)");
        }
        Sequence list = read.sequence(read.required(rule, path, "targets", "list where matching events go, e.g. "
                + "targets: [function]"), path + ".targets", "[function, {target: queue:audit, input: {...}}]");
        List<RuleSpec.RuleTarget> targets = new ArrayList<>();
        for (int i = 0; i < list.items().size(); i++) {
            String field = path + ".targets[" + i + "]";
            YamlNode item = list.items().get(i);
            TargetRef target;
            String input = null;
            if (item instanceof Mapping mapping) {
                read.allowOnly(mapping, field, List.of("target", "input"));
                target = targetRef(read.required(mapping, field, "target", "e.g. target: function"), field + ".target");
                input = mapping.entries().containsKey("input") ? json(mapping.entries().get("input")) : null;
            } else {
                target = targetRef(item, field);
            }
            checkTarget(target, declared, item.line(), field, List.of("function", "queue", "topic", "bus",
                    "stateMachine", "stream"));
            targets.add(new RuleSpec.RuleTarget(target, input));
        }
        if (targets.isEmpty()) {
            throw read.error(list.line(), path + ".targets", "is empty: give at least one target");
        }
        return new RuleSpec(logical, bus, pattern, schedule, targets);
    }

    private ScheduleSpec schedule(String logical, YamlNode node, EventResources declared) {
        String path = "resources.schedules." + logical;
        Mapping schedule = read.mapping(node, path, "{expression: 'rate(5 minutes)', target: function}");
        read.allowOnly(schedule, path, List.of("expression", "timezone", "target", "input"));
        YamlNode expressionNode = read.required(schedule, path, "expression",
                "e.g. expression: 'rate(5 minutes)' or 'at(2030-01-01T09:00:00)'");
        String expression = read.text(expressionNode, path + ".expression");
        if (!SCHEDULER_EXPRESSION.matcher(expression).matches()) {
            throw read.error(expressionNode.line(), path + ".expression", "'" + expression + "' is not a "
                    + "schedule expression: write at(2030-01-01T09:00:00), rate(5 minutes) or cron(0 12 * * ? *)");
        }
        TargetRef target = schedule.entries().containsKey("target")
                ? targetRef(schedule.entries().get("target"), path + ".target") : TargetRef.function();
        checkTarget(target, declared, schedule.line(), path + ".target", List.of("function", "queue", "topic",
                "stateMachine", "bus"));
        String input = schedule.entries().containsKey("input") ? json(schedule.entries().get("input")) : null;
        return new ScheduleSpec(logical, expression, optionalText(schedule, path, "timezone"), target, input);
    }

    private void checkDeadLetter(QueueSpec queue, Map<String, QueueSpec> queues, YamlNode section) {
        if (queue.deadLetterQueue() == null) {
            return;
        }
        String field = "resources.queues." + queue.logicalName() + ".deadLetter.queue";
        QueueSpec target = queues.get(queue.deadLetterQueue());
        if (target == null || target == queue) {
            throw read.error(section.line(), field, "'" + queue.deadLetterQueue() + "' must be another queue "
                    + "declared under resources.queues" + ResourcesParser.known(queues.keySet()));
        }
        if (target.fifo() != queue.fifo()) {
            throw read.error(section.line(), field, "a " + (queue.fifo() ? "FIFO" : "standard") + " queue needs "
                    + "a " + (queue.fifo() ? "FIFO" : "standard") + " dead-letter queue, as on AWS");
        }
    }

    private void checkTarget(TargetRef target, EventResources declared, int line, String field, List<String> kinds) {
        if (!kinds.contains(target.kind())) {
            throw read.error(line, field, "'" + target.text() + "' cannot receive these events: use "
                    + String.join(", ", kinds.stream().map(k -> k.equals("function") ? k : k + ":NAME").toList()));
        }
        if (target.isFunction()) {
            checkFunction(target.logicalName(), "'" + target.text() + "'", line, field);
            return;
        }
        if (!declared.declared(target.kind()).contains(target.logicalName())) {
            throw read.error(line, field, "'" + target.text() + "': '" + target.logicalName() + "' is not "
                    + "declared under resources." + target.kind() + (target.kind().endsWith("s") ? "es" : "s")
                    + ResourcesParser.known(declared.declared(target.kind())));
        }
    }

    private void checkDefinitionReferences(StateMachineSpec machine, EventResources events, Set<String> tables,
            YamlNode section) {
        String field = "resources.stateMachines." + machine.logicalName() + ".definition";
        List<ResourceReference> references;
        try {
            references = ResourceReference.findIn(machine.definition());
        } catch (IllegalArgumentException e) {
            throw read.error(section.line(), field, machine.definitionFile() + ": " + e.getMessage());
        }
        for (ResourceReference reference : references) {
            Set<String> declared = reference.kind().equals("table") ? tables : events.declared(reference.kind());
            if (reference.kind().equals("function")) {
                checkFunction(reference.name(), machine.definitionFile() + " refers to '" + reference.text() + "'",
                        section.line(), field);
                continue;
            }
            boolean known = switch (reference.kind()) {
                case "region" -> reference.name().isEmpty();
                case "table", "bucket", "queue", "queueArn", "topic", "bus", "stateMachine", "stream" ->
                        declared.contains(reference.name());
                default -> false;
            };
            if (!known) {
                throw read.error(section.line(), field, machine.definitionFile() + " refers to '"
                        + reference.text() + "', which names nothing declared: use ${function:NAME}, ${region} or "
                        + "${table|bucket|queue|queueArn|topic|bus|stateMachine|stream:NAME} of a declared resource");
            }
        }
    }

    /** A plain {@code function} needs an exercise with one function; {@code function:NAME} a declared one. */
    private void checkFunction(String name, String what, int line, String field) {
        if (name.isEmpty() && functions.size() > 1) {
            throw read.error(line, field, what + ": this exercise has several functions, so say which: "
                    + "function:NAME" + ResourcesParser.known(functions));
        }
        if (!name.isEmpty() && !functions.contains(name)) {
            throw read.error(line, field, what + ": '" + name + "' is not one of the exercise's functions"
                    + ResourcesParser.known(functions));
        }
    }

    private TargetRef targetRef(YamlNode node, String field) {
        String text = read.text(node, field);
        int colon = text.indexOf(':');
        String kind = colon < 0 ? text : text.substring(0, colon);
        String name = colon < 0 ? "" : text.substring(colon + 1).strip();
        if (!TargetRef.KINDS.contains(kind) || !kind.equals("function") && name.isEmpty()) {
            throw read.error(node.line(), field, "'" + text + "' is not a target: write function, "
                    + "function:NAME, queue:NAME, topic:NAME, bus:NAME, stateMachine:NAME or stream:NAME");
        }
        return new TargetRef(kind, name);
    }

    private Mapping optionalMapping(YamlNode node, String path, String example) {
        if (node instanceof Scalar scalar && scalar.isNull()) {
            return new Mapping(Map.of(), node.line());
        }
        return read.mapping(node, path, example);
    }

    private boolean flag(Mapping mapping, String path, String key) {
        YamlNode node = mapping.entries().get(key);
        if (node == null) {
            return false;
        }
        String value = read.text(node, path + "." + key);
        if (!value.equals("true") && !value.equals("false")) {
            throw read.error(node.line(), path + "." + key, "must be true or false, got '" + value + "'");
        }
        return Boolean.parseBoolean(value);
    }

    private Integer number(Mapping mapping, String path, String key, int min, int max) {
        YamlNode node = mapping.entries().get(key);
        if (node == null) {
            return null;
        }
        String value = read.text(node, path + "." + key);
        try {
            int number = Integer.parseInt(value);
            if (number < min || number > max) {
                throw read.error(node.line(), path + "." + key, "must be from " + min + " to " + max + ", got "
                        + number);
            }
            return number;
        } catch (NumberFormatException e) {
            throw read.error(node.line(), path + "." + key, "must be a whole number, got '" + value + "'");
        }
    }

    private String optionalText(Mapping mapping, String path, String key) {
        YamlNode node = mapping.entries().get(key);
        return node == null ? null : read.text(node, path + "." + key);
    }

    private void checkLogicalName(String logical, int line, String path) {
        if (!LOGICAL_NAME.matcher(logical).matches()) {
            throw read.error(line, path, "'" + logical + "' is not a usable logical name: use 1 to 32 of A-Z, "
                    + "a-z, 0-9, '_', '-'");
        }
    }

    /** A YAML value as the JSON AWS wants (patterns, filter policies, inputs), numbers and booleans kept. */
    static String json(YamlNode node) {
        try {
            return JSON.writeValueAsString(tree(node));
        } catch (IOException e) {
            throw new IllegalStateException("A tree of plain values always serializes", e);
        }
    }

    private static JsonNode tree(YamlNode node) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        if (node instanceof Mapping mapping) {
            ObjectNode object = nodes.objectNode();
            mapping.entries().forEach((key, value) -> object.set(key, tree(value)));
            return object;
        }
        if (node instanceof Sequence sequence) {
            ArrayNode array = nodes.arrayNode();
            sequence.items().forEach(item -> array.add(tree(item)));
            return array;
        }
        Scalar scalar = (Scalar) node;
        if (scalar.isNull()) {
            return nodes.nullNode();
        }
        if (scalar.type() == Scalar.Type.INTEGER || scalar.type() == Scalar.Type.FLOAT) {
            return nodes.numberNode(new BigDecimal(scalar.text()));
        }
        if (scalar.type() == Scalar.Type.BOOLEAN) {
            return nodes.booleanNode((Boolean) scalar.value());
        }
        return nodes.textNode(scalar.text());
    }
}
