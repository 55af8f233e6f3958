package dev.serverlesslab.emulator.s3;

import dev.serverlesslab.emulator.core.AwsException;
import dev.serverlesslab.emulator.http.AwsRequest;
import dev.serverlesslab.emulator.http.AwsResponse;
import dev.serverlesslab.emulator.http.AwsService;
import dev.serverlesslab.emulator.http.OperationRouter;
import dev.serverlesslab.emulator.http.Protocol;
import dev.serverlesslab.emulator.http.RestCall;
import dev.serverlesslab.emulator.http.RestOperations;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Amazon S3's wire (REST-XML): resolves each request to its operation through S3's model table
 * ({@code operations/s3.txt}), in path or virtual-host style, and answers S3's XML. Operations of the model it does
 * not serve answer {@code NotImplemented} (501) naming the operation, as S3 answers for what it lacks.
 */
public final class S3Handler implements AwsService {

    private final S3Backend backend;
    private final Clock clock;
    private final Map<String, RestOperations.Operation> handlers = new LinkedHashMap<>();
    private final RestOperations operations;

    public S3Handler(S3Backend backend) {
        this.backend = backend;
        this.clock = backend.clock();
        BucketRoutes buckets = new BucketRoutes(backend);
        ObjectRoutes objects = new ObjectRoutes(backend);
        handlers.put("ListBuckets", buckets::listBuckets);
        handlers.put("CreateBucket", buckets::createBucket);
        handlers.put("HeadBucket", buckets::headBucket);
        handlers.put("DeleteBucket", buckets::deleteBucket);
        handlers.put("GetBucketLocation", buckets::getBucketLocation);
        handlers.put("ListObjects", call -> buckets.listObjects(call, false));
        handlers.put("ListObjectsV2", call -> buckets.listObjects(call, true));
        handlers.put("DeleteObjects", objects::deleteObjects);
        handlers.put("PutBucketNotificationConfiguration", buckets::putBucketNotificationConfiguration);
        handlers.put("GetBucketNotificationConfiguration", buckets::getBucketNotificationConfiguration);
        handlers.put("GetBucketVersioning", buckets::getBucketVersioning);
        handlers.put("PutObject", objects::putObject);
        handlers.put("GetObject", objects::getObject);
        handlers.put("HeadObject", objects::headObject);
        handlers.put("DeleteObject", objects::deleteObject);
        handlers.put("CopyObject", objects::copyObject);
        handlers.put("CreateMultipartUpload", objects::createMultipartUpload);
        handlers.put("UploadPart", objects::uploadPart);
        handlers.put("CompleteMultipartUpload", objects::completeMultipartUpload);
        handlers.put("AbortMultipartUpload", objects::abortMultipartUpload);
        handlers.put("ListParts", objects::listParts);
        this.operations = new RestOperations("S3", OperationRouter.forService("s3"), handlers);
    }

    @Override
    public String signingName() {
        return "s3";
    }

    @Override
    public Protocol protocol() {
        return Protocol.REST_XML;
    }

    /** The operations served, as listed in error messages. */
    @Override
    public List<String> operations() {
        return operations.supported();
    }

    @Override
    public AwsResponse handle(AwsRequest received) {
        AwsRequest request = S3Addressing.pathStyle(received);
        try {
            S3Addressing.checkNotExpired(request, clock);
            OperationRouter.Resolved resolved = operations.resolve(request).orElseThrow(() -> notImplemented(
                    request.method() + " " + request.rawPath()));
            String operation = refine(resolved.operation(), request);
            RestOperations.Operation handler = handlers.get(operation);
            if (handler == null) {
                throw notImplemented("the S3 operation " + operation);
            }
            return handler.handle(new RestCall(request, operation, resolved.pathParameters()));
        } catch (AwsException e) {
            return S3Xml.error(e, request);
        }
    }

    /**
     * The operation among those S3's model gives the same method and URI, told apart as S3 does: by the
     * {@code uploadId} query parameter (multipart calls) and the {@code x-amz-copy-source} header (copies); the legacy
     * notification and lifecycle operations share their wire with the current ones.
     */
    static String refine(String resolved, AwsRequest request) {
        boolean upload = request.query().containsKey("uploadId");
        boolean copy = request.header("x-amz-copy-source") != null;
        return switch (resolved) {
            case "PutObject", "CopyObject", "UploadPart", "UploadPartCopy" ->
                    upload ? (copy ? "UploadPartCopy" : "UploadPart") : (copy ? "CopyObject" : "PutObject");
            case "GetObject", "ListParts" -> upload ? "ListParts" : "GetObject";
            case "DeleteObject", "AbortMultipartUpload" -> upload ? "AbortMultipartUpload" : "DeleteObject";
            case "GetBucketNotification" -> "GetBucketNotificationConfiguration";
            case "PutBucketNotification" -> "PutBucketNotificationConfiguration";
            case "GetBucketLifecycle" -> "GetBucketLifecycleConfiguration";
            case "PutBucketLifecycle" -> "PutBucketLifecycleConfiguration";
            default -> resolved;
        };
    }

    private S3Exception notImplemented(String what) {
        return S3Exception.notImplemented(what + " is not implemented by Serverless Lab's emulator; it implements: "
                + String.join(", ", operations.supported()));
    }
}
