/**
 * Where the reader of each non-text format lives. A module is imported the first time a file
 * of its format arrives (it registers its reader then), so reading a text report never loads
 * htmlparser2, jszip, exceljs or pdf.js.
 */
export const READER_MODULES: Partial<Record<string, () => Promise<unknown>>> = {
  html: () => import('./html.js'),
  md: () => import('./markdown.js'),
  zip: () => import('./zip.js'),
  ole: () => import('./doc.js'),
  pdf: () => import('./pdf.js'),
  json: () => import('./json.js'),
  xlsx: () => import('./xlsx.js'),
  image: () => import('./image.js'),
  rtf: () => import('./converted.js'),
};
