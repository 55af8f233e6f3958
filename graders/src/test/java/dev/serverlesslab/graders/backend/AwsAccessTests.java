package dev.serverlesslab.graders.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/** Where the endpoint and localstack backends find a region and credentials: the places the AWS CLI reads. */
class AwsAccessTests {

    @TempDir
    Path home;

    private final Map<String, String> environment = new HashMap<>();

    private AwsAccess read(Optional<String> profile, Optional<String> region) {
        environment.putIfAbsent("HOME", home.toString());
        return AwsAccess.fromEnvironment(environment, profile, region);
    }

    private void profiles(String credentials, String config) throws IOException {
        Files.createDirectories(home.resolve(".aws"));
        Files.writeString(home.resolve(".aws/credentials"), credentials);
        Files.writeString(home.resolve(".aws/config"), config);
    }

    private static AwsCredentials keys(AwsAccess access) {
        return access.credentials().orElseThrow().resolveCredentials();
    }

    @Test
    void nothingConfigured_meansAFreshAccountPerGrading_andTheBackendsRegion() {
        AwsAccess access = read(Optional.empty(), Optional.empty());

        assertTrue(access.credentials().isEmpty());
        assertEquals("us-east-1", access.regionOr("us-east-1"));
        assertEquals("a fresh account per grading", access.source());
    }

    @Test
    void environmentKeys_areUsed_withTheSessionTokenAndAwsRegion() {
        environment.put("AWS_ACCESS_KEY_ID", "AKIAENVIRONMENT00001");
        environment.put("AWS_SECRET_ACCESS_KEY", "env-secret");
        environment.put("AWS_SESSION_TOKEN", "env-token");
        environment.put("AWS_REGION", "eu-west-3");

        AwsAccess access = read(Optional.empty(), Optional.empty());

        AwsSessionCredentials keys = (AwsSessionCredentials) keys(access);
        assertEquals("AKIAENVIRONMENT00001", keys.accessKeyId());
        assertEquals("env-token", keys.sessionToken());
        assertEquals("eu-west-3", access.regionOr("us-east-1"));
    }

    @Test
    void profileOption_winsOverEnvironmentKeys_andBringsItsRegionFromTheConfigFile() throws IOException {
        environment.put("AWS_ACCESS_KEY_ID", "AKIAENVIRONMENT00001");
        environment.put("AWS_SECRET_ACCESS_KEY", "env-secret");
        profiles("[grader]\naws_access_key_id = AKIAPROFILE000000001\naws_secret_access_key = profile-secret\n",
                "[profile grader]\nregion = ap-southeast-2\n");

        AwsAccess access = read(Optional.of("grader"), Optional.empty());

        assertEquals("AKIAPROFILE000000001", keys(access).accessKeyId());
        assertEquals("ap-southeast-2", access.regionOr("us-east-1"));
        assertEquals("AWS profile 'grader'", access.source());
    }

    @Test
    void regionOption_winsOverEnvironmentAndProfile() throws IOException {
        environment.put("AWS_DEFAULT_REGION", "us-west-2");
        profiles("[default]\naws_access_key_id = AKIADEFAULT000000001\naws_secret_access_key = s\n",
                "[default]\nregion = ap-southeast-2\n");

        AwsAccess access = read(Optional.empty(), Optional.of("eu-west-3"));

        assertEquals("eu-west-3", access.regionOr("us-east-1"));
        assertEquals("AKIADEFAULT000000001", keys(access).accessKeyId(), "the default profile, as the SDK reads it");
    }

    @Test
    void awsProfileVariable_andFilesNamedByTheEnvironment_areRead() throws IOException {
        Path elsewhere = Files.writeString(home.resolve("ci-credentials"),
                "[ci]\naws_access_key_id = AKIACI00000000000001\naws_secret_access_key = ci-secret\n");
        environment.put("AWS_SHARED_CREDENTIALS_FILE", elsewhere.toString());
        environment.put("AWS_PROFILE", "ci");

        assertEquals("AKIACI00000000000001", keys(read(Optional.empty(), Optional.empty())).accessKeyId());
    }

    @Test
    void unknownProfile_isRefused_namingItAndTheFilesLookedIn() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> read(Optional.of("nobody"), Optional.empty()));

        assertTrue(refused.getMessage().contains("no AWS profile 'nobody'"), refused.getMessage());
        assertTrue(refused.getMessage().contains(home.resolve(".aws/credentials").toString()), refused.getMessage());
    }

    @Test
    void somethingThatIsNotARegion_isRefused() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> read(Optional.empty(), Optional.of("Paris")));

        assertTrue(refused.getMessage().contains("'Paris' is not an AWS region name"), refused.getMessage());
    }
}
