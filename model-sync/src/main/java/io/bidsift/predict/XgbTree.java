package io.bidsift.predict;

import io.bidsift.json.JsonInputException;

/**
 * One regression tree as XGBoost stores it: parallel arrays indexed by node id, node 0 the root,
 * -1 for the children of a leaf, and a leaf's value in {@code conditions}. Construction checks the
 * shape (child ids in range, every node reached once from the root: no loops, no shared
 * children) and that every split reads a feature of the model, naming the JSON field at fault.
 */
record XgbTree(int[] splitIndices, float[] conditions, int[] lefts, int[] rights, boolean[] defaultLeft, int depth) {

  XgbTree(int featureCount, int[] splitIndices, float[] conditions, int[] lefts, int[] rights, boolean[] defaultLeft) {
    this(splitIndices, conditions, lefts, rights, defaultLeft, checkedDepth(featureCount, splitIndices, lefts, rights));
  }

  boolean isLeaf(int id) {
    return lefts[id] == -1;
  }

  /** Walks the tree breadth-first from the root; returns its depth (0 for a lone leaf). */
  private static int checkedDepth(int featureCount, int[] splitIndices, int[] lefts, int[] rights) {
    int n = lefts.length;
    int[] queue = new int[n];
    int[] level = new int[n];
    boolean[] seen = new boolean[n];
    seen[0] = true;
    int count = 1;
    int depth = 0;
    for (int k = 0; k < count; k++) {
      int id = queue[k];
      depth = Math.max(depth, level[id]);
      if (lefts[id] == -1 && rights[id] == -1) {
        continue;
      }
      if (splitIndices[id] < 0 || splitIndices[id] >= featureCount) {
        throw new JsonInputException("is " + splitIndices[id] + ", outside the model's " + featureCount + " features")
            .within("[" + id + "]").within(".split_indices");
      }
      for (int side = 0; side < 2; side++) {
        int child = side == 0 ? lefts[id] : rights[id];
        if (child < 0 || child >= n || seen[child]) {
          throw new JsonInputException("is " + child + ", which is not a new node of this " + n + "-node tree")
              .within("[" + id + "]").within(side == 0 ? ".left_children" : ".right_children");
        }
        seen[child] = true;
        level[child] = level[id] + 1;
        queue[count++] = child;
      }
    }
    return depth;
  }
}
