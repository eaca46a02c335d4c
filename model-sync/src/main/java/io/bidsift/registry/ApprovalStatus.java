package io.bidsift.registry;

import java.util.Arrays;

/** A registered model's approval status, with its name in the SageMaker Model Registry. */
public enum ApprovalStatus {
  PENDING("PendingManualApproval"),
  APPROVED("Approved"),
  REJECTED("Rejected");

  private final String sageMakerName;

  ApprovalStatus(String sageMakerName) {
    this.sageMakerName = sageMakerName;
  }

  /** The value of SageMaker's {@code ModelApprovalStatus}. */
  public String sageMakerName() {
    return sageMakerName;
  }

  public static ApprovalStatus fromSageMakerName(String name) {
    return Arrays.stream(values())
        .filter(s -> s.sageMakerName.equals(name))
        .findFirst()
        .orElseThrow(() -> new RegistryException("unknown SageMaker ModelApprovalStatus '" + name + "'"));
  }
}
