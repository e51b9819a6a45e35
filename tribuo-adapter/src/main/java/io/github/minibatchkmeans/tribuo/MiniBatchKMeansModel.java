package io.github.minibatchkmeans.tribuo;

import ai.onnx.proto.OnnxMl;
import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.oracle.labs.mlrg.olcut.util.Pair;
import io.github.minibatchkmeans.core.IterationRecord;
import io.github.minibatchkmeans.core.KMeansModel;
import io.github.minibatchkmeans.core.Metric;
import io.github.minibatchkmeans.core.spi.Values;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tribuo.Example;
import org.tribuo.Excuse;
import org.tribuo.Feature;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Model;
import org.tribuo.ONNXExportable;
import org.tribuo.Prediction;
import org.tribuo.clustering.ClusterID;
import org.tribuo.impl.ModelDataCarrier;
import org.tribuo.math.la.DenseVector;
import org.tribuo.protos.core.ModelProto;
import org.tribuo.provenance.ModelProvenance;
import org.tribuo.util.onnx.ONNXContext;
import org.tribuo.util.onnx.ONNXInitializer;
import org.tribuo.util.onnx.ONNXNode;
import org.tribuo.util.onnx.ONNXOperators;
import org.tribuo.util.onnx.ONNXPlaceholder;
import org.tribuo.util.onnx.ONNXRef;

/**
 * A mini-batch k-means model for Tribuo: nearest-centroid prediction under squared Euclidean
 * distance (ties to the lowest cluster id), the centroids, and how training went (inertia,
 * iterations, per-iteration history).
 *
 * <p>Serializes with Java serialization and Tribuo's protobuf format; both carry the project's one
 * model document (the JSON the command-line tool writes) beside Tribuo's own metadata.
 *
 * <p>Exports to ONNX ({@link #exportONNXModel}): input {@code input} float {@code [batch, d]};
 * outputs {@code distances} float {@code [batch, k]} (Euclidean) and {@code cluster} int64
 * {@code [batch]}. The graph centres the data on the centroids' mean before the float32 matrix
 * product, so the expanded-form distances keep their precision.
 */
public final class MiniBatchKMeansModel extends Model<ClusterID> implements ONNXExportable {
    private static final long serialVersionUID = 2L;
    /** Protobuf payload version: 2 carries the model document; 0 (release 0.1.0) is still read. */
    public static final int CURRENT_VERSION = 2;

    /** Java-serialized as its document ({@link #writeObject}). */
    private transient KMeansModel model;

    MiniBatchKMeansModel(String name, ModelProvenance provenance, ImmutableFeatureMap features,
                         ImmutableOutputInfo<ClusterID> outputs, KMeansModel model) {
        super(name, provenance, features, outputs, false);
        this.model = model;
    }

    /**
     * The engine's model: centroids in feature-id order, sizes, inertia, history.
     *
     * @return the model
     */
    public KMeansModel getKMeansModel() {
        return model;
    }

    /**
     * Copies of the centroids as Tribuo vectors, indexed by feature id (as {@code KMeansModel}).
     *
     * @return k vectors
     */
    public DenseVector[] getCentroidVectors() {
        DenseVector[] vectors = new DenseVector[model.k()];
        for (int c = 0; c < vectors.length; c++) {
            vectors[c] = DenseVector.createDenseVector(model.centroid(c));
        }
        return vectors;
    }

    /**
     * The centroids as named features (as {@code KMeansModel}).
     *
     * @return k lists of features
     */
    public List<List<Feature>> getCentroids() {
        List<List<Feature>> out = new ArrayList<>(model.k());
        for (int c = 0; c < model.k(); c++) {
            double[] centroid = model.centroid(c);
            List<Feature> features = new ArrayList<>(centroid.length);
            for (int j = 0; j < centroid.length; j++) {
                features.add(new Feature(featureIDMap.get(j).getName(), centroid[j]));
            }
            out.add(features);
        }
        return out;
    }

    /**
     * Weighted sum of squared distances of the training data to its centroids.
     *
     * @return the inertia
     */
    public double getInertia() {
        return model.inertia();
    }

    /**
     * Iterations (EXACT) or epochs (STOCHASTIC) that updated the centroids.
     *
     * @return the iterations
     */
    public int getIterations() {
        return model.iterations();
    }

    /**
     * What each iteration did: inertia, centroid shift, rows pruned, blocks unread.
     *
     * @return one record per iteration
     */
    public List<IterationRecord> getHistory() {
        return model.history();
    }

