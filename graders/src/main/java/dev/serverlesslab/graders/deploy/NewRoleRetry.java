package dev.serverlesslab.graders.deploy;

import java.time.Duration;
import java.util.function.Supplier;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;

/**
 * CreateFunction just after CreateRole: IAM is eventually consistent, so for a few seconds AWS Lambda answers "The
 * role defined for the function cannot be assumed by Lambda." for a role that exists. That answer is retried, one
 * second, then two, then five at a time, until {@code patience} is spent; every other answer is final at once.
 */
final class NewRoleRetry {

    /** What waits between attempts: {@link Thread#sleep(long)}, or a recorder in tests. */
    interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    static final String NOT_YET_ASSUMABLE = "cannot be assumed by Lambda";

    private NewRoleRetry() {
    }

    static <T> T call(Supplier<T> create, Duration patience, Sleeper sleeper) {
        long waited = 0;
        long step = 1000;
        while (true) {
            try {
                return create.get();
            } catch (InvalidParameterValueException e) {
                String message = e.getMessage() == null ? "" : e.getMessage();
                if (!message.contains(NOT_YET_ASSUMABLE) || waited + step > patience.toMillis()) {
                    throw e;
                }
                try {
                    sleeper.sleep(step);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                waited += step;
                step = Math.min(step * 2, 5000);
            }
        }
    }
}
