package io.bidsift.infra.images;

import java.util.List;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.ecr.LifecycleRule;
import software.amazon.awscdk.services.ecr.Repository;
import software.constructs.Construct;

/**
 * One ECR repository per image built from {@code docker/}. A stack of its own because images
 * must be pushed before the services that run them are deployed (see docs/operations.md).
 */
public final class ImagesStack extends Stack {

  private final Repository auctionServer;
  private final Repository bidFilter;
  private final Repository training;
  private final Repository tools;

  public ImagesStack(Construct scope, String id, StackProps props) {
    super(scope, id, props);
    auctionServer = repository("AuctionServer", "bidsift/auction-server");
    bidFilter = repository("BidFilter", "bidsift/bid-filter");
    training = repository("Training", "bidsift/training");
    tools = repository("Tools", "bidsift/tools");
  }

  private Repository repository(String id, String name) {
    return Repository.Builder.create(this, id)
        .repositoryName(name)
        .imageScanOnPush(true)
        .lifecycleRules(List.of(LifecycleRule.builder().description("keep the last 50 images").maxImageCount(50).build()))
        .removalPolicy(RemovalPolicy.RETAIN)
        .build();
  }

  public Repository auctionServer() {
    return auctionServer;
  }

  public Repository bidFilter() {
    return bidFilter;
  }

  /** The training and evaluation image (SageMaker training-container contract). */
  public Repository training() {
    return training;
  }

  /** model-sync's registry commands: register (pipeline) and promote (EventBridge). */
  public Repository tools() {
    return tools;
  }
}
