package dev.serverlesslab.localstack;

import dev.serverlesslab.graders.backend.AwsAccess;
import dev.serverlesslab.graders.backend.Backend;
import dev.serverlesslab.graders.backend.BackendProvider;
import java.util.Map;
import java.util.Set;

/** Offers the {@code localstack} backend to graders' {@link java.util.ServiceLoader}; its one option is {@code image}. */
public final class LocalStackProvider implements BackendProvider {

    /** The option naming the LocalStack image; absent or empty means {@link LocalStackBackend#DEFAULT_IMAGE}. */
    public static final String IMAGE = "image";

    @Override
    public String name() {
        return "localstack";
    }

    @Override
    public Backend start(AwsAccess access, Map<String, String> options) {
        if (!Set.of(IMAGE).containsAll(options.keySet())) {
            throw new IllegalArgumentException("the localstack backend's only option is " + IMAGE + ", got "
                    + options.keySet());
        }
        String image = options.getOrDefault(IMAGE, "");
        return LocalStackBackend.start(image.isBlank() ? LocalStackBackend.DEFAULT_IMAGE : image, access);
    }
}
