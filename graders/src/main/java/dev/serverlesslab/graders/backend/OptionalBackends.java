package dev.serverlesslab.graders.backend;

import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/** Finds the {@link BackendProvider} of an optional backend module on a class loader. */
final class OptionalBackends {

    private OptionalBackends() {
    }

    static Backend start(String name, AwsAccess access, Map<String, String> options, ClassLoader loader) {
        List<BackendProvider> found = ServiceLoader.load(BackendProvider.class, loader).stream()
                .map(ServiceLoader.Provider::get)
                .filter(provider -> provider.name().equals(name))
                .toList();
        if (found.isEmpty()) {
            throw new BackendUnavailableException("the " + name + " backend is an optional module that is not on "
                    + "this class path: ./lab adds it when given --backend " + name + " (it builds the " + name
                    + "/ module); elsewhere add " + name + "/target/" + name + "-*.jar and the jars listed in "
                    + name + "/target/lab.classpath to the class path, or use --backend embedded");
        }
        return found.get(0).start(access, options);
    }
}
