/**
 * Messages between the writer thread and its detection thread: a slice of
 * stored messages to classify, and what detection found for them.
 */
import type { Detected, DeliveryIdentity } from '../verdicts/classify-chunk.js';

export interface DetectJob {
  kind: 'detect';
  id: number;
  /** Stored messages: the thread reads them (`again`: those that have a verdict too). */
  ids: number[];
  again: boolean;
  /**
   * Changes whenever what the context is read from may have changed (the thread then reads it
   * again before this job).
   */
  epoch: number;
}

export type DetectionThreadRequest = DetectJob;

export interface DetectAnswer {
  id: number;
  detected: Detected[];
  identities: DeliveryIdentity[];
  /** Messages detection failed on, with the error (its stack as the thread saw it). */
  failures: Array<{ messageId: number; message: string; stack?: string }>;
}

export type { DeliveryIdentity };
