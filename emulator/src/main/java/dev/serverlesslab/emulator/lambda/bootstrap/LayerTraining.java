package dev.serverlesslab.emulator.lambda.bootstrap;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of an SDK layer's archive recording that goes beyond {@link Training}: with the layer's jars in a task
 * class loader (as a handler's SDK classes are loaded), build each service client the layer holds, as a handler's
 * init does, and send one request to a throwaway local server. Written by the platform, and run only on layers the
 * platform built itself (the emulator checks that before it starts a recording), never on learner code.
 */
final class LayerTraining {

    /** {@code software/amazon/awssdk/services/dynamodb/DynamoDbClient.class}, never the async one. */
    private static final Pattern CLIENT = Pattern.compile(
            "software/amazon/awssdk/services/([a-z0-9]+)/([A-Za-z0-9]+)Client\\.class");

    private LayerTraining() {
    }

    /** @return how many clients made a request (for the trainer's own exit status, not for anything else) */
    static int run(String layerJars) throws IOException {
        if (layerJars == null || layerJars.isEmpty()) {
            return 0;
        }
        Path taskRoot = Files.createTempDirectory("layer-training-");
        try (URLClassLoader loader = TaskClassLoader.create(taskRoot.toString(), layerJars)) {
            return exerciseClients(loader, layerJars, () -> false);
        } finally {
            Files.deleteIfExists(taskRoot);
        }
    }

    /**
     * Builds each synchronous service client in {@code layerJars} through {@code loader} and sends one request to a
     * throwaway local server, leaving nothing a handler could notice: the credentials and region it uses are system
     * properties set only meanwhile, read through a credentials chain of its own (never the SDK's shared default
     * one, which would remember where it last found credentials), and every client is closed.
     *
     * @param stop asked before each client and each request; true ends the run there (a waiting environment's
     *     function has arrived, and its init should not wait for clients it may never use)
     * @return how many clients made a request
     */
    static int exerciseClients(ClassLoader loader, String layerJars, BooleanSupplier stop) throws IOException {
        Map<String, String> properties = Map.of("aws.accessKeyId", "training", "aws.secretAccessKey", "training",
                "aws.region", "us-west-2");
        Thread thread = Thread.currentThread();
        ClassLoader previousContext = thread.getContextClassLoader();
        int requests = 0;
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            properties.forEach(System::setProperty);
            Thread answering = new Thread(() -> answerAll(server), "layer-training-server");
            answering.setDaemon(true);
            answering.start();
            thread.setContextClassLoader(loader);
            URI endpoint = URI.create("http://127.0.0.1:" + server.getLocalPort());
            for (String client : clientInterfaces(layerJars)) {
                if (stop.getAsBoolean()) {
                    break;
                }
                if (exercise(loader, client, endpoint, stop)) {
                    requests++;
                }
            }
        } finally {
            thread.setContextClassLoader(previousContext);
            properties.keySet().forEach(System::clearProperty);
        }
        return requests;
    }

    /** The synchronous service client interfaces in the layer's jars, by name. */
    static List<String> clientInterfaces(String layerJars) throws IOException {
        List<String> clients = new ArrayList<>();
        for (String jar : layerJars.split(File.pathSeparator)) {
            try (JarFile file = new JarFile(jar)) {
                for (JarEntry entry : java.util.Collections.list(file.entries())) {
                    Matcher matcher = CLIENT.matcher(entry.getName());
                    if (matcher.matches() && !matcher.group(2).endsWith("Async")
                            && !matcher.group(2).startsWith("Default")) {
                        clients.add(entry.getName().replace('/', '.').substring(0,
                                entry.getName().length() - ".class".length()));
                    }
                }
            }
        }
        clients.sort(Comparator.naturalOrder());
        return clients;
    }

    /** Builds the client against {@code endpoint} and calls one operation that takes no arguments, if it has one. */
    private static boolean exercise(ClassLoader loader, String clientName, URI endpoint, BooleanSupplier stop) {
        try {
            Class<?> client = Class.forName(clientName, true, loader);
            if (!client.isInterface()) {
                return false;
            }
            Method builderMethod = client.getMethod("builder");
            Object builder = builderMethod.invoke(null);
            Method endpointOverride = findMethod(builder.getClass(), "endpointOverride", URI.class);
            endpointOverride.setAccessible(true);
            endpointOverride.invoke(builder, endpoint);
            try (AutoCloseable credentials = ownCredentialsChain(loader)) {
                Class<?> providerType = Class.forName(
                        "software.amazon.awssdk.auth.credentials.AwsCredentialsProvider", false, loader);
                Method credentialsProvider = findMethod(builder.getClass(), "credentialsProvider", providerType);
                credentialsProvider.setAccessible(true);
                credentialsProvider.invoke(builder, credentials);
                Method build = findMethod(builder.getClass(), "build");
                build.setAccessible(true);
                try (AutoCloseable instance = (AutoCloseable) build.invoke(builder)) {
                    Method operation = noArgumentOperation(client);
                    if (operation == null || stop.getAsBoolean()) {
                        return false;
                    }
                    try {
                        operation.invoke(instance);
                    } catch (ReflectiveOperationException | RuntimeException answeredOddly) {
                        // The throwaway server answers every protocol with the same body; an SDK error still loaded
                        // the request and response path a handler's first call takes.
                    }
                    return true;
                }
            }
        } catch (Exception | LinkageError e) {
            // A module without a client of this form (or a newer SDK shape): its classes simply stay out.
            return false;
        }
    }

    /** A new instance of the SDK's default credentials chain, as {@code DefaultCredentialsProvider.builder().build()}. */
    private static AutoCloseable ownCredentialsChain(ClassLoader loader) throws ReflectiveOperationException {
        Class<?> chain = Class.forName("software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider", true,
                loader);
        Object builder = chain.getMethod("builder").invoke(null);
        Method build = findMethod(builder.getClass(), "build");
        build.setAccessible(true);
        return (AutoCloseable) build.invoke(builder);
    }

    private static Method findMethod(Class<?> type, String name, Class<?>... parameters)
            throws NoSuchMethodException {
        for (Class<?> interfaceType : allInterfaces(type)) {
            try {
                return interfaceType.getMethod(name, parameters);
            } catch (NoSuchMethodException next) {
                // Try the next one.
            }
        }
        return type.getMethod(name, parameters);
    }

    private static List<Class<?>> allInterfaces(Class<?> type) {
        List<Class<?>> found = new ArrayList<>();
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Class<?> i : c.getInterfaces()) {
                found.add(i);
                found.addAll(allInterfaces(i));
            }
        }
        return found;
    }

    /** A list or describe operation callable without a request, e.g. ListTables or DescribeParameters. */
    private static Method noArgumentOperation(Class<?> client) {
        return java.util.Arrays.stream(client.getMethods())
                .filter(m -> m.getParameterCount() == 0 && !Modifier.isStatic(m.getModifiers()))
                .filter(m -> m.getName().startsWith("list") || m.getName().startsWith("describe"))
                .filter(m -> !m.getName().endsWith("Paginator"))
                .min(Comparator.comparing(Method::getName))
                .orElse(null);
    }

    /** Answers every request with 200 and an empty JSON object, on one connection after another. */
    private static void answerAll(ServerSocket server) {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                socket.setSoTimeout(5000);
                InputStream in = socket.getInputStream();
                OutputStream out = socket.getOutputStream();
                while (skipRequest(in)) {
                    out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/x-amz-json-1.0\r\n"
                            + "x-amzn-RequestId: training\r\nContent-Length: 2\r\n\r\n{}")
                            .getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
            } catch (IOException e) {
                // The next connection, or the end of training.
            }
        }
    }

    private static boolean skipRequest(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                return false;
            }
            head.append((char) b);
        }
        String text = head.toString().toLowerCase(java.util.Locale.ROOT);
        int length = text.indexOf("content-length:");
        if (length >= 0) {
            int end = text.indexOf("\r\n", length);
            in.readNBytes(Integer.parseInt(text.substring(length + "content-length:".length(), end).trim()));
        }
        return true;
    }
}
