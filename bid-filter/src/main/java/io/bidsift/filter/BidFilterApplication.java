package io.bidsift.filter;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The bid-filter service. Run it with {@code ./bidsift serve bid-filter} ({@link ServeBidFilterCommand}). */
@SpringBootApplication
@ConfigurationPropertiesScan
public class BidFilterApplication {

  /**
   * The application, reading {@code bid-filter.properties} rather than {@code application.properties}:
   * a classpath-root {@code application.properties} would also configure any other Spring Boot
   * application sharing the classpath (the auction server's tests run this service in-process).
   */
  public static SpringApplication create() {
    SpringApplication app = new SpringApplication(BidFilterApplication.class);
    app.setDefaultProperties(Map.of("spring.config.name", "bid-filter"));
    return app;
  }

  public static void main(String[] args) {
    create().run(args);
  }
}
