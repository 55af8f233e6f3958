package checks;

import dev.serverlesslab.graders.check.Eventually;
import dev.serverlesslab.graders.check.Resources;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.LastUpdateStatus;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.lambda.model.State;

/**
 * Functions a check needs besides the learner's, in the grading's account: their code is one class of these checks,
 * zipped; each is deleted when the check closes this object.
 */
final class TargetFunctions implements AutoCloseable {

    private static final Duration READY_WITHIN = Duration.ofSeconds(30);

    private final LambdaClient lambda;
    private final Resources resources;
    private final List<String> created = new ArrayList<>();

    TargetFunctions(LambdaClient lambda, Resources resources) {
        this.lambda = lambda;
        this.resources = resources;
    }

    /** Creates a Java 17 function whose handler is {@code type::handleRequest} and waits until it is Active. */
    String create(String purpose, Class<?> type, Map<String, String> environment) {
        // Named and tagged as the grading's own resources, so its policy covers the function and cleanup finds it.
        String name = resources.name(purpose);
        lambda.createFunction(b -> b.functionName(name).runtime(Runtime.JAVA17).role(resources.roleArn())
                .tags(resources.tags())
                .handler(type.getName() + "::handleRequest").memorySize(256).timeout(15)
                .environment(e -> e.variables(environment))
                .code(c -> c.zipFile(SdkBytes.fromByteArray(zip(type)))));
        created.add(name);
        awaitReady(name);
        return name;
    }

    /** Waits until the function is Active and its last update, if any, has finished. */
    void awaitReady(String name) {
        Eventually.check("function " + name + " to be Active with no update in progress", READY_WITHIN, () -> {
            var configuration = lambda.getFunctionConfiguration(b -> b.functionName(name));
            return configuration.state() == State.ACTIVE
                    && configuration.lastUpdateStatus() != LastUpdateStatus.IN_PROGRESS;
        });
    }

    private static byte[] zip(Class<?> type) {
        String entry = type.getName().replace('.', '/') + ".class";
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (InputStream in = type.getClassLoader().getResourceAsStream(entry);
                ZipOutputStream zip = new ZipOutputStream(bytes)) {
            if (in == null) {
                throw new IllegalStateException("the checks' own class " + entry + " cannot be read");
            }
            zip.putNextEntry(new ZipEntry(entry));
            in.transferTo(zip);
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot zip " + entry, e);
        }
        return bytes.toByteArray();
    }

    @Override
    public void close() {
        for (String name : created) {
            try {
                lambda.deleteFunction(b -> b.functionName(name));
            } catch (RuntimeException e) {
                // Teardown of a helper function cannot change a verdict; the grading's account is dropped anyway.
            }
        }
    }
}
