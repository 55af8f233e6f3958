package checks;

import java.util.Map;

/**
 * The worker the learner's dispatcher calls, created by the checks from this class alone: it answers the job it was
 * given and, when asked to, holds its execution environment busy for a while first, saying so in its log.
 */
public class Worker {

    public Map<String, String> handleRequest(Map<String, Object> event) throws InterruptedException {
        String job = String.valueOf(event.get("job"));
        if (event.get("holdMs") instanceof Number hold) {
            System.out.println("holding " + job);
            Thread.sleep(hold.longValue());
        }
        return Map.of("job", job);
    }
}
