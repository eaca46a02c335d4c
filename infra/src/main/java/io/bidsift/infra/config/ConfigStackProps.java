package io.bidsift.infra.config;

import software.amazon.awscdk.StackProps;

/** @param minEstimatedBidRecall estimated live bid recall under which a model deployment rolls back */
public record ConfigStackProps(StackProps stackProps, double minEstimatedBidRecall) {
}
