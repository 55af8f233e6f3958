package dev.serverlesslab.emulator.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.serverlesslab.emulator.core.AwsException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The operations of a service on an RPC protocol (awsJson's {@code X-Amz-Target}, the query protocol's
 * {@code Action}) by their AWS names, the counterpart of {@link RestOperations}: the table that dispatches them is
 * also the list an unknown operation's error names, so what a service says it supports is what it serves. An
 * operation it does not hold answers the protocol's own error, naming it: {@code UnknownOperationException} for
 * awsJson, {@code InvalidAction} for the query protocol (as AWS's services answer an operation they do not have).
 *
 * @param <H> how the service answers one operation (its own reading of the request and its result shape)
 */
public final class Operations<H> {

    private final Protocol protocol;
    private final String service;
    private final Map<String, H> handlers;
    private final Map<String, String> refusals;
    private final RequiredMembers required;

    /**
     * @param protocol how the service's requests arrive, which decides the unknown operation's error code
     * @param service how messages name the service: the {@code X-Amz-Target} prefix (e.g. {@code TrentService}) or,
     *     for the query protocol, the service's name (e.g. {@code IAM})
     */
    public Operations(Protocol protocol, String service) {
        this(protocol, service, RequiredMembers.NONE);
    }

    /**
     * A table whose operations refuse a request missing a member AWS requires ({@link #check}) before they run.
     *
     * @param required the members each operation requires and the service's error for one missing
     */
    public Operations(Protocol protocol, String service, RequiredMembers required) {
        this(protocol, service, new LinkedHashMap<>(), new LinkedHashMap<>(), required);
    }

    private Operations(Protocol protocol, String service, Map<String, H> handlers, Map<String, String> refusals,
            RequiredMembers required) {
        this.protocol = protocol;
        this.service = service;
        this.handlers = handlers;
        this.refusals = refusals;
        this.required = required;
    }

    /**
     * The same table, answering an unknown operation in another protocol's way: for a service served over two
     * protocols (SQS over awsJson and query), whose operations are one table either way.
     */
    public Operations<H> inProtocol(Protocol other, String otherService) {
        return new Operations<>(other, otherService, handlers, refusals, required);
    }

    /** Serves the operation {@code name} with {@code handler}; a name is served once. */
    public Operations<H> add(String name, H handler) {
        if (handlers.putIfAbsent(name, handler) != null) {
            throw new IllegalArgumentException(service + " serves " + name + " twice");
        }
        return this;
    }

    /** Refuses the operation {@code name} with the reason given, for an operation a learner is likely to try. */
    public Operations<H> refuse(String name, String reason) {
        refusals.put(name, reason);
        return this;
    }

    /** The handler of the operation, or the protocol's unknown-operation error naming it. */
    public H find(String operation) {
        H handler = handlers.get(operation);
        if (handler == null) {
            throw unknown(operation);
        }
        return handler;
    }

    /**
     * Refuses a request to {@code operation} that leaves out a member AWS requires, with the service's validation
     * error naming it, as AWS does before the operation runs; call it once the request is read, before the handler.
     *
     * @param request the request's members by their wire names (see {@link RequiredMembers#inJson},
     *     {@link RequiredMembers#inQuery})
     */
    public void check(String operation, JsonNode request) {
        required.check(operation, request);
    }

    /** The members each operation requires, as {@link #check} applies them. */
    public RequiredMembers required() {
        return required;
    }

    /** The operations served, in the order they were added. */
    public List<String> supported() {
        return List.copyOf(handlers.keySet());
    }

    /** The error for an operation this service does not serve, naming it, why (when known) and what it serves. */
    public AwsException unknown(String operation) {
        String reason = refusals.get(operation);
        String because = reason == null ? "" : " (" + reason + ")";
        String implemented = "; it implements: " + String.join(", ", handlers.keySet());
        if (protocol == Protocol.QUERY) {
            return new AwsException("InvalidAction", "Serverless Lab's emulator does not implement the " + service
                    + " action " + operation + because + implemented, 400);
        }
        return new AwsException("UnknownOperationException", "Serverless Lab's emulator does not implement "
                + service + "." + operation + because + implemented, 400);
    }
}
