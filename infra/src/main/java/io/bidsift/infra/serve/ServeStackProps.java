package io.bidsift.infra.serve;

import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ecr.IRepository;
import software.amazon.awscdk.services.s3.IBucket;

/**
 * @param bidFilterSource    the bid filters' model source, {@code appconfig:APP/ENV/PROFILE} (ids)
 * @param appConfigArn       the configuration ARN the bid filters may poll, and nothing else
 * @param certificateArn     ACM certificate for HTTPS on the public listener; null for plain HTTP
 * @param explorationRate    share of auctions sent to every DSP
 */
public record ServeStackProps(StackProps stackProps, IVpc vpc, IBucket rawLogs, IBucket models, IBucket accessLogs,
    IRepository auctionServerImage, IRepository bidFilterImage, String imageTag, String bidFilterSource,
    String appConfigArn, String certificateArn, double explorationRate) {
}