    @Override
    public Prediction<ClusterID> predict(Example<ClusterID> example) {
        double[] x = new double[featureIDMap.size()];
        int used = 0;
        for (Feature f : example) {
            int id = featureIDMap.getID(f.getName());
            if (id >= 0) {
                if (!Values.isUsableOrMissing(f.getValue())) { // NaN: missing, taken as the fit took it
                    throw new IllegalArgumentException("Example " + example + ": feature '" + f.getName() + "': "
                            + Values.problem(f.getValue()));
                }
                x[id] = f.getValue();
                used++;
            }
        }
        if (used == 0) {
            throw new IllegalArgumentException("No features found in Example " + example);
        }
        return new Prediction<>(new ClusterID(model.predict(x)), used, example);
    }

    @Override
    public Map<String, List<Pair<String, Double>>> getTopFeatures(int n) {
        return Collections.emptyMap();
    }

    @Override
    public Optional<Excuse<ClusterID>> getExcuse(Example<ClusterID> example) {
        return Optional.empty();
    }

    @Override
    protected MiniBatchKMeansModel copy(String newName, ModelProvenance newProvenance) {
        return new MiniBatchKMeansModel(newName, newProvenance, featureIDMap, outputIDInfo, model);
    }

    @Override
    public ModelProto serialize() {
        return ModelProto.newBuilder().setSerializedData(Any.pack(ModelProtos.toProto(createDataCarrier().serialize(), model)))
                .setClassName(MiniBatchKMeansModel.class.getName()).setVersion(CURRENT_VERSION).build();
    }

    /**
     * Tribuo's protobuf entry point, found by reflection from the class name in the {@code ModelProto}:
     * version 2 carries the model document, version 0 is the layout of release 0.1.0 (still read).
     *
     * @param version the payload version
     * @param className the class name in the {@code ModelProto}
     * @param message the payload
     * @return the model
     * @throws InvalidProtocolBufferException when the payload is not a model of a known version
     */
    public static MiniBatchKMeansModel deserializeFromProto(int version, String className, Any message)
            throws InvalidProtocolBufferException {
        ModelProtos.Read read = ModelProtos.read(version, message);
        ModelDataCarrier<?> carrier = ModelDataCarrier.deserialize(read.metadata());
        if (!carrier.outputDomain().getOutput(0).getClass().equals(ClusterID.class)) {
            throw new IllegalStateException("Invalid protobuf, output domain is not a clustering domain");
        }
        if (read.model().dimensions() != carrier.featureDomain().size()) {
            throw new IllegalStateException("Invalid protobuf, centroids have " + read.model().dimensions()
                    + " values but the feature domain has " + carrier.featureDomain().size() + " features");
        }
        @SuppressWarnings("unchecked") // checked just above
        ImmutableOutputInfo<ClusterID> outputs = (ImmutableOutputInfo<ClusterID>) carrier.outputDomain();
        return new MiniBatchKMeansModel(carrier.name(), carrier.provenance(), carrier.featureDomain(), outputs, read.model());
    }

