package dev.serverlesslab.emulator.core;

/**
 * An error a service answers with, named by its AWS error code; the wire protocol decides how it is written.
 */
public class AwsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String code;
    private final int httpStatus;

    public AwsException(String code, String message, int httpStatus) {
        super(message);
        this.code = code;
        this.httpStatus = httpStatus;
    }

    public String code() {
        return code;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** True when AWS would blame itself (5xx) rather than the caller. */
    public boolean isServerFault() {
        return httpStatus >= 500;
    }
}
