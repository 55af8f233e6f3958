package dev.serverlesslab.exercises.exercise;

import dev.serverlesslab.content.YamlFields;
import dev.serverlesslab.content.YamlNode;
import dev.serverlesslab.content.YamlNode.Mapping;
import dev.serverlesslab.content.YamlNode.Scalar;
import dev.serverlesslab.content.YamlNode.Sequence;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Reads the {@code resources} section of an {@code exercise.yml} into {@link ExerciseResources}. */
final class ResourcesParser {

    static final List<String> SECTIONS = java.util.stream.Stream.concat(
            java.util.stream.Stream.of("tables", "keys", "parameters", "role", "api"),
            EventResourcesParser.SECTIONS.stream()).toList();

    // Logical names end up inside physical names (tables, aliases, roles), so they keep to what all of those allow.
    private static final Pattern LOGICAL_NAME = Pattern.compile("[A-Za-z0-9_-]{1,32}");
    private static final Pattern INDEX_NAME = Pattern.compile("[A-Za-z0-9_.-]{3,255}");
    private static final Pattern ALIAS = Pattern.compile("[A-Za-z0-9/_-]{1,200}");
    private static final Pattern PARAMETER_NAME = Pattern.compile("/?[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*");
    private static final Pattern POLICY_ARN = Pattern.compile("arn:aws:iam::(aws|\\d{12}):policy/[\\w+=,.@/-]+");

    private final YamlFields read;
    private final SeedItems seedItems;
    private final java.util.Set<String> functions;

    /** @param functions the logical names of the exercise's functions, which targets and the API may name */
    ResourcesParser(YamlFields read, java.util.Set<String> functions) {
        this.read = read;
        this.seedItems = new SeedItems(read);
        this.functions = functions;
    }

    ExerciseResources parse(YamlNode node) {
        Mapping resources = read.mapping(node, "resources", "resources: {tables: {...}, keys: {...}}");
        read.allowOnly(resources, "resources", SECTIONS);
        Map<String, YamlNode> sections = resources.entries();
        Map<String, KeySpec> keys = sections.containsKey("keys") ? keys(sections.get("keys")) : Map.of();
        Map<String, TableSpec> tables = sections.containsKey("tables") ? tables(sections.get("tables")) : Map.of();
        return new ExerciseResources(
                tables,
                keys,
                sections.containsKey("parameters") ? parameters(sections.get("parameters"), keys) : Map.of(),
                sections.containsKey("role") ? role(sections.get("role")) : RoleSpec.plain(),
                sections.containsKey("api") ? Optional.of(api(sections.get("api"))) : Optional.empty(),
                new EventResourcesParser(read, functions).parse(resources, tables.keySet()));
    }

    private Map<String, TableSpec> tables(YamlNode node) {
        Map<String, TableSpec> tables = new LinkedHashMap<>();
        Mapping mapping = read.mapping(node, "resources.tables", "tables: {orders: {partitionKey: {name: id, type: S}}}");
        mapping.entries().forEach((logical, value) -> {
            String path = "resources.tables." + logical;
            checkLogicalName(logical, mapping.entries().get(logical).line(), path);
            Mapping table = read.mapping(value, path, "{partitionKey: {name: id, type: S}}");
            read.allowOnly(table, path, List.of("partitionKey", "sortKey", "indexes", "items"));
            KeyAttribute partitionKey = keyAttribute(read.required(table, path, "partitionKey",
                    "add the table's partition key, e.g. partitionKey: {name: id, type: S}"), path + ".partitionKey");
            KeyAttribute sortKey = optionalKey(table, "sortKey", path);
            Map<String, IndexSpec> indexes = table.entries().containsKey("indexes")
                    ? indexes(table.entries().get("indexes"), path + ".indexes") : Map.of();
            TableSpec spec = new TableSpec(logical, partitionKey, sortKey, indexes, List.of());
            List<Map<String, Object>> items = table.entries().containsKey("items")
                    ? seedItems.read(table.entries().get("items"), path + ".items", spec) : List.of();
            tables.put(logical, new TableSpec(logical, partitionKey, sortKey, indexes, items));
        });
        return tables;
    }

    private Map<String, IndexSpec> indexes(YamlNode node, String path) {
        Map<String, IndexSpec> indexes = new LinkedHashMap<>();
        Mapping mapping = read.mapping(node, path, "indexes: {byCustomer: {partitionKey: {name: customerId, type: S}}}");
        mapping.entries().forEach((name, value) -> {
            String field = path + "." + name;
            if (!INDEX_NAME.matcher(name).matches()) {
                throw read.error(mapping.entries().get(name).line(), field, "index names are 3 to 255 of A-Z, a-z, "
                        + "0-9, '_', '-', '.', got '" + name + "'");
            }
            Mapping index = read.mapping(value, field, "{partitionKey: {name: customerId, type: S}}");
            read.allowOnly(index, field, List.of("partitionKey", "sortKey"));
            KeyAttribute partitionKey = keyAttribute(read.required(index, field, "partitionKey",
                    "add the index's partition key, e.g. partitionKey: {name: customerId, type: S}"),
                    field + ".partitionKey");
            indexes.put(name, new IndexSpec(name, partitionKey, optionalKey(index, "sortKey", field)));
        });
        return indexes;
    }

