/** Text normalisation for the crisis screener lives in ./screening/normalise; this keeps the older import path. */
export * from './screening/normalise';
