// Saves the diagram as a file: SVG as built by export-svg.ts, PNG by drawing that SVG on a
// canvas (scaled down when the browser's canvas limits require it).
import type { SchemaModel } from '../schema/model';
import type { Cardinality, PositionedLayout } from './layout';
import { diagramSvg, type ExportTheme } from './export-svg';

function save(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 5000);
}

function baseName(model: SchemaModel): string {
  return `schemalab-${model.engine}-diagram`;
}

export function downloadSvg(
  model: SchemaModel,
  layout: PositionedLayout,
  cards: Map<string, Cardinality>,
  theme: ExportTheme,
): void {
  const svg = diagramSvg(model, layout, cards, theme);
  save(new Blob([svg], { type: 'image/svg+xml' }), `${baseName(model)}.svg`);
}

/** Chromium's canvas limits: 16,384 px per side, about 268 million pixels in all. */
const MAX_SIDE = 16_000;
const MAX_PIXELS = 200_000_000;

/** Draws the SVG on a canvas and saves a PNG; returns a note when it had to scale down. */
export async function downloadPng(
  model: SchemaModel,
  layout: PositionedLayout,
  cards: Map<string, Cardinality>,
  theme: ExportTheme,
): Promise<string> {
  const svg = diagramSvg(model, layout, cards, theme);
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const w = image.naturalWidth;
    const h = image.naturalHeight;
    const scale = Math.min(2, MAX_SIDE / w, MAX_SIDE / h, Math.sqrt(MAX_PIXELS / (w * h)));
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.floor(w * scale));
    canvas.height = Math.max(1, Math.floor(h * scale));
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('this browser cannot draw on a canvas');
    ctx.scale(scale, scale);
    ctx.drawImage(image, 0, 0);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (!blob) throw new Error('the browser could not encode the PNG');
    save(blob, `${baseName(model)}.png`);
    return scale < 1
      ? `The diagram is large, so the PNG was scaled to ${Math.round(scale * 100)}%.`
      : '';
  } finally {
    URL.revokeObjectURL(url);
  }
}