    @Override
    public OnnxMl.ModelProto exportONNXModel(String domain, long modelVersion) {
        ONNXContext onnx = new ONNXContext();
        onnx.setName("MiniBatchKMeans");
        ONNXPlaceholder input = onnx.floatInput(featureIDMap.size());
        ONNXPlaceholder distances = onnx.floatOutput("distances", model.k());
        ONNXNode squared = squaredDistances(input);
        distances(squared).assignTo(distances);
        ONNXNode cluster = squared.apply(OnnxOperators.ARG_MIN, List.of("nearest"), Map.<String, Object>of("axis", 1, "keepdims", 0))
                .get(0);
        OnnxMl.ModelProto proto = ONNXExportable.buildModel(onnx, domain, modelVersion, this);
        OnnxMl.TypeProto int64Batch = OnnxMl.TypeProto.newBuilder().setTensorType(OnnxMl.TypeProto.Tensor.newBuilder()
                .setElemType(OnnxMl.TensorProto.DataType.INT64.getNumber())
                .setShape(OnnxMl.TensorShapeProto.newBuilder()
                        .addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimParam("batch")))).build();
        // Tribuo's context only makes float outputs: name the int64 one with an Identity node of our own.
        OnnxMl.NodeProto rename = OnnxMl.NodeProto.newBuilder().setOpType("Identity").setName("cluster_output")
                .addInput(cluster.getReference()).addOutput("cluster").build();
        OnnxMl.ValueInfoProto clusterOutput = OnnxMl.ValueInfoProto.newBuilder().setName("cluster").setType(int64Batch).build();
        return proto.toBuilder().setGraph(proto.getGraph().toBuilder().addNode(rename).addOutput(clusterOutput)).build();
    }

    /** Writes the graph computing the distances {@code [batch, k]} (Euclidean, or 1 − cos) from {@code input}. */
    @Override
    public ONNXNode writeONNXGraph(ONNXRef<?> input) {
        return distances(squaredDistances(input));
    }

    /** The distances as the model gives them, from the squared ones: Euclidean, or {@code 1 − cos} (half) for cosine. */
    private ONNXNode distances(ONNXNode squared) {
        if (model.metric() == Metric.COSINE) {
            return squared.apply(ONNXOperators.MUL, squared.onnxContext().constant("half", 0.5f));
        }
        return squared.apply(OnnxOperators.RELU).apply(OnnxOperators.SQRT);
    }

    /**
     * {@code ‖x−μ‖² − 2(x−μ)·(c−μ) + ‖c−μ‖²} with μ the centroids' mean: one Gemm for the cross
     * terms; centring keeps float32 from cancelling the large terms against each other.
     */
    private ONNXNode squaredDistances(ONNXRef<?> input) {
        ONNXContext onnx = input.onnxContext();
        int k = model.k();
        int d = featureIDMap.size();
        double[][] centroids = model.centroids();
        double[] mean = new double[d];
        for (double[] c : centroids) {
            for (int j = 0; j < d; j++) {
                mean[j] += c[j] / k;
            }
        }
        double[] norms = new double[k];
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < d; j++) {
                norms[c] += (centroids[c][j] - mean[j]) * (centroids[c][j] - mean[j]);
            }
        }
        ONNXInitializer centre = onnx.array("centroid_mean", mean);
        ONNXInitializer transposed = onnx.floatTensor("centroids_transposed", Arrays.asList(d, k), buffer -> {
            for (int j = 0; j < d; j++) {
                for (int c = 0; c < k; c++) {
                    buffer.put((float) (centroids[c][j] - mean[j]));
                }
            }
        });
        ONNXInitializer centroidNorms = onnx.array("centroid_norms", norms);
        ONNXInitializer axes = onnx.array("feature_axis", new long[] {1});
        ONNXRef<?> rows = input;
        if (model.metric() == Metric.COSINE) { // rows to unit length, as the model prepares them
            ONNXNode length = input.apply(ONNXOperators.MUL, input)
                    .apply(ONNXOperators.REDUCE_SUM, axes, Map.<String, Object>of("keepdims", 1)).apply(OnnxOperators.SQRT);
            rows = input.apply(ONNXOperators.DIV, length);
        }
        ONNXNode centred = rows.apply(ONNXOperators.SUB, centre);
        ONNXNode cross = centred.apply(ONNXOperators.GEMM, List.<ONNXRef<?>>of(transposed, centroidNorms),
                List.of("cross_terms"), Map.<String, Object>of("alpha", -2.0f, "beta", 1.0f)).get(0);
        ONNXNode rowNorms = centred.apply(ONNXOperators.MUL, centred)
                .apply(ONNXOperators.REDUCE_SUM, axes, Map.<String, Object>of("keepdims", 1));
        return cross.apply(ONNXOperators.ADD, rowNorms);
    }

    /**
     * Java serialization: Tribuo's fields, then the model document.
     *
     * @param out the stream
     * @throws java.io.IOException when writing fails
     */
    private void writeObject(java.io.ObjectOutputStream out) throws java.io.IOException {
        out.defaultWriteObject();
        out.writeObject(Documents.write(model));
    }

    /**
     * Java serialization: Tribuo's fields, then the model document, checked.
     *
     * @param in the stream
     * @throws java.io.IOException when reading fails or the document is invalid
     * @throws ClassNotFoundException when a class is missing
     */
    private void readObject(java.io.ObjectInputStream in) throws java.io.IOException, ClassNotFoundException {
        in.defaultReadObject();
        try {
            model = Documents.read((String) in.readObject(), "the serialized model");
        } catch (RuntimeException e) {
            throw new java.io.InvalidObjectException(e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "MiniBatchKMeansModel(k=" + model.k() + ",mode=" + model.mode() + ",iterations=" + model.iterations()
                + ",inertia=" + model.inertia() + ",features=" + featureIDMap.size() + ")";
    }
}
