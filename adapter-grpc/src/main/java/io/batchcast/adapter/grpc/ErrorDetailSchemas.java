package io.batchcast.adapter.grpc;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import com.google.rpc.ErrorDetailsProto;
import io.grpc.ServerServiceDefinition;
import io.grpc.protobuf.ProtoFileDescriptorSupplier;
import io.grpc.protobuf.ProtoServiceDescriptorSupplier;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes server reflection describe the error details our calls send in {@code grpc-status-details-bin}
 * (google.rpc.Status with ErrorInfo, BadRequest): without them, reflection clients such as {@code buf curl} and
 * grpcurl cannot decode the details and show them as base64. grpc-java's reflection service serves the file of
 * each registered service and that file's imports, and nothing else; so the file it is given for a service here
 * lists google/rpc/status.proto and google/rpc/error_details.proto as two more imports. The file keeps its name,
 * package, messages and services, so every symbol resolves as before, and the files a client fetches are exactly
 * the published ones plus the two google.rpc files.
 */
final class ErrorDetailSchemas {

    private static final List<FileDescriptor> ERROR_FILES =
            List.of(com.google.rpc.StatusProto.getDescriptor(), ErrorDetailsProto.getDescriptor());

    private ErrorDetailSchemas() {
    }

    /**
     * The schema descriptor for {@code service}: its own, with a file that also imports the google.rpc error files
     * ({@link StrictRequestParsing#wrap} puts it on the service it builds).
     */
    static Object of(ServerServiceDefinition service) {
        io.grpc.ServiceDescriptor original = service.getServiceDescriptor();
        if (!(original.getSchemaDescriptor() instanceof ProtoServiceDescriptorSupplier supplier)) {
            throw new IllegalArgumentException(original.getName() + " has no protobuf schema to extend");
        }
        return new Schema(withErrorFiles(supplier.getFileDescriptor()), original.getName());
    }

    private static FileDescriptor withErrorFiles(FileDescriptor file) {
        FileDescriptorProto.Builder proto = file.toProto().toBuilder();
        List<FileDescriptor> dependencies = new ArrayList<>(file.getDependencies());
        for (FileDescriptor errorFile : ERROR_FILES) {
            if (!proto.getDependencyList().contains(errorFile.getName())) {
                proto.addDependency(errorFile.getName());
                dependencies.add(errorFile);
            }
        }
        try {
            return FileDescriptor.buildFrom(proto.build(), dependencies.toArray(FileDescriptor[]::new));
        } catch (DescriptorValidationException e) {
            throw new IllegalStateException("cannot describe " + file.getName() + " for reflection", e);
        }
    }

    /** What the reflection service reads: the extended file, and the service in it. */
    private record Schema(FileDescriptor file, String serviceName)
            implements ProtoFileDescriptorSupplier, ProtoServiceDescriptorSupplier {

        @Override
        public FileDescriptor getFileDescriptor() {
            return file;
        }

        @Override
        public ServiceDescriptor getServiceDescriptor() {
            return file.findServiceByName(serviceName.substring(serviceName.lastIndexOf('.') + 1));
        }
    }
}
