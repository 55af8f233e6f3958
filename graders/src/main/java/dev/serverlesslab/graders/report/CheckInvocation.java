package dev.serverlesslab.graders.report;

/**
 * One invocation a check made of the learner's function, as the report keeps it so a learner can read what each
 * check sent and got back: the event, the answer, what the function logged and the platform's REPORT line. Every text
 * is cut to a few KB (a check may send or receive megabytes), saying how much was left out.
 *
 * @param requestId     the invocation's request id, or null when the backend did not say
 * @param event         the event the check sent, as JSON text
 * @param response      the payload the function answered (its result, or Lambda's error object)
 * @param functionError {@code Unhandled} when the handler failed (Lambda's {@code X-Amz-Function-Error}), else null
 * @param functionLog   what the function itself wrote during this invocation (platform lines left out)
 * @param report        the invocation's REPORT line from the platform, or null when Lambda wrote none
 */
public record CheckInvocation(String requestId, String event, String response, String functionError,
                              String functionLog, String report) {

    /** Event and response are shown as a summary; the first 2 KB say what was sent. */
    static final int MAX_PAYLOAD_CHARS = 2 * 1024;
    /** A handler printing in a loop must not make every report megabytes long. */
    static final int MAX_LOG_CHARS = 8 * 1024;

    public CheckInvocation {
        event = capped(WellFormedText.of(event), MAX_PAYLOAD_CHARS);
        response = capped(WellFormedText.of(response), MAX_PAYLOAD_CHARS);
        functionLog = capped(WellFormedText.of(functionLog == null ? "" : functionLog), MAX_LOG_CHARS);
        requestId = WellFormedText.of(requestId);
        functionError = WellFormedText.of(functionError);
        report = WellFormedText.of(report);
    }

    private static String capped(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, end) + "... [" + (text.length() - end) + " more characters not shown]";
    }
}
