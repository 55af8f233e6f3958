package dev.serverlesslab.emulator.ssm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.emulator.http.EdgeServer;
import dev.serverlesslab.emulator.http.ServiceRouter;
import dev.serverlesslab.emulator.kms.KmsBackend;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.DeleteParametersResponse;
import software.amazon.awssdk.services.ssm.model.GetParametersByPathResponse;
import software.amazon.awssdk.services.ssm.model.GetParametersResponse;
import software.amazon.awssdk.services.ssm.model.InvalidKeyIdException;
import software.amazon.awssdk.services.ssm.model.LabelParameterVersionResponse;
import software.amazon.awssdk.services.ssm.model.Parameter;
import software.amazon.awssdk.services.ssm.model.ParameterAlreadyExistsException;
import software.amazon.awssdk.services.ssm.model.ParameterHistory;
import software.amazon.awssdk.services.ssm.model.ParameterMetadata;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterType;
import software.amazon.awssdk.services.ssm.model.ParameterVersionLabelLimitExceededException;
import software.amazon.awssdk.services.ssm.model.ParameterVersionNotFoundException;
import software.amazon.awssdk.services.ssm.model.SsmException;
import software.amazon.awssdk.services.ssm.model.Tag;
import software.amazon.awssdk.services.ssm.model.UnlabelParameterVersionResponse;