    private KeyAttribute optionalKey(Mapping owner, String key, String path) {
        YamlNode node = owner.entries().get(key);
        return node == null ? null : keyAttribute(node, path + "." + key);
    }

    private KeyAttribute keyAttribute(YamlNode node, String path) {
        Mapping key = read.mapping(node, path, "{name: id, type: S}");
        read.allowOnly(key, path, List.of("name", "type"));
        String name = read.text(read.required(key, path, "name", "add the attribute name, e.g. name: id"),
                path + ".name");
        String type = read.oneOf(read.required(key, path, "type", "add the attribute type: S, N or B"),
                path + ".type", KeyAttribute.TYPES);
        return new KeyAttribute(name, type);
    }

    private Map<String, KeySpec> keys(YamlNode node) {
        Map<String, KeySpec> keys = new LinkedHashMap<>();
        Mapping mapping = read.mapping(node, "resources.keys", "keys: {notes: {alias: notes}}");
        mapping.entries().forEach((logical, value) -> {
            String path = "resources.keys." + logical;
            checkLogicalName(logical, mapping.entries().get(logical).line(), path);
            Mapping key = value instanceof Scalar scalar && scalar.isNull()
                    ? new Mapping(Map.of(), value.line())
                    : read.mapping(value, path, "{alias: notes, description: Encrypts notes}");
            read.allowOnly(key, path, List.of("alias", "description"));
            String alias = key.entries().containsKey("alias")
                    ? read.text(key.entries().get("alias"), path + ".alias") : logical;
            if (alias.startsWith("alias/")) {
                alias = alias.substring("alias/".length());
            }
            if (!ALIAS.matcher(alias).matches() || alias.startsWith("aws/")) {
                int line = key.entries().containsKey("alias") ? key.entries().get("alias").line() : value.line();
                throw read.error(line, path + ".alias", "'" + alias + "' is not a usable alias: use A-Z, "
                        + "a-z, 0-9, '/', '_', '-', not starting with aws/");
            }
            String description = key.entries().containsKey("description")
                    ? read.text(key.entries().get("description"), path + ".description") : "";
            keys.put(logical, new KeySpec(logical, alias, description));
        });
        return keys;
    }

    private Map<String, ParameterSpec> parameters(YamlNode node, Map<String, KeySpec> keys) {
        Map<String, ParameterSpec> parameters = new LinkedHashMap<>();
        Mapping mapping = read.mapping(node, "resources.parameters",
                "parameters: {greeting: {name: /lab/greeting, type: String, value: hi}}");
        mapping.entries().forEach((logical, value) -> {
            String path = "resources.parameters." + logical;
            checkLogicalName(logical, mapping.entries().get(logical).line(), path);
            Mapping parameter = read.mapping(value, path, "{name: /lab/greeting, type: String, value: hi}");
            read.allowOnly(parameter, path, List.of("name", "type", "value", "key"));
            String name = parameter.entries().containsKey("name")
                    ? read.text(parameter.entries().get("name"), path + ".name") : "/" + logical;
            if (!PARAMETER_NAME.matcher(name).matches()) {
                throw read.error(parameter.entries().get("name").line(), path + ".name", "'" + name
                        + "' is not a parameter name: use path segments of A-Z, a-z, 0-9, '_', '.', '-' "
                        + "separated by '/', e.g. /lab/greeting");
            }
            String type = parameter.entries().containsKey("type")
                    ? read.oneOf(parameter.entries().get("type"), path + ".type", ParameterSpec.TYPES) : "String";
            YamlNode valueNode = read.required(parameter, path, "value", "add the parameter's value, e.g. value: hello");
            List<String> choices = choices(valueNode, path + ".value", type);
            String text = choices.isEmpty() ? parameterValue(valueNode, path + ".value", type) : choices.get(0);
            String key = null;
            if (parameter.entries().containsKey("key")) {
                YamlNode keyNode = parameter.entries().get("key");
                key = read.text(keyNode, path + ".key");
                if (!type.equals("SecureString")) {
                    throw read.error(keyNode.line(), path + ".key", "only a SecureString is encrypted with "
                            + "a key: remove 'key' or set type: SecureString");
                }
                if (!keys.containsKey(key)) {
                    throw read.error(keyNode.line(), path + ".key", "'" + key + "' is not a declared key: "
                            + "declare it under resources.keys" + known(keys.keySet()));
                }
            }
            parameters.put(logical, new ParameterSpec(logical, name, type, text, key, choices));
        });
        return parameters;
    }

