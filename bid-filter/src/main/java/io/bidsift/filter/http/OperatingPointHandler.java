package io.bidsift.filter.http;

import io.bidsift.bundle.JsonTrees;
import io.bidsift.filter.decide.OperatingPoint;
import io.bidsift.filter.decide.RecallTarget;
import io.bidsift.filter.model.ModelHolder;
import io.bidsift.filter.model.ServingModel;
import io.bidsift.json.JsonBoolean;
import io.bidsift.json.JsonInputException;
import io.bidsift.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * Operators move the operating point without retraining or restarting.
 *
 * <ul>
 *   <li>{@code /v1/target-recall}: GET shows the target and the per-DSP thresholds it gives the
 *       loaded model; PUT {@code {"target_recall": 0.97, "target_value_recall": 0.98}} sets it
 *       (read off each DSP's recall table in the bundle); DELETE goes back to the bundle's own
 *       thresholds.</li>
 *   <li>{@code /v1/shadow}: GET shows, PUT {@code {"shadow": true}} sets shadow mode.</li>
 * </ul>
 */
public final class OperatingPointHandler {

  private static final Logger log = LoggerFactory.getLogger(OperatingPointHandler.class);

  private final OperatingPoint operatingPoint;
  private final ModelHolder models;
  private final FilterResultWriter writer;

  public OperatingPointHandler(OperatingPoint operatingPoint, ModelHolder models, FilterResultWriter writer) {
    this.operatingPoint = operatingPoint;
    this.models = models;
    this.writer = writer;
  }

  public Mono<ServerResponse> get(ServerRequest request) {
    return ok();
  }

  public Mono<ServerResponse> put(ServerRequest request) {
    return request.bodyToMono(byte[].class).defaultIfEmpty(new byte[0]).flatMap(body -> {
      RecallTarget target;
      try {
        JsonObject o = JsonTrees.parseObject(body);
        Double valueRecall = JsonTrees.optionalNumber(o, "target_value_recall");
        target = new RecallTarget(JsonTrees.requireNumber(o, "target_recall"), valueRecall == null ? 0 : valueRecall);
      } catch (JsonInputException | IllegalArgumentException e) {
        return ServerResponse.badRequest().contentType(MediaType.APPLICATION_JSON)
            .bodyValue(writer.errors(List.of(e.getMessage())));
      }
      operatingPoint.setTarget(target);
      log.info("target recall set to {} (value recall {})", target.bidRecall(), target.valueRecall());
      return ok();
    });
  }

  public Mono<ServerResponse> delete(ServerRequest request) {
    operatingPoint.setTarget(null);
    log.info("target recall reset to each bundle's own");
    return ok();
  }

  public Mono<ServerResponse> getShadow(ServerRequest request) {
    return shadow();
  }

  public Mono<ServerResponse> putShadow(ServerRequest request) {
    return request.bodyToMono(byte[].class).defaultIfEmpty(new byte[0]).flatMap(body -> {
      boolean shadow;
      try {
        JsonObject o = JsonTrees.parseObject(body);
        if (!(o.get("shadow") instanceof JsonBoolean b)) {
          throw new JsonInputException("shadow must be true or false");
        }
        shadow = b.value();
      } catch (JsonInputException e) {
        return ServerResponse.badRequest().contentType(MediaType.APPLICATION_JSON)
            .bodyValue(writer.errors(List.of(e.getMessage())));
      }
      operatingPoint.setShadow(shadow);
      log.info("shadow mode {}", shadow ? "on: every DSP is called" : "off: the model filters");
      return shadow();
    });
  }

  private Mono<ServerResponse> shadow() {
    return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON)
        .bodyValue(JsonTrees.toBytes(JsonTrees.object().put("shadow", operatingPoint.shadow()).build(), false));
  }

  private Mono<ServerResponse> ok() {
    RecallTarget target = operatingPoint.target();
    ServingModel model = models.current();
    JsonTrees.ObjectBuilder thresholds = JsonTrees.object();
    if (model != null) {
      Map<String, Double> sorted = new TreeMap<>(operatingPoint.thresholds(model).asMap());
      sorted.forEach(thresholds::put);
    }
    Double bidRecall = null;
    Double valueRecall = null;
    if (target != null) {
      bidRecall = target.bidRecall();
      valueRecall = target.valueRecall();
    } else if (model != null) {
      bidRecall = model.manifest().targetRecall();
      valueRecall = model.manifest().targetValueRecall();
    }
    JsonObject body = JsonTrees.object()
        .put("source", target == null ? "bundle" : "override")
        .put("target_recall", bidRecall)
        .put("target_value_recall", valueRecall)
        .put("model", model == null ? null : model.version())
        .put("thresholds", thresholds.build())
        .build();
    return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(JsonTrees.toBytes(body, false));
  }
}
