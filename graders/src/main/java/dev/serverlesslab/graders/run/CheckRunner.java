package dev.serverlesslab.graders.run;

import dev.serverlesslab.graders.GradingListener;
import dev.serverlesslab.graders.report.CheckResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.engine.JupiterTestEngine;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.support.store.Namespace;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs an exercise's compiled checks with the JUnit Platform Launcher, only the Jupiter engine (no auto-registered
 * engines or listeners from the class path), and reports each test leaf as a {@link CheckResult}.
 */
public final class CheckRunner {

    /** Runs every check class found in {@code checksClasses}; a check running longer than {@code perCheck} is stopped. */
    public List<CheckResult> run(Path checksClasses, CheckContext context, Duration perCheck, GradingListener listener) {
        return launch(checksClasses, context, perCheck, listener, CheckParameterResolver.class);
    }

    /**
     * Every check the grading of {@code checksClasses} would report, each with the points it is worth, without running
     * one: the same launcher, discovery and annotation reading as {@link #run}, with {@link TallyOnly} skipping every
     * test (and dynamic test) as it comes, after parameterized and nested containers have made their leaves. A
     * container that cannot start without a grading (a {@code @BeforeAll} taking the function) counts as the one
     * errored check worth its discovered leaves, as in a grading where it fails.
     */
    List<CheckResult> tally(Path checksClasses, Duration perContainer) {
        return launch(checksClasses, null, perContainer, new GradingListener() { }, TallyOnly.class);
    }

    private List<CheckResult> launch(Path checksClasses, CheckContext context, Duration perCheck,
                                     GradingListener listener, Class<?> extension) {
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {checksClasses.toUri().toURL()},
                CheckRunner.class.getClassLoader())) {
            // Jupiter finds the auto-detected extension and loads check classes through the context class loader.
            Thread.currentThread().setContextClassLoader(loader);
            LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                    .selectors(checkClassNames(checksClasses).stream()
                            .map(name -> DiscoverySelectors.selectClass(loader, name)).toList())
                    .configurationParameters(Map.of(
                            "junit.jupiter.extensions.autodetection.enabled", "true",
                            "junit.jupiter.extensions.autodetection.include", extension.getName(),
                            "junit.jupiter.execution.timeout.default", perCheck.toSeconds() + " s",
                            "junit.jupiter.execution.timeout.thread.mode.default", "SEPARATE_THREAD",
                            "junit.jupiter.execution.parallel.enabled", "false",
                            // Authors order checks with @Order; unannotated ones keep JUnit's stable default order.
                            "junit.jupiter.testmethod.order.default",
                            "org.junit.jupiter.api.MethodOrderer$OrderAnnotation"))
                    .build();
            LauncherConfig config = LauncherConfig.builder()
                    .enableTestEngineAutoRegistration(false)
                    .enableLauncherSessionListenerAutoRegistration(false)
                    .enableLauncherDiscoveryListenerAutoRegistration(false)
                    .enablePostDiscoveryFilterAutoRegistration(false)
                    .enableTestExecutionListenerAutoRegistration(false)
                    .addTestEngines(new JupiterTestEngine())
                    .build();
            CheckListener checks = context == null ? new CheckListener(listener, perCheck, loader)
                    : new CheckListener(listener, perCheck, loader, context::invocationsSoFar);
            try (LauncherSession session = LauncherFactory.openSession(config)) {
                if (context != null) {
                    session.getStore().put(Namespace.create(CheckParameterResolver.NAMESPACE), CheckContext.class,
                            context);
                }
                session.getLauncher().execute(request, checks);
            }
            return checks.results();
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    /** Top-level classes only: Jupiter discovers nested classes from their enclosing class. */
    private static List<String> checkClassNames(Path classesDir) throws IOException {
        try (Stream<Path> files = Files.walk(classesDir)) {
            return files.filter(p -> p.toString().endsWith(".class") && !p.getFileName().toString().contains("$"))
                    .map(p -> classesDir.relativize(p).toString().replace(classesDir.getFileSystem().getSeparator(), ".")
                            .replaceAll("\\.class$", ""))
                    .sorted()
                    .toList();
        }
    }
}
