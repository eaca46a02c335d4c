package io.bidsift.testsupport.fuzz;

/**
 * What a {@link Mutation} did to a valid request, how often the generator picks it (per mille), and
 * the one status it must get when only one is right (0 when several can be).
 */
public enum MutationKind {
  /** No change: valid requests among the mutated ones, so answered auctions can be counted. */
  VALID(100, 0),
  TRUNCATION(140, 0),
  BYTE_FLIP(130, 0),
  /** A value replaced by one of another JSON type (string, number, object, array, null, boolean). */
  TYPE_SWAP(180, 0),
  /** 1e400, 20-digit integers, -0, NaN, Infinity, 100-digit numbers... in place of a value. */
  HUGE_NUMBER(100, 0),
  DUPLICATE_KEY(70, 0),
  INVALID_UTF8(70, 400),
  /** A non-JSON Content-Type, or none, on a valid body. */
  CONTENT_TYPE(60, 0),
  EMPTY_BODY(20, 400),
  /** 10,000 nested arrays or objects in place of a value: always past the depth limit. */
  DEEP_NESTING(40, 400),
  /** 100,000 elements in place of a value. */
  HUGE_ARRAY(30, 0),
  /** A string of 100 K, 140 K (over the string limit) or 1 M characters in place of a value. */
  OVERLONG_STRING(40, 0),
  /** A 10 MB body. */
  HUGE_BODY(10, 413);

  final int perMille;
  final int onlyStatus;

  MutationKind(int perMille, int onlyStatus) {
    this.perMille = perMille;
    this.onlyStatus = onlyStatus;
  }
}
