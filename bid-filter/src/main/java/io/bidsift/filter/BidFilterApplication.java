package io.bidsift.filter;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The bid-filter service. Run it with {@code ./bidsift serve bid-filter} ({@link ServeBidFilterCommand}). */
@SpringBootApplication
@ConfigurationPropertiesScan
public class BidFilterApplication {

  public static void main(String[] args) {
    SpringApplication.run(BidFilterApplication.class, args);
  }
}
