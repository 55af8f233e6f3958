package dev.serverlesslab.server.browser;

import java.util.List;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * {@code @ExtendWith(ScreenshotOnFailure.class)}: when a test fails, every {@link Browser} still open gets a screenshot
 * in {@code target/screenshots/<test>-<n>.png} before the failure goes on, so a broken page can be seen, not guessed.
 * Open browsers in the test and close them in {@code @AfterEach}, which runs after this.
 */
public final class ScreenshotOnFailure implements TestExecutionExceptionHandler {

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        List<Browser> open = List.copyOf(Browser.OPEN);
        String name = context.getRequiredTestClass().getSimpleName() + "-" + context.getRequiredTestMethod().getName();
        for (int i = 0; i < open.size(); i++) {
            try {
                failure.addSuppressed(new AssertionError("screenshot: " + open.get(i).screenshot(name + "-" + i)
                        .toAbsolutePath() + " at " + open.get(i).url()));
            } catch (RuntimeException screenshotFailed) {
                failure.addSuppressed(screenshotFailed);
            }
        }
        throw failure;
    }
}
