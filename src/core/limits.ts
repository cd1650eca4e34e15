/** Limits that keep memory bounded whatever the input (documented in the README). */
export const LIMITS = {
  /** Largest file read at all (any format). */
  maxFileBytes: 64 * 1024 * 1024,
  /** Largest plain-text or HTML report: real reports are under 1 MB. */
  maxTextBytes: 8 * 1024 * 1024,
  /** Largest total uncompressed size of a DOCX/XLSX zip (zip-bomb guard). */
  maxUnzippedBytes: 200 * 1024 * 1024,
  /** Largest compression ratio of a single zip entry before we call it a bomb. */
  maxZipRatio: 200,
  /** PDF pages read. */
  maxPdfPages: 200,
  /** Longest digit run the cell splitter enumerates. */
  maxRunLength: 40,
} as const;
