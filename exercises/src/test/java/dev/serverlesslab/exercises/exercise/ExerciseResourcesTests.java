package dev.serverlesslab.exercises.exercise;

import dev.serverlesslab.content.ContentException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExerciseResourcesTests {

    private static final String HEAD = "title: Orders\nlesson: l\nhandler: a.B\n";

    private static final String FULL = HEAD + """
            sdk: [dynamodb, ssm, kms]
            environment:
              TABLE_NAME: ${table:orders}
              KEY_ID: ${key:notes}
              KEY_ARN: ${keyArn:notes}
              KEY_ALIAS: ${alias:notes}
              GREETING_PARAM: ${parameter:greeting}
              API_URL: ${api:url}
              WHERE: "${region}/${table:orders}"
              PLAIN: 42
            resources:
              tables:
                orders:
                  partitionKey: {name: orderId, type: S}
                  sortKey: {name: createdAt, type: N}
                  indexes:
                    byCustomer: {partitionKey: {name: customerId, type: S}}
                  items:
                    - {orderId: "o-1", createdAt: 1, customerId: "c-1", paid: true, lines: [1, "two"], note: null}
              keys:
                notes: {alias: notes, description: "Encrypts notes"}
              parameters:
                greeting: {name: /lab/greeting, type: String, value: "hi"}
                colours: {name: /lab/colours, type: StringList, value: [red, green]}
                secret: {name: /lab/secret, type: SecureString, value: s3cret, key: notes}
              role: {policies: [arn:aws:iam::aws:policy/AmazonDynamoDBFullAccess]}
              api: {type: http}
            """;

    @TempDir
    Path content;

    @Test
    void load_withEveryResourceKind_readsThemAll() throws IOException {
        Exercise exercise = load(FULL);
        ExerciseResources resources = exercise.resources();

        assertEquals(List.of("dynamodb", "ssm", "kms"), exercise.sdk());
        TableSpec orders = resources.tables().get("orders");
        assertEquals(new KeyAttribute("orderId", "S"), orders.partitionKey());
        assertEquals(new KeyAttribute("createdAt", "N"), orders.sortKey());
        assertEquals(new IndexSpec("byCustomer", new KeyAttribute("customerId", "S"), null),
                orders.indexes().get("byCustomer"));
        assertEquals(new KeySpec("notes", "notes", "Encrypts notes"), resources.keys().get("notes"));
        assertEquals(new ParameterSpec("greeting", "/lab/greeting", "String", "hi", null),
                resources.parameters().get("greeting"));
        assertEquals(List.of("arn:aws:iam::aws:policy/AmazonDynamoDBFullAccess"), resources.role().policies());
        assertEquals(Optional.of(new ApiSpec(ApiSpec.Type.HTTP)), resources.api());
    }

    @Test
    void load_seedItems_keepPlainYamlTypes() throws IOException {
        Map<String, Object> item = load(FULL).resources().tables().get("orders").items().get(0);

        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("orderId", "o-1");
        expected.put("createdAt", new BigDecimal("1"));
        expected.put("customerId", "c-1");
        expected.put("paid", true);
        expected.put("lines", List.of(new BigDecimal("1"), "two"));
        expected.put("note", null);
        assertEquals(expected, item);
    }

    @Test
    void load_parameters_joinStringListsAndNameTheirKey() throws IOException {
        Map<String, ParameterSpec> parameters = load(FULL).resources().parameters();

        assertEquals("red,green", parameters.get("colours").value());
        assertEquals(Optional.of("notes"), parameters.get("secret").optionalKey());
    }

    @Test
    void load_environment_keepsReferencesAsWrittenInOrder() throws IOException {
        Map<String, String> environment = load(FULL).environment();

        assertEquals(List.of("TABLE_NAME", "KEY_ID", "KEY_ARN", "KEY_ALIAS", "GREETING_PARAM", "API_URL", "WHERE",
                "PLAIN"), List.copyOf(environment.keySet()));
        assertEquals("${table:orders}", environment.get("TABLE_NAME"));
        assertEquals("42", environment.get("PLAIN"));
    }

    @Test
    void load_withoutNewFields_hasNoSdkNoEnvironmentAndOnlyAPlainRole() throws IOException {
        Exercise exercise = load(HEAD);

        assertEquals(List.of(), exercise.sdk());
        assertEquals(Map.of(), exercise.environment());
        assertEquals(ExerciseResources.none(), exercise.resources());
        assertTrue(exercise.resources().isEmpty());
    }

    @Test
    void load_keyWithoutAlias_usesItsLogicalName() throws IOException {
        Exercise exercise = load(HEAD + "resources:\n  keys:\n    vault:\n");

        assertEquals(new KeySpec("vault", "vault", ""), exercise.resources().keys().get("vault"));
    }

    @Test
    void load_restApi_isRest() throws IOException {
        assertEquals(ApiSpec.Type.REST, load(HEAD + "resources: {api: {type: rest}}\n").resources().api()
                .orElseThrow().type());
    }

    @Test
    void load_tableWithoutSortKey_hasNone() throws IOException {
        TableSpec table = load(HEAD + "resources: {tables: {t: {partitionKey: {name: id, type: B}}}}\n")
                .resources().tables().get("t");

        assertNull(table.sortKey());
        assertEquals(Map.of("id", "B"), table.keyAttributeTypes());
    }

    @Test
    void load_whenKeyTypeIsUnknown_namesFieldPathAndAllowedTypes() throws IOException {
        String message = failure(HEAD + "resources:\n  tables:\n    orders:\n      partitionKey: {name: id, type: X}\n");

        assertTrue(message.contains("exercise.yml:7: field 'resources.tables.orders.partitionKey.type': 'X' is not "
                + "one of S, N, B"), message);
    }

    @Test
    void load_whenSdkModuleIsUnknown_listsTheAllowedOnes() throws IOException {
        String message = failure(HEAD + "sdk: [dynamodb, ec2]\n");

        assertTrue(message.contains("exercise.yml:4: field 'sdk[1]': 'ec2' is not one of apigateway, apigatewayv2, "
                + "cloudwatchlogs, dynamodb, eventbridge, kinesis, kms, lambda, s3, scheduler, sfn, sns, sqs, ssm"),
                message);
    }

    @Test
    void load_whenSdkIsNotAList_showsTheListForm() throws IOException {
        assertTrue(failure(HEAD + "sdk: dynamodb\n").contains("field 'sdk': must be a list, e.g. sdk: [dynamodb, ssm]"));
    }

    @Test
    void load_whenSdkModuleIsRepeated_asksToKeepOne() throws IOException {
        assertTrue(failure(HEAD + "sdk: [kms, kms]\n").contains("field 'sdk[1]': 'kms' is listed twice"));
    }

    @Test
    void load_whenReferenceNamesAnUndeclaredTable_listsTheDeclaredOnes() throws IOException {
        String message = failure(HEAD + "environment: {TT: '${table:order}'}\n"
                + "resources: {tables: {orders: {partitionKey: {name: id, type: S}}}}\n");

        assertTrue(message.contains("exercise.yml:4: field 'environment.TT': '${table:order}': 'order' is not declared "
                + "under resources.tables (declared: orders)"), message);
    }

    @Test
    void load_whenReferenceNamesAnUndeclaredKeyOrParameter_saysNoneAreDeclared() throws IOException {
        assertTrue(failure(HEAD + "environment: {KK: '${keyArn:k}'}\n")
                .contains("'k' is not declared under resources.keys (none are declared)"));
        assertTrue(failure(HEAD + "environment: {PP: '${parameter:p}'}\n")
                .contains("'p' is not declared under resources.parameters (none are declared)"));
    }

    @Test
    void load_whenApiUrlIsUsedWithoutAnApi_asksToDeclareOne() throws IOException {
        assertTrue(failure(HEAD + "environment: {URL: '${api:url}'}\n").contains("no API is declared"));
    }

    @Test
    void load_whenReferenceKindIsUnknown_listsTheKinds() throws IOException {
        String message = failure(HEAD + "environment: {TT: '${bukket:b}'}\n");

        assertTrue(message.contains("'${bukket:b}' uses the unknown kind 'bukket': use one of ${table:…}, ${key:…}"),
                message);
        assertTrue(message.contains("${bucket:…}") && message.contains("${function}"), message);
    }

    @Test
    void load_whenReferenceIsNotClosed_showsTheForm() throws IOException {
        assertTrue(failure(HEAD + "environment: {TT: '${table:orders'}\n").contains("has no closing '}'"));
    }

    @Test
    void load_whenVariableIsReserved_asksForAnotherName() throws IOException {
        assertTrue(failure(HEAD + "environment: {AWS_REGION: x}\n")
                .contains("field 'environment.AWS_REGION': is set by Lambda or the platform itself"));
    }

    @Test
    void load_whenResourceSectionIsUnknown_listsTheSections() throws IOException {
        String message = failure(HEAD + "resources:\n  lambdas: {}\n");

        assertTrue(message.contains("exercise.yml:5: unknown field 'resources.lambdas': allowed fields are tables, keys,"
                + " parameters, role, api, buckets, queues, topics, buses, rules, schedules, stateMachines, streams"),
                message);
    }

    @Test
    void load_whenTableHasNoPartitionKey_namesTheTable() throws IOException {
        String message = failure(HEAD + "resources:\n  tables:\n    orders: {sortKey: {name: a, type: S}}\n");

        assertTrue(message.contains("missing required field 'resources.tables.orders.partitionKey'"), message);
    }

    @Test
    void load_whenSeedItemLacksTheKey_namesItemAndKey() throws IOException {
        String message = failure(HEAD + "resources:\n  tables:\n    orders:\n      partitionKey: {name: id, type: S}\n"
                + "      items:\n        - {name: x}\n");

        assertTrue(message.contains("field 'resources.tables.orders.items[0]': has no 'id'"), message);
    }

    @Test
    void load_whenSeedItemKeyHasTheWrongType_namesTypeAndValue() throws IOException {
        String message = failure(HEAD + "resources:\n  tables:\n    orders:\n      partitionKey: {name: id, type: N}\n"
                + "      items:\n        - {id: \"seven\"}\n");

        assertTrue(message.contains("exercise.yml:9: field 'resources.tables.orders.items[0].id': is a key attribute "
                + "of type N (a number), got 'seven'"), message);
    }

    @Test
    void load_whenParameterTypeIsUnknown_listsTheTypes() throws IOException {
        String message = failure(HEAD + "resources: {parameters: {p: {type: Text, value: v}}}\n");

        assertTrue(message.contains("field 'resources.parameters.p.type': 'Text' is not one of String, StringList, "
                + "SecureString"), message);
    }

    @Test
    void load_whenParameterKeyIsNotDeclared_saysWhereToDeclareIt() throws IOException {
        String message = failure(HEAD + "resources: {parameters: {p: {type: SecureString, value: v, key: k}}}\n");

        assertTrue(message.contains("field 'resources.parameters.p.key': 'k' is not a declared key"), message);
    }

    @Test
    void load_whenPlainParameterNamesAKey_explainsOnlySecureStringsAreEncrypted() throws IOException {
        String message = failure(HEAD + "resources: {keys: {k: {}}, parameters: {p: {value: v, key: k}}}\n");

        assertTrue(message.contains("only a SecureString is encrypted with a key"), message);
    }

    @Test
    void load_parameterWithOneOf_keepsTheChoicesAndShowsTheFirst() throws IOException {
        ParameterSpec greeting = load(HEAD + "resources: {parameters: {greeting: {value: {oneOf: [Howdy, Hej]}}}}\n")
                .resources().parameters().get("greeting");

        assertEquals(List.of("Howdy", "Hej"), greeting.choices());
        assertEquals("Howdy", greeting.value());
    }

    @Test
    void load_whenOneOfIsEmptyOrMisspelled_saysWhatToWrite() throws IOException {
        String empty = failure(HEAD + "resources: {parameters: {p: {value: {oneOf: []}}}}\n");
        String misspelled = failure(HEAD + "resources: {parameters: {p: {value: {oneof: [a]}}}}\n");
        String list = failure(HEAD + "resources: {parameters: {p: {type: StringList, value: {oneOf: [a]}}}}\n");

        assertTrue(empty.contains("'resources.parameters.p.value.oneOf'") && empty.contains("at least one value"),
                empty);
        assertTrue(misspelled.contains("resources.parameters.p.value") && misspelled.contains("oneof"), misspelled);
        assertTrue(list.contains("oneOf is for String and SecureString parameters"), list);
    }

    @Test
    void valueForGrading_picksAChoiceAndFillsInRandomDigits() {
        ParameterSpec token = new ParameterSpec("token", "/t", "SecureString", "tk-${random}-${random}", null);
        ParameterSpec greeting = new ParameterSpec("greeting", "/g", "String", "Howdy", null, List.of("Howdy", "Hej"));
        java.util.Random random = new java.util.Random(7);

        String first = token.valueForGrading(random);
        String second = token.valueForGrading(random);
        java.util.Set<String> greetings = new java.util.HashSet<>();
        for (int i = 0; i < 50; i++) {
            greetings.add(greeting.valueForGrading(random));
        }

        assertTrue(first.matches("tk-[0-9a-f]{12}-[0-9a-f]{12}"), first);
        assertNotEquals(first, second);
        assertEquals(java.util.Set.of("Howdy", "Hej"), greetings);
        assertEquals("hi", new ParameterSpec("p", "/p", "String", "hi", null).valueForGrading(random));
    }

    @Test
    void load_whenParameterHasNoValue_asksForOne() throws IOException {
        assertTrue(failure(HEAD + "resources: {parameters: {p: {name: /a}}}\n")
                .contains("missing required field 'resources.parameters.p.value'"));
    }

    @Test
    void load_whenPolicyIsNotAnArn_showsTheArnForm() throws IOException {
        String message = failure(HEAD + "resources: {role: {policies: [AmazonDynamoDBFullAccess]}}\n");

        assertTrue(message.contains("field 'resources.role.policies[0]': 'AmazonDynamoDBFullAccess' is not a managed "
                + "policy ARN"), message);
    }

    @Test
    void load_whenApiTypeIsUnknown_listsHttpAndRest() throws IOException {
        assertTrue(failure(HEAD + "resources: {api: {type: websocket}}\n")
                .contains("field 'resources.api.type': 'websocket' is not one of http, rest"));
    }

    @Test
    void load_whenLogicalNameHasSpaces_saysWhatIsAllowed() throws IOException {
        assertTrue(failure(HEAD + "resources: {tables: {'my orders': {partitionKey: {name: id, type: S}}}}\n")
                .contains("'my orders' is not a usable logical name"));
    }

    @Test
    void load_whenAliasIsReservedForAws_rejectsIt() throws IOException {
        assertTrue(failure(HEAD + "resources: {keys: {k: {alias: aws/ssm}}}\n")
                .contains("field 'resources.keys.k.alias': 'aws/ssm' is not a usable alias"));
    }

    @Test
    void load_whenNestedFieldIsGivenTwice_namesItsPath() throws IOException {
        String message = failure(HEAD + "resources:\n  keys:\n    k: {}\n  keys:\n    j: {}\n");

        assertTrue(message.contains("exercise.yml:7: field 'resources.keys' is given twice (first on line 5)"),
                message);
    }

    @Test
    void substitute_replacesEveryReference() {
        String value = ResourceReference.substitute("${region}:${table:orders}!", r -> r.kind() + "=" + r.name());

        assertEquals("region=:table=orders!", value);
    }

    private Exercise load(String yaml) throws IOException {
        Path folder = Files.createDirectories(content.resolve("exercises/orders"));
        Files.writeString(folder.resolve("exercise.yml"), yaml);
        return ExerciseCatalog.load(content).find("orders").orElseThrow();
    }

    private String failure(String yaml) throws IOException {
        Path folder = Files.createDirectories(content.resolve("exercises/orders"));
        Files.writeString(folder.resolve("exercise.yml"), yaml);
        return assertThrows(ContentException.class, () -> ExerciseCatalog.load(content)).getMessage();
    }
}
