/** Registers the readers of every non-text format. */
import './html.js';
import './markdown.js';
import './zip.js';
import './docx.js';
import './doc.js';
import './pdf.js';
import './json.js';
import './xlsx.js';
import './image.js';