/** The AWS SDK v2 SsmClient against the emulator's HTTP endpoint: shapes, dates, paging and error codes. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SsmClientTests {

    private EdgeServer edge;
    private SsmClient ssm;

    @BeforeAll
    void start() {
        edge = EdgeServer.bind("127.0.0.1", 0, "us-east-1", "test");
        edge.start(new ServiceRouter(List.of(new SsmHandler(new SsmBackend(new KmsBackend())))));
        ssm = SsmClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + edge.port()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @AfterAll
    void stop() {
        ssm.close();
        edge.close();
    }

    @Test
    void putParameter_thenGetParameter_returnsValueVersionAndArn() {
        String name = unique("/put");
        long version = ssm.putParameter(r -> r.name(name).value("v1").type(ParameterType.STRING)
                .description("first")).version();

        Parameter parameter = ssm.getParameter(r -> r.name(name)).parameter();

        assertEquals(1L, version);
        assertEquals("v1", parameter.value());
        assertEquals(ParameterType.STRING, parameter.type());
        assertEquals("arn:aws:ssm:us-east-1:000000000000:parameter" + name, parameter.arn());
        assertNotNull(parameter.lastModifiedDate());
    }

    @Test
    void getParameter_withVersionSelector_returnsThatVersionAndSelector() {
        String name = unique("/sel");
        ssm.putParameter(r -> r.name(name).value("a").type(ParameterType.STRING));
        ssm.putParameter(r -> r.name(name).value("b").overwrite(true));

        Parameter first = ssm.getParameter(r -> r.name(name + ":1")).parameter();

        assertEquals("a", first.value());
        assertEquals(":1", first.selector());
        assertThrows(ParameterVersionNotFoundException.class, () -> ssm.getParameter(r -> r.name(name + ":9")));
    }

    @Test
    void putParameter_existingWithoutOverwrite_throwsParameterAlreadyExists() {
        String name = unique("/dup");
        ssm.putParameter(r -> r.name(name).value("a").type(ParameterType.STRING));

        assertThrows(ParameterAlreadyExistsException.class,
                () -> ssm.putParameter(r -> r.name(name).value("b").type(ParameterType.STRING)));
    }

    @Test
    void putParameter_withTagsAndOverwrite_throwsValidationException() {
        SsmException e = assertThrows(SsmException.class, () -> ssm.putParameter(r -> r.name(unique("/t"))
                .value("a").type(ParameterType.STRING).overwrite(true).tags(Tag.builder().key("k").value("v")
                        .build())));

        assertEquals("ValidationException", e.awsErrorDetails().errorCode());
    }

    @Test
    void secureString_isEncryptedUnlessWithDecryption() {
        String name = unique("/secret");
        ssm.putParameter(r -> r.name(name).value("hunter2").type(ParameterType.SECURE_STRING));

        String hidden = ssm.getParameter(r -> r.name(name)).parameter().value();
        String shown = ssm.getParameter(r -> r.name(name).withDecryption(true)).parameter().value();

        assertNotEquals("hunter2", hidden);
        assertEquals("hunter2", shown);
    }

    @Test
    void putParameter_secureStringWithUnknownKey_throwsInvalidKeyId() {
        assertThrows(InvalidKeyIdException.class, () -> ssm.putParameter(r -> r.name(unique("/k")).value("v")
                .type(ParameterType.SECURE_STRING).keyId("alias/does-not-exist")));
    }

    @Test
    void getParameter_ofMissingName_throwsParameterNotFound() {
        assertThrows(ParameterNotFoundException.class, () -> ssm.getParameter(r -> r.name("/missing/param")));
    }

    @Test
    void getParameters_listsMissingNamesAsInvalid() {
        String name = unique("/many");
        ssm.putParameter(r -> r.name(name).value("x").type(ParameterType.STRING_LIST));

        GetParametersResponse response = ssm.getParameters(r -> r.names(name, "/nope"));

        assertEquals(List.of(name), response.parameters().stream().map(Parameter::name).toList());
        assertEquals(List.of("/nope"), response.invalidParameters());
    }

    @Test
    void deleteParameter_thenDeleteParameters_reportDeletedAndInvalid() {
        String a = unique("/del");
        String b = unique("/del");
        ssm.putParameter(r -> r.name(a).value("x").type(ParameterType.STRING));
        ssm.putParameter(r -> r.name(b).value("x").type(ParameterType.STRING));

        ssm.deleteParameter(r -> r.name(a));
        DeleteParametersResponse response = ssm.deleteParameters(r -> r.names(a, b));

        assertEquals(List.of(b), response.deletedParameters());
        assertEquals(List.of(a), response.invalidParameters());
        assertThrows(ParameterNotFoundException.class, () -> ssm.deleteParameter(r -> r.name(b)));
    }

    @Test
    void getParametersByPath_paginatorWalksEveryPage() {
        String path = unique("/paged");
        for (int i = 0; i < 12; i++) {
            String name = path + "/p" + i;
            ssm.putParameter(r -> r.name(name).value("v").type(ParameterType.STRING));
        }

        GetParametersByPathResponse first = ssm.getParametersByPath(r -> r.path(path).maxResults(5));
        long total = ssm.getParametersByPathPaginator(r -> r.path(path).recursive(true).maxResults(5)).stream()
                .mapToLong(page -> page.parameters().size()).sum();

        assertEquals(5, first.parameters().size());
        assertNotNull(first.nextToken());
        assertEquals(12, total);
    }

    @Test
    void describeParameters_withNameFilter_returnsMetadataWithKeyId() {
        String name = unique("/desc");
        ssm.putParameter(r -> r.name(name).value("s").type(ParameterType.SECURE_STRING).description("d"));

        List<ParameterMetadata> found = ssm.describeParameters(r -> r.parameterFilters(f -> f.key("Name")
                .option("Equals").values(name))).parameters();

        assertEquals(1, found.size());
        assertEquals("alias/aws/ssm", found.get(0).keyId());
        assertEquals("d", found.get(0).description());
        assertEquals(ParameterType.SECURE_STRING, found.get(0).type());
    }

    @Test
    void getParameterHistory_returnsEachVersionWithDescription() {
        String name = unique("/hist");
        ssm.putParameter(r -> r.name(name).value("1").type(ParameterType.STRING).description("d1"));
        ssm.putParameter(r -> r.name(name).value("2").overwrite(true));

        List<ParameterHistory> history = ssm.getParameterHistory(r -> r.name(name)).parameters();

        assertEquals(List.of("1", "2"), history.stream().map(ParameterHistory::value).toList());
        assertEquals(List.of(1L, 2L), history.stream().map(ParameterHistory::version).toList());
        assertEquals("d1", history.get(1).description());
    }

    @Test
    void tags_onAParameter_areAddedListedAndRemoved_andKeptAcrossVersions() {
        String name = unique("/lab/tagged");
        ssm.putParameter(r -> r.name(name).value("v1").type(ParameterType.STRING)
                .tags(t -> t.key("team").value("lab")));

        ssm.addTagsToResource(r -> r.resourceType("Parameter").resourceId(name)
                .tags(t -> t.key("env").value("test")));
        ssm.putParameter(r -> r.name(name).value("v2").type(ParameterType.STRING).overwrite(true));
        assertEquals(List.of("env=test", "team=lab"), ssm.listTagsForResource(r -> r.resourceType("Parameter")
                .resourceId(name)).tagList().stream().map(t -> t.key() + "=" + t.value()).sorted().toList());
        ssm.removeTagsFromResource(r -> r.resourceType("Parameter").resourceId(name).tagKeys("team"));
        assertEquals(List.of("env=test"), ssm.listTagsForResource(r -> r.resourceType("Parameter")
                .resourceId(name)).tagList().stream().map(t -> t.key() + "=" + t.value()).toList());

        SsmException missing = assertThrows(SsmException.class, () -> ssm.listTagsForResource(r -> r
                .resourceType("Parameter").resourceId(unique("/lab/none"))));
        assertEquals("InvalidResourceId", missing.awsErrorDetails().errorCode());
        SsmException document = assertThrows(SsmException.class, () -> ssm.listTagsForResource(r -> r
                .resourceType("Document").resourceId("doc")));
        assertEquals("InvalidResourceType", document.awsErrorDetails().errorCode());
    }

    @Test
    void unimplementedOperation_answersUnknownOperationNamingIt() {
        SsmException e = assertThrows(SsmException.class, () -> ssm.deleteDocument(r -> r.name("doc")));

        assertEquals("UnknownOperationException", e.awsErrorDetails().errorCode());
        assertTrue(e.awsErrorDetails().errorMessage().contains("AmazonSSM.DeleteDocument"));
    }

    @Test
    void labels_attachMoveAndSelectVersions_andShowInHistory() {
        String name = unique("/labels");
        ssm.putParameter(r -> r.name(name).value("v1").type(ParameterType.STRING));
        ssm.putParameter(r -> r.name(name).value("v2").type(ParameterType.STRING).overwrite(true));

        LabelParameterVersionResponse labelled = ssm.labelParameterVersion(r -> r.name(name).parameterVersion(1L)
                .labels("prod", "Stable_1", "3rd", "awsy", "SSM-x"));
        assertEquals(1L, labelled.parameterVersion());
        assertEquals(List.of("3rd", "awsy", "SSM-x"), labelled.invalidLabels(), "SSM's naming rules");
        Parameter prod = ssm.getParameter(r -> r.name(name + ":prod")).parameter();
        assertEquals("v1", prod.value());
        assertEquals(":prod", prod.selector());
        assertEquals("v2", ssm.getParameter(r -> r.name(name + ":2")).parameter().value());

        assertEquals(2L, ssm.labelParameterVersion(r -> r.name(name).labels("prod")).parameterVersion(),
                "without a version, the latest");
        assertEquals("v2", ssm.getParameter(r -> r.name(name + ":prod")).parameter().value(), "the label moved");
        List<ParameterHistory> history = ssm.getParameterHistory(r -> r.name(name)).parameters();
        assertEquals(List.of("Stable_1"), history.get(0).labels());
        assertEquals(List.of("prod"), history.get(1).labels());

        UnlabelParameterVersionResponse unlabelled = ssm.unlabelParameterVersion(r -> r.name(name)
                .parameterVersion(2L).labels("prod", "Stable_1"));
        assertEquals(List.of("prod"), unlabelled.removedLabels());
        assertEquals(List.of("Stable_1"), unlabelled.invalidLabels(), "not on version 2");
        assertThrows(ParameterVersionNotFoundException.class, () -> ssm.getParameter(r -> r.name(name + ":prod")));
    }

    @Test
    void labels_refuseMissingVersionsAndAnEleventhLabel() {
        String name = unique("/label-limits");
        ssm.putParameter(r -> r.name(name).value("v1").type(ParameterType.STRING));
        assertThrows(ParameterVersionNotFoundException.class, () -> ssm.labelParameterVersion(r -> r.name(name)
                .parameterVersion(7L).labels("prod")));
        assertThrows(ParameterNotFoundException.class, () -> ssm.labelParameterVersion(r -> r.name(name + "-none")
                .labels("prod")));
        ssm.labelParameterVersion(r -> r.name(name).labels("a0", "a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8",
                "a9"));

        assertThrows(ParameterVersionLabelLimitExceededException.class, () -> ssm.labelParameterVersion(r -> r
                .name(name).labels("a10")));
        assertEquals(10, ssm.getParameterHistory(r -> r.name(name)).parameters().get(0).labels().size());
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }
}
