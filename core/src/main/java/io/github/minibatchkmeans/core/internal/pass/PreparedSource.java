package io.github.minibatchkmeans.core.internal.pass;

import io.github.minibatchkmeans.core.internal.metric.Geometry;

/**
 * A source whose rows are, for the moment, already prepared for a metric ({@link Geometry#prepare}):
 * passes use them as they are, in place where they are in memory, and never prepare them twice.
 */
public interface PreparedSource {
    /** The metric the rows it delivers now are prepared for, or null while they come as the data has them. */
    Geometry preparedFor();
}
