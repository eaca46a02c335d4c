package io.bidsift.training.evaluate;

/**
 * Sorts row numbers by a double key, highest first, without boxing: a bottom-up merge sort over
 * {@code int[]} (stable, O(n log n), for the few million rows of an evaluation).
 */
final class DescendingOrder {

  private DescendingOrder() {
  }

  /** {@code rows} (not modified) ordered by {@code keys[row]}, highest first; equal keys keep their order. */
  static int[] of(double[] keys, int[] rows) {
    int n = rows.length;
    int[] a = rows.clone();
    int[] b = new int[n];
    for (int width = 1; width < n; width *= 2) {
      for (int lo = 0; lo < n; lo += 2 * width) {
        int mid = Math.min(lo + width, n);
        int hi = Math.min(lo + 2 * width, n);
        int i = lo;
        int j = mid;
        int k = lo;
        while (i < mid && j < hi) {
          b[k++] = keys[a[j]] > keys[a[i]] ? a[j++] : a[i++];
        }
        while (i < mid) {
          b[k++] = a[i++];
        }
        while (j < hi) {
          b[k++] = a[j++];
        }
      }
      int[] t = a;
      a = b;
      b = t;
    }
    return a;
  }
}
