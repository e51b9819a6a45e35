package io.github.minibatchkmeans.tribuo;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.oracle.labs.mlrg.olcut.config.protobuf.protos.RootProvenanceProto;
import io.github.minibatchkmeans.core.IterationRecord;
import io.github.minibatchkmeans.core.KMeansModel;
import io.github.minibatchkmeans.core.Mode;
import io.github.minibatchkmeans.core.spi.InvalidInputException;
import io.github.minibatchkmeans.tribuo.protos.MiniBatchKMeansModelDocumentProto;
import java.util.ArrayList;
import java.util.List;
import org.tribuo.clustering.kmeans.protos.KMeansModelProto;
import org.tribuo.math.la.DenseVector;
import org.tribuo.math.la.Tensor;
import org.tribuo.protos.core.ModelDataProto;

/** {@link KMeansModel} to and from the protobuf payload of a {@link MiniBatchKMeansModel}. */
final class ModelProtos {
    private ModelProtos() {
    }

    /** What a payload holds: Tribuo's metadata and the k-means model. */
    record Read(ModelDataProto metadata, KMeansModel model) {
    }

    /** Payload version 2: the metadata and the model document. */
    static MiniBatchKMeansModelDocumentProto toProto(ModelDataProto metadata, KMeansModel model) {
        return MiniBatchKMeansModelDocumentProto.newBuilder().setMetadata(metadata.toByteString())
                .setDocument(Documents.write(model)).build();
    }

    static Read read(int version, Any message) throws InvalidProtocolBufferException {
        try {
            return switch (version) {
                case 2 -> fromDocument(message.unpack(MiniBatchKMeansModelDocumentProto.class));
                case 0 -> fromRelease010(message.unpack(KMeansModelProto.class));
                default -> throw new IllegalArgumentException("Unknown MiniBatchKMeansModel protobuf version " + version
                        + ": this build reads versions 0 and 2");
            };
        } catch (InvalidInputException e) {
            throw new IllegalStateException("Invalid protobuf, " + e.getMessage(), e);
        }
    }

    private static Read fromDocument(MiniBatchKMeansModelDocumentProto proto) throws InvalidProtocolBufferException {
        return new Read(ModelDataProto.parseFrom(proto.getMetadata()), Documents.read(proto.getDocument(), "the protobuf's model"));
    }

    private static double[][] rows(List<Double> values, int k, int d) {
        if (values.size() != k * d) {
            throw new IllegalStateException("Invalid protobuf, expected " + k + " × " + d + " values, found " + values.size());
        }
        double[][] rows = new double[k][d];
        for (int i = 0; i < values.size(); i++) {
            rows[i / d][i % d] = values.get(i);
        }
        return rows;
    }

    /**
     * Release 0.1.0 stored Tribuo's {@code KMeansModelProto}: the k centroids as dense vectors, then
     * {@code [k, inertia, iterations, converged, mode ordinal]}, the sizes, and the history's inertias
     * and shifts as four more vectors. Its trainer provenance names the core's {@code Mode} enum by
     * its 0.1.0 class name; that is rewritten to the trainer's own enum, which has the same constants.
     */
    private static Read fromRelease010(KMeansModelProto proto) {
        int vectors = proto.getCentroidVectorsCount();
        if (vectors < 5) {
            throw new IllegalStateException("Invalid protobuf, a version 0 model needs at least 5 vectors, found " + vectors);
        }
        double[] stats = values(proto, vectors - 4);
        int k = (int) stats[0];
        if (stats.length != 5 || vectors != k + 4 || stats[4] < 0 || stats[4] >= Mode.values().length) {
            throw new IllegalStateException("Invalid protobuf, not a version 0 MiniBatchKMeansModel");
        }
        double[][] centroids = new double[k][];
        for (int c = 0; c < k; c++) {
            centroids[c] = values(proto, c);
        }
        double[] inertias = values(proto, k + 2);
        double[] shifts = values(proto, k + 3);
        if (inertias.length != shifts.length) {
            throw new IllegalStateException("Invalid protobuf, history vectors differ in length");
        }
        List<IterationRecord> history = new ArrayList<>(inertias.length);
        for (int i = 0; i < inertias.length; i++) {
            history.add(new IterationRecord(inertias[i], shifts[i]));
        }
        KMeansModel model = KMeansModel.builder(centroids).mode(Mode.values()[(int) stats[4]]).sizes(values(proto, k + 1))
                .inertia(stats[1]).iterations((int) stats[2]).converged(stats[3] != 0).history(history).build();
        return new Read(withCurrentModeEnum(proto.getMetadata()), model);
    }

    private static final String RELEASE_010_MODE = "io.github.minibatchkmeans.core.engine.Mode";

    private static ModelDataProto withCurrentModeEnum(ModelDataProto metadata) {
        RootProvenanceProto.Builder provenance = metadata.getProvenance().toBuilder();
        for (int i = 0; i < provenance.getSmpCount(); i++) {
            if (RELEASE_010_MODE.equals(provenance.getSmp(i).getAdditional())) {
                provenance.setSmp(i, provenance.getSmp(i).toBuilder().setAdditional(MiniBatchKMeansTrainer.Mode.class.getName()));
            }
        }
        return metadata.toBuilder().setProvenance(provenance).build();
    }

    private static double[] values(KMeansModelProto proto, int i) {
        Tensor tensor = Tensor.deserialize(proto.getCentroidVectors(i));
        if (!(tensor instanceof DenseVector vector)) {
            throw new IllegalStateException("Invalid protobuf, vector " + i + " is a " + tensor.getClass().getSimpleName());
        }
        return vector.toArray();
    }
}
