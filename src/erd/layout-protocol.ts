// Messages between the diagram and its layout worker.
import type { SchemaModel } from '../schema/model';
import type { Point, PositionedLayout } from './layout';

export interface LayoutRequest {
  id: number;
  model: SchemaModel;
  /** Cards that keep their place, by relation key. */
  pinned: Record<string, Point>;
}

export type LayoutResponse =
  | { id: number; ok: true; layout: PositionedLayout; ms: number }
  | { id: number; ok: false; message: string };

/** Everything the worker sends: answers, and one note when its warm-up has finished. */
export type LayoutWorkerMessage = LayoutResponse | { type: 'warm'; ms: number };
