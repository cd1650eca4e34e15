/**
 * Version of the extraction stored with each report. Bump it whenever reading, extraction
 * or the single-report checks change what a report yields: `nianbao ingest` then
 * re-extracts every stored report with an older version (content hash unchanged).
 */
export const PARSER_VERSION = 1;
