/** Slipway's version, printed by `slipway --version`. */
export const version = '0.1.0';
