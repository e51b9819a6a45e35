package io.github.minibatchkmeans.tribuo;

import com.oracle.labs.mlrg.olcut.provenance.ListProvenance;
import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import java.util.Map;
import org.tribuo.provenance.DataProvenance;
import org.tribuo.provenance.DatasetProvenance;

/**
 * Provenance of the data a model was trained on when it was streamed from a {@code DataSource}
 * without ever becoming a {@code Dataset}: the source's own provenance, and the counts seen.
 */
public final class StreamedDatasetProvenance extends DatasetProvenance {
    private static final long serialVersionUID = 1L;

    StreamedDatasetProvenance(DataProvenance source, long examples, int features, int clusters) {
        super(source, new ListProvenance<>(), "streamed " + source.getClassName(), false, false,
                (int) Math.min(Integer.MAX_VALUE, examples), features, clusters);
    }

    /**
     * For provenance deserialization.
     *
     * @param map the provenance's fields
     */
    public StreamedDatasetProvenance(Map<String, Provenance> map) {
        super(map);
    }
}
