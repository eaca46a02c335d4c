package io.bidsift.predict;

import java.util.List;

/** The trees of a model laid out for scoring; immutable, so any number of threads may share it. */
sealed interface TreeLayout permits CompleteTrees, LinkedTrees {

  /**
   * Trees up to this depth are padded to complete trees: a depth-10 tree takes 12 KiB; deeper
   * ones (lossguide growth) would grow exponentially, so the model keeps linked nodes instead.
   */
  int MAX_COMPLETE_DEPTH = 10;

  /** Complete trees when no tree is deeper than {@code maxCompleteDepth}, else linked nodes. */
  static TreeLayout of(List<XgbTree> trees, int maxCompleteDepth) {
    int depth = 0;
    for (XgbTree tree : trees) {
      depth = Math.max(depth, tree.depth());
    }
    return depth <= maxCompleteDepth ? new CompleteTrees(trees, depth) : new LinkedTrees(trees);
  }

  int treeCount();

  /** {@code sum} plus the leaf each tree gives {@code features}, added in float in tree order, as XGBoost does. */
  float addLeaves(float[] features, float sum);
}
