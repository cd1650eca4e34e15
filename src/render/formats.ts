/** Output formats of `render`, in a module of their own so the command line can list them without loading a renderer. */
export const RENDER_FORMATS = ['docx', 'html', 'md', 'txt'] as const;
export type RenderFormat = (typeof RENDER_FORMATS)[number];
/** What `render` writes: the report formats, and the fill-in workbook. */
export const OUTPUT_FORMATS = [...RENDER_FORMATS, 'xlsx'] as const;
