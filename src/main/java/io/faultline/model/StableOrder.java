package io.faultline.model;

/** A stable sort of row numbers by a long key, without boxing: equal keys keep their order. */
final class StableOrder {
    private StableOrder() {
    }

    /** The rows {@code 0..n-1} ordered by {@code keys[row]}, equal keys in row order; null when they are in order already. */
    static int[] byKey(long[] keys, int n) {
        int[] order = new int[n];
        boolean sorted = true;
        for (int i = 0; i < n; i++) {
            order[i] = i;
            sorted &= i == 0 || keys[i - 1] <= keys[i];
        }
        if (sorted) {
            return null;
        }
        int[] buffer = new int[n];
        for (int width = 1; width < n; width *= 2) {
            for (int lo = 0; lo < n; lo += 2 * width) {
                int mid = Math.min(lo + width, n);
                int hi = Math.min(lo + 2 * width, n);
                int i = lo;
                int j = mid;
                int k = lo;
                while (i < mid && j < hi) {
                    buffer[k++] = keys[order[j]] < keys[order[i]] ? order[j++] : order[i++];
                }
                while (i < mid) {
                    buffer[k++] = order[i++];
                }
                while (j < hi) {
                    buffer[k++] = order[j++];
                }
            }
            int[] t = order;
            order = buffer;
            buffer = t;
        }
        return order;
    }
}
