package io.bidsift.auction.config;

/** A DSP configuration that cannot be used; the message names the file and the field. */
public final class DspConfigException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public DspConfigException(String message) {
    super(message);
  }
}
