/** Registers the readers of every non-text format. */
export {};
