/** Messages between `ModelWorker` (the API's thread) and the model thread (worker.ts). */
import type { AiTaskName } from '../../db/enums.ts';
import type { FinishReason, GenerateOptions } from '../generate.ts';

export interface ModelRef { version: string; dir: string }

export type ToWorker =
  | { type: 'generate'; id: number; model: ModelRef; task: AiTaskName; prompt: string; options: GenerateOptions; stream: boolean }
  /** Drop every loaded model not named here (the registry moved on). */
  | { type: 'retain'; versions: string[] };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'chunk'; id: number; text: string }
  | { type: 'done'; id: number; text: string; tokens: number; finishReason: FinishReason; ms: number }
  | { type: 'error'; id: number; message: string };
