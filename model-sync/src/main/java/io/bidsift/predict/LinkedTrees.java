package io.bidsift.predict;

import java.util.List;

/**
 * Trees too deep to pad ({@link TreeLayout#MAX_COMPLETE_DEPTH}): all nodes in one {@code int[]},
 * {@value #STRIDE} ints per node, each tree breadth-first so a node's children sit side by side
 * (right = left + one node). A node is {@code [split, threshold, left]}: {@code split} is the
 * feature index shifted left once with bit 0 set when missing values go left, or {@link #LEAF};
 * {@code threshold} holds the float bits of the threshold, or of the value for a leaf; {@code left}
 * is the offset of the left child.
 */
final class LinkedTrees implements TreeLayout {

  private static final int STRIDE = 3;
  private static final int LEAF = -1;

  private final int[] roots;
  private final int[] nodes;

  LinkedTrees(List<XgbTree> trees) {
    int total = 0;
    for (XgbTree tree : trees) {
      total += tree.lefts().length;
    }
    roots = new int[trees.size()];
    nodes = new int[Math.multiplyExact(total, STRIDE)];
    int offset = 0;
    for (int t = 0; t < roots.length; t++) {
      roots[t] = offset;
      offset = write(trees.get(t), offset);
    }
  }

  /** Writes one tree breadth-first from {@code offset}; returns the offset after it. */
  private int write(XgbTree tree, int offset) {
    int n = tree.lefts().length;
    int[] order = new int[n];
    int[] position = new int[n];
    int count = 1;
    for (int k = 0; k < count; k++) {
      int id = order[k];
      position[id] = offset + k * STRIDE;
      if (!tree.isLeaf(id)) {
        order[count++] = tree.lefts()[id];
        order[count++] = tree.rights()[id];
      }
    }
    for (int k = 0; k < count; k++) {
      int id = order[k];
      int at = position[id];
      nodes[at] = tree.isLeaf(id) ? LEAF : tree.splitIndices()[id] << 1 | (tree.defaultLeft()[id] ? 1 : 0);
      nodes[at + 1] = Float.floatToRawIntBits(tree.conditions()[id]);
      nodes[at + 2] = tree.isLeaf(id) ? 0 : position[tree.lefts()[id]];
    }
    return offset + count * STRIDE;
  }

  @Override
  public int treeCount() {
    return roots.length;
  }

  @Override
  public float addLeaves(float[] features, float sum) {
    final int[] nodes = this.nodes;
    final int[] roots = this.roots;
    for (int t = 0; t < roots.length; t++) {
      int n = roots[t];
      int split;
      while ((split = nodes[n]) != LEAF) {
        float value = features[split >>> 1];
        boolean goLeft = value < Float.intBitsToFloat(nodes[n + 1]) || (value != value && (split & 1) != 0);
        n = goLeft ? nodes[n + 2] : nodes[n + 2] + STRIDE;
      }
      sum += Float.intBitsToFloat(nodes[n + 1]);
    }
    return sum;
  }
}
