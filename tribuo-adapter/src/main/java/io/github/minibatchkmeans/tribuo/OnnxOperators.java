package io.github.minibatchkmeans.tribuo;

import ai.onnx.proto.OnnxMl;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.tribuo.util.onnx.ONNXAttribute;
import org.tribuo.util.onnx.ONNXOperator;
import org.tribuo.util.onnx.ONNXOperators;

/** The standard ONNX operators the k-means graph needs that Tribuo 4.3's {@link ONNXOperators} lacks. */
enum OnnxOperators implements ONNXOperator {
    /** Index of the smallest value along an axis (int64 output). */
    ARG_MIN("ArgMin", List.of(new ONNXAttribute("axis", OnnxMl.AttributeProto.AttributeType.INT, false),
            new ONNXAttribute("keepdims", OnnxMl.AttributeProto.AttributeType.INT, false))),
    /** max(x, 0), to clamp rounding below zero before a square root. */
    RELU("Relu", List.of()),
    SQRT("Sqrt", List.of());

    private final String name;
    private final Map<String, ONNXAttribute> attributes;

    OnnxOperators(String name, List<ONNXAttribute> attributes) {
        this.name = name;
        this.attributes = attributes.stream().collect(Collectors.toUnmodifiableMap(ONNXAttribute::getName, Function.identity()));
    }

    @Override
    public String getOpName() {
        return name;
    }

    @Override
    public int getNumInputs() {
        return 1;
    }

    @Override
    public int getNumOptionalInputs() {
        return 0;
    }

    @Override
    public int getNumOutputs() {
        return 1;
    }

    @Override
    public Map<String, ONNXAttribute> getAttributes() {
        return attributes;
    }

    @Override
    public Set<String> getMandatoryAttributeNames() {
        return Collections.emptySet();
    }

    @Override
    public int getOpVersion() {
        return ONNXOperators.getOpsetVersion();
    }

    @Override
    public String getOpDomain() {
        return null; // the default ONNX domain, as for ONNXOperators
    }
}
