package dev.serverlesslab.emulator.lambda.bootstrap;

import com.amazonaws.services.lambda.runtime.Context;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A loaded handler reduced to the stream shape every form can take: event bytes in, response bytes out.
 */
@FunctionalInterface
interface Invocable {

    void invoke(InputStream event, OutputStream response, Context context) throws Throwable;
}
