package dev.serverlesslab.emulator.ssm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.serverlesslab.emulator.ExternalClients;
import dev.serverlesslab.emulator.http.EdgeServer;
import dev.serverlesslab.emulator.http.ServiceRouter;
import dev.serverlesslab.emulator.kms.KmsBackend;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.GetParametersByPathResponse;
import software.amazon.awssdk.services.ssm.model.GetParametersResponse;
import software.amazon.awssdk.services.ssm.model.Parameter;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterType;
import software.amazon.awssdk.services.ssm.model.SsmException;

/**
 * The public parameters under {@code /aws/service/} that AWS's tutorials read (regions, services, the latest Amazon
 * Linux AMI), read-only, through the SDK v2 and the aws CLI (skipped, saying why, where it is not installed).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SsmPublicParametersTests {

    private EdgeServer edge;
    private SsmClient ssm;
    private SsmClient west;

    @BeforeAll
    void start() {
        edge = EdgeServer.bind("127.0.0.1", 0, "us-east-1", "test");
        edge.start(new ServiceRouter(List.of(new SsmHandler(new SsmBackend(new KmsBackend())))));
        ssm = client(Region.US_EAST_1);
        west = client(Region.EU_WEST_1);
    }

    @AfterAll
    void stop() {
        ssm.close();
        west.close();
        edge.close();
    }

    @Test
    void getParameter_ofARegionsLongName_answersItWithAnArnWithoutAccount() {
        Parameter parameter = ssm.getParameter(b -> b.name("/aws/service/global-infrastructure/regions/eu-west-1/"
                + "longName")).parameter();

        assertEquals("Europe (Ireland)", parameter.value());
        assertEquals(ParameterType.STRING, parameter.type());
        assertEquals(1L, parameter.version());
        assertEquals("arn:aws:ssm:us-east-1::parameter/aws/service/global-infrastructure/regions/eu-west-1/longName",
                parameter.arn());
    }

    @Test
    void getParametersByPath_ofTheRegions_pagesThroughEveryRegionCode() {
        List<String> regions = new ArrayList<>();
        String token = null;
        do {
            String next = token;
            GetParametersByPathResponse page = ssm.getParametersByPath(b -> b.path(
                    "/aws/service/global-infrastructure/regions").nextToken(next));
            page.parameters().forEach(p -> regions.add(p.value()));
            token = page.nextToken();
        } while (token != null);

        assertTrue(regions.containsAll(List.of("us-east-1", "eu-west-1", "ap-southeast-2")), regions.toString());
        assertEquals(regions.size(), regions.stream().distinct().count(), "each region once: " + regions);
        assertTrue(regions.size() > 10, regions.toString());
    }

    @Test
    void getParametersByPath_recursiveUnderAService_listsItsRegionsAndLongName() {
        List<Parameter> all = ssm.getParametersByPathPaginator(b -> b.path(
                "/aws/service/global-infrastructure/services/lambda").recursive(true)).stream()
                .flatMap(page -> page.parameters().stream()).toList();

        assertTrue(all.stream().anyMatch(p -> p.name().endsWith("/services/lambda/longName")
                && "AWS Lambda".equals(p.value())), all.toString());
        assertTrue(all.stream().anyMatch(p -> p.name().endsWith("/services/lambda/regions/us-west-2")), all.toString());
    }

    @Test
    void latestAmazonLinuxAmi_isAnAmiIdStablePerRegion() {
        String name = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64";
        String east = ssm.getParameter(b -> b.name(name)).parameter().value();

        assertTrue(east.matches("ami-[0-9a-f]{17}"), east);
        assertEquals(east, ssm.getParameter(b -> b.name(name)).parameter().value());
        assertNotEquals(east, west.getParameter(b -> b.name(name)).parameter().value());
        GetParametersResponse both = ssm.getParameters(b -> b.names(name,
                "/aws/service/ami-amazon-linux-latest/no-such-image"));
        assertEquals(List.of(east), both.parameters().stream().map(Parameter::value).toList());
        assertEquals(List.of("/aws/service/ami-amazon-linux-latest/no-such-image"), both.invalidParameters());
    }

    @Test
    void unknownPublicParameter_isParameterNotFound() {
        assertThrows(ParameterNotFoundException.class,
                () -> ssm.getParameter(b -> b.name("/aws/service/global-infrastructure/regions/mars-1/longName")));
    }

    @Test
    void putAndDelete_underAwsService_areRefusedAsReservedNames() {
        String name = "/aws/service/global-infrastructure/regions/us-east-1/longName";

        SsmException put = assertThrows(SsmException.class, () -> ssm.putParameter(b -> b.name(name).value("x")
                .type(ParameterType.STRING).overwrite(true)));
        SsmException delete = assertThrows(SsmException.class, () -> ssm.deleteParameter(b -> b.name(name)));

        assertEquals("ValidationException", put.awsErrorDetails().errorCode());
        assertTrue(put.awsErrorDetails().errorMessage().contains("can't be prefixed with \"aws\" or \"ssm\""),
                put.getMessage());
        assertEquals("AccessDeniedException", delete.awsErrorDetails().errorCode());
        assertEquals("No access to reserved parameter name: " + name + ".", delete.awsErrorDetails().errorMessage());
        assertEquals("US East (N. Virginia)", ssm.getParameter(b -> b.name(name)).parameter().value());
    }

    @Test
    void awsCli_readsThePublicParametersAsTutorialsDo() throws Exception {
        assumeTrue(ExternalClients.installed("aws", "--version"), "the aws CLI is not installed on this machine");
        String endpoint = "http://127.0.0.1:" + edge.port();

        JsonNode ami = ExternalClients.awsJson(endpoint, "ssm", "get-parameters", "--names",
                "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64");
        JsonNode services = ExternalClients.awsJson(endpoint, "ssm", "get-parameters-by-path", "--path",
                "/aws/service/global-infrastructure/regions/us-east-1/services");

        assertTrue(ami.path("Parameters").path(0).path("Value").asText().startsWith("ami-"), ami.toString());
        List<String> names = new ArrayList<>();
        services.path("Parameters").forEach(p -> names.add(p.path("Value").asText()));
        assertTrue(names.containsAll(List.of("lambda", "dynamodb", "s3")), names.toString());
        assertNull(services.get("NextToken"), "the CLI follows every page: " + services);
    }

    private SsmClient client(Region region) {
        return SsmClient.builder().endpointOverride(URI.create("http://127.0.0.1:" + edge.port())).region(region)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }
}
