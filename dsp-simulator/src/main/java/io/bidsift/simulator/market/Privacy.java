package io.bidsift.simulator.market;

/**
 * Privacy signals.
 *
 * @param consentRate         share of GDPR requests that carry a TCF consent string ({@code user.consent})
 * @param usPrivacyRate       share of US requests with {@code regs.us_privacy}
 * @param usPrivacyOptOutRate share of those whose user opted out of sale ({@code 1YYN})
 * @param gppRate             share of US and GDPR requests with {@code regs.gpp} and {@code gpp_sid}
 */
public record Privacy(double consentRate, double usPrivacyRate, double usPrivacyOptOutRate, double gppRate) {
}
