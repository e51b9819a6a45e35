package io.github.minibatchkmeans.core.internal.kernel;

import static io.github.minibatchkmeans.core.internal.kernel.FusedMultiplyAdd.madd;

import io.github.minibatchkmeans.core.internal.rows.Rows;

/**
 * The kernel in plain Java: register tiles of 4 rows × 4 centroids — 16 independent
 * accumulators, each value loaded once per tile instead of once per product. Java never
 * reassociates floating-point sums, so C2 cannot vectorize the dot products; the tile keeps the
 * FPU busy instead, with one fused multiply-add per product where the processor has the
 * instruction ({@link FusedMultiplyAdd#madd}). Used when the JVM lacks the Vector API.
 */
final class ScalarKernel extends Kernel {
    private static final int TILE = 4;
    /** Centred centroids, centroid-major: {@code (c − o)} at {@code c·d + j}. */
    private final double[] centred;

    ScalarKernel(double[][] centers, double[] origin) {
        super(centers, origin);
        this.centred = new double[k * dims];
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < dims; j++) {
                centred[c * dims + j] = centers[c][j] - origin[j];
            }
        }
    }

    @Override
    public String name() {
        return "scalar";
    }

    /** Scratch: four centred rows, then their dot products with every centroid. */
    @Override
    public double[] newScratch() {
        return new double[TILE * dims + TILE * k];
    }

    @Override
    public void nearest(Rows rows, int first, int[] rowIndex, int count, int[] labels, double[] best, double[] second,
                        double[] norms, double[] scratch, RowSink sink) {
        int dots = TILE * dims;
        for (int r = 0; r < count; r += TILE) {
            int tile = Math.min(TILE, count - r);
            centre(rows, first, rowIndex, r, tile, scratch, norms);
            dotsOfTile(scratch, tile, dots);
            for (int q = 0; q < tile; q++) {
                pickFromDots(scratch, dots + q * k, r + q, labels, best, second);
                boolean gaps = Double.isNaN(norms[r + q]); // missing values, left out (MissingValues.IGNORE)
                if (gaps) {
                    nearestWithGaps(rows, rowAt(first, rowIndex, r + q), r + q, labels, best, second, norms);
                }
                if (sink != null) {
                    sink.accept(r + q, labels[r + q], gaps ? null : scratch, q * dims, Math.max(0, best[r + q] + norms[r + q]));
                }
            }
        }
    }

    @Override
    public void scores(Rows rows, int first, int[] rowIndex, int count, double[] out, double[] norms, double[] scratch) {
        int dots = TILE * dims;
        for (int r = 0; r < count; r += TILE) {
            int tile = Math.min(TILE, count - r);
            centre(rows, first, rowIndex, r, tile, scratch, norms);
            dotsOfTile(scratch, tile, dots);
            for (int q = 0; q < tile; q++) {
                for (int c = 0; c < k; c++) {
                    out[(r + q) * k + c] = bias[c] - 2 * scratch[dots + q * k + c];
                }
                if (Double.isNaN(norms[r + q])) {
                    scoresWithGaps(rows, rowAt(first, rowIndex, r + q), r + q, out, norms);
                }
            }
        }
    }

    /**
     * Copies rows r .. r+tile−1 of the call, minus the origin, to the head of {@code scratch}; their
     * squared norms to {@code norms}. A full tile runs its four rows side by side: four independent
     * sums instead of one chain of dependent adds (each norm still sums its features in order).
     */
    private void centreTile(double[] data, int first, int[] rowIndex, int r, int tile, double[] scratch, double[] norms) {
        double[] origin = originValues();
        if (tile == TILE) {
            int f0 = rowOffset(first, rowIndex, r);
            int f1 = rowOffset(first, rowIndex, r + 1);
            int f2 = rowOffset(first, rowIndex, r + 2);
            int f3 = rowOffset(first, rowIndex, r + 3);
            int d = dims;
            double n0 = 0, n1 = 0, n2 = 0, n3 = 0;
            for (int j = 0; j < d; j++) {
                double o = origin[j];
                double v0 = data[f0 + j] - o, v1 = data[f1 + j] - o, v2 = data[f2 + j] - o, v3 = data[f3 + j] - o;
                scratch[j] = v0;
                scratch[d + j] = v1;
                scratch[2 * d + j] = v2;
                scratch[3 * d + j] = v3;
                n0 = madd(v0, v0, n0);
                n1 = madd(v1, v1, n1);
                n2 = madd(v2, v2, n2);
                n3 = madd(v3, v3, n3);
            }
            norms[r] = n0;
            norms[r + 1] = n1;
            norms[r + 2] = n2;
            norms[r + 3] = n3;
            return;
        }
        for (int q = 0; q < tile; q++) {
            int from = rowOffset(first, rowIndex, r + q);
            int to = q * dims;
            double norm = 0;
            for (int j = 0; j < dims; j++) {
                double v = data[from + j] - origin[j];
                scratch[to + j] = v;
                norm = madd(v, v, norm);
            }
            norms[r + q] = norm;
        }
    }

    /** Centres rows r .. r+tile−1 of the call into {@code scratch}, as they are held. */
    private void centre(Rows rows, int first, int[] rowIndex, int r, int tile, double[] scratch, double[] norms) {
        float[] floats = floatValues(rows);
        if (floats != null) {
            centreFloats(floats, first, rowIndex, r, tile, scratch, norms);
        } else {
            centreTile(denseValues(rows), first, rowIndex, r, tile, scratch, norms);
        }
    }

    /**
     * {@link #centreTile} of float32 rows: widened into the scratch rows they are centred in, then
     * centred there (the same values; first = −r makes row r + q of the call scratch row q).
     */
    private void centreFloats(float[] data, int first, int[] rowIndex, int r, int tile, double[] scratch, double[] norms) {
        for (int q = 0; q < tile; q++) {
            int from = rowOffset(first, rowIndex, r + q);
            for (int j = 0, to = q * dims; j < dims; j++) {
                scratch[to + j] = data[from + j];
            }
        }
        centreTile(scratch, -r, null, r, tile, scratch, norms);
    }

    /** Dot products of the tile's rows (at the head of {@code scratch}) with every centroid, at {@code scratch[dots ..]}. */
    private void dotsOfTile(double[] scratch, int tile, int dots) {
        if (tile == TILE) {
            dotsOfFourRows(scratch, 0, scratch, dots);
        } else {
            for (int q = 0; q < tile; q++) {
                dotsOfOneRow(scratch, q * dims, scratch, dots + q * k);
            }
        }
    }

    /** {@code out[at + q·k + c] = x_q · c} for the four rows starting at {@code x0}. */
    private void dotsOfFourRows(double[] x, int x0, double[] out, int at) {
        int x1 = x0 + dims;
        int x2 = x1 + dims;
        int x3 = x2 + dims;
        int c = 0;
        for (; c + TILE <= k; c += TILE) {
            int p0 = c * dims;
            int p1 = p0 + dims;
            int p2 = p1 + dims;
            int p3 = p2 + dims;
            double a00 = 0, a01 = 0, a02 = 0, a03 = 0, a10 = 0, a11 = 0, a12 = 0, a13 = 0;
            double a20 = 0, a21 = 0, a22 = 0, a23 = 0, a30 = 0, a31 = 0, a32 = 0, a33 = 0;
            for (int j = 0; j < dims; j++) {
                double v0 = x[x0 + j], v1 = x[x1 + j], v2 = x[x2 + j], v3 = x[x3 + j];
                double c0 = centred[p0 + j], c1 = centred[p1 + j], c2 = centred[p2 + j], c3 = centred[p3 + j];
                a00 = madd(v0, c0, a00); a01 = madd(v0, c1, a01); a02 = madd(v0, c2, a02); a03 = madd(v0, c3, a03);
                a10 = madd(v1, c0, a10); a11 = madd(v1, c1, a11); a12 = madd(v1, c2, a12); a13 = madd(v1, c3, a13);
                a20 = madd(v2, c0, a20); a21 = madd(v2, c1, a21); a22 = madd(v2, c2, a22); a23 = madd(v2, c3, a23);
                a30 = madd(v3, c0, a30); a31 = madd(v3, c1, a31); a32 = madd(v3, c2, a32); a33 = madd(v3, c3, a33);
            }
            int o0 = at + c;
            int o1 = o0 + k;
            int o2 = o1 + k;
            int o3 = o2 + k;
            out[o0] = a00; out[o0 + 1] = a01; out[o0 + 2] = a02; out[o0 + 3] = a03;
            out[o1] = a10; out[o1 + 1] = a11; out[o1 + 2] = a12; out[o1 + 3] = a13;
            out[o2] = a20; out[o2 + 1] = a21; out[o2 + 2] = a22; out[o2 + 3] = a23;
            out[o3] = a30; out[o3 + 1] = a31; out[o3 + 2] = a32; out[o3 + 3] = a33;
        }
        if (c + 2 <= k) { // a pair left: eight chains keep both multiply-add units busy, four would not
            int p0 = c * dims;
            int p1 = p0 + dims;
            double a00 = 0, a01 = 0, a10 = 0, a11 = 0, a20 = 0, a21 = 0, a30 = 0, a31 = 0;
            for (int j = 0; j < dims; j++) {
                double v0 = x[x0 + j], v1 = x[x1 + j], v2 = x[x2 + j], v3 = x[x3 + j];
                double c0 = centred[p0 + j], c1 = centred[p1 + j];
                a00 = madd(v0, c0, a00); a01 = madd(v0, c1, a01);
                a10 = madd(v1, c0, a10); a11 = madd(v1, c1, a11);
                a20 = madd(v2, c0, a20); a21 = madd(v2, c1, a21);
                a30 = madd(v3, c0, a30); a31 = madd(v3, c1, a31);
            }
            out[at + c] = a00;
            out[at + c + 1] = a01;
            out[at + k + c] = a10;
            out[at + k + c + 1] = a11;
            out[at + 2 * k + c] = a20;
            out[at + 2 * k + c + 1] = a21;
            out[at + 3 * k + c] = a30;
            out[at + 3 * k + c + 1] = a31;
            c += 2;
        }
        for (; c < k; c++) {
            int p = c * dims;
            double a0 = 0, a1 = 0, a2 = 0, a3 = 0;
            for (int j = 0; j < dims; j++) {
                double cv = centred[p + j];
                a0 = madd(x[x0 + j], cv, a0);
                a1 = madd(x[x1 + j], cv, a1);
                a2 = madd(x[x2 + j], cv, a2);
                a3 = madd(x[x3 + j], cv, a3);
            }
            out[at + c] = a0;
            out[at + k + c] = a1;
            out[at + 2 * k + c] = a2;
            out[at + 3 * k + c] = a3;
        }
    }

    /** {@code out[at + c] = x · c} for the row at {@code x0}. */
    private void dotsOfOneRow(double[] x, int x0, double[] out, int at) {
        int c = 0;
        for (; c + TILE <= k; c += TILE) {
            int p0 = c * dims;
            int p1 = p0 + dims;
            int p2 = p1 + dims;
            int p3 = p2 + dims;
            double a0 = 0, a1 = 0, a2 = 0, a3 = 0;
            for (int j = 0; j < dims; j++) {
                double v = x[x0 + j];
                a0 = madd(v, centred[p0 + j], a0);
                a1 = madd(v, centred[p1 + j], a1);
                a2 = madd(v, centred[p2 + j], a2);
                a3 = madd(v, centred[p3 + j], a3);
            }
            out[at + c] = a0;
            out[at + c + 1] = a1;
            out[at + c + 2] = a2;
            out[at + c + 3] = a3;
        }
        for (; c < k; c++) {
            int p = c * dims;
            double a = 0;
            for (int j = 0; j < dims; j++) {
                a = madd(x[x0 + j], centred[p + j], a);
            }
            out[at + c] = a;
        }
    }
}
