import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Roboto, shipped with pdfmake: every French accent and typographic sign (« », ’, no-break spaces) the report uses. */
export const robotoFolder = join(dirname(require.resolve('pdfmake/package.json')), 'fonts', 'Roboto');

export const robotoFiles = {
  normal: join(robotoFolder, 'Roboto-Regular.ttf'),
  bold: join(robotoFolder, 'Roboto-Medium.ttf'),
  italics: join(robotoFolder, 'Roboto-Italic.ttf'),
  bolditalics: join(robotoFolder, 'Roboto-MediumItalic.ttf'),
};

let buffers: Uint8Array[] | undefined;
/** The regular and bold faces, read once, for the SVG rasteriser. */
export function robotoBuffers(): Uint8Array[] {
  buffers ??= [readFileSync(robotoFiles.normal), readFileSync(robotoFiles.bold)];
  return buffers;
}
