/** Moved to src/core/did-you-mean.ts (the rules layer needs it too); kept so existing imports resolve. */
export { closest, didYouMean } from '../core/did-you-mean.js';
