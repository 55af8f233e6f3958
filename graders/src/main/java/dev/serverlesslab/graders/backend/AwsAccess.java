package dev.serverlesslab.graders.backend;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.profiles.Profile;
import software.amazon.awssdk.profiles.ProfileFile;

/**
 * The region and credentials the {@code endpoint} and {@code localstack} backends act with, read from the places
 * the AWS CLI and SDKs read them: {@code --region}, {@code AWS_REGION}/{@code AWS_DEFAULT_REGION}, the profile's
 * {@code region}; {@code --profile}, {@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY}
 * (/{@code AWS_SESSION_TOKEN}), {@code AWS_PROFILE} or the {@code default} profile of {@code ~/.aws/credentials} and
 * {@code ~/.aws/config} (or {@code AWS_SHARED_CREDENTIALS_FILE}/{@code AWS_CONFIG_FILE}). As with the AWS CLI, an
 * explicit {@code --profile} wins over keys in the environment. Instance and container roles are not looked up:
 * this is a person's or a CI job's command line, and probing the metadata service would only slow every start.
 *
 * <p>With no credentials anywhere, each grading gets a random LocalStack-style account of its own (a 12-digit key
 * id), which keeps gradings apart on LocalStack and {@code ./lab emulator}.
 *
 * @param region      the region asked for, if any place named one
 * @param credentials the person's credentials, if any place held them
 * @param source      where the credentials came from, for the console ("profile lab", "environment variables")
 */
public record AwsAccess(Optional<String> region, Optional<AwsCredentialsProvider> credentials, String source) {

    /** AWS region names: {@code eu-west-3}, {@code us-gov-west-1}, {@code ap-southeast-5}, {@code cn-north-1}. */
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d{1,2}");

    public AwsAccess {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(source, "source");
        region.ifPresent(AwsAccess::requireRegion);
    }

    /** No region asked for and a fresh random account per grading: what the backends did before profiles. */
    public static AwsAccess perGradingAccounts() {
        return new AwsAccess(Optional.empty(), Optional.empty(), "a fresh account per grading");
    }

    /**
     * Reads the region and credentials from {@code environment} (normally {@code System.getenv()}) and the profile
     * files it points to.
     *
     * @param profile the {@code --profile} given on the command line, if any
     * @param region  the {@code --region} given on the command line, if any
     * @throws IllegalArgumentException naming the profile and the files looked in when a named profile is not
     *                                  there, or naming a region that is not one
     */
    public static AwsAccess fromEnvironment(Map<String, String> environment, Optional<String> profile,
            Optional<String> region) {
        Path home = Path.of(environment.getOrDefault("HOME", System.getProperty("user.home", ".")));
        Path credentialsFile = path(environment, "AWS_SHARED_CREDENTIALS_FILE", home.resolve(".aws/credentials"));
        Path configFile = path(environment, "AWS_CONFIG_FILE", home.resolve(".aws/config"));
        ProfileFile profiles = profiles(credentialsFile, configFile);
        String profileName = profile.or(() -> value(environment, "AWS_PROFILE")).orElse("default");
        Optional<Profile> named = profiles.profile(profileName);
        if (profile.isPresent() || value(environment, "AWS_PROFILE").isPresent()) {
            if (named.isEmpty()) {
                throw new IllegalArgumentException("there is no AWS profile '" + profileName + "' in "
                        + credentialsFile + " or " + configFile);
            }
        }
        Optional<String> chosenRegion = region
                .or(() -> value(environment, "AWS_REGION"))
                .or(() -> value(environment, "AWS_DEFAULT_REGION"))
                .or(() -> named.flatMap(p -> p.property("region")));

        Optional<String> keyId = value(environment, "AWS_ACCESS_KEY_ID");
        Optional<String> secret = value(environment, "AWS_SECRET_ACCESS_KEY");
        if (profile.isEmpty() && keyId.isPresent() && secret.isPresent()) {
            Optional<String> token = value(environment, "AWS_SESSION_TOKEN");
            StaticCredentialsProvider keys = StaticCredentialsProvider.create(token.isPresent()
                    ? AwsSessionCredentials.create(keyId.get(), secret.get(), token.get())
                    : AwsBasicCredentials.create(keyId.get(), secret.get()));
            return new AwsAccess(chosenRegion, Optional.of(keys), "AWS_ACCESS_KEY_ID from the environment");
        }
        if (named.isPresent()) {
            AwsCredentialsProvider fromProfile = ProfileCredentialsProvider.builder()
                    .profileFile(profiles).profileName(profileName).build();
            return new AwsAccess(chosenRegion, Optional.of(fromProfile), "AWS profile '" + profileName + "'");
        }
        return new AwsAccess(chosenRegion, Optional.empty(), perGradingAccounts().source());
    }

    /** The region asked for, or {@code fallback} (the backend's own) when nothing named one. */
    public String regionOr(String fallback) {
        return region.orElse(fallback);
    }

    /** {@code region} when it has the shape of an AWS region name; else an exception saying what one looks like. */
    public static String requireRegion(String region) {
        if (!REGION.matcher(region).matches()) {
            throw new IllegalArgumentException("'" + region + "' is not an AWS region name; use e.g. eu-west-3");
        }
        return region;
    }

    private static ProfileFile profiles(Path credentialsFile, Path configFile) {
        ProfileFile.Aggregator all = ProfileFile.aggregator();
        // Credentials file first, then config, in the order the AWS SDK's own default profile file uses.
        if (Files.isRegularFile(credentialsFile)) {
            all.addFile(ProfileFile.builder().content(credentialsFile).type(ProfileFile.Type.CREDENTIALS).build());
        }
        if (Files.isRegularFile(configFile)) {
            all.addFile(ProfileFile.builder().content(configFile).type(ProfileFile.Type.CONFIGURATION).build());
        }
        return all.build();
    }

    private static Path path(Map<String, String> environment, String variable, Path fallback) {
        return value(environment, variable).map(Path::of).orElse(fallback);
    }

    private static Optional<String> value(Map<String, String> environment, String variable) {
        return Optional.ofNullable(environment.get(variable)).map(String::trim).filter(v -> !v.isEmpty());
    }
}