    /** {@code {oneOf: [Howdy, Hej]}}: the values a grading picks one of; empty for any other value. */
    private List<String> choices(YamlNode node, String path, String type) {
        if (!(node instanceof Mapping mapping)) {
            return List.of();
        }
        read.allowOnly(mapping, path, List.of("oneOf"));
        YamlNode listNode = read.required(mapping, path, "oneOf",
                "give the values a grading picks one of, e.g. value: {oneOf: [Howdy, Hej]}");
        if (!(listNode instanceof Sequence list) || list.items().isEmpty()) {
            throw read.error(listNode.line(), path + ".oneOf", "give a list of at least one value, e.g. "
                    + "oneOf: [Howdy, Hej]");
        }
        if (type.equals("StringList")) {
            throw read.error(listNode.line(), path + ".oneOf", "a StringList's value is its list of items; "
                    + "oneOf is for String and SecureString parameters");
        }
        List<String> choices = new ArrayList<>();
        for (int i = 0; i < list.items().size(); i++) {
            choices.add(read.text(list.items().get(i), path + ".oneOf[" + i + "]"));
        }
        return choices;
    }

    private String parameterValue(YamlNode node, String path, String type) {
        if (node instanceof Sequence list && type.equals("StringList")) {
            List<String> items = new ArrayList<>();
            for (int i = 0; i < list.items().size(); i++) {
                String item = read.text(list.items().get(i), path + "[" + i + "]");
                if (item.contains(",")) {
                    throw read.error(list.items().get(i).line(), path + "[" + i + "]", "StringList items "
                            + "cannot contain ',' (SSM joins them with commas), got '" + item + "'");
                }
                items.add(item);
            }
            if (items.isEmpty()) {
                throw read.error(node.line(), path, "is an empty list: give at least one item");
            }
            return String.join(",", items);
        }
        return read.text(node, path);
    }

    private RoleSpec role(YamlNode node) {
        Mapping role = read.mapping(node, "resources.role",
                "role: {policies: [arn:aws:iam::aws:policy/AmazonDynamoDBFullAccess]}");
        read.allowOnly(role, "resources.role", List.of("policies"));
        if (!role.entries().containsKey("policies")) {
            return RoleSpec.plain();
        }
        Sequence list = read.sequence(role.entries().get("policies"), "resources.role.policies",
                "policies: [arn:aws:iam::aws:policy/AmazonDynamoDBFullAccess]");
        List<String> policies = new ArrayList<>();
        for (int i = 0; i < list.items().size(); i++) {
            String field = "resources.role.policies[" + i + "]";
            String arn = read.text(list.items().get(i), field);
            if (!POLICY_ARN.matcher(arn).matches()) {
                throw read.error(list.items().get(i).line(), field, "'" + arn + "' is not a managed policy "
                        + "ARN: write it as arn:aws:iam::aws:policy/NAME or arn:aws:iam::ACCOUNT:policy/NAME");
            }
            policies.add(arn);
        }
        return new RoleSpec(policies);
    }

    private ApiSpec api(YamlNode node) {
        Mapping api = read.mapping(node, "resources.api", "api: {type: http}");
        read.allowOnly(api, "resources.api", List.of("type", "function", "authorizer"));
        String type = read.oneOf(read.required(api, "resources.api", "type", "add type: http or type: rest"),
                "resources.api.type", List.of("http", "rest"));
        String function = null;
        if (api.entries().containsKey("function")) {
            function = read.oneOf(api.entries().get("function"), "resources.api.function", List.copyOf(functions));
        } else if (functions.size() > 1) {
            throw read.error(api.line(), "resources.api", "this exercise has several functions: say which one "
                    + "the API proxies to with function: NAME" + known(functions));
        }
        ApiSpec.Authorizer authorizer = null;
        if (api.entries().containsKey("authorizer")) {
            if (!type.equals("rest")) {
                throw read.error(api.entries().get("authorizer").line(), "resources.api.authorizer",
                        "a Lambda authorizer is offered for REST APIs only: use type: rest");
            }
            authorizer = authorizer(api.entries().get("authorizer"), function);
        }
        return new ApiSpec(type.equals("http") ? ApiSpec.Type.HTTP : ApiSpec.Type.REST, function, authorizer);
    }

    // A TOKEN authorizer on the Authorization header, the one kind exercises need so far; its function must be
    // another than the one the API proxies to, since a handler cannot answer both events.
    private ApiSpec.Authorizer authorizer(YamlNode node, String proxied) {
        String path = "resources.api.authorizer";
        Mapping authorizer = read.mapping(node, path, "authorizer: {function: NAME}");
        read.allowOnly(authorizer, path, List.of("function"));
        String function = read.oneOf(read.required(authorizer, path, "function", "add function: NAME, the "
                + "authorizer's function"), path + ".function", List.copyOf(functions));
        if (function.equals(proxied)) {
            throw read.error(authorizer.line(), path + ".function", "'" + function + "' is the function the "
                    + "API proxies to: the authorizer must be another function of the exercise");
        }
        return new ApiSpec.Authorizer(function);
    }

    private void checkLogicalName(String logical, int line, String path) {
        if (!LOGICAL_NAME.matcher(logical).matches()) {
            throw read.error(line, path, "'" + logical + "' is not a usable logical name: use 1 to 32 of A-Z, "
                    + "a-z, 0-9, '_', '-'");
        }
    }

    static String known(Collection<String> names) {
        return names.isEmpty() ? " (none are declared)" : " (declared: " + String.join(", ", names) + ")";
    }
}
