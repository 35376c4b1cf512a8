export { appendTrailers, type AppendOptions } from './append.js';
export { assertTrailerKey, formatTrailer, sanitizeValue, TRAILER_KEY, TRAILER_WIDTH } from './format.js';
export { parseTrailers, splitTrailerLine, type ParseOptions, type Trailer } from './parse.js';
export { joinReason, REASON_SEPARATOR, splitReason } from './reason.js';
export { findTrailerBlock, type BlockOptions, type ConfiguredTrailer, type TrailerBlock } from './trailer-block.js';
