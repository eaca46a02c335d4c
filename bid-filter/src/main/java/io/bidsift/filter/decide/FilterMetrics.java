package io.bidsift.filter.decide;

/** What the decision path reports; the service binds it to Micrometer. */
public interface FilterMetrics {

  /** One DSP decided; {@code known} is false for a DSP the model never saw. */
  void decision(String dsp, boolean known, Float score, boolean call, boolean explore);

  /** Time spent deciding one auction (signals, encodings, predictions, thresholds). */
  void decided(long nanos);

  /** An auction answered without the model; reason is {@code no_model} or {@code error}. */
  void failedOpen(String reason);

  /** A {@code POST /v1/filter} answered with this HTTP status. */
  void answered(int status);

  /** A call that never got a decision because of the client ({@code client_aborted}, {@code bad_framing}). */
  void clientError(String reason);

  FilterMetrics NONE = new FilterMetrics() {
    @Override
    public void decision(String dsp, boolean known, Float score, boolean call, boolean explore) {
    }

    @Override
    public void decided(long nanos) {
    }

    @Override
    public void failedOpen(String reason) {
    }

    @Override
    public void answered(int status) {
    }

    @Override
    public void clientError(String reason) {
    }
  };
}
